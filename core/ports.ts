/**
 * The seams of a cycle: each I/O adapter has one interface here. io/ implements them (undici, DynamoDB,
 * SES); core/ only ever sees these, so the same cycle runs in Lambda, in the CLI and in tests.
 */
import type { ChangeEvent, Delivery, HealthEvent, SendClaim, Snapshot, SourceState, Subscriber } from './model.ts';
import type { ChunkSummary, CycleSummary } from './cycle-plan.ts';
import type { Source } from '#parsers/sources.ts';

export interface Validators {
  etag?: string;
  lastModified?: string;
}

export interface FetchedPage {
  kind: 'fetched';
  url: string;
  /** The URL after redirects (all inside the allowlist). */
  finalUrl: string;
  status: number;
  body: Uint8Array;
  /** e.g. text/html, application/pdf, from Content-Type. */
  mediaType?: string;
  /** The charset parameter of Content-Type, if any (the document stage sniffs the rest). */
  charset?: string;
  etag?: string;
  lastModified?: string;
  elapsedMs: number;
}

export interface NotModified {
  kind: 'not-modified';
  url: string;
  elapsedMs: number;
}

export interface Fetcher {
  /** Fetches one allowlisted URL; throws FetchError (io/fetch/errors.ts) with a reason a maintainer can act on. */
  fetch(url: string, validators?: Validators): Promise<FetchedPage | NotModified>;
  close(): Promise<void>;
}

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

export interface Store {
  getState(sourceId: string): Promise<SourceState | undefined>;
  listStates(): Promise<SourceState[]>;
  /** Records the outcome of a check that made no new snapshot (not modified, unchanged, failed, unhealthy). */
  putState(state: SourceState): Promise<void>;
  getSnapshot(sourceId: string, version: number): Promise<Snapshot | undefined>;
  getLatestSnapshot(sourceId: string): Promise<Snapshot | undefined>;
  /**
   * Stores a new snapshot, its change events and the source state. Safe to retry and safe against an
   * overlapping run: events are written by deterministic id (a repeat is a no-op), the snapshot only if
   * its version is new, the state only if it still points at `expectedVersion`; otherwise
   * ConcurrentUpdateError.
   */
  commitSnapshot(snapshot: Snapshot, events: ChangeEvent[], state: SourceState, expectedVersion: number): Promise<void>;
  /** Stores change events that are not stored yet (by id and key); returns those that were new. */
  putChangeEvents(events: ChangeEvent[]): Promise<ChangeEvent[]>;
  /** Change events not yet handed to the notifier, oldest first. */
  listPendingEvents(): Promise<ChangeEvent[]>;
  markEventsNotified(events: ChangeEvent[]): Promise<void>;
  listChanges(sourceId: string): Promise<ChangeEvent[]>;
  /** Change events detected in [since, until) (ISO times), oldest first: one query per month on the byTime index. */
  listChangesBetween(since: string, until: string): Promise<ChangeEvent[]>;
  /** Every snapshot of a source, oldest first, without the record (versions, times and hashes only). */
  listSnapshotVersions(sourceId: string): Promise<Array<Omit<Snapshot, 'result'>>>;
  putHealthEvent(event: HealthEvent): Promise<void>;
  listHealthEvents(sourceId: string): Promise<HealthEvent[]>;
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
  /** Records a source found on a listing; false when one with this id is known already. */
  putDiscoveredSource(source: Source): Promise<boolean>;
  /** Replaces a discovered source's record (its closing day learnt from the page). */
  updateDiscoveredSource(source: Source): Promise<void>;
  /** Every source ever discovered, active or closed (byTime LIST#DISCOVERED). */
  listDiscoveredSources(): Promise<Source[]>;
  /** One worker's tally in a fanned-out cycle (a repeat of the same chunk overwrites it). */
  putCycleChunk(summary: ChunkSummary): Promise<void>;
  listCycleChunks(cycleId: string): Promise<ChunkSummary[]>;
  /** A finished cycle's tally, kept for the maintainers' and analysts' history. */
  putCycleSummary(summary: CycleSummary): Promise<void>;
  /** Finished cycles, newest first. */
  listCycleSummaries(limit?: number): Promise<CycleSummary[]>;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
}

export interface Mailer {
  /** Sends one message; `deliveryKey` goes with it (a header and a message tag) so that it can be found later. */
  send(mail: OutgoingMail, deliveryKey?: string): Promise<{ messageId: string }>;
  /**
   * Whether a message with this delivery key was accepted for sending, and its id: how a retry after a
   * crash between sending and recording tells "sent" from "never sent". 'unknown' when the mailer
   * cannot tell (the notifier then sends again, at least once).
   */
  findSent(deliveryKey: string): Promise<{ messageId: string } | undefined | 'unknown'>;
}

export type Clock = () => Date;
