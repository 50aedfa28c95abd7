/**
 * One source through one cycle, top to bottom: fetch -> document/extract -> health -> diff, decided
 * first (decide-check.ts) and then applied to the store (apply-check.ts). It always ends in one verb
 * (new, changed, unchanged, not-modified, failed, unhealthy) and never throws for a problem of the
 * source itself: one broken page is one recorded failure, and a failure never touches the stored
 * snapshot. A dry run is the same decision, not applied.
 */
import type { Source } from '#parsers/sources.ts';
import type { CheckResult } from '../domain/cycles.ts';
import { applyCheck } from './apply-check.ts';
import { decideCheck, type CheckDeps } from './decide-check.ts';

export interface CheckOptions {
  /** Compute everything, store nothing (fundwatch check --dry-run). */
  dryRun?: boolean;
}

export async function checkSource(deps: CheckDeps, source: Source, options: CheckOptions = {}): Promise<CheckResult> {
  const started = Date.now();
  const state = await deps.store.getState(source.id);
  const previous = state?.snapshotVersion ? await deps.store.getSnapshot(source.id, state.snapshotVersion) : undefined;
  const decision = await decideCheck(deps, source, state, previous);
  if (!options.dryRun) await applyCheck(deps.store, decision.write);
  return { ...decision.result, elapsedMs: Date.now() - started };
}
