/**
 * The cycle as AWS runs it (plan, per-host chunks through the worker handler, finish), on the local
 * components, against the cycle as `fundwatch run` runs it: the same outcomes and change events for
 * every source, with the per-host politeness limits holding across chunks and workers.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { runCycle } from '#core/monitoring/cycle.ts';
import { executePlan } from '#core/monitoring/run-plan.ts';
import { planCycle } from '#core/monitoring/cycle-plan.ts';
import { finishCycle } from '#core/monitoring/fanned-cycle.ts';
import type { Store } from '#core/ports/store.ts';
import { createFetcher, DEFAULT_FETCHER_OPTIONS } from '#io/fetch/fetcher.ts';
import { startDynalite, type LocalEngine } from '#io/local/dynalite.ts';
import { startFixtureServer, type FixtureServer } from '#io/local/fixture-server.ts';
import { createDynamoStore, ensureTable } from '#io/store/dynamo-store.ts';
import { parsePage } from '#parsers/parse-page.ts';
import { loadRegistry, type Source } from '#parsers/sources.ts';
import { FIXTURE_SITES } from '#cli/local-env.ts';
import { createCheckChunkHandler } from '../../lambdas/check-chunk.ts';

const GAP_MS = 200;

describe('the fanned-out cycle, run locally as the state machine runs it', () => {
  let engine: LocalEngine;
  let client: DynamoDBClient;
  let sources: Source[];
  const requests: Array<{ host: string; path: string; at: number }> = [];
  let server: FixtureServer;

  const freshStore = async (name: string): Promise<Store> => {
    await ensureTable(client, name);
    return createDynamoStore({ tableName: name, client });
  };
  const fetcherOptions = () => ({ ...DEFAULT_FETCHER_OPTIONS, route: { origin: server.origin }, politenessDelayMs: GAP_MS });

  /** Plan, workers (three hosts at a time, chunks of three), finish: the data flow of infra/constructs/check-cycle.ts. */
  const fannedCycle = async (store: Store) => {
    const worker = createCheckChunkHandler({ store: () => store, sources: async () => sources, fetcherOptions: fetcherOptions(),
      fetcher: () => createFetcher(fetcherOptions()) });
    const plan = planCycle(sources, new Date(), 3);
    await executePlan(plan, 3, async (task) => { await worker(JSON.parse(JSON.stringify(task))); });
    return finishCycle({ store, clock: () => new Date() }, sources, plan);
  };
  const localCycle = async (store: Store) => {
    const fetcher = createFetcher(fetcherOptions());
    try {
      return await runCycle({ fetcher, store, clock: () => new Date(), parse: parsePage }, sources);
    } finally {
      await fetcher.close();
    }
  };

  beforeAll(async () => {
    sources = await loadRegistry();
    engine = await startDynalite({});
    client = new DynamoDBClient({ endpoint: engine.endpoint, region: 'local', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    server = await startFixtureServer({ root: FIXTURE_SITES, step: 1, onRequest: (r) => requests.push(r) });
  });
  afterAll(async () => {
    await server.close();
    client.destroy();
    await engine.close();
  });

  it('stores the same snapshots and change events as the one-process cycle, over two versions of every page', async () => {
    const fanned = await freshStore('fanned');
    const local = await freshStore('local');
    server.setStep(1);
    const firstFanned = await fannedCycle(fanned);
    await localCycle(local);
    server.setStep(2);
    requests.length = 0;
    // Each request as the fetcher's per-host limiter lets it go (its diagnostics channel, the monotonic clock).
    const dispatched: Array<{ host: string; at: number }> = [];
    const onRelease = (message: unknown): void => { dispatched.push(message as { host: string; at: number }); };
    subscribe('fundwatch:fetch:released', onRelease);
    const secondFanned = await fannedCycle(fanned).finally(() => unsubscribe('fundwatch:fetch:released', onRelease));
    const requestsOfSecond = [...requests];
    const secondLocal = await localCycle(local);

    expect(firstFanned.summary).toMatchObject({ sources: sources.length, chunksReported: firstFanned.summary.chunksPlanned });
    expect(firstFanned.summary.outcomes.new).toBe(sources.length);
    expect(secondFanned.summary.outcomes).toEqual(secondLocal.outcomes);
    expect(secondFanned.summary.changes).toEqual(secondLocal.changesByCategory);
    for (const source of sources) {
      const ids = async (store: Store) => (await store.listChanges(source.id)).map((e) => `${e.change.category}:${e.id}`).sort();
      expect(await ids(fanned), source.id).toEqual(await ids(local));
      expect((await fanned.getLatestSnapshot(source.id))?.recordHash, source.id).toBe((await local.getLatestSnapshot(source.id))?.recordHash);
    }

    // Politeness across workers: per host, request starts stay a gap apart, chunk boundaries included. Observed where
    // the fetcher lets each request go, not at the server, where arrivals in this busy event loop bunch up by a whole
    // parse; a timer may fire a millisecond early. Without the worker's final wait, a chunk boundary shows as a gap
    // of about half the limit.
    const hosts = new Set(requestsOfSecond.map((r) => r.host));
    expect(hosts.size).toBeGreaterThan(1);
    expect(new Set(dispatched.map((d) => d.host))).toEqual(hosts);
    for (const host of hosts) {
      const starts = dispatched.filter((d) => d.host === host).map((d) => d.at).sort((a, b) => a - b);
      const gaps = starts.slice(1).map((at, i) => at - starts[i]!);
      expect(Math.min(...gaps), `${host}: ${gaps.map(Math.round).join(', ')}`).toBeGreaterThanOrEqual(GAP_MS - 2);
    }
  });
});
