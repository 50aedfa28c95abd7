/**
 * Grouping by host: politeness is per host, so both the local cycle (one host at a time in turn) and the
 * fanned-out plan (one serial run per host) start from the same grouping.
 */

/** The host of an absolute URL, lowercased: the key every per-host limit and plan uses. */
export function hostOf(url: string): string {
  return new URL(url).hostname.toLowerCase();
}

/** Items by host, in first-seen order of hosts, each host's items in their input order. */
export function groupByHost<T extends { url: string }>(items: readonly T[]): Map<string, T[]> {
  const hosts = new Map<string, T[]>();
  for (const item of items) {
    const host = hostOf(item.url);
    const list = hosts.get(host);
    if (list) list.push(item);
    else hosts.set(host, [item]);
  }
  return hosts;
}
