/**
 * What analysts, calendars, feeds and the public page see: flat, language-aware views of the stored
 * snapshots and change events. core/analyst/catalog.ts builds them from the store; the renderers
 * (feeds, page, CLI tables, export) only ever read these types.
 *
 * Every string that came from a page (names, titles, labels, evidence, summaries) is untrusted: a
 * renderer must escape it for its own format.
 */
import type { Agency, CallStatus, DeadlineKind, Lang } from '#parsers/schema.ts';
import type { ChangeCategory, ChangeKind, Severity } from '../domain/changes.ts';

export interface LocalizedName {
  en?: string;
  ja?: string;
}

/** One page a programme is read from. */
export interface PageRef {
  sourceId: string;
  lang: Lang;
  url: string;
}

/** One dated step of one call (a submission deadline, an interview window...), as the page states it. */
export interface DeadlineView {
  /**
   * Stable across cycles: programme, call, kind, track and language of the page, never the date, so a
   * moved deadline keeps its identity (a calendar entry is updated, not duplicated).
   */
  uid: string;
  /** How many times this deadline has moved so far (iCalendar SEQUENCE). */
  sequence: number;
  programId: string;
  programName: LocalizedName;
  agency: Agency;
  callId: string;
  callTitle: string;
  callStatus: CallStatus;
  track?: string;
  kind: DeadlineKind;
  /** The page's own label for the step ("Application deadline", "申請受付期限"). */
  label: string;
  /** YYYY-MM-DD, or YYYY-MM when the page gives only the month. */
  date: string;
  /** HH:MM in Japan time, or null when the page gives no time. */
  time: string | null;
  /** The moment with its +09:00 offset, or null when the page gives no day. */
  iso: string | null;
  tentative?: boolean;
  /** The zone the page stated the time in, when not JST (the date and time above are converted to JST). */
  statedTimezone?: string;
  lang: Lang;
  url: string;
  sourceId: string;
  /** The page's own words. */
  evidence: string;
  fields: string[];
  countries: string[];
}

export interface CallSummary {
  id: string;
  title: string;
  status: CallStatus;
  track?: string;
}

export interface ProgrammeView {
  id: string;
  agency: Agency;
  name: LocalizedName;
  pages: PageRef[];
  calls: CallSummary[];
  fields: string[];
  countries: string[];
  /** Partner, counterpart and co-organizing agencies, by acronym where known. */
  partners: string[];
  /** The soonest deadline still ahead, if any. */
  nextDeadline?: DeadlineView;
  /** When the programme's pages last changed (ISO), if ever since the first snapshot. */
  lastChangedAt?: string;
}

export interface ChangeView {
  id: string;
  detectedAt: string;
  sourceId: string;
  agency: Agency;
  lang: Lang;
  url: string;
  programId: string;
  programName: LocalizedName;
  callId: string | null;
  category: ChangeCategory;
  kind: ChangeKind;
  severity: Severity;
  summary: { en: string; ja: string };
  /** Values before and after, as short readable text ("" when absent). */
  before: string;
  after: string;
  evidence: { before?: string; after?: string };
  /** True for an English/Japanese disagreement rather than a change over time. */
  disagreement?: boolean;
}

/** Everything the page and the feeds are generated from. */
export interface Catalog {
  generatedAt: string;
  programmes: ProgrammeView[];
  /** Every dated step of every current call, soonest first (undated months last in their month). */
  deadlines: DeadlineView[];
  /** Change events, newest first. */
  changes: ChangeView[];
}
