/**
 * First step of the monitoring cycle (Step Functions, started by the schedule): read the agencies'
 * listings for new calls (politely, before any worker starts), then plan the registry and the found calls
 * still active into per-host chunks for the workers that follow.
 */
import { discover } from '#core/discovery/check-listing.ts';
import { planCycle } from '#core/monitoring/cycle-plan.ts';
import { type CyclePlan } from '#core/domain/cycles.ts';
import type { Fetcher } from '#core/ports/fetcher.ts';
import type { Store } from '#core/ports/store.ts';
import { urlAllowed } from '#io/fetch/allowlist.ts';
import { createFetcher, DEFAULT_FETCHER_OPTIONS } from '#io/fetch/fetcher.ts';
import { parseListingRegistry, type ListingSource } from '#parsers/listings/registry.ts';
import listingsJson from '#parsers/listing-sources.json' with { type: 'json' };
import { parseListing } from '#parsers/listings/parse-listing.ts';
import type { Source } from '#parsers/sources.ts';
import { instrumented, logger } from './telemetry.ts';
import { awsStore, chunkSize, registry, watchedSources } from './wiring.ts';

let listingSources: ListingSource[] | undefined;

/** The listings of calls read before each cycle, bundled from parsers/listing-sources.json (only the planner needs them). */
export function listings(): ListingSource[] {
  listingSources ??= parseListingRegistry(JSON.stringify(listingsJson), 'bundled listing-sources.json');
  return listingSources;
}

export interface CheckPlanWiring {
  store: () => Store;
  fetcher: () => Fetcher;
  registry: () => Source[];
  listings: () => ListingSource[];
  /** The sources the cycle watches as of its start (registry + active found calls). */
  watched: (asOf: Date) => Promise<Source[]>;
  chunkSize: () => number;
  politenessDelayMs: number;
}

export function createCheckPlanHandler(wiring: CheckPlanWiring): () => Promise<CyclePlan> {
  return async () => {
    const startedAt = new Date();
    const fetcher = wiring.fetcher();
    let found = 0;
    try {
      const results = await discover({ fetcher, store: wiring.store(), clock: () => new Date(), parseListing, allowed: urlAllowed(DEFAULT_FETCHER_OPTIONS.allowHosts) },
        wiring.listings(), wiring.registry());
      found = results.reduce((n, r) => n + r.found.length, 0);
      for (const r of results.filter((x) => x.error)) logger.warn('listing failed', { listingId: r.listingId, error: r.error });
      for (const r of results) for (const s of r.found) logger.info('new call found', { listingId: r.listingId, sourceId: s.id, url: s.url, title: s.discovered?.title });
    } catch (err) {
      // The store failed: plan the registry and the calls known so far; the next cycle reads the listings again.
      logger.error('reading the listings failed', { error: (err as Error).message });
    } finally {
      await fetcher.close();
    }
    const plan = planCycle(await wiring.watched(startedAt), startedAt, wiring.chunkSize());
    // The first workers may start at once on the hosts the listings were just read from: keep the gap.
    await new Promise((resolve) => setTimeout(resolve, wiring.politenessDelayMs));
    logger.info('cycle planned', { cycleId: plan.cycleId, sources: plan.sources, found, hosts: plan.hosts.length,
      chunks: plan.hosts.reduce((n, h) => n + h.chunks.length, 0) });
    return plan;
  };
}

export const handler = instrumented(createCheckPlanHandler({
  store: awsStore, fetcher: () => createFetcher(DEFAULT_FETCHER_OPTIONS), registry, listings, watched: watchedSources, chunkSize,
  politenessDelayMs: DEFAULT_FETCHER_OPTIONS.politenessDelayMs,
}));
