/**
 * A site redesign that empties a page (fixtures/collapsed): the cycle raises a parser-health event for
 * maintainers, keeps the last good snapshot current, sends subscribers nothing (no false "removed"),
 * and recovers by itself when the page reads again.
 */
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { runCycle } from '#core/monitoring/cycle.ts';
import { notifyPending } from '#core/notification/notify.ts';
import type { Store } from '#core/ports/store.ts';
import { createFetcher, DEFAULT_FETCHER_OPTIONS } from '#io/fetch/fetcher.ts';
import { startDynalite } from '#io/local/dynalite.ts';
import { startFixtureServer, type FixtureServer } from '#io/local/fixture-server.ts';
import { startSesEmulator, type SesEmulator } from '#io/local/ses-emulator.ts';
import { createSesMailer } from '#io/mail/ses-mailer.ts';
import { createDynamoStore, ensureTable } from '#io/store/dynamo-store.ts';
import { parsePage } from '#parsers/parse-page.ts';
import { loadRegistry, type Source } from '#parsers/sources.ts';
import { FIXTURE_SITES } from '#cli/local-env.ts';
import { sitePath } from '../../fixtures/scripts/site-path.ts';

describe('a page emptied by a redesign', () => {
  let source: Source;
  let store: Store;
  let ses: SesEmulator;
  let server: FixtureServer;
  let root: string;
  const closers: Array<() => Promise<void>> = [];

  const cycle = async () => {
    const fetcher = createFetcher({ ...DEFAULT_FETCHER_OPTIONS, route: { origin: server.origin }, politenessDelayMs: 0 });
    try {
      const report = await runCycle({ fetcher, store, clock: () => new Date(), parse: parsePage }, [source]);
      const notified = await notifyPending({ store, mailer: createSesMailer({ from: 'fundwatch <alerts@fundwatch.local>', endpoint: ses.endpoint }), clock: () => new Date() });
      return { outcome: report.results[0]!.outcome, notified };
    } finally {
      await fetcher.close();
    }
  };

  beforeAll(async () => {
    source = (await loadRegistry()).find((s) => s.id === 'amed-aspire-en')!;
    // A site of one page: its real v2 (the seed), then the collapsed redesign as v3, then v2 again as v4.
    root = await mkdtemp(join(tmpdir(), 'fundwatch-collapsed-'));
    const page = sitePath(source.url).replace(FIXTURE_SITES, root);
    await mkdir(page, { recursive: true });
    await cp(join(FIXTURE_SITES, 'www.amed.go.jp', 'robots.txt'), join(root, 'www.amed.go.jp', 'robots.txt'));
    await cp(join(sitePath(source.url), 'v2.html'), join(page, 'v1.html'));
    await cp(new URL('../../fixtures/collapsed/amed-aspire-en.v3.html', import.meta.url), join(page, 'v2.html'));
    await cp(join(sitePath(source.url), 'v2.html'), join(page, 'v3.html'));
    const engine = await startDynalite({});
    const client = new DynamoDBClient({ endpoint: engine.endpoint, region: 'local', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    await ensureTable(client, 'collapsed');
    store = createDynamoStore({ tableName: 'collapsed', client });
    await store.putSubscriber({ id: 's-1', email: 'watcher@example.org', lang: 'en', status: 'confirmed', filters: {} });
    ses = await startSesEmulator();
    server = await startFixtureServer({ root, step: 1 });
    closers.push(() => server.close(), () => ses.close(), async () => client.destroy(), () => engine.close(), () => rm(root, { recursive: true, force: true }));
  });
  afterAll(async () => {
    for (const close of closers) await close();
  });

  it('is a health event for maintainers, never an e-mail, and the last good snapshot stays', async () => {
    expect((await cycle()).outcome).toBe('new');
    const good = await store.getLatestSnapshot(source.id);

    server.setStep(2);
    const collapsed = await cycle();
    expect(collapsed.outcome).toBe('unhealthy');
    expect(collapsed.notified.emailsSent).toBe(0);
    expect(await ses.emails()).toEqual([]);
    const [health] = await store.listHealthEvents(source.id);
    expect(health!.lost).toEqual(expect.arrayContaining(['amed-aspire/main: agencies']));
    expect((await store.getLatestSnapshot(source.id))?.version).toBe(good!.version);
    expect(await store.listChanges(source.id)).toEqual([]);

    // The site serves the full page again, byte for byte: the validators kept are still those of the
    // good snapshot (the collapsed page never replaced them), so it costs a 304 and tells nobody anything.
    server.setStep(3);
    const recovered = await cycle();
    expect(recovered.outcome).toBe('not-modified');
    expect(recovered.notified.emailsSent).toBe(0);
    expect((await store.getState(source.id))?.lastOutcome).toBe('not-modified');
  });
});
