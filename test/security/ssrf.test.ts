/**
 * Server-side request forgery, through the real fetcher against local servers: a URL in the registry, a
 * listing entry or a redirect may name any host, but only the agencies' hosts are ever asked for anything.
 *
 * Each attack is checked where it would land: the "routed" fetcher sends every request it makes, whatever
 * the host, to one local server with the logical host in the Host header, so a forbidden request would be
 * counted there; the loopback attacks go straight at a real server on 127.0.0.1 with no routing at all.
 *
 * Already covered elsewhere (not repeated here): a redirect to 169.254.169.254 and to a host that would
 * answer, a host off the allowlist, credentials and ftp: in test/io/fetch/fetcher.test.ts; look-alike
 * hosts and file:/javascript: in checkUrl in test/io/fetch/allowlist.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Fetcher } from '#core/ports/fetcher.ts';
import { newSources, type FoundEntry } from '#core/discovery/discovered-sources.ts';
import { urlAllowed } from '#io/fetch/allowlist.ts';
import { FetchError } from '#io/fetch/errors.ts';
import { createFetcher, DEFAULT_FETCHER_OPTIONS, type FetcherOptions } from '#io/fetch/fetcher.ts';
import { startTestServer, type TestServer } from '../helpers/http-server.ts';

const AGENCIES = DEFAULT_FETCHER_OPTIONS.allowHosts;
const START = 'https://www.jst.go.jp/moved';

const failure = (promise: Promise<unknown>): Promise<FetchError> =>
  promise.then(() => { throw new Error('expected the fetch to be refused'); }, (err: unknown) => {
    expect(err).toBeInstanceOf(FetchError);
    return err as FetchError;
  });

describe('SSRF: what the fetcher refuses to ask for', () => {
  let server: TestServer;
  let fetchers: Fetcher[];
  const make = (options: Partial<FetcherOptions> = {}): Fetcher => {
    const fetcher = createFetcher({ ...DEFAULT_FETCHER_OPTIONS, route: { origin: server.origin }, politenessDelayMs: 1, retries: 0,
      connectTimeoutMs: 2000, totalTimeoutMs: 2000, ...options });
    fetchers.push(fetcher);
    return fetcher;
  };
  /** Requests that reached the local server other than the agency's own robots.txt and the redirecting page. */
  const strayRequests = () => server.requests.filter((r) => !(r.host === 'www.jst.go.jp' && (r.path === '/robots.txt' || r.path === '/moved')));
  const redirectTo = (location: string): void => {
    server.route('www.jst.go.jp /moved', (_req, res) => res.writeHead(302, { Location: location }).end());
  };

  beforeEach(async () => { server = await startTestServer(); fetchers = []; });
  afterEach(async () => {
    for (const f of fetchers) await f.close();
    await server.close();
  });

  describe('a link straight at the machine itself, over a real connection', () => {
    // No routing: the URL's own host and port are used, and the server below really listens there.
    const direct = (): Fetcher => make({ route: undefined, respectRobots: false });
    const port = (): string => new URL(server.origin).port;

    it('reaches the local server when 127.0.0.1 is allowed and named as the local origin (the counter sees a request that gets through)', async () => {
      server.route('127.0.0.1 /secret', (_req, res) => res.writeHead(200).end('secret'));

      // A loopback address on a random port is refused at connect time unless it is the explicitly allowed local origin.
      await make({ route: undefined, respectRobots: false, allowHosts: ['127.0.0.1'], localOrigin: server.origin }).fetch(`http://127.0.0.1:${port()}/secret`);

      expect(server.requests.map((r) => r.path)).toEqual(['/secret']);
    });

    it.each([
      ['127.0.0.1', (p: string) => `http://127.0.0.1:${p}/secret`, '127.0.0.1'],
      ['localhost', (p: string) => `http://localhost:${p}/secret`, 'localhost'],
      ['LOCALHOST. with a trailing dot', (p: string) => `http://LOCALHOST.:${p}/secret`, 'localhost.'],
      ['[::1]', (p: string) => `http://[::1]:${p}/secret`, '[::1]'],
      ['[::ffff:127.0.0.1]', (p: string) => `http://[::ffff:127.0.0.1]:${p}/secret`, '[::ffff:7f00:1]'],
      ['0.0.0.0', (p: string) => `http://0.0.0.0:${p}/secret`, '0.0.0.0'],
      ['decimal 2130706433', (p: string) => `http://2130706433:${p}/secret`, '127.0.0.1'],
      ['octal 0177.0.0.1', (p: string) => `http://0177.0.0.1:${p}/secret`, '127.0.0.1'],
      ['hex 0x7f000001', (p: string) => `http://0x7f000001:${p}/secret`, '127.0.0.1'],
      ['short 127.1', (p: string) => `http://127.1:${p}/secret`, '127.0.0.1'],
    ])('refuses %s before connecting, naming the host it resolved to', async (_name, url, shownHost) => {
      const err = await failure(direct().fetch(url(port())));

      expect(err.code).toBe('host-not-allowed');
      expect(err.message).toContain(`${shownHost} is not on the allowlist`);
      expect(server.requests).toEqual([]);
    });
  });

  describe('a link in the registry or a listing', () => {
    it.each([
      ['the cloud metadata service', 'http://169.254.169.254/latest/meta-data/iam/security-credentials/', 'host-not-allowed', '169.254.169.254 is not on the allowlist'],
      ['the metadata service in decimal', 'http://2852039166/latest/meta-data/', 'host-not-allowed', '169.254.169.254 is not on the allowlist'],
      ['a host that ends in an agency name', 'https://jst.go.jp.evil.example/call.html', 'host-not-allowed', 'jst.go.jp.evil.example is not on the allowlist'],
      ['a host that ends in an agency name, percent-encoded dot', 'https://www.jst.go.jp%2eevil.example/call.html', 'host-not-allowed', 'www.jst.go.jp.evil.example is not on the allowlist'],
      ['a host that merely contains an agency name', 'https://evil-jst.go.jp/call.html', 'host-not-allowed', 'evil-jst.go.jp is not on the allowlist'],
      ['an agency name as the user part (user@host)', 'https://www.jst.go.jp@evil.example/call.html', 'bad-url', 'URLs with credentials are never fetched'],
      ['an agency name and port as user:password', 'https://www.jst.go.jp:443@evil.example/', 'bad-url', 'URLs with credentials are never fetched'],
      ['file:', 'file:///etc/passwd', 'bad-url', 'the file: scheme is never fetched'],
      ['data:', 'data:text/html,<h1>deadline moved</h1>', 'bad-url', 'the data: scheme is never fetched'],
      ['gopher:', 'gopher://127.0.0.1:6379/_FLUSHALL', 'bad-url', 'the gopher: scheme is never fetched'],
    ])('refuses %s before any request, and says why', async (_name, url, code, reason) => {
      const err = await failure(make().fetch(url));

      expect(err.code).toBe(code);
      expect(err.message).toContain(reason);
      expect(server.requests).toEqual([]);
    });
  });

  describe('a redirect from an agency page', () => {
    it.each([
      ['127.0.0.1', 'http://127.0.0.1/secret', '127.0.0.1'],
      ['localhost', 'http://localhost:6379/secret', 'localhost'],
      ['[::1]', 'http://[::1]/secret', '[::1]'],
      ['0.0.0.0', 'http://0.0.0.0/secret', '0.0.0.0'],
      ['the metadata service in hex', 'http://0xa9fea9fe/latest/meta-data/', '169.254.169.254'],
      ['decimal 2130706433', 'http://2130706433/secret', '127.0.0.1'],
      ['octal 0177.0.0.1', 'http://0177.0.0.1/secret', '127.0.0.1'],
      ['a host that ends in an agency name', 'https://www.jst.go.jp.evil.example/secret', 'www.jst.go.jp.evil.example'],
      ['a host that merely contains an agency name', 'https://evil-jst.go.jp/secret', 'evil-jst.go.jp'],
      ['a protocol-relative location', '//evil.example/secret', 'evil.example'],
    ])('refuses a redirect to %s without following it', async (_name, location, shownHost) => {
      redirectTo(location);
      server.route(`${new URL(location, START).host} ${new URL(location, START).pathname}`, (_req, res) => res.writeHead(200).end('followed'));

      const err = await failure(make().fetch(START));

      expect(err.code).toBe('redirect-off-allowlist');
      expect(err.message).toContain(`redirected to ${shownHost}, which is not on the allowlist`);
      expect(strayRequests()).toEqual([]);
    });

    it.each([
      ['file:', 'file:///etc/passwd', 'the file: scheme is never fetched'],
      ['data:', 'data:text/html;base64,PHNjcmlwdD4=', 'the data: scheme is never fetched'],
      ['gopher:', 'gopher://127.0.0.1:11211/_stats', 'the gopher: scheme is never fetched'],
      ['user@host with an agency name as the user', 'https://www.jst.go.jp@evil.example/secret', 'URLs with credentials are never fetched'],
    ])('refuses a redirect to %s as a URL it never fetches', async (_name, location, reason) => {
      redirectTo(location);

      const err = await failure(make().fetch(START));

      expect(err.code).toBe('bad-url');
      expect(err.message).toContain(reason);
      expect(strayRequests()).toEqual([]);
    });

    it('follows a chain inside the allowlist and stops at the first hop that leaves it', async () => {
      server.route('www.jst.go.jp /moved', (_req, res) => res.writeHead(301, { Location: 'https://www.amed.go.jp/hop1' }).end());
      server.route('www.amed.go.jp /hop1', (_req, res) => res.writeHead(302, { Location: 'https://www.jsps.go.jp/hop2' }).end());
      server.route('www.jsps.go.jp /hop2', (_req, res) => res.writeHead(307, { Location: 'http://127.0.0.1:2375/containers/json' }).end());
      server.route('127.0.0.1 /containers/json', (_req, res) => res.writeHead(200).end('[]'));

      const err = await failure(make({ respectRobots: false }).fetch(START));

      expect(err.code).toBe('redirect-off-allowlist');
      expect(err.message).toContain('redirected to 127.0.0.1');
      expect(server.requests.map((r) => `${r.host}${r.path}`)).toEqual(['www.jst.go.jp/moved', 'www.amed.go.jp/hop1', 'www.jsps.go.jp/hop2']);
    });
  });

  describe('discovery: a listing entry pointing off the allowlist', () => {
    const entry = (url: string, alternateUrl?: string): FoundEntry => ({ title: 'New call', url, agency: 'JST', lang: 'en', kind: 'call', ...(alternateUrl ? { alternateUrl } : {}) });

    it('is never watched, whatever shape the host takes', () => {
      const offList = [
        'http://127.0.0.1/call.html', 'http://localhost/call.html', 'http://[::1]/call.html', 'http://169.254.169.254/latest/meta-data/',
        'http://0.0.0.0/call.html', 'http://2130706433/call.html', 'http://0177.0.0.1/call.html', 'http://0x7f000001/call.html',
        'file:///etc/passwd', 'data:text/html,call', 'gopher://127.0.0.1/_x', 'javascript:alert(1)',
        'https://jst.go.jp.evil.example/call.html', 'https://evil-jst.go.jp/call.html', 'https://www.jst.go.jp@evil.example/call.html', 'not a url',
      ];

      const found = newSources([...offList.map((url) => entry(url)), entry('https://www.jst.go.jp/call/new.html')], [], 'jst-calls', '2026-04-10T00:00:00.000Z', urlAllowed(AGENCIES));

      expect(found.map((s) => s.url)).toEqual(['https://www.jst.go.jp/call/new.html']);
    });

    it('drops an other-language twin that points off the allowlist, keeping the agency page', () => {
      const [source] = newSources([entry('https://www.jst.go.jp/call/new.html', 'http://169.254.169.254/ja.html')], [], 'jst-calls', '2026-04-10T00:00:00.000Z', urlAllowed(AGENCIES));

      expect(source?.discovered).not.toHaveProperty('alternateUrl');
      expect(source).not.toHaveProperty('program');
    });

    it('never watches an agency URL with credentials, and the fetcher refuses one anyway', async () => {
      // urlAllowed refuses what checkUrl refuses, so such an entry never becomes a source failing every cycle.
      const found = newSources([entry('https://attacker@www.jst.go.jp/call.html')], [], 'jst-calls', '2026-04-10T00:00:00.000Z', urlAllowed(AGENCIES));
      expect(found).toEqual([]);

      const err = await failure(make().fetch('https://attacker@www.jst.go.jp/call.html'));

      expect(err.code).toBe('bad-url');
      expect(server.requests).toEqual([]);
    });
  });
});
