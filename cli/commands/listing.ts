/**
 * `fundwatch listing <file-or-url>`: the entries of a notice list or call page, each with its title,
 * link, date and kind. A page is named the way `fundwatch parse` names one (cli/page-input.ts: the
 * fixture path, the canonical link, the agency it names, its lang attribute); a registered listing
 * (parsers/listing-sources.json) is read by its adapter, any other page by the generic reader.
 */
import { urlKey } from '#core/discovery/discovered-sources.ts';
import type { FetcherOptions } from '#io/fetch/options.ts';
import { genericList } from '#parsers/listings/adapters/generic-list.ts';
import { parseListing } from '#parsers/listings/parse-listing.ts';
import { loadListingRegistry, type ListingSource } from '#parsers/listings/registry.ts';
import { loadRegistry, type Source } from '#parsers/sources.ts';
import { readPageInput, type SourceHints } from '../page-input.ts';

export interface ListedEntry {
  title: string;
  url: string;
  /** The day the list dates the entry (YYYY-MM-DD), or null when it gives none. */
  date: string | null;
  kind: string;
}

export interface Listed {
  entries: ListedEntry[];
  /** Why the generic reader stood in for the registered listing's adapter. */
  degraded?: string;
}

const sameUrl = (a: string, b: string): boolean => {
  try {
    return urlKey(a) === urlKey(b);
  } catch {
    return false;
  }
};

/**
 * The entries of one listing page, file or URL.
 * @example (await listingEntries('saved/kaken-news.html', await loadRegistry())).entries[0] // { title, url, date: '2023-06-01', kind: 'event' }
 */
export async function listingEntries(file: string, registry: Source[], hints: SourceHints = {}, fetcherOptions?: FetcherOptions): Promise<Listed> {
  const input = await readPageInput(file, registry, hints, fetcherOptions);
  const pageUrl = input.finalUrl ?? input.source.url;
  const registered = (await loadListingRegistry()).find((l) => sameUrl(l.url, pageUrl) || sameUrl(l.url, input.source.url));
  const source: ListingSource = registered
    ?? { id: 'adhoc', agency: input.source.agency, lang: input.source.lang, kind: 'listing', url: pageUrl, adapter: genericList.name };
  const read = parseListing({ source, body: input.body, finalUrl: pageUrl, ...(input.mediaType ? { mediaType: input.mediaType } : {}), ...(input.charset ? { charset: input.charset } : {}) });
  return {
    entries: read.entries.map((e) => ({ title: e.title, url: e.url, date: e.postedAt ?? null, kind: e.kind })),
    ...(read.degraded ? { degraded: read.degraded } : {}),
  };
}

export async function listingCommand(arg: string, options: SourceHints & { json?: boolean }, print: (line: string) => void = console.log,
  fetcherOptions?: FetcherOptions, warn: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): Promise<void> {
  const { entries, degraded } = await listingEntries(arg, await loadRegistry(), options, fetcherOptions);
  if (degraded) warn(`note: ${degraded}`);
  if (options.json) {
    print(JSON.stringify({ entries }, null, 2));
    return;
  }
  if (!entries.length) {
    print(`${arg}: no entries found (no link with a date beside it, and no link alone whose title reads as a notice)`);
    return;
  }
  const kindWidth = Math.max(...entries.map((e) => e.kind.length));
  print(`${'date'.padEnd(10)}  ${'kind'.padEnd(kindWidth)}  title`);
  for (const e of entries) print(`${(e.date ?? '-').padEnd(10)}  ${e.kind.padEnd(kindWidth)}  ${e.title}\n${''.padEnd(12 + kindWidth)}  ${e.url}`);
}
