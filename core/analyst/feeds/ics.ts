/**
 * Deadlines as an iCalendar feed (RFC 5545) that calendar apps subscribe to.
 *
 * Each deadline keeps its UID across cycles and carries SEQUENCE = the number of times it moved, so a
 * subscribed calendar moves the existing entry instead of adding a second one. Times are written in
 * Japan time (TZID=Asia/Tokyo) with the zone defined inline, because that is the zone the agencies
 * publish in and the one the page's own words quote.
 */
import { DAY_MS, japanWallClock } from '#lib/japan-time.ts';
import ical, {
  escape, ICalCalendarMethod, ICalEventStatus, ICalEventTransparency, type ICalCalendar, type ICalDayJsStub,
} from 'ical-generator';
import { oneLine, safeHref } from '#lib/escape.ts';
import type { DeadlineView } from '../views.ts';

export const TOKYO = 'Asia/Tokyo';
/**
 * A timed deadline is a moment, but zero-length events are hidden or drawn as a hairline by several
 * calendar apps. Thirty minutes *starting* at the stated moment keeps it visible, and keeps DTSTART on
 * that moment: reminders are set relative to DTSTART, and the entry sorts by the time the page gives.
 */
const TIMED_EVENT_MS = 30 * 60_000;

const WORDS = {
  en: { sep: ' ', planned: '(planned)', dayUnknown: '(day not yet announced)', call: 'Call', says: 'The page says', quote: (s: string) => `“${s}”`,
    zone: (tz: string) => `The page states the time in ${tz}; shown here in Japan time.`, source: 'Source' },
  ja: { sep: '', planned: '（予定）', dayUnknown: '（日付未発表）', call: '公募', says: 'ページの記載', quote: (s: string) => `「${s}」`,
    zone: (tz: string) => `ページでは${tz}で記載（ここでは日本時間に換算）。`, source: '出典' },
} as const;

/**
 * The VTIMEZONE for Asia/Tokyo. Japan has kept +09:00 all year since 1951, so one STANDARD rule is the
 * whole zone (no timezone database needed). Returns null for any other zone, which ical-generator skips.
 */
export function tokyoVtimezone(tzid: string): string | null {
  if (tzid !== TOKYO) return null;
  return [
    'BEGIN:VTIMEZONE', `TZID:${TOKYO}`, 'BEGIN:STANDARD', 'DTSTART:19700101T000000',
    'TZOFFSETFROM:+0900', 'TZOFFSETTO:+0900', 'TZNAME:JST', 'END:STANDARD', 'END:VTIMEZONE',
  ].join('\r\n');
}

/**
 * Renders deadlines as one VCALENDAR, one VEVENT each, dated in Japan time.
 *
 * A date without a time becomes an all-day event. A month without a day (`2027-03`) becomes an all-day
 * event on the 1st, marked "(day not yet announced)" and TENTATIVE: the 1st is the earliest the deadline
 * can fall, so a reminder there is never too late, and the mark keeps the guess from passing as fact.
 * A deadline whose date is not a real calendar day is left out rather than failing the whole feed.
 *
 * @example
 * renderIcs(catalog.deadlines, { name: 'fundwatch: deadlines', now: new Date() }); // 'BEGIN:VCALENDAR\r\n...'
 */
export function renderIcs(
  deadlines: DeadlineView[], options: { name: string; description?: string; now: Date; url?: string },
): string {
  const calendar = ical({
    prodId: { company: 'fundwatch', product: 'deadlines', language: 'EN' },
    // ical-generator writes the calendar name and description unescaped; they may hold a page's words.
    name: escape(oneLine(options.name), false),
    description: options.description ? escape(oneLine(options.description, 500), false) : null,
    url: options.url ? uriValue(options.url) ?? null : null,
    method: ICalCalendarMethod.PUBLISH,
    // No calendar-wide zone: with one, DTSTAMP would be written as local time, and RFC 5545 wants UTC.
    // No ttl or x-properties either: ical-generator prints them after the VTIMEZONE, and RFC 5545
    // wants every calendar property before the first component.
    timezone: { name: null, generator: tokyoVtimezone },
  });
  for (const d of deadlines) addDeadline(calendar, d, options.now);
  return withZoneWhenEmpty(calendar.toString(), calendar.events().length);
}

function addDeadline(calendar: ICalCalendar, d: DeadlineView, now: Date): void {
  const when = timing(d);
  if (!when) return;
  const url = uriValue(d.url);
  calendar.createEvent({
    // The uid is built from ids that could, in principle, come from a page: keep it to one safe token.
    id: `${encodeURIComponent(d.uid)}@fundwatch`,
    sequence: Math.max(0, Math.trunc(d.sequence)) || 0,
    stamp: now,
    start: tokyoClock(when.start),
    end: tokyoClock(when.end),
    allDay: when.allDay,
    timezone: TOKYO,
    summary: summary(d, when.monthOnly),
    description: description(d, url),
    url: url ?? null,
    status: d.tentative || when.monthOnly ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
    // A deadline is a reminder, not a meeting: it must not mark the subscriber busy.
    transparency: ICalEventTransparency.TRANSPARENT,
  });
}

interface Timing { start: Date; end: Date; allDay: boolean; monthOnly: boolean }

function timing(d: DeadlineView): Timing | undefined {
  const monthOnly = /^\d{4}-\d{2}$/.test(d.date);
  const day = monthOnly ? `${d.date}-01` : d.date;
  // A time that is not a clock reading ("24:00", "9:5") is dropped: the day alone is still true.
  const time = !monthOnly && d.time && /^([01]\d|2[0-3]):[0-5]\d$/.test(d.time) ? d.time : null;
  const start = new Date(`${day}T${time ?? '00:00'}:00+09:00`);
  // Date rolls 2027-02-31 over to March 3rd; a day that does not exist is not a deadline we can place.
  if (Number.isNaN(start.getTime()) || japanWallClock(start).slice(0, 10) !== day) return undefined;
  if (time) return { start, end: new Date(start.getTime() + TIMED_EVENT_MS), allDay: false, monthOnly };
  // All-day DTEND is exclusive: the next day.
  return { start, end: new Date(start.getTime() + DAY_MS), allDay: true, monthOnly };
}

function summary(d: DeadlineView, monthOnly: boolean): string {
  const w = WORDS[d.lang];
  const name = d.programName[d.lang] ?? d.programName[d.lang === 'en' ? 'ja' : 'en'] ?? d.programId;
  const notes = [
    monthOnly ? w.dayUnknown : '',
    // Labels like "Deadline (planned)" already say so.
    d.tentative && !/planned|予定/i.test(d.label) ? w.planned : '',
  ].filter(Boolean);
  return oneLine([`[${d.agency}] ${name}: ${d.label}`, ...notes].join(w.sep), 250);
}

function description(d: DeadlineView, url: string | undefined): string {
  const w = WORDS[d.lang];
  const lines = [`${w.call}: ${text(d.callTitle)}`, `${w.says}: ${w.quote(text(d.evidence))}`];
  if (d.statedTimezone) lines.push(w.zone(oneLine(d.statedTimezone, 60)));
  if (url) lines.push(`${w.source}: ${url}`);
  return lines.join('\n');
}

/**
 * Page text for a TEXT value: line breaks kept (ical-generator escapes them as \n, along with , ; and \),
 * other control characters dropped, since RFC 5545 TEXT does not allow them.
 */
function text(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, ' ').trim();
}

/**
 * An http(s) URL as an iCalendar URI value, or undefined for anything else (javascript:, data:).
 * Commas and semicolons are percent-encoded because ical-generator backslash-escapes them as if the URI
 * were TEXT, which leaves a broken link in readers that take URI values literally.
 */
function uriValue(url: string): string | undefined {
  if (safeHref(url) === undefined) return undefined;
  return new URL(url).href.replaceAll(',', '%2C').replaceAll(';', '%3B');
}

/**
 * A moment in the shape ical-generator accepts for zoned values (its dayjs stub), formatting itself on
 * Japan's clock. A plain Date would be formatted in the server's own zone, so every machine not set to
 * Japan time would write the wrong hour next to TZID=Asia/Tokyo.
 */
function tokyoClock(instant: Date): ICalDayJsStub {
  const wall = japanWallClock(instant);
  const formats: Record<string, string> = {
    YYYYMMDD: wall.slice(0, 10).replaceAll('-', ''), HHmmss: wall.slice(11).replaceAll(':', ''),
  };
  const clock: ICalDayJsStub = {
    format: (format = '') => {
      const formatted = formats[format];
      if (formatted === undefined) {
        throw new Error(`tokyoClock cannot format "${format}": ical-generator asked for a new format; add it to tokyoClock in core/analyst/feeds/ics.ts`);
      }
      return formatted;
    },
    isValid: () => !Number.isNaN(instant.getTime()),
    toDate: () => new Date(instant),
    toJSON: () => instant.toISOString(),
    tz: () => clock,
  };
  return clock;
}

/**
 * RFC 5545 requires at least one component per calendar. ical-generator adds the VTIMEZONE only for
 * zones its events use, so an empty feed (a programme with nothing scheduled yet) gets it here.
 */
function withZoneWhenEmpty(ics: string, events: number): string {
  return events > 0 ? ics : ics.replace(/END:VCALENDAR$/, `${tokyoVtimezone(TOKYO)}\r\nEND:VCALENDAR`);
}
