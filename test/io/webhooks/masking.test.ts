/**
 * A webhook URL is a secret (Slack's token is in the path, a Teams workflow's signature in the query): whatever goes
 * wrong, no error the poster throws may carry it in full, since errors end up in logs and in owners' e-mails.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutgoingPost } from '#core/domain/channels.ts';
import { maskUrl, withoutUrl } from '#io/webhooks/mask-url.ts';
import { type CountingServer, fakeTime, posterFactory, rejection, scriptedDns, startCountingServer } from './helpers.ts';

describe('maskUrl', () => {
  it.each([
    ['https://hooks.slack.com/services/T0AAAA/B0BBBB/XXXXsecretXXXX', 'https://hooks.slack.com/services/…'],
    ['https://prod-12.westus.logic.azure.com:443/workflows/0a1b2c/triggers/manual/paths/invoke?api-version=2016-06-01&sig=SIGNATURE', 'https://prod-12.westus.logic.azure.com/workflows/…'],
    ['https://user:password@hooks.example.org:8443/a/b?c=d#e', 'https://hooks.example.org:8443/a/…'],
    ['https://hooks.example.org', 'https://hooks.example.org/…'],
    ['not a url at all', '(an invalid URL)'],
  ])('shows %s as %s', (url, shown) => {
    expect(maskUrl(url)).toBe(shown);
  });

  it('removes an echoed URL, its path and a lone token from a text', () => {
    const url = 'https://hooks.slack.com/services/T0AAAA/B0BBBB/XXXXsecretXXXX';

    const text = withoutUrl(`got ${url}, path /services/T0AAAA/B0BBBB/XXXXsecretXXXX, token XXXXsecretXXXX`, url);

    expect(text).not.toContain('XXXXsecretXXXX');
  });
});

describe('errors thrown by the poster', () => {
  const TOKEN = 'XXXXsecretXXXXtoken';
  let server: CountingServer;
  const posters = posterFactory();
  beforeEach(async () => {
    server = await startCountingServer((req, res) => {
      if (req.url?.startsWith('/hang/')) return;
      const [, status, retryAfter] = /^\/(\d{3})(?:-(\d+))?\//.exec(req.url ?? '') ?? [];
      // A hostile or chatty receiver: it echoes the URL, the path and the token it was posted at.
      res.writeHead(Number(status ?? 200), { ...(retryAfter ? { 'retry-after': retryAfter } : {}), ...(status?.startsWith('3') ? { location: '/elsewhere' } : {}) })
        .end(`posted at http://localhost:${server.port}${req.url} (${req.url}, ${TOKEN})`);
    });
  });
  afterEach(async () => { await posters.closeAll(); await server.close(); });

  const post = (path: string, options: { timeout?: number; host?: string } = {}): Promise<Error> => {
    const time = fakeTime();
    const poster = posters.make({ lookup: scriptedDns({ localhost: [['127.0.0.1']], 'hooks.example.org': [['10.0.0.1']] }), localOrigins: [`http://localhost:${server.port}`],
      sleep: time.sleep, now: time.now, attempts: 2, ...(options.timeout ? { totalTimeoutMs: options.timeout } : {}) });
    const url = `http://${options.host ?? 'localhost'}:${server.port}${path}/services/T0AAAA/B0BBBB/${TOKEN}`;
    const message: OutgoingPost = { subscriberId: 'c-test', destination: { kind: 'slack', url }, body: '{}', messageId: 'k' };
    return rejection(poster.post(message));
  };

  it.each([
    ['a 410', '/410'], ['a 404', '/404'], ['a 400 echoing the URL', '/400'], ['a redirect', '/301'], ['503 to every attempt', '/503'],
    ['a Retry-After too long to wait', '/429-3600'],
  ])('never carry the URL in full on %s', async (_case, path) => {
    const err = await post(path);

    expect(err.message).toContain(`http://localhost:${server.port}/`);
    expect(`${err.message}\n${err.stack}`).not.toContain(TOKEN);
  });

  it('never carry the URL in full when no answer comes (outcome unknown)', async () => {
    const err = await post('/hang', { timeout: 200 });

    expect(err.message).toContain('may or may not have been delivered');
    expect(`${err.message}\n${err.stack}`).not.toContain(TOKEN);
  });

  it('never carry the URL in full when the name resolves to a private address', async () => {
    const err = await post('/200', { host: 'hooks.example.org' });

    expect(err.message).toContain('10.0.0.1, a private address');
    expect(`${err.message}\n${err.stack}`).not.toContain(TOKEN);
  });

  it('never carry the URL in full when the scheme is refused', async () => {
    const poster = posters.make({});

    const err = await rejection(poster.post({ subscriberId: 'c-test', destination: { kind: 'slack', url: `http://hooks.slack.com/services/T0/B0/${TOKEN}` }, body: '{}', messageId: 'k' }));

    expect(err.message).toContain('http://hooks.slack.com/services/…');
    expect(`${err.message}\n${err.stack}`).not.toContain(TOKEN);
  });
});
