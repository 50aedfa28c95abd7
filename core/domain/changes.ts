/**
 * A change between two versions of a page, and the event that records when and where it was seen: the
 * unit every e-mail, feed and query is made of.
 */
import type { Agency } from '#parsers/schema.ts';

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
