/**
 * The local store read in this process (io/local/dynalite-table.ts, the CLI's read commands) answers as the
 * same store read over HTTP through the SDK does, and writes what the SDK path reads back.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '#core/ports/store.ts';
import { startDynalite } from '#io/local/dynalite.ts';
import { openDynaliteTable } from '#io/local/dynalite-table.ts';
import { LocalStoreError } from '#io/local/level-store.ts';
import { createDynamoStore, ensureTable } from '#io/store/dynamo-store.ts';
import { storeOnTable } from '#io/store/store-on-table.ts';
import { localClient } from '../../helpers/engines.ts';
import { event, parseResult, snapshot, state } from '../../helpers/records.ts';

const TABLE = 'in-process';
const SOURCE = 'jst-aspire-top-en';

/** The store at `dir` through the SDK and dynalite's HTTP server, for `fn`, then closed. */
async function overHttp<T>(dir: string, fn: (store: Store) => Promise<T>): Promise<T> {
  const engine = await startDynalite({ path: dir });
  const client = localClient(engine.endpoint);
  try {
    await ensureTable(client, TABLE);
    return await fn(createDynamoStore({ tableName: TABLE, client }));
  } finally {
    client.destroy();
    await engine.close();
  }
}

async function inProcess<T>(dir: string, fn: (store: Store) => Promise<T>): Promise<T> {
  const opened = await openDynaliteTable(dir, TABLE);
  if (!opened) throw new Error('no table');
  try {
    return await fn(storeOnTable(opened.table));
  } finally {
    await opened.close();
  }
}

/** Every read the analysts' commands, export and publish make. */
const reads = async (s: Store) => ({
  states: await s.listStates(),
  state: await s.getState(SOURCE),
  latest: await s.getLatestSnapshot(SOURCE),
  many: (await s.getSnapshots(Array.from({ length: 120 }, (_, i) => ({ sourceId: `source-${i}`, version: 1 })))).sort((a, b) => a.sourceId.localeCompare(b.sourceId)),
  versions: await s.listSnapshotVersions(SOURCE),
  changes: await s.listChanges(SOURCE),
  between: await s.listChangesBetween('2025-03-01T00:00:00.000Z', '2025-05-01T00:00:00.000Z'),
  pending: await s.listPendingEvents(),
  health: await s.listHealthEvents(SOURCE),
  subscribers: await s.listSubscribers(),
  cycles: await s.listCycleSummaries(5),
});

describe('the local store read in this process', () => {
  let dir: string;
  beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'fundwatch-in-process-')); });
  afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

  it('answers every read as the SDK over HTTP does', async () => {
    const viaHttp = await overHttp(dir, async (s) => {
      await s.commitSnapshot(snapshot(1, 'big', parseResult('2025-05-12', 50_000)), [], state(1), 0);
      await s.commitSnapshot(snapshot(2), [event('e1', 2, '2025-03-30T00:00:00.000Z'), event('e2', 2, '2025-04-02T00:00:00.000Z')], state(2), 1);
      await s.markEventsNotified([event('e1', 2, '2025-03-30T00:00:00.000Z')]);
      for (let i = 0; i < 120; i += 1) await s.commitSnapshot({ ...snapshot(1), sourceId: `source-${i}` }, [], { ...state(1), sourceId: `source-${i}` }, 0);
      await s.putHealthEvent({ id: 'h1', sourceId: SOURCE, at: '2025-04-02T00:00:00.000Z', reason: 'no deadlines', lost: ['fy2025: deadlines'] });
      await s.putSubscriber({ id: 'sub', email: 'r@example.org', lang: 'ja', status: 'confirmed', filters: { agencies: ['JST'] } });
      return reads(s);
    });

    const direct = await inProcess(dir, reads);

    expect(direct).toEqual(viaHttp);
    expect(direct.many).toHaveLength(120);
    expect(direct.between.map((e) => e.id)).toEqual(['e1', 'e2']);
  });

  it('writes what the SDK path reads back, and loses a condition as it does', async () => {
    await overHttp(dir, async (s) => { await s.commitSnapshot(snapshot(1), [], state(1), 0); });

    await inProcess(dir, async (s) => {
      await s.commitSnapshot(snapshot(2), [event('e1')], state(2), 1);
      await s.commitSnapshot(snapshot(2), [event('e1')], state(2), 1);
      await expect(s.commitSnapshot(snapshot(2, 'other'), [], state(2), 1)).rejects.toThrow(/jst-aspire-top-en/);
      await s.putSubscriber({ id: 'sub', email: 'r@example.org', lang: 'en', status: 'confirmed', filters: {} });
      await s.markDigestSent('sub', '2025-04-03T00:00:00.000Z');
      await s.markEventsNotified([event('e1')]);
    });

    const back = await overHttp(dir, async (s) => ({ latest: await s.getLatestSnapshot(SOURCE), changes: await s.listChanges(SOURCE),
      pending: await s.listPendingEvents(), subscriber: await s.getSubscriber('sub') }));
    expect(back.latest?.version).toBe(2);
    expect(back.latest?.result).toEqual(parseResult());
    expect(back.changes.map((e) => e.id)).toEqual(['e1']);
    expect(back.pending).toEqual([]);
    expect(back.subscriber?.lastDigestAt).toBe('2025-04-03T00:00:00.000Z');
  });

  it('opens nothing where the store has no table yet, and says so when the folder is in use', async () => {
    expect(await openDynaliteTable(dir, 'no-such-table')).toBeUndefined();

    const holder = await startDynalite({ path: dir });
    try {
      await expect(openDynaliteTable(dir, TABLE)).rejects.toThrow(LocalStoreError);
    } finally {
      await holder.close();
    }
  });
});
