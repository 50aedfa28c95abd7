/**
 * The records that flow through a monitoring cycle after extraction: changes, snapshots, source
 * state, subscribers. Plain data; the ports (core/ports.ts) move them in and out of storage.
 */
import type { Agency, ParseResult } from '#parsers/schema.ts';

export const CHANGE_CATEGORIES = [
  'deadline', 'agency', 'eligibility', 'funding', 'period', 'countries', 'fields', 'contact', 'status', 'new-call', 'other',
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
/** What a change is about, for the filters that look past its category: the call's words, fields and partner countries. */
export interface EventTags {
  title?: string;
  fields: string[];
  countries: string[];
}

export interface ChangeEvent {
  id: string;
  sourceId: string;
  agency: Agency;
  url: string;
  detectedAt: string;
  fromVersion: number;
  toVersion: number;
  change: Change;
  /** Set by the check from the new record (absent on events stored before tags existed). */
  tags?: EventTags;
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

/** What a subscriber hears about; every set filter must match (an empty or missing one matches all). */
export interface SubscriberFilters {
  agencies?: Agency[];
  programs?: string[];
  categories?: ChangeCategory[];
  /** Words that must appear (any of them, case- and width-insensitive) in the call's title or the change's summary, English or Japanese. */
  keywords?: string[];
  /** Normalized research fields (parsers/data/fields.json) the call must name one of. */
  fields?: string[];
  /** Partner countries (ISO 3166-1 alpha-2, or EU) the call must name one of. */
  countries?: string[];
}

export const DEFAULT_REMINDER_OFFSETS = [14, 3] as const;

export interface ReminderPreferences {
  /** Days before a deadline (Asia/Tokyo) to be reminded; [] turns reminders off. */
  offsets: number[];
  /** Only these programmes' deadlines; unset: every deadline matching the subscriber's filters. */
  programs?: string[];
}

export interface Subscriber {
  /** Derived from the address (core/subscriber-id.ts), so an address has one record whoever types it. */
  id: string;
  email: string;
  lang: 'en' | 'ja';
  status: SubscriberStatus;
  filters: SubscriberFilters;
  /** Reminders before deadlines; unset means the defaults (14 and 3 days, every matching programme). */
  reminders?: ReminderPreferences;
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
  /** A daily or weekly digest: whoever records its delivery (the sender or a recovering run) also marks the digest sent. */
  digest?: boolean;
}

export interface Delivery {
  subscriberId: string;
  eventIds: string[];
  messageId: string;
  sentAt: string;
}
