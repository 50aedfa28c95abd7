/**
 * Dates as the pages state them: Japan dates and times, labelled JST. The server never converts to a
 * reader's zone (it cannot know it); filter.js adds the reader's own time in the browser. Formatting is
 * done by hand rather than with Intl so that the output does not depend on the build machine's ICU or zone.
 */
import { japanWallClock } from '#lib/japan-time.ts';
import type { Lang } from '#parsers/schema.ts';
import { UI } from './strings.ts';

const DAY_MS = 24 * 3_600_000;
const DATE = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/;

/** The calendar date and time in Japan at `moment`: ["2026-11-20", "15:00"]. */
export function inJapan(moment: Date): [date: string, time: string] {
  const shifted = japanWallClock(moment);
  return [shifted.slice(0, 10), shifted.slice(11, 16)];
}

/**
 * "Thu 10 Dec 2026" / "2026年12月10日（木）", or "March 2027" / "2027年3月" for a month-only date.
 * A string that is not a date comes back as it is (the caller escapes it like any page text).
 */
export function formatDate(date: string, lang: Lang): string {
  const match = DATE.exec(date);
  if (!match) return date;
  const [year, month, day] = [Number(match[1]), Number(match[2]), match[3] === undefined ? undefined : Number(match[3])];
  const t = UI[lang];
  const monthName = t.months[month - 1] ?? String(month);
  if (day === undefined) return lang === 'ja' ? `${year}年${month}月` : `${monthName} ${year}`;
  const weekday = t.weekdays[new Date(Date.UTC(year, month - 1, day)).getUTCDay()];
  return lang === 'ja' ? `${year}年${month}月${day}日（${weekday}）` : `${weekday} ${day} ${monthName.slice(0, 3)} ${year}`;
}

/** A stored moment (detectedAt, generatedAt) as a Japan date and time: "Fri 20 Nov 2026, 15:00 JST". */
export function formatMoment(iso: string, lang: Lang): string {
  const moment = new Date(iso);
  if (Number.isNaN(moment.getTime())) return iso;
  const [date, time] = inJapan(moment);
  return `${formatDate(date, lang)}${lang === 'ja' ? ' ' : ', '}${time} JST`;
}

/** Whole days from today in Japan to a YYYY-MM-DD date; undefined for a month-only or malformed date. */
export function daysUntil(date: string, now: Date): number | undefined {
  const match = DATE.exec(date);
  if (!match || match[3] === undefined) return undefined;
  const today = Date.parse(`${inJapan(now)[0]}T00:00:00Z`);
  return Math.round((Date.parse(`${date}T00:00:00Z`) - today) / DAY_MS);
}
