/**
 * From listing entries to watched sources, pure: which entries are new, the source each becomes, the
 * English and Japanese pages of one call sharing one programme id, and when a found call stops being
 * fetched (a grace period after it closes; it stays in the store and in every query).
 */
import { DAY_MS, japanDay } from '#lib/japan-time.ts';
import { sha256Hex } from '#lib/hash.ts';
import type { Agency, Lang } from '#parsers/schema.ts';
import type { Source } from '#parsers/sources.ts';

/** What a listing adapter reports for one entry (parsers/listings). */
export interface FoundEntry {
  title: string;
  url: string;
  agency: Agency;
  lang: Lang;
  postedAt?: string;
  window?: { opens?: string; closes?: string };
  alternateUrl?: string;
  kind: string;
  reason?: string;
}

/** Closed calls are still fetched this long after their closing day: extensions and corrections come late. */
export const CLOSED_GRACE_DAYS = 30;

const hash8 = (text: string): string => sha256Hex(text, 8);

/** A URL as one key: no fragment, no trailing index.html, lower-case host. */
export function urlKey(url: string): string {
  const u = new URL(url);
  u.hash = '';
  u.hostname = u.hostname.toLowerCase();
  u.pathname = u.pathname.replace(/\/index\.html?$/i, '/');
  return u.href;
}

/** The id of a found page: the agency and a hash of its URL (stable: the same URL is the same source on every listing). */
export function discoveredId(agency: Agency, url: string): string {
  return `${agency.toLowerCase()}-call-${hash8(urlKey(url))}`;
}

/**
 * The programme id shared by a call's pages in both languages: from the pair of URLs in a fixed order,
 * so the English and the Japanese entry reach the same id whichever is found first.
 */
export function sharedProgramId(agency: Agency, url: string, alternateUrl: string): string {
  return `${agency.toLowerCase()}-call-${hash8([urlKey(url), urlKey(alternateUrl)].sort().join('\n'))}`;
}

/**
 * The new calls of one listing read: call entries whose page is neither in the registry nor already found,
 * on an allowed host. Each becomes a source; a page that names its other-language twin shares its programme id.
 */
export function newSources(entries: FoundEntry[], known: Source[], listingId: string, foundAt: string, allowed: (url: string) => boolean): Source[] {
  const knownUrls = new Set(known.map((s) => urlKey(s.url)));
  const fresh = new Map<string, Source>();
  for (const entry of entries) {
    if (entry.kind !== 'call' || !allowed(entry.url)) continue;
    const key = urlKey(entry.url);
    if (knownUrls.has(key) || fresh.has(key)) continue;
    const alternate = entry.alternateUrl && allowed(entry.alternateUrl) ? entry.alternateUrl : undefined;
    // A twin found before, on this or another listing, may carry the programme id already.
    const twin = alternate ? known.find((s) => urlKey(s.url) === urlKey(alternate) || (s.discovered?.alternateUrl && urlKey(s.discovered.alternateUrl) === key)) : undefined;
    fresh.set(key, {
      id: discoveredId(entry.agency, entry.url), agency: entry.agency, lang: entry.lang, kind: /\.pdf$/i.test(new URL(entry.url).pathname) ? 'pdf' : 'html',
      url: entry.url, adapter: 'none',
      ...(twin?.program ? { program: twin.program } : alternate ? { program: sharedProgramId(entry.agency, entry.url, alternate) } : {}),
      discovered: { listingId, title: entry.title, foundAt, ...(entry.postedAt ? { postedAt: entry.postedAt } : {}),
        ...(entry.window?.closes ? { closesAt: entry.window.closes } : {}), ...(alternate ? { alternateUrl: alternate } : {}) },
    });
  }
  return [...fresh.values()];
}

/** Whether a found call is still fetched at `now`: open, or closed less than the grace period ago (Japan's calendar). */
export function isActive(source: Source, now: Date, graceDays = CLOSED_GRACE_DAYS): boolean {
  const closes = source.discovered?.closesAt;
  if (!closes) return true;
  const jstToday = japanDay(now);
  const until = new Date(Date.parse(`${closes.slice(0, 10)}T00:00:00Z`) + graceDays * DAY_MS).toISOString().slice(0, 10);
  return jstToday <= until;
}

/** What a cycle checks: the registry, and the found calls still active that the registry does not list itself. */
export function watchList(registry: Source[], discovered: Source[], now: Date): Source[] {
  const listed = new Set(registry.map((s) => urlKey(s.url)));
  return [...registry, ...discovered.filter((s) => !listed.has(urlKey(s.url)) && isActive(s, now)).sort((a, b) => a.id.localeCompare(b.id))];
}
