/**
 * A listing's bytes -> its entries, each a call or classified as something else. Pure apart from CPU:
 * the adapter named in the registry finds the entries, then every entry is normalized the same way
 * (listing-entry.ts). Throws a ListingError (errors.ts) when the listing cannot be read at all.
 */
import { decodeBody } from '../document/charset.ts';
import { getListingAdapter } from './adapters/index.ts';
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

/**
 * @example
 * const entries = parseListing({ source, body, finalUrl: source.url });
 * const calls = entries.filter((e) => e.kind === 'call');
 */
export function parseListing(input: ListingInput): ListingEntry[] {
  const { source, finalUrl } = input;
  const adapter = getListingAdapter(source.adapter);
  const { text } = decodeBody(input.body, input.charset);
  const raw = adapter.read({ text, url: finalUrl, lang: source.lang, ...(input.mediaType ? { mediaType: input.mediaType } : {}) });
  const entries = raw.flatMap((r) => toEntry(r, { agency: source.agency, lang: source.lang, finalUrl }) ?? []);
  return dedupeByUrl(entries);
}
