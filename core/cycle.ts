/**
 * A monitoring cycle: every source through checkSource, a few at a time, each isolated from the
 * others (one broken source is one recorded error, never a failed run). The fetcher enforces the
 * per-host limits; the pool here only bounds the work in flight.
 */
import type { Source } from '#parsers/sources.ts';
import { checkSource, type CheckDeps, type CheckOptions, type CheckResult } from './check-source.ts';
import type { ChangeCategory, ChangeEvent, SourceOutcome } from './model.ts';
import { reportDisagreements } from './disagreements.ts';
import { emptyOutcomes } from './cycle-plan.ts';

export interface CycleOptions extends CheckOptions {
  /** How many sources are checked at once (the fetcher still caps requests per host). */
  concurrency?: number;
  onResult?: (result: CheckResult, source: Source) => void;
}

export interface CycleReport {
  startedAt: string;
  elapsedMs: number;
  results: CheckResult[];
  outcomes: Record<SourceOutcome, number>;
  changesByCategory: Partial<Record<ChangeCategory, number>>;
  /** Facts a programme's English and Japanese pages newly state differently (reported once each). */
  disagreements: ChangeEvent[];
}

export async function runCycle(deps: CheckDeps, sources: Source[], options: CycleOptions = {}): Promise<CycleReport> {
  const startedAt = deps.clock().toISOString();
  const started = Date.now();
  const results = await mapPool(sources, options.concurrency ?? 4, async (source) => {
    const result = await checkIsolated(deps, source, options);
    options.onResult?.(result, source);
    return result;
  });
  const disagreements = await reportDisagreements(deps, sources).catch((err: unknown) => {
    // A store problem here must not cost the cycle its results: the next cycle compares again.
    console.error(`comparing the English and Japanese pages failed: ${(err as Error).message}`);
    return [];
  });
  return { startedAt, elapsedMs: Date.now() - started, results, ...tally(results), disagreements };
}

export async function checkIsolated(deps: CheckDeps, source: Source, options: CheckOptions): Promise<CheckResult> {
  const started = Date.now();
  try {
    return await checkSource(deps, source, options);
  } catch (err) {
    // Only the store can get here (checkSource turns page problems into outcomes): the snapshot is
    // untouched because every write is conditional, so report and go on with the other sources.
    const error = err instanceof Error ? err.message : String(err);
    return { sourceId: source.id, outcome: 'failed', changes: [], elapsedMs: Date.now() - started, error };
  }
}

function tally(results: CheckResult[]): Pick<CycleReport, 'outcomes' | 'changesByCategory'> {
  const outcomes = emptyOutcomes();
  const changesByCategory: Partial<Record<ChangeCategory, number>> = {};
  for (const result of results) {
    outcomes[result.outcome] += 1;
    for (const change of result.changes) changesByCategory[change.category] = (changesByCategory[change.category] ?? 0) + 1;
  }
  return { outcomes, changesByCategory };
}

/** Runs fn over items with at most `limit` in flight, keeping the input order in the output. */
export async function mapPool<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      out[index] = await fn(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
