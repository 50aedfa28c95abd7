/**
 * A listing entry as fundwatch keeps it, and how an adapter's raw entry becomes one: the link made
 * absolute (http and https only, no fragment), the title as plain text, the dates as days, the kind
 * from the title. Links to hosts other than the agencies' are kept: the fetcher's allowlist decides
 * later what may be fetched, and a listing that points elsewhere is worth seeing in the record.
 */
// The namespace import lets the bundler keep only the parts of zod used (the named `z` export pulls all of it in).
import * as z from 'zod';
import { Agency, Lang } from '../schema.ts';
import { clean } from '../document/text.ts';
import type { RawEntry } from './adapters/adapter.ts';
import { classifyNotice, ListingKind } from './classify.ts';
import { callWindow, postedDay } from './dates.ts';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const ListingEntry = z.object({
  title: z.string().min(1),
  url: z.url({ protocol: /^https?$/ }),
  agency: Agency,
  lang: Lang,
  postedAt: Day.optional(),
  window: z.object({ opens: Day.optional(), closes: Day.optional() }).optional(),
  /** The same entry's page in the other language, when the listing links it. */
  alternateUrl: z.url({ protocol: /^https?$/ }).optional(),
  kind: ListingKind,
  reason: z.string(),
});
export type ListingEntry = z.infer<typeof ListingEntry>;

/** Titles longer than this are a layout gone wrong (a whole row read as one link), not a title. */
const MAX_TITLE = 300;

/** An absolute http(s) URL without its fragment; anything else (javascript:, mailto:, junk) is no URL. */
export function webUrl(href: string, base: string): string | undefined {
  let url: URL;
  try {
    url = new URL(href.trim(), base);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.hash = '';
  return url.href;
}

export function toEntry(raw: RawEntry, context: { agency: Agency; lang: Lang; finalUrl: string }): ListingEntry | undefined {
  const url = webUrl(raw.href, context.finalUrl);
  const title = clean(raw.title).slice(0, MAX_TITLE);
  if (!url || !title) return undefined;
  const alternateUrl = raw.alternateHref ? webUrl(raw.alternateHref, context.finalUrl) : undefined;
  const postedAt = postedDay(raw.posted);
  const window = callWindow(raw.window);
  return {
    title, url, agency: context.agency, lang: context.lang,
    ...(postedAt ? { postedAt } : {}),
    ...(window ? { window } : {}),
    ...(alternateUrl && alternateUrl !== url ? { alternateUrl } : {}),
    ...classifyNotice({ title, ...(raw.summary ? { summary: raw.summary } : {}), ...(raw.section ? { section: raw.section } : {}), ...(raw.tag ? { tag: raw.tag } : {}) }),
  };
}

/**
 * One entry per URL, in the listing's order. The same page listed twice (in a "new" box and in the
 * list) keeps its first appearance, completed by what the later ones add (a window, an alternate).
 */
export function dedupeByUrl(entries: ListingEntry[]): ListingEntry[] {
  const byUrl = new Map<string, ListingEntry>();
  for (const entry of entries) {
    const first = byUrl.get(entry.url);
    // Entries carry no undefined keys, so the first one's fields win and the later one's fill the gaps.
    byUrl.set(entry.url, first ? { ...entry, ...first } : entry);
  }
  return [...byUrl.values()];
}
