/**
 * checkSource on real parts (a local HTTP server, the fetcher, the parsers, dynalite): bad input gets a
 * clear reason and loses nothing; a redesigned page is a maintainer alert, not a change.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { checkSource } from '#core/monitoring/check-source.ts';
import { type CheckDeps } from '#core/monitoring/decide-check.ts';
import type { Store } from '#core/ports/store.ts';
import { createFetcher, DEFAULT_FETCHER_OPTIONS } from '#io/fetch/fetcher.ts';
import { startDynalite, type LocalEngine } from '#io/local/dynalite.ts';
import { createDynamoStore, ensureTable } from '#io/store/dynamo-store.ts';
import { parsePage } from '#parsers/parse-page.ts';
import { SchemaViolation } from '#parsers/schema.ts';
import type { Source } from '#parsers/sources.ts';
import { localClient } from '../../helpers/engines.ts';
import { startTestServer, type TestServer } from '../../helpers/http-server.ts';

const SOURCE: Source = { id: 'test-call', agency: 'JST', lang: 'en', kind: 'html', program: 'jst-test', url: 'https://www.jst.go.jp/test/call.html' };
const GOOD = `<html><body><main><h1>Test programme</h1><h2>FY2025 call</h2>
<p>Deadline for proposals: May 12, 2025 (Mon) 12:00 noon (JST)</p>
<h2>Eligibility</h2><ul><li>Applicants must hold a doctoral degree and a position in Japan.</li></ul></main></body></html>`;
const REDESIGNED = '<html><body><main><h1>Test programme</h1><p>This page has moved into our new portal.</p></main></body></html>';

describe('checkSource', () => {
  // The server and the engine start once; each test gets its own table, fetcher and page answer, so it
  // stands alone whatever ran before it.
  let server: TestServer;
  let engine: LocalEngine;
  let client: DynamoDBClient;
  let tables = 0;
  let deps: CheckDeps & { store: Store };
  let answer: { status: number; body: string } = { status: 200, body: GOOD };

  /** The world most tests start from: the source checked once while it answered GOOD, one snapshot stored. */
  const withOneSnapshot = async (): Promise<void> => {
    answer = { status: 200, body: GOOD };
    expect((await checkSource(deps, SOURCE)).outcome).toBe('new');
  };

  beforeAll(async () => {
    server = await startTestServer();
    server.route('www.jst.go.jp /test/call.html', (_req, res) => res.writeHead(answer.status, { 'Content-Type': 'text/html' }).end(answer.body));
    engine = await startDynalite({});
    client = localClient(engine.endpoint);
  });
  beforeEach(async () => {
    answer = { status: 200, body: GOOD };
    const tableName = `check-${(tables += 1)}`;
    await ensureTable(client, tableName);
    deps = { store: createDynamoStore({ tableName, client }), clock: () => new Date('2025-04-01T00:00:00Z'), parse: parsePage,
      fetcher: createFetcher({ ...DEFAULT_FETCHER_OPTIONS, route: { origin: server.origin }, politenessDelayMs: 1, retries: 0 }) };
  });
  afterEach(async () => {
    await deps.fetcher.close();
  });
  afterAll(async () => {
    await server.close();
    client.destroy();
    await engine.close();
  });

  it('stores the first snapshot of a page', async () => {
    const result = await checkSource(deps, SOURCE);

    expect(result.outcome).toBe('new');
    const call = (await deps.store.getLatestSnapshot(SOURCE.id))?.result.programs[0]?.calls.find((c) => c.id === 'fy2025');
    expect(call?.deadlines[0]?.iso).toBe('2025-05-12T12:00:00+09:00');
  });

  it('records an unreachable page as failed with its reason, and keeps the snapshot', async () => {
    await withOneSnapshot();
    answer = { status: 503, body: 'down' };

    const result = await checkSource(deps, SOURCE);

    expect(result).toMatchObject({ outcome: 'failed', error: expect.stringContaining('HTTP 503') });
    expect(await deps.store.getState(SOURCE.id)).toMatchObject({ lastOutcome: 'failed', snapshotVersion: 1, consecutiveFailures: 1 });
    expect((await deps.store.getLatestSnapshot(SOURCE.id))?.version).toBe(1);
  });

  it('treats a redesign that empties the record as unhealthy: health event, snapshot kept, no change events', async () => {
    await withOneSnapshot();
    answer = { status: 200, body: REDESIGNED };

    const result = await checkSource(deps, SOURCE);

    expect(result.outcome).toBe('unhealthy');
    expect((await deps.store.listHealthEvents(SOURCE.id))[0]?.lost).toEqual(['jst-test/fy2025: deadlines', 'jst-test/fy2025: eligibility']);
    expect((await deps.store.getLatestSnapshot(SOURCE.id))?.version).toBe(1);
    expect(await deps.store.listChanges(SOURCE.id)).toEqual([]);
  });

  it('treats a record that breaks the schema as a parser-health event, not a failed page', async () => {
    await withOneSnapshot();
    const before = await deps.store.getLatestSnapshot(SOURCE.id);
    // A parser bug, as a mock: the real parsers validate their output, so only a broken parser can do this.
    const broken: CheckDeps = { ...deps, parse: async () => { throw new SchemaViolation(['programs.0.calls.0.deadlines.0.date: Invalid string']); } };
    const result = await checkSource(broken, SOURCE);
    expect(result.outcome).toBe('unhealthy');
    expect(result.error).toContain('does not match the programme schema');
    expect((await deps.store.listHealthEvents(SOURCE.id)).some((e) => e.reason.includes('programme schema'))).toBe(true);
    expect(before?.version).toBe(1);
    expect((await deps.store.getLatestSnapshot(SOURCE.id))?.version).toBe(before?.version);
  });

  it('shows what a dry run would store without storing it', async () => {
    await withOneSnapshot();
    answer = { status: 200, body: GOOD.replace('May 12', 'May 19') };

    const result = await checkSource(deps, SOURCE, { dryRun: true });

    expect(result.changes.map((c) => `${c.category}:${c.kind}`)).toEqual(['deadline:changed']);
    expect((await deps.store.getLatestSnapshot(SOURCE.id))?.version).toBe(1);
  });

  it('recovers by itself on the next healthy cycle', async () => {
    // The source in trouble: one snapshot, then an unreachable page and a redesign; now the page is healthy
    // again with a changed deadline.
    await withOneSnapshot();
    answer = { status: 503, body: 'down' };
    await checkSource(deps, SOURCE);
    answer = { status: 200, body: REDESIGNED };
    await checkSource(deps, SOURCE);
    expect(await deps.store.getState(SOURCE.id)).toMatchObject({ lastOutcome: 'unhealthy', snapshotVersion: 1, consecutiveFailures: 2 });
    answer = { status: 200, body: GOOD.replace('May 12', 'May 19') };

    const result = await checkSource(deps, SOURCE);

    expect(result.outcome).toBe('changed');
    expect(await deps.store.getState(SOURCE.id)).toMatchObject({ lastOutcome: 'changed', snapshotVersion: 2, consecutiveFailures: 0 });
  });
});
