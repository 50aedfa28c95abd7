/**
 * The programmes a subscriber can pick on a form: every programme of the registry and every call found by
 * discovery, each with its agency and its names in both languages as the latest snapshots (or, for a found
 * call not read yet, the listing's title) give them. The forms render these; nothing here is HTML, and every
 * name came from a page, so a renderer must escape it.
 */
import type { Agency } from '#parsers/schema.ts';
import type { Source } from '#parsers/sources.ts';
import type { LatestSnapshot } from '../analyst/catalog.ts';
import { readLatestSnapshots } from '../analyst/read-catalog.ts';
import type { LocalizedName } from '../analyst/views.ts';
import type { DiscoveryStore, SnapshotStore } from '../ports/store.ts';

export interface ProgrammeChoice {
  id: string;
  agency: Agency;
  /** Absent in a language no page or listing gave: the form falls back to the other language, then the id. */
  names: LocalizedName;
}

/**
 * Pure, by id: the registry's programmes, then the found calls, named by the snapshots (a page's own name wins
 * over a listing's title, since it is what the page says now). A programme with no snapshot yet keeps
 * what it has: a found call its listing title, a registry programme only its id.
 * @example choicesFrom([{ id: 'jst-crest-en', agency: 'JST', lang: 'en', kind: 'html', url: 'https://www.jst.go.jp/', program: 'jst-crest' }], [], [])
 *   // [{ id: 'jst-crest', agency: 'JST', names: {} }]
 */
export function choicesFrom(registry: readonly Source[], snapshots: readonly LatestSnapshot[], discovered: readonly Source[]): ProgrammeChoice[] {
  return choicesNamedBy(registry, snapshots.flatMap((snapshot) => snapshot.result.programs), discovered);
}

/** A programme as a page names it: a snapshot's programme, or a catalog's (its pages' names already merged). */
export interface NamedProgramme {
  id: string;
  agency: Agency;
  name: LocalizedName;
}

/**
 * choicesFrom with the pages' names taken from programmes already read (the catalog the publish step built),
 * so that publishing the list reads no snapshot twice. The first name given in each language wins, as in
 * the catalog.
 * @example choicesNamedBy(registry, catalog.programmes, await store.listDiscoveredSources())
 */
export function choicesNamedBy(registry: readonly Source[], programmes: readonly NamedProgramme[], discovered: readonly Source[]): ProgrammeChoice[] {
  const choices = new Map<string, ProgrammeChoice>();
  const entry = (id: string, agency: Agency): ProgrammeChoice => {
    const known = choices.get(id) ?? { id, agency, names: {} };
    choices.set(id, known);
    return known;
  };
  for (const source of registry) if (source.program) entry(source.program, source.agency);
  const pageNames = new Map<string, LocalizedName>();
  for (const program of programmes) {
    entry(program.id, program.agency);
    const names = pageNames.get(program.id) ?? {};
    names.en ??= program.name.en;
    names.ja ??= program.name.ja;
    pageNames.set(program.id, names);
  }
  for (const source of discovered) {
    const choice = entry(source.program ?? source.id, source.agency);
    if (source.discovered) choice.names[source.lang] ??= source.discovered.title;
  }
  for (const [id, names] of pageNames) {
    const choice = choices.get(id)!;
    choice.names = { ...choice.names, ...definedOnly(names) };
  }
  return [...choices.values()].sort((a, b) => a.id.localeCompare(b.id));
}

const definedOnly = (names: LocalizedName): LocalizedName =>
  ({ ...(names.en ? { en: names.en } : {}), ...(names.ja ? { ja: names.ja } : {}) });

/**
 * The choices as the store knows them now: the latest snapshots (read in batches, through the states
 * list) and every found call.
 */
export async function readProgrammeChoices(store: SnapshotStore & Pick<DiscoveryStore, 'listDiscoveredSources'>, registry: readonly Source[]): Promise<ProgrammeChoice[]> {
  const [snapshots, discovered] = await Promise.all([readLatestSnapshots(store), store.listDiscoveredSources()]);
  return choicesFrom(registry, snapshots, discovered);
}

export interface ChoiceCacheOptions {
  ttlMs: number;
  /** Served when the store cannot be read and no list was read before: the registry's programmes by id. */
  fallback: () => ProgrammeChoice[];
  /** Told of a failed read (served from the last good list meanwhile), to log it. */
  onError?: (err: unknown) => void;
  now?: () => number;
}

/**
 * `load`, remembered for `ttlMs`: a form served many times a minute reads the store once a while, and
 * picks up the names and calls a cycle found since. Concurrent callers share one read. A failed read is
 * not remembered: the last good list is served meanwhile, or with none yet the fallback (a form without
 * names beats no form).
 * @example const choices = cachedChoices(() => readProgrammeChoices(store, sources), { ttlMs: 60_000, fallback: () => choicesFrom(sources, [], []) });
 */
export function cachedChoices(load: () => Promise<ProgrammeChoice[]>, options: ChoiceCacheOptions): () => Promise<ProgrammeChoice[]> {
  const now = options.now ?? Date.now;
  let last: { at: number; choices: ProgrammeChoice[] } | undefined;
  let reading: Promise<ProgrammeChoice[]> | undefined;
  return async () => {
    if (last && now() - last.at < options.ttlMs) return last.choices;
    reading ??= load()
      .then((choices) => { last = { at: now(), choices }; return choices; })
      .catch((err: unknown) => { options.onError?.(err); return last?.choices ?? options.fallback(); })
      .finally(() => { reading = undefined; });
    return reading;
  };
}
