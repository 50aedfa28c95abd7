/**
 * A listing's bytes -> its entries, each a call or classified as something else. Pure apart from CPU:
 * the adapter named in the registry finds the entries, then every entry is normalized the same way
 * (listing-entry.ts). When the adapter cannot find its list (a layout error) or finds nothing where
 * the generic reader finds notices, the generic reader's entries stand in and the read says so
 * (`degraded`): discovery goes on, and the maintainer still learns that the adapter broke.
 * Throws a ListingError (errors.ts) when the listing cannot be read at all.
 */
import { decodeBody } from '../document/charset.ts';
import type { ListingPage, RawEntry } from './adapters/adapter.ts';
import { genericList } from './adapters/generic-list.ts';
import { getListingAdapter } from './adapters/index.ts';
import { ListingLayoutError, UnreadableFeedError } from './errors.ts';
import { dedupeByUrl, toEntry, type ListingEntry } from './listing-entry.ts';
import type { ListingSource } from './registry.ts';

export interface ListingInput {
  source: ListingSource;
  body: Uint8Array;
  mediaType?: string;
  /** The charset the server declared, if any; else the page's own declaration, else the bytes decide. */
  charset?: string;
  /** The URL the body came from after redirects: relative links resolve against it. */
  finalUrl: string;
}

export interface ListingRead {
  entries: ListingEntry[];
  /** Why the generic reader stood in for the listing's adapter, in words a maintainer can act on. */
  degraded?: string;
}

/**
 * @example
 * const { entries, degraded } = parseListing({ source, body, finalUrl: source.url });
 * const calls = entries.filter((e) => e.kind === 'call');
 */
export function parseListing(input: ListingInput): ListingRead {
  const { source, finalUrl } = input;
  const adapter = getListingAdapter(source.adapter);
  const { text } = decodeBody(input.body, input.charset);
  const page: ListingPage = { text, url: finalUrl, lang: source.lang, ...(input.mediaType ? { mediaType: input.mediaType } : {}) };
  const { raw, degraded } = readWithFallback(adapter.name, () => adapter.read(page), page);
  const entries = raw.flatMap((r) => toEntry(r, { agency: source.agency, lang: source.lang, finalUrl }) ?? []);
  return { entries: dedupeByUrl(entries), ...(degraded ? { degraded } : {}) };
}

const entries = (n: number): string => `${n} ${n === 1 ? 'entry' : 'entries'}`;

/** The adapter's entries; the generic reader's when the adapter fails on layout or finds none and it finds some. */
function readWithFallback(name: string, read: () => RawEntry[], page: ListingPage): { raw: RawEntry[]; degraded?: string } {
  let raw: RawEntry[];
  try {
    raw = read();
  } catch (err) {
    if (!(err instanceof ListingLayoutError || err instanceof UnreadableFeedError) || name === genericList.name) throw err;
    const generic = genericList.read(page);
    // Nothing list-like on the page either (a maintenance notice, an error page): the failure stands.
    if (generic.length === 0) throw err;
    return { raw: generic, degraded: `${err.message}; read by the generic reader instead (${entries(generic.length)})` };
  }
  if (raw.length > 0 || name === genericList.name) return { raw };
  const generic = genericList.read(page);
  return generic.length === 0 ? { raw } : {
    raw: generic,
    degraded: `${page.url}: the "${name}" adapter found no entries where the generic reader found ${entries(generic.length)}; the listing's layout may have changed: open it in a browser and update its adapter`,
  };
}
