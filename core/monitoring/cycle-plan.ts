/**
 * The fanned-out cycle (AWS): the registry split into per-host work, checked by many workers, tallied
 * at the end. Pure planning and tallying live here; the state machine (infra/constructs/check-cycle.ts)
 * and the local executor below only decide *where* each chunk runs.
 *
 * Politeness across workers holds by construction: one host's chunks run one after another (never two
 * workers on one host), while different hosts run side by side. The plan carries only chunk numbers,
 * never source lists, so a registry of any size fits in a state machine's 256 KB payload; each worker
 * derives its chunk's sources from the same registry with the same pure function.
 */
import type { Source } from '#parsers/sources.ts';
import type { CheckResult } from '../domain/cycles.ts';
import type { ChangeCategory } from '../domain/changes.ts';
import type { SourceOutcome } from '../domain/snapshots.ts';
import type { ChunkSummary, ChunkTask, CyclePlan, CycleSummary } from '../domain/cycles.ts';
import { groupByHost } from '#lib/by-host.ts';
import { emptyOutcomes, tallyResults } from './tally.ts';

/** Enough sources per worker call to amortize the start, few enough to finish well inside Lambda's 15 minutes. */
export const DEFAULT_CHUNK_SIZE = 20;
/** Failures listed by name per chunk; the rest are counted (the log line stays readable, the payload small). */
const FAILURES_LISTED = 25;

/** Sources by host, each host's sources in id order: the order every worker agrees on. */
function byHost(sources: Source[]): Map<string, Source[]> {
  const hosts = groupByHost(sources);
  for (const list of hosts.values()) list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return new Map([...hosts].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/**
 * The plan of one cycle. Hosts with the most sources come first so that the longest serial runs start
 * early and the cycle ends as soon as its busiest host allows.
 */
export function planCycle(sources: Source[], startedAt: Date, chunkSize = DEFAULT_CHUNK_SIZE): CyclePlan {
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new Error(`chunk size ${chunkSize} must be a whole number of at least 1`);
  const busiestFirst = [...byHost(sources)].sort(([, a], [, b]) => b.length - a.length);
  const hosts = busiestFirst.map(([host, list]) => ({ host, chunks: [...Array(Math.ceil(list.length / chunkSize)).keys()] }));
  const iso = startedAt.toISOString();
  return { cycleId: iso, startedAt: iso, chunkSize, sources: sources.length, hosts };
}

/** The sources of one chunk; empty when the registry changed since the plan (a deploy mid-cycle). */
export function sourcesOfChunk(sources: Source[], task: Pick<ChunkTask, 'host' | 'chunk' | 'chunkSize'>): Source[] {
  const list = byHost(sources).get(task.host.toLowerCase()) ?? [];
  return list.slice(task.chunk * task.chunkSize, (task.chunk + 1) * task.chunkSize);
}

export function summarizeChunk(task: ChunkTask, results: CheckResult[], elapsedMs: number): ChunkSummary {
  const { outcomes, changes } = tallyResults(results);
  const failed: ChunkSummary['failed'] = results.flatMap((r) => (r.error ? [{ sourceId: r.sourceId, outcome: r.outcome, error: r.error }] : []));
  return { cycleId: task.cycleId, host: task.host, chunk: task.chunk, checked: results.length, outcomes, changes,
    failed: failed.slice(0, FAILURES_LISTED), moreFailed: Math.max(0, failed.length - FAILURES_LISTED), elapsedMs };
}

export function combineSummaries(plan: Pick<CyclePlan, 'cycleId' | 'startedAt' | 'sources' | 'hosts'>, chunks: ChunkSummary[]): CycleSummary {
  const outcomes = emptyOutcomes();
  const changes: Partial<Record<ChangeCategory, number>> = {};
  const failed: ChunkSummary['failed'] = [];
  let moreFailed = 0;
  for (const chunk of chunks) {
    for (const [outcome, n] of Object.entries(chunk.outcomes)) outcomes[outcome as SourceOutcome] += n;
    for (const [category, n] of Object.entries(chunk.changes)) changes[category as ChangeCategory] = (changes[category as ChangeCategory] ?? 0) + (n ?? 0);
    failed.push(...chunk.failed);
    moreFailed += chunk.moreFailed;
  }
  return { cycleId: plan.cycleId, startedAt: plan.startedAt, sources: plan.sources, chunksReported: chunks.length,
    chunksPlanned: plan.hosts.reduce((n, h) => n + h.chunks.length, 0), outcomes, changes,
    failed: failed.slice(0, FAILURES_LISTED * 4), moreFailed: moreFailed + Math.max(0, failed.length - FAILURES_LISTED * 4) };
}
