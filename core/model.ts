/**
 * The records that flow through a monitoring cycle after extraction: changes, snapshots, source
 * state, subscribers. Plain data; the ports (core/ports.ts) move them in and out of storage.
 */
import type { Agency, ParseResult } from '#parsers/schema.ts';

export const CHANGE_CATEGORIES = [
  'deadline', 'agency', 'eligibility', 'funding', 'period', 'countries', 'fields', 'contact', 'status', 'other',
] as const;
export type ChangeCategory = (typeof CHANGE_CATEGORIES)[number];
export type ChangeKind = 'added' | 'removed' | 'changed';
export type Severity = 'high' | 'medium' | 'low';

/** One semantic change between two versions of a normalized record (the `fundwatch diff --json` contract). */
export interface Change {
  programId: string;
  callId: string | null;
  category: ChangeCategory;
  kind: ChangeKind;
  severity: Severity;
  before: unknown;
  after: unknown;
  summary: { en: string; ja: string };
  evidence: { before?: string; after?: string };
  /** Set when the change is a disagreement between a programme's English and Japanese pages (before = en, after = ja). */
  disagreement?: true;
}

/** A change as stored: a deterministic id so that a retried run cannot store it twice. */
export interface ChangeEvent {
  id: string;
  sourceId: string;
  agency: Agency;
  url: string;
  detectedAt: string;
  fromVersion: number;
  toVersion: number;
  change: Change;
}

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

export const DELIVERY_MODES = ['immediate', 'daily', 'weekly'] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];
export type SubscriberStatus = 'pending' | 'confirmed' | 'unsubscribed' | 'suppressed';

export interface Subscriber {
  /** Derived from the address (core/subscriber-id.ts), so an address has one record whoever types it. */
  id: string;
  email: string;
  lang: 'en' | 'ja';
  status: SubscriberStatus;
  filters: { agencies?: Agency[]; programs?: string[]; categories?: ChangeCategory[] };
  /** immediate (default): an e-mail per run with changes; daily or weekly: one digest per period. */
  delivery?: DeliveryMode;
  createdAt?: string;
  confirmedAt?: string;
  unsubscribedAt?: string;
  /** Why the address may not be mailed again (an SES bounce or complaint). */
  suppressedReason?: string;
  /** When the last confirmation e-mail went out: at most one per address per hour. */
  confirmationSentAt?: string;
  /** When the last digest went out. */
  lastDigestAt?: string;
}

/**
 * A claim on one e-mail before it is sent (the outbox): its key is derived from the subscriber and
 * the events it carries, so a retry finds the claim of the attempt that crashed and can tell whether
 * that e-mail went out before sending anything.
 */
export interface SendClaim {
  key: string;
  subscriberId: string;
  eventIds: string[];
  claimedAt: string;
  status: 'claimed' | 'sent';
  messageId?: string;
}

export interface Delivery {
  subscriberId: string;
  eventIds: string[];
  messageId: string;
  sentAt: string;
}
