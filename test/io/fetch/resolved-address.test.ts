/**
 * The allowlist names hosts, but a connection goes to an address: an agency name can be made to resolve
 * anywhere. The fetcher checks the address it is about to connect to, every hop, and speaks only on ports
 * 80 and 443. DNS is patched (the `lookup` seam) as the issue-15 probe did; nothing leaves the machine.
 */
import type { LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Fetcher, FetchedPage } from '#core/ports/fetcher.ts';
import { FetchError } from '#io/fetch/errors.ts';
import { createFetcher, DEFAULT_FETCHER_OPTIONS, type FetcherOptions } from '#io/fetch/fetcher.ts';
import { startTestServer, type TestServer } from '../../helpers/http-server.ts';

/** A DNS stand-in: each name answers with its listed addresses; every question is recorded. */
function patchedDns(table: Record<string, string[]>): LookupFunction & { asked: string[] } {
  const asked: string[] = [];
  const lookup = (hostname: string, options: { all?: boolean }, callback: (err: Error | null, address: string | LookupAddress[], family?: number) => void): void => {
    asked.push(hostname);
    const answers = (table[hostname] ?? []).map((address): LookupAddress => ({ address, family: address.includes(':') ? 6 : 4 }));
    if (answers.length === 0) callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), '', 4);
    else if (options.all) callback(null, answers);
    else callback(null, answers[0]!.address, answers[0]!.family);
  };
  return Object.assign(lookup as LookupFunction, { asked });
}

const failure = (promise: Promise<unknown>): Promise<FetchError> =>
  promise.then(() => { throw new Error('expected the fetch to be refused'); }, (err: unknown) => {
    expect(err).toBeInstanceOf(FetchError);
    return err as FetchError;
  });

describe('the fetcher and the address a name resolves to', () => {
  let server: TestServer;
  let fetchers: Fetcher[];
  let waits: number[];
  const make = (options: Partial<FetcherOptions>): Fetcher => {
    const fetcher = createFetcher({ ...DEFAULT_FETCHER_OPTIONS, politenessDelayMs: 0, retries: 2, connectTimeoutMs: 2000, totalTimeoutMs: 2000,
      sleep: async (ms) => { waits.push(ms); }, ...options });
    fetchers.push(fetcher);
    return fetcher;
  };

  beforeEach(async () => { server = await startTestServer(); fetchers = []; waits = []; });
  afterEach(async () => {
    for (const f of fetchers) await f.close();
    await server.close();
  });

  it.each([
    ['127.0.0.1', 'loopback'],
    ['::1', 'loopback'],
    ['169.254.169.254', 'cloud metadata'],
    ['10.0.0.1', 'private'],
    ['::ffff:127.0.0.1', 'loopback'],
  ])('refuses an agency name that resolves to %s, naming the %s range, and does not retry', async (address, range) => {
    const dns = patchedDns({ 'rebind.jst.go.jp': [address] });

    const err = await failure(make({ lookup: dns }).fetch('https://rebind.jst.go.jp/aspire/'));

    expect(err.code).toBe('address-not-allowed');
    expect(err.message).toContain(`rebind.jst.go.jp resolved to ${address}, a ${range} address`);
    expect(err.message).toContain('check the DNS records');
    expect(err.retryable).toBe(false);
    expect(waits).toEqual([]);
    expect(dns.asked).toContain('rebind.jst.go.jp');
  });

  it('refuses a name with one public and one loopback address rather than pick between them', async () => {
    const dns = patchedDns({ 'www.jst.go.jp': ['133.1.2.3', '127.0.0.1'] });

    const err = await failure(make({ lookup: dns, respectRobots: false }).fetch('https://www.jst.go.jp/aspire/'));

    expect(err.code).toBe('address-not-allowed');
    expect(err.message).toContain('127.0.0.1, a loopback address');
  });

  it('refuses an allowlisted IP literal on a loopback address, which no resolver is asked about', async () => {
    const dns = patchedDns({});

    const err = await failure(make({ lookup: dns, respectRobots: false, allowHosts: ['127.0.0.1'] }).fetch('http://127.0.0.1/secret'));

    expect(err.code).toBe('address-not-allowed');
    expect(err.message).toContain('127.0.0.1 is a loopback address');
    expect(dns.asked).toEqual([]);
  });

  describe('redirects', () => {
    // The test server is reached through the explicit local-origin option: www.jst.go.jp "resolves" to it on its own port.
    const port = (): string => new URL(server.origin).port;

    it.each([
      ['a name resolving to loopback', 'http://rebind.jst.go.jp/secret', 'rebind.jst.go.jp resolved to 127.0.0.1, a loopback address'],
      ['a name resolving to the metadata service', 'http://metadata.jst.go.jp/latest/meta-data/', 'metadata.jst.go.jp resolved to 169.254.169.254, a cloud metadata address'],
      ['a name resolving to a private address', 'https://intranet.amed.go.jp/', 'intranet.amed.go.jp resolved to 10.0.0.1, a private address'],
    ])('refuses a redirect to %s without connecting', async (_name, location, reason) => {
      const dns = patchedDns({ 'www.jst.go.jp': ['127.0.0.1'], 'rebind.jst.go.jp': ['127.0.0.1'], 'metadata.jst.go.jp': ['169.254.169.254'], 'intranet.amed.go.jp': ['10.0.0.1'] });
      server.route('www.jst.go.jp /moved', (_req, res) => res.writeHead(302, { Location: location }).end());

      const err = await failure(make({ lookup: dns, localOrigin: server.origin, respectRobots: false }).fetch(`http://www.jst.go.jp:${port()}/moved`));

      expect(err.code).toBe('address-not-allowed');
      expect(err.message).toContain(reason);
      expect(server.requests.map((r) => `${r.host}${r.path}`)).toEqual(['www.jst.go.jp/moved']);
    });

    it('follows a redirect to a name that resolves to the explicitly allowed local origin (the control)', async () => {
      const dns = patchedDns({ 'www.jst.go.jp': ['127.0.0.1'] });
      server.route('www.jst.go.jp /moved', (_req, res) => res.writeHead(302, { Location: '/here' }).end());
      server.route('www.jst.go.jp /here', (_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('arrived'));

      const page = (await make({ lookup: dns, localOrigin: server.origin, respectRobots: false }).fetch(`http://www.jst.go.jp:${port()}/moved`)) as FetchedPage;

      expect(Buffer.from(page.body).toString()).toBe('arrived');
      expect(server.requests.map((r) => r.path)).toEqual(['/moved', '/here']);
    });
  });

  describe('ports', () => {
    it.each(['https://www.jst.go.jp:8080/aspire/', 'http://www.jst.go.jp:6379/', 'https://www.amed.go.jp:22/'])('refuses %s before resolving or connecting', async (url) => {
      const dns = patchedDns({ 'www.jst.go.jp': ['133.1.2.3'], 'www.amed.go.jp': ['133.1.2.3'] });

      const err = await failure(make({ lookup: dns, route: { origin: server.origin } }).fetch(url));

      expect(err.code).toBe('bad-url');
      expect(err.message).toMatch(/port \d+ is never fetched \(only 80 and 443\)/);
      expect(dns.asked).toEqual([]);
      expect(server.requests).toEqual([]);
    });

    it('refuses a redirect to another port on an agency host without following it', async () => {
      server.route('www.jst.go.jp /moved', (_req, res) => res.writeHead(302, { Location: 'https://www.jst.go.jp:8443/admin' }).end());
      server.route('www.jst.go.jp /admin', (_req, res) => res.writeHead(200).end('admin'));

      const err = await failure(make({ route: { origin: server.origin }, respectRobots: false }).fetch('https://www.jst.go.jp/moved'));

      expect(err.code).toBe('redirect-off-allowlist');
      expect(err.message).toContain('redirected to port 8443 on www.jst.go.jp');
      expect(server.requests.map((r) => r.path)).toEqual(['/moved']);
    });

    it('accepts 80 and 443 written out', async () => {
      server.route('www.jst.go.jp /a', (_req, res) => res.writeHead(200).end('a'));

      const pages = await Promise.all(['http://www.jst.go.jp:80/a', 'https://www.jst.go.jp:443/a', 'http://www.jst.go.jp:443/a']
        .map((url) => make({ route: { origin: server.origin }, respectRobots: false }).fetch(url)));

      expect(pages.map((p) => p.kind)).toEqual(['fetched', 'fetched', 'fetched']);
    });
  });

  it('keeps the production defaults strict: no route, no local origin, the system resolver', () => {
    expect(DEFAULT_FETCHER_OPTIONS).not.toHaveProperty('route');
    expect(DEFAULT_FETCHER_OPTIONS).not.toHaveProperty('localOrigin');
    expect(DEFAULT_FETCHER_OPTIONS).not.toHaveProperty('lookup');
  });
});
