/** Check Lambda (EventBridge schedule): one monitoring cycle over the registry, the same code as `fundwatch run`. */
import { runCycle } from '#core/cycle.ts';
import { createFetcher, DEFAULT_FETCHER_OPTIONS } from '#io/fetch/fetcher.ts';
import { parsePage } from '#parsers/parse-page.ts';
import { parseRegistry } from '#parsers/sources.ts';
import registryJson from '#parsers/sources.json' with { type: 'json' };
import { awsStore } from './wiring.ts';

const sources = parseRegistry(JSON.stringify(registryJson), 'bundled sources.json');

export interface CheckSummary {
  startedAt: string;
  sources: number;
  outcomes: Record<string, number>;
  changes: Record<string, number>;
  failed: Array<{ sourceId: string; error: string }>;
}

export const handler = async (): Promise<CheckSummary> => {
  const fetcher = createFetcher(DEFAULT_FETCHER_OPTIONS);
  try {
    const report = await runCycle({ fetcher, store: awsStore(), clock: () => new Date(), parse: parsePage }, sources);
    const failed = report.results.filter((r) => r.error).map((r) => ({ sourceId: r.sourceId, error: r.error! }));
    const summary = { startedAt: report.startedAt, sources: report.results.length, outcomes: report.outcomes,
      changes: report.changesByCategory as Record<string, number>, failed };
    console.log(JSON.stringify({ message: 'cycle finished', ...summary }));
    return summary;
  } finally {
    await fetcher.close();
  }
};
