/** The Store contract, the same suite on both engines (dynalite and AWS's DynamoDB Local). */
import { combineSummaries, planCycle, summarizeChunk } from '#core/monitoring/cycle-plan.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { ConcurrentUpdateError, type Store } from '#core/ports/store.ts';
import { startDynalite, type LocalEngine } from '#io/local/dynalite.ts';
import { createDynamoStore, ensureTable, MissingTableError } from '#io/store/dynamo-store.ts';
import { TABLE_DESIGN } from '#io/store/table-design.ts';
import { ENGINES, localClient } from '../../helpers/engines.ts';
import { event, parseResult, snapshot, state } from '../../helpers/records.ts';

describe.each(ENGINES)('the store on $name', ({ start }) => {
  let engine: LocalEngine;
  let client: DynamoDBClient;
  let table = 0;
  const freshStore = async (): Promise<Store> => {
    const name = `contract-${(table += 1)}`;
    await ensureTable(client, name);
    return createDynamoStore({ tableName: name, client });
  };

  beforeAll(async () => {
    engine = await start();
    client = localClient(engine.endpoint);
  });
  afterAll(async () => {
    client?.destroy();
    await engine?.close();
  });

  it('creates its table idempotently', async () => {
    await expect(ensureTable(client, 'contract-1')).resolves.toBeUndefined();
  });

  it('commits a snapshot with its events and state, and reads them back', async () => {
    const s = await freshStore();
    await s.commitSnapshot(snapshot(1), [], state(1), 0);
    await s.commitSnapshot(snapshot(2), [event('e1'), event('e2')], state(2), 1);

    expect((await s.getLatestSnapshot('jst-aspire-top-en'))?.version).toBe(2);
    expect((await s.getSnapshot('jst-aspire-top-en', 1))?.result).toEqual(parseResult());
    expect((await s.getState('jst-aspire-top-en'))?.snapshotVersion).toBe(2);
    expect((await s.listChanges('jst-aspire-top-en')).map((e) => e.id).sort()).toEqual(['e1', 'e2']);
    expect((await s.listStates()).map((x) => x.sourceId)).toEqual(['jst-aspire-top-en']);
  });

  it('reads many snapshots at once, past BatchGetItem\'s hundred keys, and leaves out the ones it does not have', async () => {
    const s = await freshStore();
    const sources = Array.from({ length: 130 }, (_, i) => `source-${String(i).padStart(3, '0')}`);
    for (const sourceId of sources) {
      await s.commitSnapshot({ ...snapshot(1), sourceId }, [], { ...state(1), sourceId }, 0);
    }

    const read = await s.getSnapshots([...sources.map((sourceId) => ({ sourceId, version: 1 })), { sourceId: 'source-000', version: 7 }]);

    expect(read.map((x) => x.sourceId).sort()).toEqual(sources);
    expect(read.every((x) => x.version === 1 && JSON.stringify(x.result) === JSON.stringify(parseResult()))).toBe(true);
    expect(await s.getSnapshots([])).toEqual([]);
  });

  it('keeps a large record intact (compressed under the 400 KB item limit)', async () => {
    const s = await freshStore();
    const big = parseResult('2025-05-12', 300_000);
    await s.commitSnapshot(snapshot(1, 'big', big), [], state(1), 0);

    expect((await s.getLatestSnapshot('jst-aspire-top-en'))?.result).toEqual(big);
  });

  it('does not duplicate events when a commit is retried', async () => {
    const s = await freshStore();
    await s.commitSnapshot(snapshot(1), [], state(1), 0);
    await s.commitSnapshot(snapshot(2), [event('e1')], state(2), 1);

    await s.commitSnapshot(snapshot(2), [event('e1')], state(2), 1);

    expect(await s.listChanges('jst-aspire-top-en')).toHaveLength(1);
    expect(await s.listPendingEvents()).toHaveLength(1);
  });

  it('refuses an overlapping commit from a stale run and keeps the newer snapshot current', async () => {
    const s = await freshStore();
    await s.commitSnapshot(snapshot(1), [], state(1), 0);
    await s.commitSnapshot(snapshot(2, 'newer'), [], state(2, { recordHash: 'newer' }), 1);

    await expect(s.commitSnapshot(snapshot(2, 'stale'), [], state(2, { recordHash: 'stale' }), 1)).rejects.toThrow(ConcurrentUpdateError);
    expect((await s.getLatestSnapshot('jst-aspire-top-en'))?.recordHash).toBe('newer');
  });

  it('never lets a late state write roll the snapshot version back', async () => {
    const s = await freshStore();
    await s.commitSnapshot(snapshot(1), [], state(1), 0);
    await s.commitSnapshot(snapshot(2), [], state(2), 1);

    await s.putState(state(1, { lastOutcome: 'failed' }));
    await s.putState(state(2, { lastOutcome: 'not-modified' }));

    expect(await s.getState('jst-aspire-top-en')).toMatchObject({ snapshotVersion: 2, lastOutcome: 'not-modified' });
  });

  it('lists pending events oldest first until they are marked notified', async () => {
    const s = await freshStore();
    const later = event('late', 2, '2025-04-03T00:00:00.000Z');
    const earlier = event('early', 2, '2025-04-02T00:00:00.000Z');
    await s.commitSnapshot(snapshot(1), [], state(1), 0);
    await s.commitSnapshot(snapshot(2), [later, earlier], state(2), 1);

    expect((await s.listPendingEvents()).map((e) => e.id)).toEqual(['early', 'late']);
    await s.markEventsNotified([earlier]);
    expect((await s.listPendingEvents()).map((e) => e.id)).toEqual(['late']);
    expect(await s.listChanges('jst-aspire-top-en')).toHaveLength(2);
  });

  it('keeps health events, subscribers and idempotent deliveries', async () => {
    const s = await freshStore();
    await s.putHealthEvent({ id: 'h1', sourceId: 'jst-aspire-top-en', at: '2025-04-02T00:00:00.000Z', reason: 'no deadlines', lost: ['fy2025: deadlines'] });
    await s.putSubscriber({ id: 'sub', email: 'r@example.org', lang: 'ja', status: 'confirmed', filters: { agencies: ['JST'] } });
    const delivery = { subscriberId: 'sub', eventIds: ['e1'], messageId: 'm1', sentAt: '2025-04-02T00:00:00.000Z' };
    await s.recordDelivery(delivery);
    await s.recordDelivery(delivery);

    expect((await s.listHealthEvents('jst-aspire-top-en'))[0]?.lost).toEqual(['fy2025: deadlines']);
    expect(await s.listSubscribers()).toEqual([{ id: 'sub', email: 'r@example.org', lang: 'ja', status: 'confirmed', filters: { agencies: ['JST'] } }]);
    expect(await s.hasDelivery('sub', 'e1')).toBe(true);
    expect(await s.hasDelivery('sub', 'e2')).toBe(false);
  });

  it('finds a subscriber by id and sets only the digest time, keeping a preference saved meanwhile', async () => {
    const s = await freshStore();
    await s.putSubscriber({ id: 's-1', email: 'a@example.org', lang: 'en', status: 'confirmed', filters: {}, delivery: 'daily' });
    await s.putSubscriber({ id: 's-1', email: 'a@example.org', lang: 'ja', status: 'confirmed', filters: { agencies: ['JST'] }, delivery: 'daily' });
    await s.markDigestSent('s-1', '2025-04-02T00:00:00.000Z');
    expect(await s.getSubscriber('s-1')).toEqual({ id: 's-1', email: 'a@example.org', lang: 'ja', status: 'confirmed', filters: { agencies: ['JST'] }, delivery: 'daily', lastDigestAt: '2025-04-02T00:00:00.000Z' });
    expect(await s.getSubscriber('s-unknown')).toBeUndefined();
    await expect(s.markDigestSent('s-unknown', '2025-04-02T00:00:00.000Z')).rejects.toThrow();
  });

  it('claims an e-mail once, then marks it sent or releases it (the outbox)', async () => {
    const s = await freshStore();
    const claim = { key: 'k1', subscriberId: 's-1', eventIds: ['e1', 'e2'], claimedAt: '2025-04-01T00:00:00.000Z', status: 'claimed' as const };
    expect(await s.claimSend(claim)).toBe(true);
    expect(await s.claimSend({ ...claim, claimedAt: '2025-04-01T00:05:00.000Z' })).toBe(false);
    expect(await s.listSendClaims('s-1')).toEqual([claim]);

    await s.completeSend(claim, 'm-1');
    expect(await s.listSendClaims('s-1')).toEqual([{ ...claim, status: 'sent', messageId: 'm-1' }]);
    expect(await s.claimSend(claim)).toBe(false);

    const other = { ...claim, key: 'k2' };
    expect(await s.claimSend(other)).toBe(true);
    await s.releaseSend(other);
    expect((await s.listSendClaims('s-1')).map((c) => c.key)).toEqual(['k1']);
    expect(await s.claimSend(other)).toBe(true);
  });

  it('stores change events once, returning only those that were new', async () => {
    const s = await freshStore();
    expect((await s.putChangeEvents([event('d1', 0), event('d2', 0)])).map((e) => e.id)).toEqual(['d1', 'd2']);
    expect((await s.putChangeEvents([event('d1', 0), event('d3', 0)])).map((e) => e.id)).toEqual(['d3']);
    expect((await s.listPendingEvents()).map((e) => e.id).sort()).toEqual(['d1', 'd2', 'd3']);
  });

  it('keeps each worker\'s chunk tally per cycle (a retried chunk overwrites) and lists finished cycles newest first', async () => {
    const s = await freshStore();
    const plan = planCycle([], new Date('2026-11-01T00:00:00Z'));
    const chunk = (host: string, n: number, checked: number) =>
      summarizeChunk({ cycleId: plan.cycleId, host, chunk: n, chunkSize: 20 }, Array.from({ length: checked }, (_, i) =>
        ({ sourceId: `${host}-${i}`, outcome: 'unchanged' as const, changes: [], elapsedMs: 1 })), 5);
    await s.putCycleChunk(chunk('www.jst.go.jp', 0, 20));
    await s.putCycleChunk(chunk('www.jst.go.jp', 1, 3));
    await s.putCycleChunk(chunk('www.jst.go.jp', 1, 4));
    await s.putCycleChunk(chunk('www.amed.go.jp', 0, 2));
    await s.putCycleChunk({ ...chunk('www.amed.go.jp', 0, 1), cycleId: '2026-11-01T06:00:00.000Z' });

    const chunks = await s.listCycleChunks(plan.cycleId);
    expect(chunks.map((c) => [c.host, c.chunk, c.checked])).toEqual([['www.amed.go.jp', 0, 2], ['www.jst.go.jp', 0, 20], ['www.jst.go.jp', 1, 4]]);
    for (const startedAt of ['2026-11-01T00:00:00.000Z', '2026-11-01T12:00:00.000Z', '2026-11-01T06:00:00.000Z']) {
      await s.putCycleSummary(combineSummaries({ ...plan, cycleId: startedAt, startedAt }, chunks));
    }
    const cycles = await s.listCycleSummaries(2);
    expect(cycles.map((c) => [c.startedAt, c.outcomes.unchanged])).toEqual([['2026-11-01T12:00:00.000Z', 26], ['2026-11-01T06:00:00.000Z', 26]]);
  });

  it('lists the change events of a time range across month partitions, half-open, oldest first', async () => {
    const s = await freshStore();
    await s.putChangeEvents([event('m1', 2, '2025-01-31T23:59:59.000Z'), event('m2', 3, '2025-02-01T00:00:00.000Z'),
      event('m3', 4, '2025-03-15T06:00:00.000Z'), event('m4', 5, '2025-04-01T00:00:00.000Z')]);

    expect((await s.listChangesBetween('2025-01-15T00:00:00.000Z', '2025-04-01T00:00:00.000Z')).map((e) => e.id)).toEqual(['m1', 'm2', 'm3']);
    expect((await s.listChangesBetween('2025-02-01T00:00:00.000Z', '2025-03-01T00:00:00.000Z')).map((e) => e.id)).toEqual(['m2']);
    expect(await s.listChangesBetween('2024-01-01T00:00:00.000Z', '2024-12-31T00:00:00.000Z')).toEqual([]);
  });

  it('lists a source\'s snapshot versions oldest first, without their records', async () => {
    const s = await freshStore();
    await s.commitSnapshot(snapshot(1), [], state(1), 0);
    await s.commitSnapshot(snapshot(2), [], state(2), 1);
    const versions = await s.listSnapshotVersions('jst-aspire-top-en');
    expect(versions).toEqual([
      { sourceId: 'jst-aspire-top-en', version: 1, takenAt: '2025-04-01T00:00:00.000Z', recordHash: 'hash-1', contentHash: 'c' },
      { sourceId: 'jst-aspire-top-en', version: 2, takenAt: '2025-04-02T00:00:00.000Z', recordHash: 'hash-2', contentHash: 'c' },
    ]);
  });

  it('records a discovered source once, updates it, and lists every one', async () => {
    const s = await freshStore();
    const found = { id: 'jst-call-0a1b2c3d', agency: 'JST' as const, lang: 'en' as const, kind: 'html' as const, url: 'https://www.jst.go.jp/koubo/new.html',
      discovered: { listingId: 'jst-calls-feed', title: 'New call', foundAt: '2025-04-10T00:00:00.000Z' } };
    expect(await s.putDiscoveredSource(found)).toBe(true);
    expect(await s.putDiscoveredSource({ ...found, discovered: { ...found.discovered, title: 'again' } })).toBe(false);
    await s.updateDiscoveredSource({ ...found, discovered: { ...found.discovered, closesAt: '2025-06-03' } });
    expect(await s.listDiscoveredSources()).toEqual([{ ...found, discovered: { ...found.discovered, closesAt: '2025-06-03' } }]);
  });

  describe('rate-limit counters', () => {
    const window = (key: string, limit = 3) => ({ key, limit, windowStart: new Date('2026-04-01T00:00:00Z'), windowEnd: new Date('2026-04-02T00:00:00Z') });

    it('counts uses up to the limit, then refuses without counting, per key and per window', async () => {
      const s = await freshStore();
      const uses = [];
      for (let i = 0; i < 5; i += 1) uses.push(await s.countUse(window('s-a')));

      expect(uses).toEqual([true, true, true, false, false]);
      expect(await s.countUse(window('client#other'))).toBe(true);
      expect(await s.countUse({ ...window('s-a'), windowStart: new Date('2026-04-02T00:00:00Z'), windowEnd: new Date('2026-04-03T00:00:00Z') })).toBe(true);
      expect(await s.countUse(window('s-a', 4))).toBe(true);
    });

    it('lets exactly `limit` of many concurrent uses through', async () => {
      const s = await freshStore();

      const uses = await Promise.all(Array.from({ length: 12 }, () => s.countUse(window('client#burst'))));

      expect(uses.filter(Boolean)).toHaveLength(3);
    });

    it('writes a counter with its window\'s end as the TTL, in epoch seconds', async () => {
      const name = `contract-ttl-${(table += 1)}`;
      await ensureTable(client, name);
      await createDynamoStore({ tableName: name, client }).countUse(window('s-ttl'));

      const { Items } = await DynamoDBDocumentClient.from(client).send(new ScanCommand({ TableName: name }));

      expect(Items).toEqual([expect.objectContaining({ PK: 'SUB#s-ttl', uses: 1, [TABLE_DESIGN.ttlAttribute]: Date.parse('2026-04-02T00:00:00Z') / 1000 })]);
    });
  });

  describe('pending subscribers', () => {
    const pending = { id: 's-pending', email: 'p@example.org', lang: 'en' as const, status: 'pending' as const, filters: {}, confirmationSentAt: '2026-04-01T00:00:00.000Z' };
    const expiresAt = new Date('2026-04-08T00:00:00Z');
    /** The one item in the table, as DynamoDB holds it (the TTL attribute is not part of the subscriber). */
    const rawItem = async (name: string) => (await DynamoDBDocumentClient.from(client).send(new ScanCommand({ TableName: name }))).Items![0]!;

    it('keeps a pending subscriber until its expiry, then reads it as absent though TTL has not deleted it yet', async () => {
      const s = await freshStore();
      await s.putSubscriber(pending, expiresAt);

      expect(await s.getSubscriber('s-pending', expiresAt)).toEqual(pending);
      expect(await s.getSubscriber('s-pending', new Date('2026-04-08T00:00:01Z'))).toBeUndefined();
      expect(await s.getSubscriber('s-pending', new Date('2026-05-01T00:00:00Z'))).toBeUndefined();
      // Without a time the stored record is read as it is (what the TTL sweeper has not yet removed).
      expect(await s.getSubscriber('s-pending')).toEqual(pending);
    });

    it('writes the expiry as the table\'s TTL attribute, and a later put without one clears it', async () => {
      const name = `contract-pending-${(table += 1)}`;
      await ensureTable(client, name);
      const s = createDynamoStore({ tableName: name, client });
      await s.putSubscriber(pending, expiresAt);
      expect(await rawItem(name)).toMatchObject({ PK: 'SUB#s-pending', [TABLE_DESIGN.ttlAttribute]: expiresAt.getTime() / 1000 });

      await s.putSubscriber({ ...pending, status: 'confirmed' });

      expect(await rawItem(name)).not.toHaveProperty(TABLE_DESIGN.ttlAttribute);
      expect((await s.getSubscriber('s-pending', new Date('2027-01-01T00:00:00Z')))?.status).toBe('confirmed');
    });
  });

  it('says how to create the table when it is missing', async () => {
    const s = createDynamoStore({ tableName: 'no-such-table', client });
    await expect(s.getState('x')).rejects.toThrow(MissingTableError);
    await expect(s.getState('x')).rejects.toThrow(/run `fundwatch run`/);
  });
});

describe('the embedded engine on disk', () => {
  let dir: string;
  beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'fundwatch-dynalite-')); });
  afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

  it('keeps what was written across a restart on the same path', async () => {
    let engine = await startDynalite({ path: dir });
    let client = localClient(engine.endpoint);
    await ensureTable(client, 'persist');
    await createDynamoStore({ tableName: 'persist', client }).commitSnapshot(snapshot(1), [], state(1), 0);
    client.destroy();
    await engine.close();

    engine = await startDynalite({ path: dir });
    client = localClient(engine.endpoint);
    const version = (await createDynamoStore({ tableName: 'persist', client }).getLatestSnapshot('jst-aspire-top-en'))?.version;
    client.destroy();
    await engine.close();

    expect(version).toBe(1);
  });
});
