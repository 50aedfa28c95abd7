/** The sources registry: a data file (sources.json), validated here so that a bad entry is a clear error. */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
// The namespace import lets the bundler keep only the parts of zod used (the named `z` export pulls all of it in).
import * as z from 'zod';
import { Agency, Lang } from './schema.ts';

/** How a source was found when no one listed it by hand: the listing entry that announced it. */
export const Discovery = z.object({
  listingId: z.string(),
  title: z.string(),
  foundAt: z.string(),
  postedAt: z.string().optional(),
  /** The call's closing day (YYYY-MM-DD, from the listing or the page); the source is dropped a grace period after it. */
  closesAt: z.string().optional(),
  /** The same call's page in the other language, when the listing or the page links it. */
  alternateUrl: z.string().optional(),
});
export type Discovery = z.infer<typeof Discovery>;

export const Source = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are lower-case words joined by hyphens'),
  agency: Agency,
  lang: Lang,
  kind: z.enum(['html', 'pdf']),
  url: z.url({ protocol: /^https?$/ }),
  program: z.string().optional(),
  adapter: z.string().optional(),
  /** Set on sources fundwatch found on a listing (never in a registry file). */
  discovered: Discovery.optional(),
});
export type Source = z.infer<typeof Source>;

export const DEFAULT_SOURCES_FILE = fileURLToPath(new URL('./sources.json', import.meta.url));

export class RegistryError extends Error {
  override name = 'RegistryError';
}

/**
 * Validates the JSON text of a registry file (a list of entries with unique ids under `key`); throws
 * RegistryError naming the file, the entry (by position and id) and what to fix. Shared by the sources
 * and the listings registries.
 */
export function parseEntries<T extends { id: string }>(text: string, file: string, key: string, schema: z.ZodType<T>, noun: string): T[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new RegistryError(`${file} is not valid JSON (${(err as Error).message}); fix the file and run again`);
  }
  const parsed = z.object({ [key]: z.array(schema) }).loose().safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? `${describePath(json, issue.path, key)}: ` : '';
    throw new RegistryError(`${file}: ${where}${issue.message}; fix that entry and run again`);
  }
  const entries = (parsed.data as Record<string, T[]>)[key]!;
  const seen = new Set<string>();
  for (const entry of entries) {
    if (seen.has(entry.id)) throw new RegistryError(`${file}: ${noun} id "${entry.id}" appears twice; ids must be unique`);
    seen.add(entry.id);
  }
  return entries;
}

/** Reads a registry file's text, or says which file could not be read and how to pass another. */
export async function readRegistryText(file: string, what: string, how = 'pass an existing file'): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    throw new RegistryError(`cannot read the ${what} ${file}; ${how}`);
  }
}

/** "sources.2.url" reads better as "sources.2 (amed-hfsp-en).url": the id says which entry to fix. */
function describePath(json: unknown, path: PropertyKey[], key: string): string {
  const [list, index, ...rest] = path;
  const id = list === key && typeof index === 'number' ? ((json as Record<string, Array<{ id?: unknown }> | undefined>)[key]?.[index]?.id) : undefined;
  const head = typeof id === 'string' ? `${String(list)}.${String(index)} (${id})` : [list, index].filter((p) => p !== undefined).map(String).join('.');
  return [head, ...rest.map(String)].join('.');
}

/** Parses registry JSON text; throws RegistryError naming the file and the bad entry. */
export function parseRegistry(text: string, file = 'sources file'): Source[] {
  return parseEntries(text, file, 'sources', Source, 'source');
}

export async function loadRegistry(file = DEFAULT_SOURCES_FILE): Promise<Source[]> {
  return parseRegistry(await readRegistryText(file, 'sources file', 'pass an existing file with --sources'), file);
}
