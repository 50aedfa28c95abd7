/**
 * The executor of a cycle's plan outside Step Functions: what the state machine does with a plan
 * (infra/constructs/check-cycle.ts), run in one process for the benchmarks and the tests, with the very
 * worker the Lambda runs. Kept apart from the plan itself, which is pure.
 */
import type { ChunkTask, CyclePlan } from '../domain/cycles.ts';
import { mapPool } from '#lib/worker-pool.ts';

/**
 * Runs a plan the way the state machine does: up to `hostConcurrency` hosts at once, each host's chunks
 * strictly one after another. Used locally (benchmarks, tests) with the very worker the Lambda runs.
 */
export async function executePlan(plan: CyclePlan, hostConcurrency: number, runChunk: (task: ChunkTask) => Promise<void>): Promise<void> {
  await mapPool(plan.hosts, hostConcurrency, async ({ host, chunks }) => {
    for (const chunk of chunks) await runChunk({ cycleId: plan.cycleId, host, chunk, chunkSize: plan.chunkSize });
  });
}
