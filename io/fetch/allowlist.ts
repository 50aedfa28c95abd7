/** Which URLs may be fetched at all: http(s), no credentials, a host on the allowlist. */
import { FetchError } from './errors.ts';

export function hostAllowed(host: string, allowHosts: string[]): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return allowHosts.some((suffix) => h === suffix || h.endsWith(`.${suffix}`));
}

/** Parses and checks a URL; throws FetchError before any connection is made. */
export function checkUrl(raw: string, allowHosts: string[], code: 'host-not-allowed' | 'redirect-off-allowlist' = 'host-not-allowed'): URL {
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
