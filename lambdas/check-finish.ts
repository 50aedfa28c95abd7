/**
 * Last step of the monitoring cycle: every chunk's tally combined, bilingual disagreements reported once,
 * the cycle's summary stored, logged and sent to CloudWatch as the metrics the alarms watch.
 */
import type { CyclePlan } from '#core/domain/cycles.ts';
import { finishCycle } from '#core/monitoring/fanned-cycle.ts';
import type { CycleSummary } from '#core/domain/cycles.ts';
import { addCounts, instrumented, logger } from './telemetry.ts';
import { awsStore, watchedSources } from './wiring.ts';

export const handler = instrumented(async (event: { plan?: CyclePlan } | undefined): Promise<CycleSummary> => {
  const plan = event?.plan;
  if (!plan?.cycleId || !Array.isArray(plan.hosts)) {
    throw new Error(`check-finish needs {plan: <the check-plan output>}, got ${JSON.stringify(event).slice(0, 200)}`);
  }
  const { summary, disagreements } = await finishCycle({ store: awsStore(), clock: () => new Date() }, await watchedSources(new Date(plan.startedAt)), plan);
  const missing = summary.chunksPlanned - summary.chunksReported;
  logger[summary.outcomes.failed || missing ? 'warn' : 'info']('cycle finished', { ...summary, disagreements: disagreements.length,
    ...(missing ? { missingChunks: `${missing} chunks never reported: their workers failed; see the state machine's execution` } : {}) });
  addCounts({
    SourcesChecked: Object.values(summary.outcomes).reduce((a, b) => a + b, 0), SourcesFailed: summary.outcomes.failed,
    SourcesUnhealthy: summary.outcomes.unhealthy, SourcesNotModified: summary.outcomes['not-modified'],
    Changes: Object.values(summary.changes).reduce((a, b) => a + (b ?? 0), 0), Disagreements: disagreements.length, ChunksMissing: missing,
  });
  return summary;
});
