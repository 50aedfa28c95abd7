/** Which URLs may be fetched at all: http(s), no credentials, a host on the allowlist, port 80 or 443. */
import { FetchError } from './errors.ts';

/** Web servers listen here; any other port on an agency host is some other service, never a page to watch. */
export const ALLOWED_PORTS: ReadonlySet<number> = new Set([80, 443]);

/** The port a URL will connect to, the scheme's default when none is written. */
export function portOf(url: URL): number {
  return Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
}

export function hostAllowed(host: string, allowHosts: string[]): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return allowHosts.some((suffix) => h === suffix || h.endsWith(`.${suffix}`));
}

const NO_PORTS: ReadonlySet<number> = new Set();

/**
 * Parses and checks a URL; throws FetchError before any connection is made. `extraPorts` is only ever
 * the explicit local origin's port (offline replay, tests); see FetcherOptions.localOrigin.
 */
export function checkUrl(raw: string, allowHosts: string[], code: 'host-not-allowed' | 'redirect-off-allowlist' = 'host-not-allowed',
  extraPorts: ReadonlySet<number> = NO_PORTS): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FetchError('bad-url', raw, 'not a valid URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new FetchError('bad-url', raw, `the ${url.protocol} scheme is never fetched`);
  if (url.username || url.password) throw new FetchError('bad-url', raw, 'URLs with credentials are never fetched');
  if (!hostAllowed(url.hostname, allowHosts)) {
    throw new FetchError(code, raw, code === 'host-not-allowed' ? `${url.hostname} is not on the allowlist` : `redirected to ${url.hostname}, which is not on the allowlist`);
  }
  const port = portOf(url);
  if (!ALLOWED_PORTS.has(port) && !extraPorts.has(port)) {
    if (code === 'host-not-allowed') throw new FetchError('bad-url', raw, `port ${port} is never fetched (only 80 and 443)`);
    throw new FetchError(code, raw, `redirected to port ${port} on ${url.hostname}; only ports 80 and 443 are fetched`);
  }
  return url;
}

/** A URL predicate for the allowlist: checkUrl's own verdict, for code that decides what to watch before anything is fetched. */
export function urlAllowed(allowHosts: string[]): (url: string) => boolean {
  return (url) => {
    try {
      checkUrl(url, allowHosts);
      return true;
    } catch {
      return false;
    }
  };
}
