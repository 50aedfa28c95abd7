/** The sources registry: a data file (sources.json), validated here so that a bad entry is a clear error. */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
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

const Registry = z.object({ sources: z.array(Source) }).loose();

export const DEFAULT_SOURCES_FILE = fileURLToPath(new URL('./sources.json', import.meta.url));

export class RegistryError extends Error {
  override name = 'RegistryError';
}

/** Parses registry JSON text; throws RegistryError naming the file and the bad entry. */
export function parseRegistry(text: string, file = 'sources file'): Source[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new RegistryError(`${file} is not valid JSON (${(err as Error).message}); fix the file and run again`);
  }
  const parsed = Registry.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new RegistryError(`${file}: ${issue.path.join('.')}: ${issue.message}; fix that entry and run again`);
  }
  const seen = new Set<string>();
  for (const s of parsed.data.sources) {
    if (seen.has(s.id)) throw new RegistryError(`${file}: source id "${s.id}" appears twice; ids must be unique`);
    seen.add(s.id);
  }
  return parsed.data.sources;
}

export async function loadRegistry(file = DEFAULT_SOURCES_FILE): Promise<Source[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new RegistryError(`cannot read the sources file ${file}; pass an existing file with --sources`);
  }
  return parseRegistry(text, file);
}
