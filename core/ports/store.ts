/**
 * The store, as the roles core/ uses it in: each capability asks for the role it needs (a check reads
 * and commits snapshots, the notifier works the event log and the outbox, the subscription flow reads
 * and writes subscribers), and the one adapter in io/store implements them all, one module per role
 * (io/store/dynamo/).
 */
import type { ChangeEvent } from '../domain/changes.ts';
import type { HealthEvent, Snapshot, SourceState } from '../domain/snapshots.ts';
import type { Delivery, SendClaim } from '../domain/outbox.ts';
import type { Subscriber } from '../domain/subscribers.ts';
import type { ChunkSummary, CycleSummary } from '../domain/cycles.ts';
import type { Source } from '#parsers/sources.ts';

export class ConcurrentUpdateError extends Error {
  override name = 'ConcurrentUpdateError';
  constructor(sourceId: string) {
    super(`another run updated source ${sourceId} at the same time; its result was kept, nothing was lost`);
  }
}

/** One counter of a rate limit: the uses of `key` in [windowStart, windowEnd). */
export interface LimitWindow {
  /** Whose uses are counted: a subscriber id (e-mails to that address) or `client#<HMAC of the IP>`; never a raw address or IP. */
  key: string;
  windowStart: Date;
  windowEnd: Date;
  limit: number;
}

/** The sources' side: each source's state, its snapshots and health events. */
export interface SnapshotStore {
  getState(sourceId: string): Promise<SourceState | undefined>;
  listStates(): Promise<SourceState[]>;
  /** Records the outcome of a check that made no new snapshot (not modified, unchanged, failed, unhealthy). */
  putState(state: SourceState): Promise<void>;
  getSnapshot(sourceId: string, version: number): Promise<Snapshot | undefined>;
  getLatestSnapshot(sourceId: string): Promise<Snapshot | undefined>;
  /** The snapshots at these versions, read in batches (the analysts' queries read one per source); those found, in no set order. */
  getSnapshots(keys: Array<{ sourceId: string; version: number }>): Promise<Snapshot[]>;
  /**
   * Stores a new snapshot, its change events and the source state. Safe to retry and safe against an
   * overlapping run: events are written by deterministic id (a repeat is a no-op), the snapshot only if
   * its version is new, the state only if it still points at `expectedVersion`; otherwise
   * ConcurrentUpdateError.
   */
  commitSnapshot(snapshot: Snapshot, events: ChangeEvent[], state: SourceState, expectedVersion: number): Promise<void>;
  /** Every snapshot of a source, oldest first, without the record (versions, times and hashes only). */
  listSnapshotVersions(sourceId: string): Promise<Array<Omit<Snapshot, 'result'>>>;
  putHealthEvent(event: HealthEvent): Promise<void>;
  listHealthEvents(sourceId: string): Promise<HealthEvent[]>;
}

/** The change log: events stored once, handed to the notifier once, queried by source or by time. */
export interface EventLog {
  /** Stores change events that are not stored yet (by id and key); returns those that were new. */
  putChangeEvents(events: ChangeEvent[]): Promise<ChangeEvent[]>;
  /** Change events not yet handed to the notifier, oldest first. */
  listPendingEvents(): Promise<ChangeEvent[]>;
  markEventsNotified(events: ChangeEvent[]): Promise<void>;
  listChanges(sourceId: string): Promise<ChangeEvent[]>;
  /** Change events detected in [since, until) (ISO times), oldest first: one query per month on the byTime index. */
  listChangesBetween(since: string, until: string): Promise<ChangeEvent[]>;
}

/** Subscribers and the counters of their rate limits. */
export interface SubscriberStore {
  /**
   * Stores a subscriber, replacing the record. `expiresAt` (a pending subscriber's): from then on getSubscriber
   * reads it as absent and the table's TTL deletes it, some time later; a put without it keeps the subscriber
   * for good (so a confirmation clears the expiry).
   */
  putSubscriber(subscriber: Subscriber, expiresAt?: Date): Promise<void>;
  /**
   * The subscriber with this id. Given `now`, one whose expiry has passed reads as absent: DynamoDB's TTL
   * deletes expired items lazily (within days), so the read itself must not trust that it did.
   */
  getSubscriber(id: string, now?: Date): Promise<Subscriber | undefined>;
  /** Sets only the subscriber's lastDigestAt, so a preference saved meanwhile is not overwritten. */
  markDigestSent(subscriberId: string, at: string): Promise<void>;
  /** Every subscriber, pending ones included (an expired pending one may linger until TTL deletes it). */
  listSubscribers(): Promise<Subscriber[]>;
  /**
   * Counts one use against a rate limit, atomically (a conditional write, so concurrent requests cannot
   * both take the last use): true while fewer than `limit` uses were counted in the window, false once
   * `limit` were (and then nothing is counted). The counter expires with its window.
   */
  countUse(window: LimitWindow): Promise<boolean>;
}

/** Claims on e-mails before they are sent, and the deliveries recorded after. */
export interface Outbox {
  /** Claims an e-mail before sending it; false when a claim with this key exists already. */
  claimSend(claim: SendClaim): Promise<boolean>;
  /** The open and finished claims of one subscriber. */
  listSendClaims(subscriberId: string): Promise<SendClaim[]>;
  /** Marks a claim sent (with the mailer's message id; it expires after 90 days), or drops an open one that never went out. */
  completeSend(claim: SendClaim, messageId: string): Promise<void>;
  releaseSend(claim: SendClaim): Promise<void>;
  /** True when this (subscriber, event) pair was already delivered. */
  hasDelivery(subscriberId: string, eventId: string): Promise<boolean>;
  /** Records one e-mail's delivery for each of its events; a repeat is a no-op. */
  recordDelivery(delivery: Delivery): Promise<void>;
}

/** Sources found on the agencies' listings of calls. */
export interface DiscoveryStore {
  /** Records a source found on a listing; false when one with this id is known already. */
  putDiscoveredSource(source: Source): Promise<boolean>;
  /** Replaces a discovered source's record (its closing day learnt from the page). */
  updateDiscoveredSource(source: Source): Promise<void>;
  /** Every source ever discovered, active or closed (byTime LIST#DISCOVERED). */
  listDiscoveredSources(): Promise<Source[]>;
}

/** The tallies of fanned-out cycles: one per worker's chunk, one per finished cycle. */
export interface CycleLog {
  /** One worker's tally in a fanned-out cycle (a repeat of the same chunk overwrites it). */
  putCycleChunk(summary: ChunkSummary): Promise<void>;
  listCycleChunks(cycleId: string): Promise<ChunkSummary[]>;
  /** A finished cycle's tally, kept for the maintainers' and analysts' history. */
  putCycleSummary(summary: CycleSummary): Promise<void>;
  /** Finished cycles, newest first. */
  listCycleSummaries(limit?: number): Promise<CycleSummary[]>;
}

/**
 * Every role at once: what the DynamoDB adapter implements, and what wiring passes around. Functions take
 * only the roles they use, so a test fake implements those and nothing more.
 */
export type Store = SnapshotStore & EventLog & SubscriberStore & Outbox & DiscoveryStore & CycleLog;
