/**
 * The Fetcher port on undici: allowlist and ports, the resolved address checked at connect time,
 * robots.txt, per-host politeness, redirects checked hop by hop, timeouts, a size cap, retries,
 * conditional GET. Bytes come back undecoded: the document stage sniffs the charset.
 */
import type { Fetcher, FetchedPage, NotModified, Validators } from '#core/ports/fetcher.ts';
import { checkUrl, portOf } from './allowlist.ts';
import { FetchError } from './errors.ts';
import { exchange, type RawResponse } from './exchange.ts';
import { createGuardedAgent } from './guarded-agent.ts';
import { HostLimiter } from './host-limiter.ts';
import { DEFAULT_FETCHER_OPTIONS, type FetcherOptions, userAgent } from './options.ts';
import { withRetries } from './retry.ts';
import { createRobotsGate } from './robots.ts';

export { DEFAULT_FETCHER_OPTIONS } from './options.ts';
export type { FetcherOptions } from './options.ts';

const ACCEPT = 'text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.5';

/**
 * Creates the fetcher; fields left out take the production defaults.
 * @example createFetcher({ ...DEFAULT_FETCHER_OPTIONS, route: { origin: fixtureServer.origin } })
 */
export function createFetcher(overrides: Partial<FetcherOptions> = {}): Fetcher {
  const options: FetcherOptions = { ...DEFAULT_FETCHER_OPTIONS, ...overrides };
  // Connections may go to the routed origin or the explicit local origin; every other address is checked.
  const localOrigins = [options.route?.origin, options.localOrigin].filter((o): o is string => o !== undefined);
  const agent = createGuardedAgent({ connectTimeoutMs: options.connectTimeoutMs, lookup: options.lookup, localOrigins });
  const localPorts = new Set(options.localOrigin ? [portOf(new URL(options.localOrigin))] : []);
  const limiter = new HostLimiter(options.perHostConcurrency, options.politenessDelayMs);
  const baseHeaders = { 'user-agent': userAgent(options.contactUrl), accept: ACCEPT };
  /** Each attempt, retries included, queues for its host's slot: a retry is a request like any other. */
  const get = (url: URL, headers: Record<string, string>): Promise<RawResponse> =>
    withRetries(options, () => limiter.run(url.host, () => exchange(agent, options, url, headers)));
  const robotsAllow = options.respectRobots ? createRobotsGate((robotsUrl) => get(robotsUrl, baseHeaders)) : async () => {};

  return {
    async fetch(rawUrl: string, validators: Validators = {}): Promise<FetchedPage | NotModified> {
      const started = Date.now();
      let url = checkUrl(rawUrl, options.allowHosts, 'host-not-allowed', localPorts);
      const seen = new Set<string>([url.href]);
      for (let hop = 0; ; hop += 1) {
        await robotsAllow(url);
        const res = await get(url, { ...baseHeaders, ...(hop === 0 ? conditionalHeaders(validators) : {}) });
        if (res.status === 304) return { kind: 'not-modified', url: rawUrl, elapsedMs: Date.now() - started };
        if (isRedirect(res)) {
          url = nextHop(rawUrl, url, res.headers.location!, seen, hop, options, localPorts);
          continue;
        }
        if (res.status < 200 || res.status >= 300) throw new FetchError('http-status', url.href, `the server answered HTTP ${res.status}`, false, { status: res.status });
        return toPage(rawUrl, url.href, res, Date.now() - started);
      }
    },
    close: () => agent.close(),
  };
}

function conditionalHeaders(validators: Validators): Record<string, string> {
  const headers: Record<string, string> = {};
  if (validators.etag) headers['if-none-match'] = validators.etag;
  if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
  return headers;
}

function isRedirect(res: RawResponse): boolean {
  return res.status >= 300 && res.status < 400 && res.status !== 304 && Boolean(res.headers.location);
}

/** Resolves a Location against the logical URL (never the routed origin) and re-checks it. */
function nextHop(rawUrl: string, from: URL, location: string, seen: Set<string>, hop: number, options: FetcherOptions, localPorts: ReadonlySet<number>): URL {
  const next = checkUrl(new URL(location, from).href, options.allowHosts, 'redirect-off-allowlist', localPorts);
  if (seen.has(next.href)) throw new FetchError('redirect-loop', rawUrl, `redirects loop back to ${next.href}`);
  if (hop >= options.maxRedirects) throw new FetchError('too-many-redirects', rawUrl, `more than ${options.maxRedirects} redirects`);
  seen.add(next.href);
  return next;
}

function toPage(url: string, finalUrl: string, res: RawResponse, elapsedMs: number): FetchedPage {
  const [mediaType, ...params] = (res.headers['content-type'] ?? '').split(';').map((s) => s.trim());
  const charset = params.find((p) => /^charset=/i.test(p))?.slice('charset='.length).replace(/"/g, '');
  return { kind: 'fetched', url, finalUrl, status: res.status, body: res.body, mediaType: mediaType?.toLowerCase() || undefined,
    charset: charset || undefined, etag: res.headers.etag, lastModified: res.headers['last-modified'], elapsedMs };
}
