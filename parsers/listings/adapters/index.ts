/**
 * The listing adapters by the name the registry (parsers/listing-sources.json) uses: one small module
 * per listing layout. Adding a layout is one module and one line here.
 */
import { UnknownListingAdapterError } from '../errors.ts';
import type { ListingAdapter } from './adapter.ts';
import { amedKoubo } from './amed-koubo-dl.ts';
import { amedNews } from './amed-news-list.ts';
import { atomFeed } from './atom-feed.ts';
import { genericList } from './generic-list.ts';
import { jspsKoubo } from './jsps-koubo-list.ts';
import { jspsNews } from './jsps-news-dl.ts';
import { jstKoubo } from './jst-koubo-table.ts';

export const ADAPTERS: Readonly<Record<string, ListingAdapter>> = Object.fromEntries(
  [atomFeed, jstKoubo, amedKoubo, amedNews, jspsNews, jspsKoubo, genericList].map((a) => [a.name, a]),
);

/** The adapter the registry names; a miss names the known ones. */
export function getListingAdapter(name: string): ListingAdapter {
  const adapter = ADAPTERS[name];
  if (!adapter) throw new UnknownListingAdapterError(`no listing adapter is called "${name}" (known: ${Object.keys(ADAPTERS).join(', ')}); fix the listing's "adapter" in parsers/listing-sources.json`);
  return adapter;
}
