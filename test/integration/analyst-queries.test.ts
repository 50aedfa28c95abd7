/**
 * The analysts' commands on a store filled by replaying the fixture versions (first cycle on March 1,
 * the second on April 10, 2025), read the way an analyst reads AWS: `--table` with an endpoint, on
 * both DynamoDB engines. The expected rows come from the fixture manifest (fixtures/versions.json).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { runCycle } from '#core/monitoring/cycle.ts';
import { createFetcher, DEFAULT_FETCHER_OPTIONS } from '#io/fetch/fetcher.ts';
import type { LocalEngine } from '#io/local/dynalite.ts';
import { startFixtureServer, type FixtureServer } from '#io/local/fixture-server.ts';
import { createDynamoStore, ensureTable } from '#io/store/dynamo-store.ts';
import { parsePage } from '#parsers/parse-page.ts';
import { loadRegistry } from '#parsers/sources.ts';
import { FIXTURE_SITES } from '#cli/local-env.ts';
import { changesCommand, deadlinesCommand, historyCommand, programsCommand, showCommand } from '#cli/commands/query.ts';
import { exportCommand } from '#cli/commands/export.ts';
import { ENGINES, localClient } from '../helpers/engines.ts';
import ICAL from 'ical.js';
import { buildCatalog } from '#core/analyst/catalog.ts';
import { readCatalog } from '#core/analyst/read-catalog.ts';
import { renderIcs } from '#core/analyst/feeds/ics.ts';
import type { Catalog } from '#core/analyst/views.ts';

const FIRST = new Date('2025-03-01T00:00:00.000Z');
const SECOND = new Date('2025-04-10T00:00:00.000Z');
/** April 1, 2025, midnight in Japan. */
const AS_OF = new Date('2025-03-31T15:00:00.000Z');
const TABLE = 'analyst';

type Rows = Array<Record<string, unknown>>;

describe.each(ENGINES)('analyst queries on $name', ({ start }) => {
  let engine: LocalEngine;
  let client: DynamoDBClient;
  let server: FixtureServer;
  let target: { data: string; table: string; endpoint: string; region: string };
  const saved = { ...process.env };

  /** Runs a command with --json and returns what it printed, parsed. */
  const json = async (run: (out: (text: string) => void) => Promise<void>): Promise<Rows> => {
    let printed = '';
    await run((text) => { printed += text; });
    return JSON.parse(printed) as Rows;
  };

  beforeAll(async () => {
    // The standard credential chain, as against AWS; the engines accept any key.
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' });
    engine = await start();
    client = localClient(engine.endpoint);
    await ensureTable(client, TABLE);
    const store = createDynamoStore({ tableName: TABLE, client });
    server = await startFixtureServer({ root: FIXTURE_SITES, step: 1 });
    const sources = await loadRegistry();
    for (const [step, at] of [[1, FIRST], [2, SECOND]] as const) {
      server.setStep(step);
      const fetcher = createFetcher({ ...DEFAULT_FETCHER_OPTIONS, route: { origin: server.origin }, politenessDelayMs: 5 });
      await runCycle({ fetcher, store, clock: () => at, parse: parsePage }, sources).finally(() => fetcher.close());
    }
    target = { data: 'unused', table: TABLE, endpoint: engine.endpoint, region: 'local' };
  }, 120_000);
  afterAll(async () => {
    process.env = saved;
    await server?.close();
    client?.destroy();
    await engine?.close();
  });

  it('programs: every programme of the registry, both languages where both pages exist, filtered by agency', async () => {
    const all = await json((out) => programsCommand({ ...target, json: true }, out, AS_OF));
    expect(all.map((r) => r.id)).toEqual(['amed-aspire', 'amed-e-asia', 'amed-hfsp', 'amed-interstellar', 'amed-usjcmsp',
      'jsps-international-fellowships', 'jst-aspire', 'jst-crest', 'jst-presto']);
    expect(all.find((r) => r.id === 'jst-aspire')).toMatchObject({ agency: 'JST', languages: 'en ja', next_deadline: '2025-04-17 12:00 JST', next_kind: 'preregistration' });
    // As of April 1 the change had not been seen yet; as of the second cycle it had.
    expect(all.find((r) => r.id === 'amed-aspire')).toMatchObject({ last_changed: '' });
    const later = await json((out) => programsCommand({ ...target, json: true }, out, SECOND));
    expect(later.find((r) => r.id === 'amed-aspire')).toMatchObject({ last_changed: SECOND.toISOString(), partners: expect.stringContaining('NHGRI') });
    const jst = await json((out) => programsCommand({ ...target, json: true, agency: 'JST' }, out, AS_OF));
    expect(jst.map((r) => r.id)).toEqual(['jst-aspire', 'jst-crest', 'jst-presto']);
  });

  it('deadlines: the next 60 days soonest first, the deadline moved on the English page and in the Japanese briefing apart from the reference document that still says May 12, in JST and the reader\'s zone', async () => {
    const rows = await json((out) => deadlinesCommand({ ...target, json: true, within: '60d', tz: 'America/New_York' }, out, AS_OF));
    const aspire = rows.filter((r) => r.programme === 'jst-aspire' && r.kind === 'submission');
    expect(aspire.map((r) => [r.when_jst, r.lang, r.sources])).toEqual([
      ['2025-05-12 12:00 JST', 'en', 'overseas-reference-2025-en'], ['2025-05-19 12:00 JST', 'en ja', 'jst-aspire-top-en jst-aspire-fy2025-briefing-ja']]);
    expect(aspire[1]).toMatchObject({ when_local: '2025-05-18 23:00 America/New_York', days_left: 48 });
    const dated = rows.filter((r) => typeof r.days_left === 'number').map((r) => r.days_left as number);
    expect(dated).toEqual([...dated].sort((a, b) => a - b));
    expect(Math.max(...dated)).toBeLessThanOrEqual(60);
    const amed = await json((out) => deadlinesCommand({ ...target, json: true, within: '60d', agency: 'AMED', tz: 'Asia/Tokyo' }, out, AS_OF));
    expect(amed.length).toBeGreaterThan(0);
    expect(new Set(amed.map((r) => r.agency))).toEqual(new Set(['AMED']));
    expect(amed[0]).not.toHaveProperty('when_local');
  });

  it('changes: exactly the categories the fixture manifest expects, each at the cycle that found it, filterable', async () => {
    const manifest = JSON.parse(await readFile(new URL('../../fixtures/versions.json', import.meta.url), 'utf8')) as Record<string, { expect?: { v2?: string[] } }>;
    const rows = await json((out) => changesCommand({ ...target, json: true, since: '2025-01-01' }, out, SECOND));
    const bySource = (source: string) => [...new Set(rows.filter((r) => r.source === source && !r.disagreement).map((r) => r.category))].sort();
    for (const [source, entry] of Object.entries(manifest)) {
      if (source.startsWith('$') || !entry.expect?.v2) continue;
      expect(bySource(source), source).toEqual([...new Set(entry.expect.v2)].sort());
    }
    expect(new Set(rows.map((r) => r.detected))).toEqual(new Set([SECOND.toISOString()]));
    const deadlines = await json((out) => changesCommand({ ...target, json: true, since: '2025-01-01', category: 'deadline', agency: 'JST' }, out, SECOND));
    expect(deadlines.filter((r) => !r.disagreement).map((r) => [r.source, r.before, r.after]).sort()).toEqual([
      ['jst-aspire-fy2025-briefing-ja', '2025-05-12 12:00 JST', '2025-05-19 12:00 JST'],
      ['jst-aspire-top-en', '2025-05-12 12:00 JST', '2025-05-19 12:00 JST'],
    ]);
    // The e-ASIA call in the reference document, a JST publication, is AMED's programme: End of March -> End of April, filed under AMED.
    const amed = await json((out) => changesCommand({ ...target, json: true, since: '2025-01-01', category: 'deadline', agency: 'AMED' }, out, SECOND));
    expect(amed.filter((r) => !r.disagreement).map((r) => [r.source, r.programme, r.before, r.after])).toEqual([['overseas-reference-2025-en', 'amed-e-asia', '2025-03', '2025-04']]);
    expect(await json((out) => changesCommand({ ...target, json: true, since: '2025-04-11', until: '2025-05-01' }, out, SECOND))).toEqual([]);
  });

  it('history: each page\'s snapshots, the change that moved the deadline on the English page and in the Japanese briefing (no disagreement: both moved), in time order, filterable by field', async () => {
    const rows = await json((out) => historyCommand('jst-aspire', { ...target, json: true }, out, SECOND));
    for (const source of ['jst-aspire-top-en', 'jst-aspire-fy2025-briefing-ja']) {
      expect(rows.filter((r) => r.source === source).map((r) => [r.at, r.what, r.category, r.disagreement]), source).toEqual([
        [FIRST.toISOString(), 'snapshot', '', false], [SECOND.toISOString(), 'snapshot', '', false], [SECOND.toISOString(), 'change', 'deadline', false],
      ]);
    }
    expect(rows.filter((r) => r.category === 'deadline' && r.disagreement)).toEqual([]);
    const funding = await json((out) => historyCommand('jst-aspire', { ...target, json: true, field: 'funding' }, out, SECOND));
    expect(funding.filter((r) => !r.disagreement).map((r) => r.source)).toEqual(['jst-aspire-about-ja']);
    // The Japanese page raised the ceiling; the English one did not follow: reported once as a disagreement.
    expect(funding.filter((r) => r.disagreement).map((r) => [r.source, r.summary])).toEqual([['jst-aspire-about-en',
      'The English and Japanese pages state different funding ceilings (ASPIRE for Rising Scientists): 69,000,000 yen (English) / 75,000,000 yen (Japanese)']]);
    await expect(historyCommand('no-such-programme', target, () => {}, SECOND)).rejects.toThrow(/known programmes: amed-aspire/);
  });

  it('show: the record merged from the English and Japanese pages, with the disagreement between them', async () => {
    const [record] = await json(async (out) => showCommand('jst-aspire', { ...target, json: true }, (text) => out(`[${text}]`)));
    expect(record).toMatchObject({ id: 'jst-aspire', agency: 'JST', name: { en: expect.any(String), ja: expect.any(String) } });
    expect((record!.disagreements as Rows).some((d) => d.field === 'deadline' && d.kind === 'submission')).toBe(true);
    let text = '';
    await showCommand('jst-aspire', target, (t) => { text += t; });
    expect(text).toContain('“');
    expect(text).toMatch(/submission\s+2025-05-19 12:00 JST/);
  });

  it('the calendar: the moved deadline keeps its UID from one cycle to the next and moves one SEQUENCE on, as ical.js reads it', async () => {
    const store = createDynamoStore({ tableName: TABLE, client });
    const first = await store.getSnapshot('jst-aspire-top-en', 1);
    const before = buildCatalog([{ sourceId: 'jst-aspire-top-en', takenAt: first!.takenAt, result: first!.result }], [], AS_OF);
    const after = await readCatalog(store, AS_OF, '2025-01-01T00:00:00.000Z', '2025-05-01T00:00:00.000Z');
    const submission = (c: Catalog) => c.deadlines.filter((d) => d.sourceId === 'jst-aspire-top-en' && d.kind === 'submission');
    const event = (c: Catalog) => {
      const calendar = new ICAL.Component(ICAL.parse(renderIcs(submission(c), { name: 'ASPIRE', now: SECOND })));
      const [vevent] = calendar.getAllSubcomponents('vevent');
      return { uid: vevent!.getFirstPropertyValue('uid'), sequence: vevent!.getFirstPropertyValue('sequence') ?? 0,
        start: String(vevent!.getFirstPropertyValue('dtstart')), tzid: vevent!.getFirstProperty('dtstart')!.getParameter('tzid') };
    };
    expect(submission(before)).toHaveLength(1);
    expect(event(before)).toMatchObject({ sequence: 0, start: '2025-05-12T12:00:00', tzid: 'Asia/Tokyo' });
    expect(event(after)).toEqual({ ...event(before), sequence: 1, start: '2025-05-19T12:00:00' });
  });

  it('export: every entity as JSON Lines, one record per line, counts matching the store', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fundwatch-export-'));
    try {
      const printed: string[] = [];
      await exportCommand({ ...target, out: dir }, (line) => printed.push(line), SECOND);
      const lines = async (entity: string) => (await readFile(join(dir, `${entity}.jsonl`), 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      const sources = await lines('sources');
      expect(sources).toHaveLength((await loadRegistry()).length);
      const snapshots = await lines('snapshots');
      expect(snapshots.filter((s) => s.sourceId === 'jst-aspire-top-en').map((s) => s.version)).toEqual([1, 2]);
      const changes = await lines('changes');
      const log = await json((out) => changesCommand({ ...target, json: true, since: '2025-01-01' }, out, SECOND));
      const pairs = (rows: Rows, source: string, category: string) => rows.map((r) => `${r[source]}:${r[category]}`).sort();
      expect(pairs(changes, 'sourceId', 'category')).toEqual(pairs(log, 'source', 'category'));
      const deadlines = await lines('deadlines');
      expect(deadlines.some((d) => d.programId === 'jst-aspire' && d.date === '2025-05-19' && d.kind === 'submission')).toBe(true);
      expect(printed.join('\n')).toMatch(/changes\.jsonl\s+\d+ records/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
