/**
 * Full cycles on the real local components: the fixture server replaying recorded agency pages, the
 * fetcher, the parsers, dynalite, and the SES emulator. The expected changes come from the fixture
 * manifest (fixtures/versions.json), reviewed when each later version was recorded.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { runCycle, type CycleReport } from '#core/monitoring/cycle.ts';
import { notifyPending } from '#core/notification/notify.ts';
import type { Store } from '#core/ports/store.ts';
import { createFetcher, DEFAULT_FETCHER_OPTIONS } from '#io/fetch/fetcher.ts';
import { startDynalite } from '#io/local/dynalite.ts';
import { startFixtureServer, type FixtureServer } from '#io/local/fixture-server.ts';
import { startSesEmulator, type EmulatedEmail, type SesEmulator } from '#io/local/ses-emulator.ts';
import { createSesMailer } from '#io/mail/ses-mailer.ts';
import { createDynamoStore, ensureTable } from '#io/store/dynamo-store.ts';
import { parsePage } from '#parsers/parse-page.ts';
import { loadRegistry, type Source } from '#parsers/sources.ts';
import { loadSubscribersFile } from '#cli/subscribers-file.ts';
import { DEMO_SUBSCRIBERS } from '#cli/commands/run.ts';
import { FIXTURE_SITES } from '#cli/local-env.ts';

interface ManifestEntry { expect?: Record<string, string[]> }
type Manifest = Record<string, ManifestEntry>;

describe('an offline monitoring cycle, end to end', () => {
  // The engines start once; each test gets a fresh table with the demo subscribers, an empty SES inbox and
  // the fixture server back at step 1, and brings the world to its own starting point.
  let sources: Source[];
  let manifest: Manifest;
  let client: DynamoDBClient;
  let tables = 0;
  let store: Store;
  let server: FixtureServer;
  let ses: SesEmulator;
  const closers: Array<() => Promise<void>> = [];

  const cycle = async (): Promise<CycleReport> => {
    const fetcher = createFetcher({ ...DEFAULT_FETCHER_OPTIONS, route: { origin: server.origin }, politenessDelayMs: 5 });
    try {
      return await runCycle({ fetcher, store, clock: () => new Date(), parse: parsePage }, sources);
    } finally {
      await fetcher.close();
    }
  };
  const notify = () => notifyPending({ store, mailer: createSesMailer({ from: 'fundwatch <alerts@fundwatch.local>', endpoint: ses.endpoint }), clock: () => new Date() });
  const outcomeOf = (report: CycleReport, id: string) => report.results.find((r) => r.sourceId === id);
  const inboxOf = (emails: EmulatedEmail[], address: string) => emails.filter((e) => e.destination.to.some((to) => to.includes(address)));
  /** The world after the recorded later versions appeared: a first cycle at step 1, then a cycle at step 2 (its report). */
  const afterTheV2Cycle = async (): Promise<CycleReport> => {
    await cycle();
    server.setStep(2);
    return cycle();
  };

  beforeAll(async () => {
    sources = await loadRegistry();
    manifest = JSON.parse(await readFile(new URL('../../fixtures/versions.json', import.meta.url), 'utf8')) as Manifest;
    const engine = await startDynalite({});
    client = new DynamoDBClient({ endpoint: engine.endpoint, region: 'local', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    ses = await startSesEmulator();
    server = await startFixtureServer({ root: FIXTURE_SITES, step: 1 });
    closers.push(() => server.close(), () => ses.close(), async () => client.destroy(), () => engine.close());
  });
  beforeEach(async () => {
    const tableName = `fundwatch-it-${(tables += 1)}`;
    await ensureTable(client, tableName);
    store = createDynamoStore({ tableName, client });
    for (const subscriber of await loadSubscribersFile(DEMO_SUBSCRIBERS)) await store.putSubscriber(subscriber);
    // The emulator keeps every message it received; its own /clear-store empties the inbox.
    expect((await fetch(`${ses.endpoint}/clear-store`, { method: 'POST' })).ok).toBe(true);
    server.setStep(1);
  });
  afterAll(async () => {
    for (const close of closers) await close();
  });

  it('records a first snapshot of every source and e-mails nobody', async () => {
    const report = await cycle();

    expect(report.results.filter((r) => r.outcome !== 'new')).toEqual([]);
    for (const source of sources) expect((await store.getLatestSnapshot(source.id))?.version).toBe(1);
    expect((await notify()).emailsSent).toBe(0);
    expect(await ses.emails()).toEqual([]);
  });

  it('finds exactly the recorded changes in the later versions, and nothing in the cosmetic one', async () => {
    await cycle(); // every source has its first snapshot
    server.setStep(2);

    const report = await cycle();

    for (const source of sources) {
      const expected = manifest[source.id]?.expect?.v2;
      const result = outcomeOf(report, source.id)!;
      const categories = [...new Set(result.changes.map((c) => c.category))].sort();
      if (expected === undefined) expect(result.outcome, source.id).toBe('not-modified');
      else if (expected.length === 0) expect([source.id, result.outcome, categories]).toEqual([source.id, 'unchanged', []]);
      else expect([source.id, result.outcome, categories]).toEqual([source.id, 'changed', [...expected].sort()]);
    }
  });

  it('stores each change once and e-mails each subscriber the changes their filters match', async () => {
    await afterTheV2Cycle();
    const changed = sources.filter((s) => (manifest[s.id]?.expect?.v2 ?? []).length > 0);
    for (const source of changed) {
      expect((await store.listChanges(source.id)).length, source.id).toBeGreaterThan(0);
      expect((await store.getLatestSnapshot(source.id))?.version, source.id).toBe(2);
    }

    const report = await notify();

    const emails = await ses.emails();
    expect(report.emailsSent).toBe(emails.length);
    const english = inboxOf(emails, 'researcher@example.org');
    expect(english).toHaveLength(1);
    for (const source of changed) expect(english[0]!.body.text).toContain(source.url);
    const japanese = inboxOf(emails, 'kenkyusha@example.jp');
    // The Japanese subscriber follows JST: a change reaches them when it is about a JST programme, whichever
    // agency's page said it (JST's overseas reference document also lists AMED's e-ASIA call).
    const aboutJst = new Map<string, boolean>();
    for (const source of changed) aboutJst.set(source.id, (await store.listChanges(source.id)).some((e) => e.agency === 'JST'));
    expect(japanese).toHaveLength([...aboutJst.values()].some(Boolean) ? 1 : 0);
    for (const source of changed) expect(japanese[0]?.body.text?.includes(source.url) ?? false, source.id).toBe(aboutJst.get(source.id));
    expect(await store.listPendingEvents()).toEqual([]);
  });

  it('answers a cycle with nothing new with 304s, no snapshot and no e-mail', async () => {
    await afterTheV2Cycle();
    await notify();
    const before = (await ses.emails()).length;

    const report = await cycle();

    expect(report.outcomes['not-modified']).toBe(sources.length);
    expect(report.results.flatMap((r) => r.changes)).toEqual([]);
    expect((await notify()).emailsSent).toBe(0);
    expect(await ses.emails()).toHaveLength(before);
  });
});
