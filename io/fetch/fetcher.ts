/**
 * The Fetcher port on undici: allowlist, robots.txt, per-host politeness, redirects checked hop by
 * hop, timeouts, a size cap, retries, conditional GET. Bytes come back undecoded: the document stage
 * sniffs the charset.
 */
import { Agent, errors as undiciErrors, request } from 'undici';
import robotsParserModule from 'robots-parser';
import type { Fetcher, FetchedPage, NotModified, Validators } from '#core/ports.ts';
import { checkUrl } from './allowlist.ts';
import { FetchError } from './errors.ts';
import { HostLimiter } from './host-limiter.ts';
import { DEFAULT_FETCHER_OPTIONS, type FetcherOptions } from './options.ts';
import { parseRetryAfter, withRetries } from './retry.ts';

export { DEFAULT_FETCHER_OPTIONS } from './options.ts';
export type { FetcherOptions } from './options.ts';

interface RawResponse { status: number; headers: Record<string, string | undefined>; body: Uint8Array }
interface Robots { isDisallowed(url: string, ua?: string): boolean | undefined }
// robots-parser is CommonJS; its default export is the parser function itself.
const robotsParser = robotsParserModule as unknown as (url: string, text: string) => Robots;

export function createFetcher(overrides: Partial<FetcherOptions> = {}): Fetcher {
  const options: FetcherOptions = { ...DEFAULT_FETCHER_OPTIONS, ...overrides };
  const agent = new Agent({ connect: { timeout: options.connectTimeoutMs }, connections: options.perHostConcurrency * 4 });
  const limiter = new HostLimiter(options.perHostConcurrency, options.politenessDelayMs);
  const robotsByOrigin = new Map<string, Promise<Robots | FetchError>>();

  /** One HTTP exchange, through the host limiter, without following redirects. */
  const exchange = (url: URL, headers: Record<string, string>): Promise<RawResponse> =>
    limiter.run(url.host, () => send(agent, options, url, headers));

  const robotsFor = (url: URL): Promise<Robots | FetchError> => {
    let robots = robotsByOrigin.get(url.origin);
    if (!robots) {
      const robotsUrl = new URL('/robots.txt', url.origin);
      robots = withRetries(options, () => exchange(robotsUrl, { 'user-agent': options.userAgent })).then(
        (res) => res.status >= 500
          ? new FetchError('robots-disallowed', robotsUrl.href, `robots.txt answered ${res.status}, so the site is treated as closed for this run`)
          : robotsParser(robotsUrl.href, res.status === 200 ? Buffer.from(res.body).toString('utf8') : ''),
        (err: unknown) => new FetchError('robots-disallowed', robotsUrl.href, `robots.txt could not be read (${(err as Error).message}), so the site is treated as closed for this run`),
      );
      robotsByOrigin.set(url.origin, robots);
    }
    return robots;
  };

  const checkRobots = async (url: URL): Promise<void> => {
    if (!options.respectRobots) return;
    const robots = await robotsFor(url);
    if (robots instanceof FetchError) throw robots;
    if (robots.isDisallowed(url.href, 'fundwatch')) throw new FetchError('robots-disallowed', url.href, 'robots.txt disallows this page');
  };

  return {
    async fetch(rawUrl: string, validators: Validators = {}): Promise<FetchedPage | NotModified> {
      const started = Date.now();
      let url = checkUrl(rawUrl, options.allowHosts);
      const seen = new Set<string>();
      for (let hop = 0; ; hop += 1) {
        await checkRobots(url);
        const headers: Record<string, string> = { 'user-agent': options.userAgent, accept: 'text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.5' };
        if (hop === 0 && validators.etag) headers['if-none-match'] = validators.etag;
        if (hop === 0 && validators.lastModified) headers['if-modified-since'] = validators.lastModified;
        const current = url;
        const res = await withRetries(options, () => exchange(current, headers));
        if (res.status === 304) return { kind: 'not-modified', url: rawUrl, elapsedMs: Date.now() - started };
        if (res.status >= 300 && res.status < 400 && res.headers.location) {
          seen.add(url.href);
          const next = checkUrl(new URL(res.headers.location, url).href, options.allowHosts, 'redirect-off-allowlist');
          if (seen.has(next.href)) throw new FetchError('redirect-loop', rawUrl, `redirects loop back to ${next.href}`);
          if (hop >= options.maxRedirects) throw new FetchError('redirect-loop', rawUrl, `more than ${options.maxRedirects} redirects`);
          url = next;
          continue;
        }
        if (res.status !== 200) throw new FetchError('http-status', url.href, `the server answered HTTP ${res.status}`, false, { status: res.status });
        return toPage(rawUrl, url.href, res, Date.now() - started);
      }
    },
    close: () => agent.close(),
  };
}

async function send(agent: Agent, options: FetcherOptions, url: URL, headers: Record<string, string>): Promise<RawResponse> {
  // Routed (offline replay, tests): plain HTTP to the local server, the logical host in Host.
  const target = options.route ? new URL(url.pathname + url.search, options.route.origin) : url;
  const signal = AbortSignal.timeout(options.totalTimeoutMs);
  try {
    const res = await request(target, { dispatcher: agent, method: 'GET', headers: { ...headers, host: url.host }, signal,
      headersTimeout: options.totalTimeoutMs, bodyTimeout: options.totalTimeoutMs });
    const flat = Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]));
    if (res.statusCode >= 500 || res.statusCode === 429) {
      await res.body.dump();
      throw new FetchError('http-status', url.href, `the server answered HTTP ${res.statusCode}`, true,
        { status: res.statusCode, retryAfterMs: parseRetryAfter(flat['retry-after']) });
    }
    const declared = Number(flat['content-length'] ?? 0);
    if (declared > options.maxBytes) {
      discard(res.body);
      throw new FetchError('too-large', url.href, `the response declares ${declared} bytes, over the ${options.maxBytes}-byte cap`);
    }
    return { status: res.statusCode, headers: flat, body: await readCapped(res.body, options.maxBytes, url.href) };
  } catch (err) {
    throw translate(err, url.href, signal);
  }
}

type Body = AsyncIterable<Uint8Array> & { destroy(): void; on(event: 'error', listener: () => void): unknown };

/** Drops a body we will not read; the abort it causes is expected, not an error to surface. */
function discard(body: Body): void {
  body.on('error', () => {});
  body.destroy();
}

async function readCapped(body: Body, maxBytes: number, url: string): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += chunk.byteLength;
    if (total > maxBytes) {
      discard(body);
      throw new FetchError('too-large', url, `the response grew past the ${maxBytes}-byte cap`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function translate(err: unknown, url: string, signal: AbortSignal): FetchError {
  if (err instanceof FetchError) return err;
  if (signal.aborted || err instanceof undiciErrors.HeadersTimeoutError || err instanceof undiciErrors.BodyTimeoutError
    || err instanceof undiciErrors.ConnectTimeoutError) {
    return new FetchError('timeout', url, 'no complete answer within the time limit', true, { cause: err });
  }
  return new FetchError('network', url, `network error: ${(err as Error).message}`, true, { cause: err });
}

function toPage(url: string, finalUrl: string, res: RawResponse, elapsedMs: number): FetchedPage {
  const [mediaType, ...params] = (res.headers['content-type'] ?? '').split(';').map((s) => s.trim());
  const charset = params.find((p) => /^charset=/i.test(p))?.split('=')[1]?.replace(/"/g, '');
  return { kind: 'fetched', url, finalUrl, status: res.status, body: res.body, mediaType: mediaType || undefined,
    charset: charset || undefined, etag: res.headers.etag, lastModified: res.headers['last-modified'], elapsedMs };
}
