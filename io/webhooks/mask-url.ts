/**
 * Webhook URLs are secrets: a Slack URL carries its token in the path (hooks.slack.com/services/T…/B…/<token>),
 * a Teams workflow URL its signature in the query (`sig=`). What logs and errors may show is only enough to
 * tell one destination from another by eye: scheme, host and the first path segment.
 */

/**
 * The loggable form of a webhook URL; never throws, whatever it is given.
 * @example maskUrl('https://hooks.slack.com/services/T0/B0/XXXX') // 'https://hooks.slack.com/services/…'
 */
export function maskUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '(an invalid URL)';
  }
  // `host` keeps a non-default port and drops any user:password; search and hash never appear.
  const first = parsed.pathname.split('/').find((segment) => segment !== '');
  return `${parsed.protocol}//${parsed.host}/${first ? `${first}/` : ''}…`;
}

/**
 * Removes the URL's secret parts from a text that may echo them (a receiver's answer, an error from below): the
 * whole URL, its path and query, and each long path segment past the first (a Slack token alone).
 */
export function withoutUrl(text: string, url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url === '' ? text : text.split(url).join(maskUrl(url));
  }
  const secrets = [url, parsed.href, `${parsed.pathname}${parsed.search}`, parsed.search, ...parsed.pathname.split('/').slice(2).filter((s) => s.length >= 8)];
  let out = text;
  for (const secret of secrets.filter((s) => s.length > 1).sort((a, b) => b.length - a.length)) out = out.split(secret).join('…');
  return out;
}
