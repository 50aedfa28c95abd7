/**
 * The listings registry: a data file (listing-sources.json), validated here so that a bad entry is a
 * clear error, like the sources registry (parsers/sources.ts). Each adapter named must exist and read
 * what the entry says the listing is (an HTML page or a feed).
 */
import { fileURLToPath } from 'node:url';
// The namespace import lets the bundler keep only the parts of zod used (the named `z` export pulls all of it in).
import * as z from 'zod';
import { Agency, Lang } from '../schema.ts';
import { parseEntries, readRegistryText } from '../sources.ts';
import { ADAPTERS } from './adapters/index.ts';

export const ListingSource = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are lower-case words joined by hyphens'),
  agency: Agency,
  lang: Lang,
  kind: z.enum(['listing', 'feed']),
  url: z.url({ protocol: /^https?$/ }),
  adapter: z.string(),
}).superRefine((entry, ctx) => {
  const adapter = ADAPTERS[entry.adapter];
  if (!adapter) {
    ctx.addIssue({ code: 'custom', path: ['adapter'], message: `unknown adapter "${entry.adapter}" (known: ${Object.keys(ADAPTERS).join(', ')})` });
  } else if (adapter.reads !== entry.kind) {
    ctx.addIssue({ code: 'custom', path: ['kind'], message: `adapter "${entry.adapter}" reads a ${adapter.reads}, but the entry's kind is "${entry.kind}"` });
  }
});
export type ListingSource = z.infer<typeof ListingSource>;

export const DEFAULT_LISTINGS_FILE = fileURLToPath(new URL('../listing-sources.json', import.meta.url));

/**
 * Parses listings-registry JSON text; throws RegistryError naming the file and the bad entry.
 * @example parseListingRegistry('{"listings": []}', 'listing-sources.json') // []
 */
export function parseListingRegistry(text: string, file = 'listings file'): ListingSource[] {
  return parseEntries(text, file, 'listings', ListingSource, 'listing');
}

/** Reads and validates the listings registry (by default parsers/listing-sources.json). */
export async function loadListingRegistry(file = DEFAULT_LISTINGS_FILE): Promise<ListingSource[]> {
  return parseListingRegistry(await readRegistryText(file, 'listings file', 'pass an existing file with --listings'), file);
}
