/** The fetch stage against real local HTTP servers: every politeness, safety and failure rule. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Fetcher, FetchedPage } from '#core/ports.ts';
import { createFetcher, DEFAULT_FETCHER_OPTIONS, type FetcherOptions } from '#io/fetch/fetcher.ts';
import { FetchError } from '#io/fetch/errors.ts';
import { hostAllowed } from '#io/fetch/allowlist.ts';
import { parseRetryAfter } from '#io/fetch/retry.ts';
import { startTestServer, type TestServer } from '../../helpers/http-server.ts';

const PAGE = 'https://www.jst.go.jp/aspire/en/';
const SHIFT_JIS_BYTES = Buffer.from([0x8c, 0xa4, 0x8b, 0x86]); // 研究 in Shift_JIS

describe('createFetcher', () => {
  let server: TestServer;
  let fetcher: Fetcher;
  const make = (options: Partial<FetcherOptions> = {}): Fetcher => {
    fetcher = createFetcher({ ...DEFAULT_FETCHER_OPTIONS, allowHosts: ['jst.go.jp', 'amed.go.jp'], route: { origin: server.origin },
      politenessDelayMs: 1, retryBaseMs: 5, connectTimeoutMs: 2000, totalTimeoutMs: 2000, ...options });
    return fetcher;
  };
  const failure = (promise: Promise<unknown>): Promise<FetchError> => promise.then(() => { throw new Error('expected a failure'); }, (err: FetchError) => err);
  const html = (body: string, headers: Record<string, string> = {}) => (_req: unknown, res: import('node:http').ServerResponse) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ...headers }).end(body);
  };
  const pageRequests = () => server.requests.filter((r) => r.path !== '/robots.txt');

  beforeEach(async () => { server = await startTestServer(); });
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

  it('retries a 5xx and succeeds', async () => {
    server.route('www.jst.go.jp /aspire/en/', (req, res, hit) => (hit < 3 ? res.writeHead(503).end() : html('ok')(req, res)));

    const page = (await make().fetch(PAGE)) as FetchedPage;

    expect(Buffer.from(page.body).toString()).toBe('ok');
    expect(pageRequests()).toHaveLength(3);
  });

  it('waits as long as a 429 Retry-After says, then succeeds', async () => {
    server.route('www.jst.go.jp /aspire/en/', (req, res, hit) => (hit === 1 ? res.writeHead(429, { 'Retry-After': '1' }).end() : html('ok')(req, res)));
    const started = Date.now();

    await make({ retryBaseMs: 1 }).fetch(PAGE);

    expect(pageRequests()).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('gives up on a Retry-After longer than the cycle can wait', async () => {
    server.route('www.jst.go.jp /aspire/en/', (_req, res) => res.writeHead(429, { 'Retry-After': '3600' }).end());

    const err = await failure(make({ maxRetryAfterMs: 5000 }).fetch(PAGE));

    expect(err.message).toContain('asked to wait 3600 s');
    expect(pageRequests()).toHaveLength(1);
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

  it('respects robots.txt: a disallowed page is never requested', async () => {
    server.route('www.jst.go.jp /robots.txt', (_req, res) => res.writeHead(200).end('User-agent: *\nDisallow: /private/\n'));

    const err = await failure(make().fetch('https://www.jst.go.jp/private/page.html'));

    expect(err.code).toBe('robots-disallowed');
    expect(pageRequests()).toHaveLength(0);
  });

  it('treats a site whose robots.txt fails with 5xx as closed for the run', async () => {
    server.route('www.jst.go.jp /robots.txt', (_req, res) => res.writeHead(500).end());

    const err = await failure(make({ retries: 0 }).fetch(PAGE));

    expect(err.code).toBe('robots-disallowed');
    expect(pageRequests()).toHaveLength(0);
  });

  it('sends an honest User-Agent that names the project and a contact URL', async () => {
    server.route('www.jst.go.jp /aspire/en/', html('ok'));

    await make().fetch(PAGE);

    expect(server.requests.at(-1)?.headers['user-agent']).toMatch(/^fundwatch\/\S+ \(\+https:\/\/\S+; /);
  });

  it('keeps at most the per-host limit of requests in flight', async () => {
    for (let i = 0; i < 6; i += 1) server.route(`www.jst.go.jp /p${i}`, (_req, res) => setTimeout(() => res.writeHead(200).end('x'), 50));
    const f = make({ perHostConcurrency: 2 });

    await Promise.all(Array.from({ length: 6 }, (_, i) => f.fetch(`https://www.jst.go.jp/p${i}`)));

    expect(server.inFlightMax).toBe(2);
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

describe('hostAllowed', () => {
  it.each([
    ['www.jst.go.jp', true], ['jst.go.jp', true], ['www.amed.go.jp', true], ['evil-jst.go.jp', false], ['jst.go.jp.evil.com', false], ['127.0.0.1', false],
  ])('%s -> %s', (host, allowed) => {
    expect(hostAllowed(host, DEFAULT_FETCHER_OPTIONS.allowHosts)).toBe(allowed);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, and ignores anything else', () => {
    const now = Date.parse('Wed, 01 Jan 2025 00:00:00 GMT');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});
