/**
 * feeds/deadlines.json and feeds/changes.json: what an office builds on instead of scraping the page. The
 * documents must match their committed schemas exactly, keep a page's words as data, keep ids across
 * cycles, and come out byte for byte the same when nothing changed.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { CHANGE_CATEGORIES } from '#core/domain/changes.ts';
import { FEED_PATHS, type FeedFile, feedFiles } from '#core/analyst/feeds/feed-files.ts';
import { changesJson, deadlinesJson } from '#core/analyst/feeds/json-feeds.ts';
import type { Catalog } from '#core/analyst/views.ts';
import { AGENCIES, CallStatus, DeadlineKind } from '#parsers/schema.ts';
import { change, deadline, HOSTILE, sampleCatalog } from '../../../helpers/catalog.ts';

const NOW = new Date('2026-11-22T00:00:00.000Z');
const BASE = 'https://example.org/fundwatch/';
const OPTIONS = { self: `${BASE}feeds/x.json`, schema: `${BASE}feeds/schemas/x.v1.json`, generatedAt: NOW.toISOString() };

type Name = 'deadlines' | 'changes';
interface Schema { $defs: Record<string, { properties: Record<string, { enum?: string[] }>; required: string[] }> }

function committedSchema(name: Name): Schema {
  return JSON.parse(readFileSync(new URL(`../../../../docs/schemas/${name}.v1.json`, import.meta.url), 'utf8')) as Schema;
}

function validator(name: Name): (document: unknown) => string[] {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  ajvFormats.default(ajv);
  const validate = ajv.compile(committedSchema(name));
  return (document) => (validate(document) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));
}

function published(catalog: Catalog, now = NOW): Record<string, FeedFile> {
  return Object.fromEntries(feedFiles(catalog, { baseUrl: BASE, now }).filter((f) => f.path.endsWith('.json')).map((f) => [f.path, f]));
}

interface Doc { version: number; schema: string; self: string; generatedAt: string; deadlines: Array<Record<string, unknown>>; changes: Array<Record<string, unknown>> }
const parse = (body: string): Doc => JSON.parse(body) as Doc;

describe('the JSON feeds', () => {
  it('validate against their committed JSON Schemas (2020-12, formats checked), which are published beside them', () => {
    const files = published(sampleCatalog());

    for (const name of ['deadlines', 'changes'] as const) {
      const document = parse(files[`feeds/${name}.json`]!.body);
      expect(validator(name)(document)).toEqual([]);
      expect(document[name]).not.toHaveLength(0);
      expect(JSON.parse(files[FEED_PATHS.schema(name)]!.body)).toEqual(committedSchema(name));
    }
  });

  it('name themselves and their schema by absolute URLs under the site, at the paths the page links to', () => {
    const files = published(sampleCatalog());

    const deadlines = parse(files['feeds/deadlines.json']!.body);
    const changes = parse(files['feeds/changes.json']!.body);

    expect(deadlines).toMatchObject({ version: 1, self: `${BASE}feeds/deadlines.json`, schema: `${BASE}feeds/schemas/deadlines.v1.json` });
    expect(changes).toMatchObject({ version: 1, self: `${BASE}feeds/changes.json`, schema: `${BASE}feeds/schemas/changes.v1.json` });
    expect(Object.keys(files)).toEqual([FEED_PATHS.deadlinesJson(), FEED_PATHS.changesJson(), FEED_PATHS.schema('deadlines'), FEED_PATHS.schema('changes')]);
  });

  it('give every entry exactly the properties its schema declares, all of them required, in the schema\'s order', () => {
    const files = published(sampleCatalog());

    for (const [name, item] of [['deadlines', 'deadline'], ['changes', 'change']] as const) {
      const declared = committedSchema(name).$defs[item]!;
      expect(declared.required).toEqual(Object.keys(declared.properties));
      for (const entry of parse(files[`feeds/${name}.json`]!.body)[name]) expect(Object.keys(entry)).toEqual(declared.required);
    }
  });

  it('allow in their schemas exactly the agencies, kinds, statuses and categories the code knows', () => {
    const deadline = committedSchema('deadlines').$defs.deadline!.properties;
    const change = committedSchema('changes').$defs.change!.properties;

    expect(deadline.agency!.enum).toEqual([...AGENCIES]);
    expect(deadline.kind!.enum).toEqual(DeadlineKind.options);
    expect((deadline.call as unknown as Schema['$defs'][string]).properties.status!.enum).toEqual(CallStatus.options);
    expect(change.agency!.enum).toEqual([...AGENCIES]);
    expect(change.category!.enum).toEqual([...CHANGE_CATEGORIES]);
  });
});

describe('deadlinesJson', () => {
  it('keeps hostile page text as data: JSON.parse gives back the exact words, and no HTML is made', () => {
    const words = `${HOSTILE} </script><script>x()</script> ]]> \u0000\u2028\u202e \ud800 "}],"deadlines":[`;
    const body = deadlinesJson([deadline({ label: words, evidence: words, callTitle: words, programName: { en: words } })], OPTIONS);

    const entry = parse(body).deadlines[0]!;

    expect(entry).toMatchObject({ label: words, evidence: words, call: { title: words }, programme: { name: { en: words, ja: null } } });
    expect(parse(body).deadlines).toHaveLength(1);
    expect(body).not.toMatch(/&lt;|&amp;|&quot;|&#39;/);
    expect(validator('deadlines')(parse(body))).toEqual([]);
  });

  it('gives a page address only when it is http(s), so that a consumer\'s link never runs code', () => {
    const body = deadlinesJson([deadline({ url: 'javascript:alert(1)' }), deadline({ uid: 'b', url: 'data:text/html,<b>x</b>' })], OPTIONS);

    expect(parse(body).deadlines.map((d) => d.url)).toEqual([null, null]);
    expect(validator('deadlines')(parse(body))).toEqual([]);
  });

  it('keeps a moved deadline\'s id, counts the move, and places it by its new date', () => {
    const other = deadline({ uid: 'jst-aspire.fy2025.interview.en', kind: 'interview', date: '2027-01-20', time: null, iso: '2027-01-20T00:00:00+09:00' });
    const before = parse(deadlinesJson([deadline(), other], OPTIONS)).deadlines;

    const moved = deadline({ date: '2027-02-10', iso: '2027-02-10T12:00:00+09:00', sequence: 1 });
    const after = parse(deadlinesJson([moved, other], OPTIONS)).deadlines;

    expect(before.map((d) => d.id)).toEqual(['jst-aspire.fy2025.submission.en', 'jst-aspire.fy2025.interview.en']);
    expect(after.map((d) => d.id)).toEqual(['jst-aspire.fy2025.interview.en', 'jst-aspire.fy2025.submission.en']);
    expect(after[1]).toMatchObject({ id: before[0]!.id, date: '2027-02-10', iso: '2027-02-10T12:00:00+09:00', sequence: 1 });
  });

  it('lists soonest first: a day\'s timed steps before its untimed ones, a month without a day after its days', () => {
    const steps = [
      deadline({ uid: 'month', date: '2027-03', time: null, iso: null, tentative: true }),
      deadline({ uid: 'untimed', date: '2027-03-31', time: null, iso: '2027-03-31T00:00:00+09:00' }),
      deadline({ uid: 'timed', date: '2027-03-31', time: '17:00', iso: '2027-03-31T17:00:00+09:00' }),
      deadline({ uid: 'early', date: '2027-03-01', time: '10:00', iso: '2027-03-01T10:00:00+09:00' }),
    ];

    const ids = parse(deadlinesJson(steps, OPTIONS)).deadlines.map((d) => d.id);

    expect(ids).toEqual(['early', 'timed', 'untimed', 'month']);
  });
});

describe('changesJson', () => {
  it('keeps hostile page text as data in summaries, values and evidence', () => {
    const words = `${HOSTILE} </script> ]]> \u0000\u2028`;
    const body = changesJson([change({ summary: { en: words, ja: words }, before: words, after: words, evidence: { after: words } })], OPTIONS);

    const entry = parse(body).changes[0]!;

    expect(entry).toMatchObject({ summary: { en: words, ja: words }, before: words, after: words, evidence: { before: null, after: words } });
    expect(body).not.toMatch(/&lt;|&amp;|&quot;/);
    expect(validator('changes')(parse(body))).toEqual([]);
  });

  it('lists newest first, and leaves out a change whose detection time cannot be read rather than break the document', () => {
    const changes = [change({ id: 'old', detectedAt: '2026-10-01T00:00:00.000Z' }), change({ id: 'broken', detectedAt: 'yesterday' }),
      change({ id: 'new', detectedAt: '2026-11-21T00:00:00.000Z' })];

    const document = parse(changesJson(changes, OPTIONS));

    expect(document.changes.map((c) => c.id)).toEqual(['new', 'old']);
    expect(validator('changes')(document)).toEqual([]);
  });

  it('marks an English/Japanese disagreement as such, and every other change as not one', () => {
    const body = changesJson([change({ id: 'd', disagreement: true }), change({ id: 'c' })], OPTIONS);

    expect(parse(body).changes.map((c) => [c.id, c.disagreement])).toEqual([['c', false], ['d', true]]);
  });
});

describe('republishing', () => {
  it('gives byte-identical files when the data has not changed, whatever the clock and the order the catalog came in', () => {
    const catalog = sampleCatalog();
    const later = new Date(NOW.getTime() + 3 * 3600_000);
    const reordered: Catalog = { ...catalog, generatedAt: later.toISOString(), deadlines: [...catalog.deadlines].reverse(), changes: [...catalog.changes].reverse() };

    const first = published(catalog, NOW);
    const again = published(reordered, later);

    expect(Object.values(again).map((f) => f.body)).toEqual(Object.values(first).map((f) => f.body));
  });

  it('states the newest change as generatedAt, and the publishing time only when nothing was ever detected', () => {
    const catalog = sampleCatalog();

    expect(parse(published(catalog)['feeds/deadlines.json']!.body).generatedAt).toBe('2026-11-20T06:00:00.000Z');
    expect(parse(published(catalog)['feeds/changes.json']!.body).generatedAt).toBe('2026-11-20T06:00:00.000Z');
    expect(parse(published({ ...catalog, changes: [] })['feeds/changes.json']!.body).generatedAt).toBe(catalog.generatedAt);
  });
});
