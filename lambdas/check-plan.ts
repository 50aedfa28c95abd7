/**
 * First step of the monitoring cycle (Step Functions, started by the schedule): the plan, per host and
 * chunk, for the workers that follow. Pure planning over the deployed registry; nothing is fetched here.
 */
import { planCycle, type CyclePlan } from '#core/cycle-plan.ts';
import { log } from './telemetry.ts';
import { chunkSize, registry } from './wiring.ts';

export const handler = async (): Promise<CyclePlan> => {
  const plan = planCycle(registry(), new Date(), chunkSize());
  log('info', 'cycle planned', { cycleId: plan.cycleId, sources: plan.sources, hosts: plan.hosts.length,
    chunks: plan.hosts.reduce((n, h) => n + h.chunks.length, 0) });
  return plan;
};
