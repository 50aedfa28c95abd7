/**
 * What is kept of each source: its snapshots (the parsed record of one version), its state between
 * cycles, and the health events a maintainer is told of.
 */
import type { ParseResult } from '#parsers/schema.ts';

export interface Snapshot {
  sourceId: string;
  version: number;
  takenAt: string;
  /** Hash of the canonical normalized record: a new snapshot is written only when it changes. */
  recordHash: string;
  /** Hash of the fetched bytes. */
  contentHash: string;
  result: ParseResult;
}

/** The verbs a source ends a cycle with (urlwatch's new/changed/unchanged/error, plus HTTP 304 and parser health). */
export type SourceOutcome = 'new' | 'changed' | 'unchanged' | 'not-modified' | 'failed' | 'unhealthy';

export interface SourceState {
  sourceId: string;
  lastCheckedAt: string;
  lastOutcome: SourceOutcome;
  lastError?: string;
  /** Conditional-GET validators of the page behind the current snapshot. */
  etag?: string;
  lastModified?: string;
  contentHash?: string;
  recordHash?: string;
  /** Version of the current snapshot; 0 before the first one. */
  snapshotVersion: number;
  consecutiveFailures: number;
}

/** A parser-health event: the page stopped yielding what it used to. For maintainers, never subscribers. */
export interface HealthEvent {
  id: string;
  sourceId: string;
  at: string;
  reason: string;
  lost: string[];
}
