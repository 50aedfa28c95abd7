/** The fanned-out cycle's plan: every source once, one host never twice at a time, small payloads, honest tallies. */
import { describe, expect, it } from 'vitest';
import { combineSummaries, planCycle, sourcesOfChunk, summarizeChunk } from '#core/monitoring/cycle-plan.ts';
import { executePlan } from '#core/monitoring/run-plan.ts';
import { type ChunkTask } from '#core/domain/cycles.ts';
import type { Source } from '#parsers/sources.ts';
import { byHostInTurn } from '#core/monitoring/cycle.ts';

const source = (host: string, n: number): Source =>
  ({ id: `${host.split('.')[1]}-${String(n).padStart(4, '0')}`, agency: 'JST', lang: 'en', kind: 'html', url: `https://${host}/p/${n}.html` }) as Source;

/** A registry of `perHost[i]` sources on host i, shuffled so that nothing depends on the file's order. */
function registry(perHost: number[]): Source[] {
  const all = perHost.flatMap((count, h) => Array.from({ length: count }, (_, n) => source(`www.host${h}.go.jp`, n)));
  return all.map((s, i) => [((i * 7919) % all.length) + i / all.length, s] as const).sort(([a], [b]) => a - b).map(([, s]) => s);
}

const AT = new Date('2026-11-22T00:00:00Z');

describe('planCycle', () => {
  it('splits each host into chunks of the given size, busiest host first', () => {
    const plan = planCycle(registry([3, 45, 20]), AT, 20);
    expect(plan.hosts).toEqual([
      { host: 'www.host1.go.jp', chunks: [0, 1, 2] },
      { host: 'www.host2.go.jp', chunks: [0] },
      { host: 'www.host0.go.jp', chunks: [0] },
    ]);
    expect(plan).toMatchObject({ cycleId: '2026-11-22T00:00:00.000Z', startedAt: '2026-11-22T00:00:00.000Z', chunkSize: 20, sources: 68 });
  });

  it('gives every source to exactly one chunk, and the same chunk whatever the registry\'s order', () => {
    const sources = registry([7, 30, 1, 12]);
    const plan = planCycle(sources, AT, 5);
    const assigned = plan.hosts.flatMap(({ host, chunks }) => chunks.flatMap((chunk) => sourcesOfChunk(sources, { host, chunk, chunkSize: 5 }).map((s) => s.id)));
    expect(assigned.sort()).toEqual(sources.map((s) => s.id).sort());
    const reversed = [...sources].reverse();
    expect(sourcesOfChunk(reversed, { host: 'www.host1.go.jp', chunk: 2, chunkSize: 5 })).toEqual(sourcesOfChunk(sources, { host: 'www.host1.go.jp', chunk: 2, chunkSize: 5 }));
  });

  it('gives a chunk past the end (the registry shrank mid-cycle) no sources rather than an error', () => {
    expect(sourcesOfChunk(registry([3]), { host: 'www.host0.go.jp', chunk: 4, chunkSize: 20 })).toEqual([]);
  });

  it('keeps the plan of 5,000 sources far below the 256 KB a state machine may carry', () => {
    const plan = planCycle(registry(Array.from({ length: 50 }, () => 100)), AT);
    expect(JSON.stringify(plan).length).toBeLessThan(16 * 1024);
  });

  it('refuses a chunk size that is not a positive whole number', () => {
    expect(() => planCycle([], AT, 0)).toThrow(/at least 1/);
  });
});

describe('executePlan (the state machine, locally)', () => {
  it('runs at most N hosts at once, never two chunks of one host at once, each host\'s chunks in order', async () => {
    const plan = planCycle(registry([60, 41, 20, 5, 5, 1]), AT, 10);
    const running = new Map<string, number>();
    const order: ChunkTask[] = [];
    let hostsBusy = 0;
    let peakHosts = 0;
    await executePlan(plan, 3, async (task) => {
      expect(running.get(task.host) ?? 0).toBe(0);
      running.set(task.host, 1);
      peakHosts = Math.max(peakHosts, ++hostsBusy);
      order.push(task);
      await new Promise((resolve) => setTimeout(resolve, 1 + (task.chunk % 3)));
      running.set(task.host, 0);
      hostsBusy -= 1;
    });
    expect(peakHosts).toBe(3);
    expect(order).toHaveLength(plan.hosts.reduce((n, h) => n + h.chunks.length, 0));
    for (const { host, chunks } of plan.hosts) expect(order.filter((t) => t.host === host).map((t) => t.chunk)).toEqual(chunks);
  });
});

describe('tallies', () => {
  const task = (host: string, chunk: number): ChunkTask => ({ cycleId: 'c', host, chunk, chunkSize: 50 });

  it('counts outcomes and change categories, lists failures with their reasons', () => {
    const summary = summarizeChunk(task('a', 0), [
      { sourceId: 's1', outcome: 'changed', elapsedMs: 1, changes: [{ category: 'deadline' }, { category: 'deadline' }, { category: 'agency' }] as never },
      { sourceId: 's2', outcome: 'failed', elapsedMs: 1, changes: [], error: 'HTTP 503 from www.jst.go.jp' },
      { sourceId: 's3', outcome: 'not-modified', elapsedMs: 1, changes: [] },
    ], 42);
    expect(summary).toMatchObject({ checked: 3, elapsedMs: 42, changes: { deadline: 2, agency: 1 }, moreFailed: 0,
      outcomes: { changed: 1, failed: 1, 'not-modified': 1, new: 0, unchanged: 0, unhealthy: 0 },
      failed: [{ sourceId: 's2', outcome: 'failed', error: 'HTTP 503 from www.jst.go.jp' }] });
  });

  it('names the first failures and counts the rest, so one outage does not flood the log or the payload', () => {
    const results = Array.from({ length: 40 }, (_, i) => ({ sourceId: `s${i}`, outcome: 'failed' as const, elapsedMs: 1, changes: [], error: 'timeout' }));
    expect(summarizeChunk(task('a', 0), results, 1)).toMatchObject({ moreFailed: 15, failed: expect.any(Array) });
    expect(summarizeChunk(task('a', 0), results, 1).failed).toHaveLength(25);
  });

  it('adds the chunks up and says how many never reported', () => {
    const plan = { cycleId: 'c', startedAt: 'c', sources: 4, hosts: [{ host: 'a', chunks: [0, 1] }, { host: 'b', chunks: [0] }] };
    const ok = (host: string, chunk: number) => summarizeChunk(task(host, chunk), [{ sourceId: `${host}${chunk}`, outcome: 'unchanged', elapsedMs: 1, changes: [] }], 1);
    const total = combineSummaries(plan, [ok('a', 0), ok('b', 0)]);
    expect(total).toMatchObject({ chunksPlanned: 3, chunksReported: 2, outcomes: { unchanged: 2 }, failed: [], moreFailed: 0 });
  });
});

describe('byHostInTurn (the one-process cycle\'s order)', () => {
  it('takes the hosts in turn, each host\'s own order kept, every source once', () => {
    const sources = [source('www.a.go.jp', 1), source('www.a.go.jp', 2), source('www.a.go.jp', 3), source('www.b.go.jp', 1), source('www.c.go.jp', 1), source('www.b.go.jp', 2)];
    expect(byHostInTurn(sources).map((s) => s.url)).toEqual([
      'https://www.a.go.jp/p/1.html', 'https://www.b.go.jp/p/1.html', 'https://www.c.go.jp/p/1.html',
      'https://www.a.go.jp/p/2.html', 'https://www.b.go.jp/p/2.html', 'https://www.a.go.jp/p/3.html',
    ]);
  });
});
