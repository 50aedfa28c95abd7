/**
 * The cycle's worker (Step Functions Map item): checks one chunk of one host's sources with the same
 * checkSource as `fundwatch run`, and records the chunk's tally for the finishing step.
 */
import { checkChunk } from '#core/monitoring/fanned-cycle.ts';
import type { ChunkSummary, ChunkTask } from '#core/domain/cycles.ts';
import type { Fetcher } from '#core/ports/fetcher.ts';
import type { Store } from '#core/ports/store.ts';
import { createFetcher, DEFAULT_FETCHER_OPTIONS } from '#io/fetch/fetcher.ts';
import type { FetcherOptions } from '#io/fetch/options.ts';
import { parsePage } from '#parsers/parse-page.ts';
import type { Source } from '#parsers/sources.ts';
import { instrumented, logger } from './telemetry.ts';
import { awsStore, watchedSources } from './wiring.ts';

export interface CheckChunkWiring {
  store: () => Store;
  fetcher: () => Fetcher;
  /** The sources the cycle's plan was made from: the registry and the found calls active when it started. */
  sources: (cycleStartedAt: Date) => Promise<Source[]>;
  fetcherOptions: Pick<FetcherOptions, 'perHostConcurrency' | 'politenessDelayMs'>;
}

/** Refuses a payload that is not a chunk task, naming what is wrong (the state machine's input was edited by hand). */
export function parseChunkTask(event: unknown): ChunkTask {
  const e = (event ?? {}) as Record<string, unknown>;
  const ok = typeof e.cycleId === 'string' && typeof e.host === 'string' && Number.isInteger(e.chunk) && (e.chunk as number) >= 0
    && Number.isInteger(e.chunkSize) && (e.chunkSize as number) > 0;
  if (!ok) throw new Error(`not a chunk task: expected {cycleId, host, chunk, chunkSize}, got ${JSON.stringify(event).slice(0, 200)}`);
  return { cycleId: e.cycleId as string, host: e.host as string, chunk: e.chunk as number, chunkSize: e.chunkSize as number };
}

/** The handler over its wiring, so that tests drive the very function Lambda runs with local parts. */
export function createCheckChunkHandler(wiring: CheckChunkWiring): (event: unknown) => Promise<ChunkSummary> {
  return async (event) => {
    const task = parseChunkTask(event);
    const fetcher = wiring.fetcher();
    let summary: ChunkSummary;
    try {
      summary = await checkChunk({ fetcher, store: wiring.store(), clock: () => new Date(), parse: parsePage }, await wiring.sources(new Date(task.cycleId)), task,
        wiring.fetcherOptions.perHostConcurrency);
    } finally {
      await fetcher.close();
    }
    // The host's next chunk may start the moment this returns, in another container: keep the gap.
    await new Promise((resolve) => setTimeout(resolve, wiring.fetcherOptions.politenessDelayMs));
    logger[summary.failed.length ? 'warn' : 'info']('chunk checked', { ...summary });
    return summary;
  };
}

export const handler = instrumented(createCheckChunkHandler({
  store: awsStore,
  fetcher: () => createFetcher(DEFAULT_FETCHER_OPTIONS),
  sources: watchedSources,
  fetcherOptions: DEFAULT_FETCHER_OPTIONS,
}));
