/** Check Lambda (EventBridge schedule): one monitoring cycle over the registry, the same code as `fundwatch run`. */
import { runCycle } from '#core/cycle.ts';
import type { Fetcher, Store } from '#core/ports.ts';
import { createFetcher, DEFAULT_FETCHER_OPTIONS } from '#io/fetch/fetcher.ts';
import { parsePage } from '#parsers/parse-page.ts';
import { parseRegistry, type Source } from '#parsers/sources.ts';
import registryJson from '#parsers/sources.json' with { type: 'json' };
import { log, metrics } from './telemetry.ts';
import { awsStore } from './wiring.ts';

const bundledSources = parseRegistry(JSON.stringify(registryJson), 'bundled sources.json');

export interface CheckSummary {
  startedAt: string;
  sources: number;
  outcomes: Record<string, number>;
  changes: Record<string, number>;
  failed: Array<{ sourceId: string; error: string }>;
}

export interface CheckWiring {
  store: () => Store;
  fetcher: () => Fetcher;
  sources: Source[];
}

/** The handler over its wiring, so that tests drive the very function Lambda runs with local parts. */
export function createCheckHandler(wiring: CheckWiring): () => Promise<CheckSummary> {
  return async () => {
    const fetcher = wiring.fetcher();
    try {
      const report = await runCycle({ fetcher, store: wiring.store(), clock: () => new Date(), parse: parsePage }, wiring.sources);
      const failed = report.results.filter((r) => r.error).map((r) => ({ sourceId: r.sourceId, error: r.error! }));
      const summary: CheckSummary = { startedAt: report.startedAt, sources: report.results.length, outcomes: report.outcomes,
        changes: report.changesByCategory as Record<string, number>, failed };
      log(failed.length ? 'warn' : 'info', 'cycle finished', { ...summary, disagreements: report.disagreements.length });
      metrics({
        SourcesChecked: report.results.length, SourcesFailed: report.outcomes.failed, SourcesUnhealthy: report.outcomes.unhealthy,
        SourcesNotModified: report.outcomes['not-modified'], Changes: Object.values(report.changesByCategory).reduce((a, b) => a + (b ?? 0), 0),
        Disagreements: report.disagreements.length,
      });
      return summary;
    } finally {
      await fetcher.close();
    }
  };
}

export const handler = createCheckHandler({
  store: awsStore,
  fetcher: () => createFetcher(DEFAULT_FETCHER_OPTIONS),
  sources: bundledSources,
});
