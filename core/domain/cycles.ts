/**
 * The results of a cycle at each of its scales: one source's check, one worker's chunk, the whole cycle,
 * and the plan that splits a cycle into chunks by host. Shared by monitoring, the store and the CLI.
 */
import type { ChangeCategory, Change } from './changes.ts';
import type { SourceOutcome } from './snapshots.ts';
import type { ParseResult } from '#parsers/schema.ts';

export interface CheckResult {
  sourceId: string;
  outcome: SourceOutcome;
  changes: Change[];
  elapsedMs: number;
  bytes?: number;
  /** Why a source failed or is unhealthy, in words a maintainer can act on. */
  error?: string;
  /** For dry runs: the record that would have been stored. */
  record?: ParseResult;
}

export interface HostWork {
  host: string;
  /** Chunk numbers 0..n-1, an array so that a state machine's Map can iterate it. */
  chunks: number[];
}

export interface CyclePlan {
  cycleId: string;
  startedAt: string;
  chunkSize: number;
  sources: number;
  hosts: HostWork[];
}

/** One worker's assignment, as the state machine hands it over. */
export interface ChunkTask {
  cycleId: string;
  host: string;
  chunk: number;
  chunkSize: number;
}

/** What a chunk and a whole cycle both count: outcomes, changes by category, failures named and beyond. */
export interface OutcomeTally {
  outcomes: Record<SourceOutcome, number>;
  changes: Partial<Record<ChangeCategory, number>>;
  failed: Array<{ sourceId: string; outcome: SourceOutcome; error: string }>;
  /** Failures beyond the listed ones. */
  moreFailed: number;
}

export interface ChunkSummary extends OutcomeTally {
  cycleId: string;
  host: string;
  chunk: number;
  checked: number;
  elapsedMs: number;
}

export interface CycleSummary extends OutcomeTally {
  cycleId: string;
  startedAt: string;
  sources: number;
  /** Chunks that reported; fewer than planned means a worker failed outright (the state machine recorded why). */
  chunksReported: number;
  chunksPlanned: number;
}
