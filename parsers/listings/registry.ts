/**
 * The listings registry: a data file (listing-sources.json), validated here so that a bad entry is a
 * clear error, like the sources registry (parsers/sources.ts). Each adapter named must exist and read
 * what the entry says the listing is (an HTML page or a feed).
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { Agency, Lang } from '../schema.ts';
import { RegistryError } from '../sources.ts';
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

const Registry = z.object({ listings: z.array(ListingSource) }).loose();

export const DEFAULT_LISTINGS_FILE = fileURLToPath(new URL('../listing-sources.json', import.meta.url));

/**
 * Parses listings-registry JSON text; throws RegistryError naming the file and the bad entry.
 * @example parseListingRegistry('{"listings": []}', 'listing-sources.json') // []
 */
export function parseListingRegistry(text: string, file = 'listings file'): ListingSource[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new RegistryError(`${file} is not valid JSON (${(err as Error).message}); fix the file and run again`);
  }
  const parsed = Registry.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? `${describePath(json, issue.path)}: ` : '';
    throw new RegistryError(`${file}: ${where}${issue.message}; fix that entry and run again`);
  }
  const seen = new Set<string>();
  for (const l of parsed.data.listings) {
    if (seen.has(l.id)) throw new RegistryError(`${file}: listing id "${l.id}" appears twice; ids must be unique`);
    seen.add(l.id);
  }
  return parsed.data.listings;
}

/** Reads and validates the listings registry (by default parsers/listing-sources.json). */
export async function loadListingRegistry(file = DEFAULT_LISTINGS_FILE): Promise<ListingSource[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new RegistryError(`cannot read the listings file ${file}; pass an existing file`);
  }
  return parseListingRegistry(text, file);
}

/** "listings.2.adapter" reads better as "listings.2 (amed-koubo-en).adapter": the id says which entry to fix. */
function describePath(json: unknown, path: PropertyKey[]): string {
  const [list, index, ...rest] = path;
  const id = list === 'listings' && typeof index === 'number'
    ? ((json as { listings?: Array<{ id?: unknown }> }).listings?.[index]?.id) : undefined;
  const head = typeof id === 'string' ? `${String(list)}.${String(index)} (${id})` : [list, index].filter((p) => p !== undefined).map(String).join('.');
  return [head, ...rest.map(String)].join('.');
}
