/**
 * Discovery end to end on the local components: the agencies' listings replayed in two versions, the
 * calls they add found, watched, parsed, stored and announced as "new call" to the subscribers whose
 * filters match, and to no one else. The clock is set to the spring of 2026, when the recorded calls are open.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { runCycle, type CycleReport } from '#core/monitoring/cycle.ts';
import { urlKey } from '#core/discovery/discovered-sources.ts';
import { discover } from '#core/discovery/check-listing.ts';
import { notifyPending } from '#core/notification/notify.ts';
import type { Store } from '#core/ports/store.ts';
import type { Subscriber } from '#core/domain/subscribers.ts';
import { createFetcher, DEFAULT_FETCHER_OPTIONS } from '#io/fetch/fetcher.ts';
import { startDynalite, type LocalEngine } from '#io/local/dynalite.ts';
import { startFixtureServer, type FixtureServer } from '#io/local/fixture-server.ts';
import { startSesEmulator, type SesEmulator } from '#io/local/ses-emulator.ts';
import { createSesMailer } from '#io/mail/ses-mailer.ts';
import { createDynamoStore, ensureTable } from '#io/store/dynamo-store.ts';
import { parsePage } from '#parsers/parse-page.ts';
import { loadRegistry, type Source } from '#parsers/sources.ts';
import { FIXTURE_SITES } from '#cli/local-env.ts';
import { discoveryOptions } from '#cli/commands/run.ts';

type Expected = Record<string, { v1: { calls: Array<{ url: string }>; others: Array<{ url: string; kind: string }> }; v2: { calls: Array<{ url: string }>; others: Array<{ url: string }> } }>;

const FIRST = new Date('2026-04-01T00:00:00.000Z');
const SECOND = new Date('2026-04-15T00:00:00.000Z');

const subscriber = (id: string, filters: Subscriber['filters'], lang: 'en' | 'ja' = 'en'): Subscriber =>
  ({ id, email: `${id}@example.org`, lang, status: 'confirmed', filters });

describe('discovering new calls from the agencies\' listings', () => {
  let engine: LocalEngine;
  let client: DynamoDBClient;
  let store: Store;
  let server: FixtureServer;
  let ses: SesEmulator;
  let registry: Source[];
  let expected: Expected;
  const reports: CycleReport[] = [];

  const cycle = async (at: Date): Promise<CycleReport> => {
    const fetcher = createFetcher({ ...DEFAULT_FETCHER_OPTIONS, route: { origin: server.origin }, politenessDelayMs: 5 });
    try {
      return await runCycle({ fetcher, store, clock: () => at, parse: parsePage }, registry, { discovery: await discoveryOptions() });
    } finally {
      await fetcher.close();
    }
  };

  beforeAll(async () => {
    registry = await loadRegistry();
    expected = JSON.parse(await readFile(new URL('../../fixtures/listings/expected.json', import.meta.url), 'utf8')) as Expected;
    engine = await startDynalite({});
    client = new DynamoDBClient({ endpoint: engine.endpoint, region: 'local', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    await ensureTable(client, 'discovery');
    store = createDynamoStore({ tableName: 'discovery', client });
    ses = await startSesEmulator();
    server = await startFixtureServer({ root: FIXTURE_SITES, step: 1 });
    for (const s of [
      subscriber('germany-infection', { agencies: ['AMED'], categories: ['new-call'], countries: ['DE'] }),
      subscriber('quantum', { keywords: ['量子', 'quantum'], categories: ['new-call'] }, 'ja'),
      subscriber('jsps-only', { agencies: ['JSPS'], keywords: ['cancer'] }),
    ]) await store.putSubscriber(s);
    reports.push(await cycle(FIRST));
    await notifyPending({ store, mailer: createSesMailer({ from: 'fundwatch <alerts@fundwatch.local>', endpoint: ses.endpoint }), clock: () => FIRST });
    server.setStep(2);
    reports.push(await cycle(SECOND));
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await ses?.close();
    client?.destroy();
    await engine?.close();
  });

  it('finds exactly the calls each listing adds in its second version, and none of the tenders, jobs, events or results', () => {
    const [, second] = reports;
    for (const [listingId, versions] of Object.entries(expected)) {
      if (listingId.startsWith('$')) continue;
      const before = new Set(versions.v1.calls.map((c) => urlKey(c.url)));
      const added = versions.v2.calls.map((c) => urlKey(c.url)).filter((u) => !before.has(u));
      const found = second!.listings.find((l) => l.listingId === listingId)!.found.map((s) => urlKey(s.url));
      // A call listed on two listings (an English and a Japanese one) is found once, by the listing read first.
      const elsewhere = second!.listings.filter((l) => l.listingId !== listingId).flatMap((l) => l.found.map((s) => urlKey(s.url)));
      expect(found.sort(), listingId).toEqual(added.filter((u) => !elsewhere.includes(u) || found.includes(u)).sort());
      const nonCalls = new Set(versions.v2.others.map((o) => urlKey(o.url)));
      expect(found.filter((u) => nonCalls.has(u)), listingId).toEqual([]);
    }
    expect(second!.listings.every((l) => l.outcome === 'read')).toBe(true);
  });

  it('watches each found call in the same cycle, stores its record and announces it once as a new call', async () => {
    const found = reports[1]!.listings.flatMap((l) => l.found);
    expect(found.length).toBeGreaterThanOrEqual(6);
    for (const source of found) {
      const result = reports[1]!.results.find((r) => r.sourceId === source.id);
      expect(result?.outcome, source.url).toBe('new');
      expect(result!.changes.map((c) => c.category), source.url).toEqual(['new-call']);
      expect((await store.getLatestSnapshot(source.id))?.result.programs[0]?.calls[0]?.deadlines.some((d) => d.kind === 'submission'), source.url).toBe(true);
    }
    const third = await cycle(new Date('2026-04-16T00:00:00.000Z'));
    expect(third.listings.flatMap((l) => l.found)).toEqual([]);
    expect(third.results.flatMap((r) => r.changes)).toEqual([]);
  });

  it('links the English and Japanese announcements of one call as one programme', async () => {
    const sicorp = (await store.listDiscoveredSources()).filter((s) => s.url.includes('announce_finland2026'));
    expect(sicorp.map((s) => s.lang).sort()).toEqual(['en', 'ja']);
    expect(new Set(sicorp.map((s) => s.program)).size).toBe(1);
    const programIds = await Promise.all(sicorp.map(async (s) => (await store.getLatestSnapshot(s.id))?.result.programs[0]?.id));
    expect(programIds).toEqual([sicorp[0]!.program, sicorp[0]!.program]);
  });

  it('e-mails a new call to the subscribers it matches (agency and partner country; keyword in either language) and to no one else', async () => {
    await notifyPending({ store, mailer: createSesMailer({ from: 'fundwatch <alerts@fundwatch.local>', endpoint: ses.endpoint }), clock: () => SECOND });
    const emails = await ses.emails();
    const to = (id: string) => emails.filter((e) => e.destination.to.includes(`${id}@example.org`));
    expect(to('germany-infection')).toHaveLength(1);
    expect(to('germany-infection')[0]!.subject).toMatch(/Germany|Infectious/i);
    expect(to('quantum')).toHaveLength(1);
    expect(to('quantum')[0]!.subject).toMatch(/量子|フィンランド|Finland/);
    expect(to('jsps-only')).toEqual([]);
  });

  it('learns a found call\'s closing day from its own page when the listing gave none', async () => {
    const [sicorp] = (await store.listDiscoveredSources()).filter((s) => s.url.includes('announce_finland2026_en'));
    const { closesAt: _fromListing, ...withoutDay } = sicorp!.discovered!;
    await store.updateDiscoveredSource({ ...sicorp!, discovered: withoutDay });

    await discover({ fetcher: { fetch: () => Promise.reject(new Error('not used')), close: async () => {} }, store, clock: () => SECOND,
      parseListing: () => ({ entries: [] }), allowed: () => true }, [], registry);

    const page = await store.getLatestSnapshot(sicorp!.id);
    const submission = page!.result.programs[0]!.calls[0]!.deadlines.find((d) => d.kind === 'submission')!;
    expect((await store.listDiscoveredSources()).find((s) => s.id === sicorp!.id)?.discovered?.closesAt).toBe(submission.date);
  });

  it('stops fetching a found call 30 days after it closes, and keeps it in the store', async () => {
    const later = await cycle(new Date('2026-09-01T00:00:00.000Z'));
    const discovered = await store.listDiscoveredSources();
    const checked = new Set(later.results.map((r) => r.sourceId));
    expect(discovered.filter((s) => checked.has(s.id))).toEqual([]);
    expect(discovered.length).toBeGreaterThan(0);
    expect(await store.getLatestSnapshot(discovered.find((s) => s.url.includes('announce_finland2026'))!.id)).toBeDefined();
  });
});
