/**
 * A monitoring cycle: every source through checkSource, a few at a time, each isolated from the
 * others (one broken source is one recorded error, never a failed run). The fetcher enforces the
 * per-host limits; the pool here only bounds the work in flight.
 */
import type { Source } from '#parsers/sources.ts';
import { checkSource, type CheckOptions } from './check-source.ts';
import { type CheckDeps } from './decide-check.ts';
import type { DiscoveryStore, EventLog, SnapshotStore } from '../ports/store.ts';
import { type CheckResult } from '../domain/cycles.ts';
import type { ChangeCategory, ChangeEvent } from '../domain/changes.ts';
import type { SourceOutcome } from '../domain/snapshots.ts';
import { reportDisagreements } from '../changes/disagreements.ts';
import { tallyResults } from './tally.ts';
import { groupByHost } from '#lib/by-host.ts';
import { mapPool } from '#lib/worker-pool.ts';
import { discover, type DiscoveryDeps, type ListingResult, type ListingSourceLike } from '../discovery/check-listing.ts';
import { watchList } from '../discovery/discovered-sources.ts';

/** A cycle also reads discovered sources, stores what listings find and the disagreements it reports, beside what a check needs. */
export type CycleDeps = Omit<CheckDeps, 'store'> & { store: SnapshotStore & EventLog & DiscoveryStore };

export interface CycleOptions extends CheckOptions {
  /** How many sources are checked at once (the fetcher still caps requests per host). */
  concurrency?: number;
  onResult?: (result: CheckResult, source: Source) => void;
  /** Read these listings first and watch the calls they announce, alongside the registry. */
  discovery?: Pick<DiscoveryDeps, 'parseListing' | 'allowed'> & { listings: ListingSourceLike[] };
}

export interface CycleReport {
  startedAt: string;
  elapsedMs: number;
  results: CheckResult[];
  outcomes: Record<SourceOutcome, number>;
  changesByCategory: Partial<Record<ChangeCategory, number>>;
  /** Facts a programme's English and Japanese pages newly state differently (reported once each). */
  disagreements: ChangeEvent[];
  /** The listings read and the calls they announced for the first time. */
  listings: ListingResult[];
}

export async function runCycle(deps: CycleDeps, sources: Source[], options: CycleOptions = {}): Promise<CycleReport> {
  const startedAt = deps.clock().toISOString();
  const started = Date.now();
  let listings: ListingResult[] = [];
  let watched = sources;
  if (options.discovery && !options.dryRun) {
    try {
      listings = await discover({ ...deps, ...options.discovery }, options.discovery.listings, sources);
      watched = watchList(sources, await deps.store.listDiscoveredSources(), deps.clock());
    } catch (err) {
      // Only the store gets here (a listing's own problems are results): check the registry, find calls next cycle.
      console.error(`reading the listings failed: ${(err as Error).message}; this cycle checks the registry only`);
    }
  }
  // Hosts taken in turn, so the slots in flight spread over the hosts instead of all waiting on the busiest
  // one's politeness delay (bench/README.md, "cycle time"); results keep the watch list's order.
  const order = byHostInTurn(watched);
  const checked = await mapPool(order, options.concurrency ?? 6, async (source) => {
    const result = await checkIsolated(deps, source, options);
    options.onResult?.(result, source);
    return result;
  });
  const byId = new Map(checked.map((r) => [r.sourceId, r]));
  const results = watched.map((s) => byId.get(s.id)!);
  const disagreements = await reportDisagreements(deps, watched).catch((err: unknown) => {
    // A store problem here must not cost the cycle its results: the next cycle compares again.
    console.error(`comparing the English and Japanese pages failed: ${(err as Error).message}`);
    return [];
  });
  const { outcomes, changes } = tallyResults(results);
  return { startedAt, elapsedMs: Date.now() - started, results, outcomes, changesByCategory: changes, disagreements, listings };
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

/** Sources reordered one host at a time in turn (A1 B1 C1 A2 B2 ...), each host's own order kept. */
export function byHostInTurn(sources: Source[]): Source[] {
  const queues = groupByHost(sources);
  const out: Source[] = [];
  for (let round = 0; out.length < sources.length; round += 1) {
    for (const queue of queues.values()) if (queue[round]) out.push(queue[round]!);
  }
  return out;
}
