/** The fetch stage against real local HTTP servers: every politeness, safety and failure rule. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Fetcher, FetchedPage } from '#core/ports/fetcher.ts';
import { createFetcher, DEFAULT_FETCHER_OPTIONS, type FetcherOptions } from '#io/fetch/fetcher.ts';
import { FetchError } from '#io/fetch/errors.ts';
import { startTestServer, type TestServer } from '../../helpers/http-server.ts';

const PAGE = 'https://www.jst.go.jp/aspire/en/';
const SHIFT_JIS_BYTES = Buffer.from([0x8c, 0xa4, 0x8b, 0x86]); // 研究 in Shift_JIS

describe('createFetcher', () => {
  let server: TestServer;
  let fetcher: Fetcher;
  let waits: number[];
  const make = (options: Partial<FetcherOptions> = {}): Fetcher => {
    fetcher = createFetcher({ ...DEFAULT_FETCHER_OPTIONS, allowHosts: ['jst.go.jp', 'amed.go.jp'], route: { origin: server.origin },
      politenessDelayMs: 1, retryBaseMs: 5, connectTimeoutMs: 2000, totalTimeoutMs: 2000,
      sleep: async (ms) => { waits.push(ms); }, ...options });
    return fetcher;
  };
  const failure = (promise: Promise<unknown>): Promise<FetchError> => promise.then(() => { throw new Error('expected a failure'); }, (err: FetchError) => err);
  const html = (body: string, headers: Record<string, string> = {}) => (_req: unknown, res: import('node:http').ServerResponse) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ...headers }).end(body);
  };
  const pageRequests = () => server.requests.filter((r) => r.path !== '/robots.txt');

  beforeEach(async () => { server = await startTestServer(); waits = []; });
  afterEach(async () => { await fetcher?.close(); await server.close(); });

  it('returns the page bytes with its validators, and a 304 for a conditional request', async () => {
    server.route('www.jst.go.jp /aspire/en/', (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') res.writeHead(304).end();
      else res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ETag: '"v1"', 'Last-Modified': 'Wed, 01 Jan 2025 00:00:00 GMT' }).end('<p>hi</p>');
    });
    const f = make();

    const first = (await f.fetch(PAGE)) as FetchedPage;
    const second = await f.fetch(PAGE, { etag: first.etag, lastModified: first.lastModified });

    expect(Buffer.from(first.body).toString()).toBe('<p>hi</p>');
    expect([first.etag, first.mediaType, first.charset]).toEqual(['"v1"', 'text/html', 'utf-8']);
    expect(second.kind).toBe('not-modified');
    expect(server.requests.at(-1)?.headers['if-modified-since']).toBe('Wed, 01 Jan 2025 00:00:00 GMT');
  });

  it('sends no conditional headers without validators', async () => {
    server.route('www.jst.go.jp /aspire/en/', html('ok'));

    await make().fetch(PAGE);

    expect(server.requests.at(-1)?.headers).not.toHaveProperty('if-none-match');
    expect(server.requests.at(-1)?.headers).not.toHaveProperty('if-modified-since');
  });

  it('retries a 5xx with growing backoff and succeeds', async () => {
    server.route('www.jst.go.jp /aspire/en/', (req, res, hit) => (hit < 3 ? res.writeHead(503).end() : html('ok')(req, res)));

    const page = (await make({ retryBaseMs: 100 }).fetch(PAGE)) as FetchedPage;

    expect(Buffer.from(page.body).toString()).toBe('ok');
    expect(pageRequests()).toHaveLength(3);
    expect(waits).toHaveLength(2);
    expect(waits[1]).toBeGreaterThan(waits[0]!);
  });

  it('waits as long as a 429 Retry-After says, in seconds or as a date, then succeeds', async () => {
    const later = new Date(Date.now() + 30_000).toUTCString();
    server.route('www.jst.go.jp /aspire/en/', (req, res, hit) => {
      if (hit === 1) res.writeHead(429, { 'Retry-After': '7' }).end();
      else if (hit === 2) res.writeHead(429, { 'Retry-After': later }).end();
      else html('ok')(req, res);
    });

    const page = await make().fetch(PAGE);

    expect(page.kind).toBe('fetched');
    expect(pageRequests()).toHaveLength(3);
    expect(waits[0]).toBe(7000);
    expect(waits[1]).toBeGreaterThan(20_000);
  });

  it('gives up on a Retry-After longer than the cycle can wait, rather than come back early', async () => {
    server.route('www.jst.go.jp /aspire/en/', (req, res, hit) => (hit === 1 ? res.writeHead(429, { 'Retry-After': '3600' }).end() : html('ok')(req, res)));

    const err = await failure(make({ maxRetryWaitMs: 5000 }).fetch(PAGE));

    expect([err.code, err.status, err.retryable]).toEqual(['http-status', 429, false]);
    expect(err.message).toContain('asked to wait 3600 s');
    expect(waits).toEqual([]);
    expect(pageRequests()).toHaveLength(1);
  });

  it('gives up after the configured retries and says the failure was on the server side', async () => {
    server.route('www.jst.go.jp /aspire/en/', (_req, res) => res.writeHead(502).end());

    const err = await failure(make({ retries: 2 }).fetch(PAGE));

    expect([err.code, err.status, err.retryable]).toEqual(['http-status', 502, true]);
    expect(pageRequests()).toHaveLength(3);
  });

  it('reports an unreachable server as a network error after retrying', async () => {
    const closed = await startTestServer();
    await closed.close();

    const err = await failure(make({ route: { origin: closed.origin }, retries: 1, respectRobots: false }).fetch(PAGE));

    expect(err.code).toBe('network');
    expect(waits).toHaveLength(1);
  });

  it('does not retry a 404 and says what to check', async () => {
    const err = await failure(make().fetch('https://www.jst.go.jp/gone.html'));

    expect([err.code, err.status]).toEqual(['http-status', 404]);
    expect(err.message).toContain('a 404 usually means the page moved');
    expect(pageRequests()).toHaveLength(1);
  });

  it('times out a server that never answers', async () => {
    server.route('www.jst.go.jp /aspire/en/', () => { /* never answers */ });

    const err = await failure(make({ totalTimeoutMs: 200, retries: 1 }).fetch(PAGE));

    expect(err.code).toBe('timeout');
    expect(pageRequests()).toHaveLength(2);
  });

  it('refuses a body over the cap, declared or streamed', async () => {
    server.route('www.jst.go.jp /declared', (_req, res) => res.writeHead(200, { 'Content-Length': '5000' }).end('x'.repeat(5000)));
    server.route('www.jst.go.jp /streamed', (_req, res) => { res.writeHead(200); res.write('x'.repeat(3000)); res.end('x'.repeat(3000)); });
    const f = make({ maxBytes: 4000 });

    expect((await failure(f.fetch('https://www.jst.go.jp/declared'))).code).toBe('too-large');
    expect((await failure(f.fetch('https://www.jst.go.jp/streamed'))).code).toBe('too-large');
  });

  it('follows a redirect inside the allowlist', async () => {
    server.route('www.jst.go.jp /old', (_req, res) => res.writeHead(301, { Location: 'https://www.amed.go.jp/new' }).end());
    server.route('www.amed.go.jp /new', html('moved here'));

    const page = (await make().fetch('https://www.jst.go.jp/old')) as FetchedPage;

    expect(page.finalUrl).toBe('https://www.amed.go.jp/new');
    expect(Buffer.from(page.body).toString()).toBe('moved here');
  });

  it('refuses a redirect off the allowlist without following it', async () => {
    server.route('www.jst.go.jp /old', (_req, res) => res.writeHead(302, { Location: 'http://169.254.169.254/latest/meta-data/' }).end());

    const err = await failure(make().fetch('https://www.jst.go.jp/old'));

    expect(err.code).toBe('redirect-off-allowlist');
    expect(server.requests.some((r) => r.host === '169.254.169.254')).toBe(false);
  });

  it('refuses a redirect to a host off the allowlist even when that host would answer', async () => {
    server.route('www.jst.go.jp /old', (_req, res) => res.writeHead(301, { Location: 'https://evil.example.com/phish' }).end());
    server.route('evil.example.com /phish', html('gotcha'));

    const err = await failure(make().fetch('https://www.jst.go.jp/old'));

    expect(err.code).toBe('redirect-off-allowlist');
    expect(err.message).toContain('evil.example.com');
    expect(server.requests.some((r) => r.host === 'evil.example.com')).toBe(false);
  });

  it('stops following after the maximum number of redirects', async () => {
    for (let i = 0; i < 4; i += 1) server.route(`www.jst.go.jp /r${i}`, (_req, res) => res.writeHead(302, { Location: `/r${i + 1}` }).end());
    server.route('www.jst.go.jp /r4', html('end of the chain'));

    const f = make({ maxRedirects: 3 });

    const err = await failure(f.fetch('https://www.jst.go.jp/r0'));
    const followed = (await f.fetch('https://www.jst.go.jp/r1')) as FetchedPage;

    expect(err.code).toBe('too-many-redirects');
    expect(followed.finalUrl).toBe('https://www.jst.go.jp/r4');
  });

  it('stops a redirect loop', async () => {
    server.route('www.jst.go.jp /a', (_req, res) => res.writeHead(302, { Location: '/b' }).end());
    server.route('www.jst.go.jp /b', (_req, res) => res.writeHead(302, { Location: '/a' }).end());

    expect((await failure(make().fetch('https://www.jst.go.jp/a'))).code).toBe('redirect-loop');
  });

  it('refuses a host off the allowlist before any request is made', async () => {
    const err = await failure(make().fetch('https://evil-jst.go.jp/aspire/'));

    expect(err.code).toBe('host-not-allowed');
    expect(server.requests).toHaveLength(0);
  });

  it('refuses URLs with credentials or other schemes before any request is made', async () => {
    const f = make();

    const errors = await Promise.all(['https://user:pw@www.jst.go.jp/', 'ftp://www.jst.go.jp/', 'not a url'].map((u) => failure(f.fetch(u))));

    expect(errors.map((e) => e.code)).toEqual(['bad-url', 'bad-url', 'bad-url']);
    expect(server.requests).toHaveLength(0);
  });

  it('respects robots.txt: a disallowed page is never requested', async () => {
    server.route('www.jst.go.jp /robots.txt', (_req, res) => res.writeHead(200).end('User-agent: *\nDisallow: /private/\n'));

    const err = await failure(make().fetch('https://www.jst.go.jp/private/page.html'));

    expect(err.code).toBe('robots-disallowed');
    expect(pageRequests()).toHaveLength(0);
  });

  it('obeys a robots.txt group addressed to fundwatch by name', async () => {
    server.route('www.jst.go.jp /robots.txt', (_req, res) => res.writeHead(200).end('User-agent: *\nAllow: /\n\nUser-agent: fundwatch\nDisallow: /\n'));

    const err = await failure(make().fetch(PAGE));

    expect(err.code).toBe('robots-disallowed');
  });

  it('allows everything when robots.txt is missing, and reads it once per host', async () => {
    server.route('www.jst.go.jp /a', html('a'));
    server.route('www.jst.go.jp /b', html('b'));
    const f = make();

    await f.fetch('https://www.jst.go.jp/a');
    await f.fetch('https://www.jst.go.jp/b');

    expect(server.requests.filter((r) => r.path === '/robots.txt')).toHaveLength(1);
    expect(pageRequests()).toHaveLength(2);
  });

  it('treats a site whose robots.txt fails with 5xx as closed for the run: a site failure, retried next cycle, not a refusal', async () => {
    server.route('www.jst.go.jp /robots.txt', (_req, res) => res.writeHead(500).end());

    const err = await failure(make({ retries: 0 }).fetch(PAGE));

    expect(err.code).toBe('network');
    expect(err.message).toContain('closed for this run');
    expect(err.message).toContain('retried next cycle');
    expect(err.message).not.toContain('remove the source');
    expect(pageRequests()).toHaveLength(0);
  });

  it('sends an honest User-Agent that names the project and a contact URL', async () => {
    server.route('www.jst.go.jp /aspire/en/', html('ok'));

    await make().fetch(PAGE);

    expect(server.requests.every((r) => /^fundwatch\/\S+ \(\+https:\/\/\S+; /.test(String(r.headers['user-agent'])))).toBe(true);
  });

  it('keeps at most the per-host limit of requests in flight', async () => {
    for (let i = 0; i < 6; i += 1) server.route(`www.jst.go.jp /p${i}`, (_req, res) => setTimeout(() => res.writeHead(200).end('x'), 50));
    const f = make({ perHostConcurrency: 2 });

    await Promise.all(Array.from({ length: 6 }, (_, i) => f.fetch(`https://www.jst.go.jp/p${i}`)));

    expect(server.inFlightMax).toBe(2);
  });

  it('puts a different contact URL into the User-Agent when configured', async () => {
    server.route('www.jst.go.jp /aspire/en/', html('ok'));

    await make({ contactUrl: 'https://example.org/about-our-crawler' }).fetch(PAGE);

    expect(server.requests.at(-1)?.headers['user-agent']).toContain('(+https://example.org/about-our-crawler;');
  });

  it('returns Shift_JIS bytes untouched with their charset, and PDFs with their media type', async () => {
    server.route('www.jst.go.jp /sjis.html', (_req, res) => res.writeHead(200, { 'Content-Type': 'text/html; charset=Shift_JIS' }).end(SHIFT_JIS_BYTES));
    server.route('www.jst.go.jp /call.pdf', (_req, res) => res.writeHead(200, { 'Content-Type': 'application/pdf' }).end('%PDF-1.7'));
    const f = make();

    const sjis = (await f.fetch('https://www.jst.go.jp/sjis.html')) as FetchedPage;
    const pdf = (await f.fetch('https://www.jst.go.jp/call.pdf')) as FetchedPage;

    expect(Buffer.from(sjis.body)).toEqual(SHIFT_JIS_BYTES);
    expect(sjis.charset).toBe('Shift_JIS');
    expect(pdf.mediaType).toBe('application/pdf');
  });
});
