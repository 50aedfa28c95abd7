/**
 * Which deadline reminders are due, for whom, at `now`. Pure: subscribers and the catalog's deadlines
 * in, reminders out; core/notification/send-reminders.ts sends them through the outbox.
 *
 * Windows. A subscriber's offsets, largest first (14, 3), cut the days left before a deadline into
 * windows: the 14-day reminder is due while 3 < days left <= 14, the 3-day one while 0 <= days left <= 3
 * (the deadline day itself included, until the deadline passes). Days are calendar days in Japan. A
 * reminder's key names its window, so each window fires once however many runs fall inside it (or how
 * many were missed), and someone who subscribes 2 days before a deadline gets the 3-day reminder, never a
 * stale 14-day one.
 *
 * Keys. hash(subscriber, programme, call, kind, track, date, time, offset): no page language, so the
 * English and Japanese pages stating one step make one reminder; the date and time, so a moved deadline
 * gets new keys (its reminders move with it) while an unmoved one keeps them (sent once).
 *
 * Scope. reminders.programs when set (only those programmes, whatever the change filters say); else the
 * subscriber's change filters (agency, programme, keywords, field, country). A subscriber whose kinds of
 * change leave out deadlines asked not to hear about dates, so gets no reminders unless they name
 * programmes for reminders. Reminders go out when due whatever the subscriber's delivery mode: a daily
 * or weekly digest is for changes, and a reminder held for a week would come after its deadline.
 */
import { DAY_MS, japanDay } from '#lib/japan-time.ts';
import { sha256Hex } from '#lib/hash.ts';
import { deadlineSortKey, isUpcoming } from '../analyst/catalog.ts';
import type { DeadlineView } from '../analyst/views.ts';
import { DEFAULT_REMINDER_OFFSETS, type Subscriber } from '../domain/subscribers.ts';
import { mentionsKeyword } from './matching.ts';

export interface Reminder {
  /** Delivered once per key (core/notification/send-reminders.ts records it like a change event's id). */
  key: string;
  subscriberId: string;
  /** The window: days before the deadline the subscriber asked to be reminded. */
  offset: number;
  /** Calendar days in Japan from today to the deadline's date (0: today). */
  daysLeft: number;
  /** The page stating the deadline, in the subscriber's language when both pages state it. */
  deadline: DeadlineView;
}

/** The dates a researcher must act by; the others (review, interview, notification) happen to them. */
const ACTIONABLE = new Set(['submission', 'preregistration']);

/**
 * Every reminder due at `now`, per subscriber soonest first; already-sent ones included (the caller
 * drops the keys it delivered).
 *
 * @example
 * dueReminders([subscriber], catalog.deadlines, new Date('2026-11-26T01:00:00Z'))
 * // -> [{ offset: 14, daysLeft: 14, deadline: { programId: 'jst-aspire', date: '2026-12-10', ... }, key: 'rem-…' }]
 */
export function dueReminders(subscribers: Subscriber[], deadlines: DeadlineView[], now: Date): Reminder[] {
  const steps = sameSteps(deadlines.filter((d) => ACTIONABLE.has(d.kind) && d.date.length === 10 && isUpcoming(d, now)));
  const today = japanDay(now);
  return subscribers.filter((s) => s.status === 'confirmed').flatMap((subscriber) => {
    const offsets = offsetsOf(subscriber);
    if (offsets.length === 0) return [];
    return [...steps].flatMap(([step, pages]) => {
      // Either page may carry what a filter looks for (a Japanese keyword, a field only one page names).
      if (!pages.some((d) => inScope(subscriber, d))) return [];
      const deadline = pages.find((d) => d.lang === subscriber.lang) ?? pages[0]!;
      const daysLeft = Math.round((Date.parse(deadline.date) - Date.parse(today)) / DAY_MS);
      const offset = windowOf(offsets, daysLeft);
      return offset === undefined ? [] : [{ key: reminderKey(subscriber.id, step, offset), subscriberId: subscriber.id, offset, daysLeft, deadline }];
    }).sort((a, b) => deadlineSortKey(a.deadline).localeCompare(deadlineSortKey(b.deadline)) || a.key.localeCompare(b.key));
  });
}

/** The subscriber's offsets, largest first, without repeats; [] when reminders are off. */
export function offsetsOf(subscriber: Pick<Subscriber, 'reminders'>): number[] {
  const offsets = subscriber.reminders?.offsets ?? DEFAULT_REMINDER_OFFSETS;
  return [...new Set(offsets)].filter((o) => Number.isInteger(o) && o >= 0).sort((a, b) => b - a);
}

/** The offset whose window holds `daysLeft` (offsets largest first): o with next < daysLeft <= o, the last one down to 0. */
export function windowOf(offsets: number[], daysLeft: number): number | undefined {
  if (daysLeft < 0) return undefined;
  return offsets.find((o, i) => daysLeft <= o && daysLeft > (offsets[i + 1] ?? -1));
}

/** The pages stating the same step (programme, call, kind, track, date, time), by that step's identity. */
function sameSteps(deadlines: DeadlineView[]): Map<string, DeadlineView[]> {
  const steps = new Map<string, DeadlineView[]>();
  for (const d of deadlines) {
    const step = [d.programId, d.callId, d.kind, d.track ?? '', d.date, d.time ?? ''].join('\n');
    steps.set(step, [...(steps.get(step) ?? []), d]);
  }
  return steps;
}

function inScope(subscriber: Subscriber, d: DeadlineView): boolean {
  const only = subscriber.reminders?.programs;
  if (only?.length) return only.includes(d.programId);
  const { agencies, programs, categories, keywords, fields, countries } = subscriber.filters;
  return (!categories?.length || categories.includes('deadline'))
    && (!agencies?.length || agencies.includes(d.agency))
    && (!programs?.length || programs.includes(d.programId))
    && mentionsKeyword(keywords, [d.programName.en ?? '', d.programName.ja ?? '', d.callTitle, d.label])
    && (!fields?.length || d.fields.some((f) => fields.includes(f)))
    && (!countries?.length || d.countries.some((c) => countries.includes(c)));
}

function reminderKey(subscriberId: string, step: string, offset: number): string {
  return `rem-${sha256Hex(`${subscriberId}\n${step}\n${offset}`, 32)}`;
}
