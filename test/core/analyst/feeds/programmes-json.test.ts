/**
 * feeds/programmes.json: the programmes and found calls with their names, for offices and for the
 * subscription pages in AWS. It must match its committed schema, name each programme as the pages do,
 * come out byte for byte the same when nothing changed, and read back into the choices it was made of.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { FEED_PATHS, programmeListFiles } from '#core/analyst/feeds/feed-files.ts';
import { programmesJson, ProgrammesJsonError, readProgrammesJson } from '#core/analyst/feeds/programmes-json.ts';
import type { Catalog } from '#core/analyst/views.ts';
import type { Source } from '#parsers/sources.ts';
import { HOSTILE, programme, sampleCatalog } from '../../../helpers/catalog.ts';

const BASE = 'https://example.org/fundwatch/';

/** The registry: a programme with pages in the catalog, and one never read yet. */
const REGISTRY: Source[] = [
  { id: 'jst-aspire-top-en', agency: 'JST', lang: 'en', kind: 'html', url: 'https://www.jst.go.jp/aspire/en/', program: 'jst-aspire' },
  { id: 'jsps-kakenhi-ja', agency: 'JSPS', lang: 'ja', kind: 'html', url: 'https://www.jsps.go.jp/j-grantsinaid/', program: 'jsps-kakenhi' },
];

/** A call found on a listing, not read yet: its listing's title names it. */
const FOUND: Source = {
  id: 'amed-found-2027-ja', agency: 'AMED', lang: 'ja', kind: 'html', url: 'https://www.amed.go.jp/koubo/found.html', program: 'amed-found-2027',
  discovered: { listingId: 'amed-koubo', title: `令和9年度 公募 ${HOSTILE}`, foundAt: '2026-11-21T03:00:00.000Z' },
};

function schema(): object {
  return JSON.parse(readFileSync(new URL('../../../../docs/schemas/programmes.v1.json', import.meta.url), 'utf8')) as object;
}

function validate(document: unknown): string[] {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  ajvFormats.default(ajv);
  const check = ajv.compile(schema());
  return check(document) ? [] : (check.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

function published(catalog: Catalog = sampleCatalog(), discovered: Source[] = [FOUND]): { document: string; schema: string } {
  const files = programmeListFiles(catalog, REGISTRY, discovered, { baseUrl: BASE });
  expect(files.map((f) => f.path)).toEqual([FEED_PATHS.programmesJson(), FEED_PATHS.schema('programmes')]);
  return { document: files[0]!.body, schema: files[1]!.body };
}

interface Doc { version: number; schema: string; self: string; generatedAt: string; programmes: Array<{ id: string; agency: string; names: { en: string | null; ja: string | null } }> }

describe('feeds/programmes.json', () => {
  it('validates against its committed JSON Schema (2020-12, formats checked), which is published beside it', () => {
    const files = published();

    expect(validate(JSON.parse(files.document))).toEqual([]);
    expect(JSON.parse(files.schema)).toEqual(schema());
  });

  it('lists the registry\'s programmes, the catalog\'s and the found calls, each once, by id, with every name given', () => {
    const document = JSON.parse(published().document) as Doc;

    expect(document).toMatchObject({ version: 1, self: `${BASE}feeds/programmes.json`, schema: `${BASE}feeds/schemas/programmes.v1.json` });
    expect(document.programmes).toEqual([
      { id: 'amed-cycle', agency: 'AMED', names: { en: 'AMED CYCLE', ja: '医療研究開発推進事業' } },
      { id: 'amed-found-2027', agency: 'AMED', names: { en: null, ja: `令和9年度 公募 ${HOSTILE}` } },
      { id: 'jsps-bilateral', agency: 'JSPS', names: { en: 'Bilateral Programs', ja: '二国間交流事業' } },
      { id: 'jsps-kakenhi', agency: 'JSPS', names: { en: null, ja: null } },
      { id: 'jst-aspire', agency: 'JST', names: { en: 'ASPIRE', ja: '先端国際共同研究推進事業' } },
    ]);
  });

  it('names a found call by its page once the page was read, not by the listing\'s title', () => {
    const catalog = sampleCatalog();
    catalog.programmes.push(programme({ id: 'amed-found-2027', agency: 'AMED', name: { ja: 'AMED 令和9年度 研究開発' } }));

    const document = JSON.parse(published(catalog).document) as Doc;

    expect(document.programmes.find((p) => p.id === 'amed-found-2027')?.names).toEqual({ en: null, ja: 'AMED 令和9年度 研究開発' });
  });

  it('states as generatedAt the newest change or found call, so a republish of unchanged data gives the same bytes', () => {
    const first = sampleCatalog();
    const later = { ...sampleCatalog(), generatedAt: '2026-11-29T00:00:00.000Z' };

    expect(JSON.parse(published(first).document)).toMatchObject({ generatedAt: FOUND.discovered!.foundAt });
    expect(JSON.parse(published(first, []).document)).toMatchObject({ generatedAt: '2026-11-20T06:00:00.000Z' });
    expect(published(later).document).toBe(published(first).document);
    // Whatever order the store lists the found calls and the catalog its programmes in.
    const shuffled = { ...later, programmes: [...later.programmes].reverse() };
    expect(published(shuffled, [FOUND]).document).toBe(published(first).document);
  });

  it('keeps a page\'s words as data: JSON strings, nothing escaped or made HTML', () => {
    const body = published().document;

    expect(body).not.toContain('&lt;');
    expect((JSON.parse(body) as Doc).programmes.some((p) => p.names.ja?.includes(HOSTILE))).toBe(true);
  });
});

describe('readProgrammesJson', () => {
  const OPTIONS = { self: `${BASE}feeds/programmes.json`, schema: `${BASE}feeds/schemas/programmes.v1.json`, generatedAt: '2026-11-20T06:00:00.000Z' };

  it('gives back the choices the document was written from, a missing name left out', () => {
    const choices = [
      { id: 'jsps-kakenhi', agency: 'JSPS' as const, names: {} },
      { id: 'jst-aspire', agency: 'JST' as const, names: { en: 'ASPIRE', ja: '先端国際共同研究推進事業' } },
    ];

    expect(readProgrammesJson(programmesJson(choices, OPTIONS))).toEqual(choices);
  });

  it('refuses what is not a version 1 list, saying to publish again', () => {
    const v2 = JSON.stringify({ version: 2, programmes: [] });
    const noAgency = JSON.stringify({ version: 1, programmes: [{ id: 'x', agency: 'NSF', names: {} }] });

    expect(() => readProgrammesJson('<html>')).toThrow(ProgrammesJsonError);
    expect(() => readProgrammesJson(v2)).toThrow(/not a version 1 programme list .*publish again/);
    expect(() => readProgrammesJson(noAgency)).toThrow(/programme 0 has no id or no known agency/);
  });
});
