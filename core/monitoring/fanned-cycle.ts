/**
 * The two ends of a fanned-out cycle that touch the store: a worker checking its chunk, and the
 * finishing step tallying every chunk. The plan itself is pure (cycle-plan.ts); the Lambda handlers
 * and the local executor are wiring around these.
 */
import type { Source } from '#parsers/sources.ts';
import { checkIsolated } from './cycle.ts';
import { mapPool } from '#lib/worker-pool.ts';
import type { CheckDeps } from './decide-check.ts';
import { combineSummaries, sourcesOfChunk, summarizeChunk } from './cycle-plan.ts';
import { type ChunkSummary, type ChunkTask, type CyclePlan, type CycleSummary } from '../domain/cycles.ts';
import { reportDisagreements } from '../changes/disagreements.ts';
import type { ChangeEvent } from '../domain/changes.ts';
import type { Clock } from '../ports/clock.ts';
import type { CycleLog, EventLog, SnapshotStore } from '../ports/store.ts';

/**
 * Checks one chunk (all of one host, so the fetcher's per-host limits are the global ones) and records
 * its tally. Each source is isolated: a broken page or a store error is one failed source, never a
 * failed chunk.
 */
export async function checkChunk(deps: Omit<CheckDeps, 'store'> & { store: SnapshotStore & CycleLog }, registry: Source[], task: ChunkTask, concurrency: number): Promise<ChunkSummary> {
  const started = Date.now();
  const sources = sourcesOfChunk(registry, task);
  const results = await mapPool(sources, concurrency, (source) => checkIsolated(deps, source, {}));
  const summary = summarizeChunk(task, results, Date.now() - started);
  await deps.store.putCycleChunk(summary);
  return summary;
}

export interface FinishedCycle {
  summary: CycleSummary;
  disagreements: ChangeEvent[];
}

/** After the last chunk: bilingual disagreements once over the whole registry, and the cycle's tally stored. */
export async function finishCycle(deps: { store: SnapshotStore & EventLog & CycleLog; clock: Clock }, registry: Source[],
  plan: Pick<CyclePlan, 'cycleId' | 'startedAt' | 'sources' | 'hosts'>): Promise<FinishedCycle> {
  const disagreements = await reportDisagreements(deps, registry).catch((err: unknown) => {
    // Compared again next cycle; the tally below must still be stored.
    console.error(`comparing the English and Japanese pages failed: ${(err as Error).message}`);
    return [];
  });
  const summary = combineSummaries(plan, await deps.store.listCycleChunks(plan.cycleId));
  await deps.store.putCycleSummary(summary);
  return { summary, disagreements };
}
