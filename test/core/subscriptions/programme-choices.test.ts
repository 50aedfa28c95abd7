import { describe, expect, it } from 'vitest';
import type { LatestSnapshot } from '#core/analyst/catalog.ts';
import type { SourceState, Snapshot } from '#core/domain/snapshots.ts';
import type { DiscoveryStore, SnapshotStore } from '#core/ports/store.ts';
import { cachedChoices, choicesFrom, readProgrammeChoices, type ProgrammeChoice } from '#core/subscriptions/programme-choices.ts';
import type { Agency, Lang, Program } from '#parsers/schema.ts';
import type { Source } from '#parsers/sources.ts';

const source = (id: string, agency: Agency, lang: Lang, program?: string, title?: string): Source => ({
  id, agency, lang, kind: 'html', url: `https://example.org/${id}`, ...(program ? { program } : {}),
  ...(title ? { discovered: { listingId: 'listing', title, foundAt: '2026-11-01T00:00:00Z' } } : {}),
});

const latest = (sourceId: string, lang: Lang, programs: Array<Pick<Program, 'id' | 'agency' | 'name'>>): LatestSnapshot => ({
  sourceId, takenAt: '2026-11-20T00:00:00Z',
  result: { source: { url: `https://example.org/${sourceId}`, agency: programs[0]!.agency, lang, contentHash: 'h' }, programs: programs.map((p) => ({ ...p, url: 'https://example.org/', calls: [] })) },
});

describe('choicesFrom', () => {
  it('names a registry programme in both languages from the latest snapshots of its English and Japanese pages', () => {
    const registry = [source('crest-en', 'JST', 'en', 'jst-crest'), source('crest-ja', 'JST', 'ja', 'jst-crest')];
    const snapshots = [latest('crest-en', 'en', [{ id: 'jst-crest', agency: 'JST', name: { en: 'CREST' } }]),
      latest('crest-ja', 'ja', [{ id: 'jst-crest', agency: 'JST', name: { ja: '戦略的創造研究推進事業 CREST' } }])];

    expect(choicesFrom(registry, snapshots, [])).toEqual([{ id: 'jst-crest', agency: 'JST', names: { en: 'CREST', ja: '戦略的創造研究推進事業 CREST' } }]);
  });

  it('keeps a registry programme no page was read for yet, by id only, with its agency', () => {
    expect(choicesFrom([source('aspire-en', 'AMED', 'en', 'amed-aspire')], [], [])).toEqual([{ id: 'amed-aspire', agency: 'AMED', names: {} }]);
  });

  it('includes the calls found by discovery, named by their listing title in the listing language until a page names them', () => {
    const found = [source('jsps-call-1', 'JSPS', 'ja', 'jsps-call-1', '二国間交流事業 募集'), source('jst-call-2', 'JST', 'en', 'jst-call-2', 'Listing title')];
    const snapshots = [latest('jst-call-2', 'en', [{ id: 'jst-call-2', agency: 'JST', name: { en: 'The page’s own name' } }])];

    expect(choicesFrom([], snapshots, found)).toEqual([
      { id: 'jsps-call-1', agency: 'JSPS', names: { ja: '二国間交流事業 募集' } },
      { id: 'jst-call-2', agency: 'JST', names: { en: 'The page’s own name' } },
    ]);
  });

  it('offers each programme once, sorted by id, however many pages and records name it', () => {
    const registry = [source('b-en', 'JST', 'en', 'jst-b'), source('b-ja', 'JST', 'ja', 'jst-b'), source('a-en', 'AMED', 'en', 'amed-a')];
    const snapshots = [latest('b-en', 'en', [{ id: 'jst-b', agency: 'JST', name: { en: 'B' } }, { id: 'jst-extra', agency: 'JST', name: { en: 'Extra' } }])];

    expect(choicesFrom(registry, snapshots, []).map((c) => c.id)).toEqual(['amed-a', 'jst-b', 'jst-extra']);
  });
});

describe('readProgrammeChoices', () => {
  it('reads the latest snapshot of every source with one, and every found call', async () => {
    const snap = (sourceId: string, name: string): Snapshot => ({ sourceId, version: 2, takenAt: '2026-11-20T00:00:00Z', contentHash: 'c', recordHash: 'r',
      result: latest(sourceId, 'en', [{ id: 'jst-crest', agency: 'JST', name: { en: name } }]).result } as Snapshot);
    const store: SnapshotStore & Pick<DiscoveryStore, 'listDiscoveredSources'> = {
      listStates: async () => [{ sourceId: 'crest-en', snapshotVersion: 2 }, { sourceId: 'never-read', snapshotVersion: 0 }] as SourceState[],
      getSnapshots: async (keys) => keys.map((k) => snap(k.sourceId, `CREST v${k.version}`)),
      listDiscoveredSources: async () => [source('jst-call-9', 'JST', 'en', 'jst-call-9', 'A new call')],
    } as SnapshotStore & Pick<DiscoveryStore, 'listDiscoveredSources'>;

    expect(await readProgrammeChoices(store, [source('crest-en', 'JST', 'en', 'jst-crest')])).toEqual([
      { id: 'jst-call-9', agency: 'JST', names: { en: 'A new call' } },
      { id: 'jst-crest', agency: 'JST', names: { en: 'CREST v2' } },
    ]);
  });
});

describe('cachedChoices', () => {
  const list = (id: string): ProgrammeChoice[] => [{ id, agency: 'JST', names: {} }];

  it('reads once within the time to live, and again after it', async () => {
    let clock = 0;
    let reads = 0;
    const choices = cachedChoices(async () => list(`read-${++reads}`), { ttlMs: 60_000, fallback: () => [], now: () => clock });

    expect(await choices()).toEqual(list('read-1'));
    clock = 59_999;
    expect(await choices()).toEqual(list('read-1'));
    clock = 60_000;
    expect(await choices()).toEqual(list('read-2'));
  });

  it('shares one read between callers that ask at the same time', async () => {
    let reads = 0;
    const choices = cachedChoices(async () => list(`read-${++reads}`), { ttlMs: 60_000, fallback: () => [] });

    const answers = await Promise.all([choices(), choices(), choices()]);

    expect(reads).toBe(1);
    expect(answers).toEqual([list('read-1'), list('read-1'), list('read-1')]);
  });

  it('serves the fallback when the first read fails, the last good list after a later failure, and reports each failure', async () => {
    let clock = 0;
    const failures: string[] = [];
    const outcomes = [new Error('throttled'), list('good'), new Error('timed out')];
    const choices = cachedChoices(async () => {
      const next = outcomes.shift()!;
      if (next instanceof Error) throw next;
      return next;
    }, { ttlMs: 1000, fallback: () => list('registry'), onError: (err) => failures.push((err as Error).message), now: () => clock });

    expect(await choices()).toEqual(list('registry'));
    expect(await choices()).toEqual(list('good'));
    clock = 1000;
    expect(await choices()).toEqual(list('good'));
    expect(failures).toEqual(['throttled', 'timed out']);
  });
});
