/** Counts of a set of checks, by outcome and by kind of change: the local cycle's report and each worker's chunk summary alike. */
import type { ChangeCategory } from '../domain/changes.ts';
import type { CheckResult } from '../domain/cycles.ts';
import type { SourceOutcome } from '../domain/snapshots.ts';

export interface Tally {
  outcomes: Record<SourceOutcome, number>;
  changes: Partial<Record<ChangeCategory, number>>;
}

/** Every outcome at zero, so a report names the outcomes that did not happen too. */
export function emptyOutcomes(): Record<SourceOutcome, number> {
  return { new: 0, changed: 0, unchanged: 0, 'not-modified': 0, failed: 0, unhealthy: 0 };
}

/** How many checks ended in each outcome, and how many changes of each kind they found. */
export function tallyResults(results: CheckResult[]): Tally {
  const outcomes = emptyOutcomes();
  const changes: Partial<Record<ChangeCategory, number>> = {};
  for (const result of results) {
    outcomes[result.outcome] += 1;
    for (const change of result.changes) changes[change.category] = (changes[change.category] ?? 0) + 1;
  }
  return { outcomes, changes };
}
