/**
 * Ranges of dates: whether two dates are the ends of one range ("4月1日～5月12日", "from 1 April to 12 May 2025",
 * "between 3 and 9 July"), which dates start one, and how many days one spans.
 */
import { DAY_MS } from '#lib/japan-time.ts';
import type { DateHit } from './date-grammar.ts';
import { withoutZones } from './time-zones.ts';

/** A range mark between two dates ("~", "–", "to", "から"), and one whose end was cut off ("(令和元年9月10日~11月11"). */
const RANGE_MARK = /^\W{0,3}[-–—~〜～]|^\s*(to|until|through|till)\b|^\s*(から|より)[、,]?\s*$/i;
const DANGLING_RANGE = /^\s*[-–—~〜～]\s*[\d月]*\s*$/;
/** What may stand between a range's two dates besides its mark: the start's time and weekday, a zone. */
const RANGE_NOISE = /\b(Mon|Tues?|Wed(nes)?|Thu(rs)?|Fri|Sat(ur)?|Sun)(day)?\b\.?,?|\d{1,2}:\d{2}|正午|\bnoon\b|午[前後]\s*\d{1,2}\s*時(\s*\d{1,2}\s*分)?|\d{1,2}\s*時(\s*\d{1,2}\s*分)?|\(\s*(JST|日本時間|Japan time)\s*\)/gi;
/** Whether two dates are the ends of one range ("4月1日（火）10:00～5月12日", "from Tuesday, 1 April to Monday, 12 May 2025"). */
export function joined(text: string, a: DateHit, b: DateHit): boolean {
  // "April 5 (Mon.) ~ Noon (12:00, Japan time) on June 8": what is left between them once times and zones go.
  const between = withoutZones(text.slice(a.end, b.start).replace(RANGE_NOISE, ' ')).replace(/[(（][\s,、]*[)）]/g, ' ').replace(/\s(on|at)\s*$/i, ' ');
  // "between 3 and 9 July": "and" joins a range only after "between".
  if (/^\s*and\s*$/i.test(between)) return /\bbetween\s*$/i.test(text.slice(Math.max(0, a.start - 12), a.start));
  return between.length < 24 && RANGE_MARK.test(between);
}

/** Which dates start a range: joined to the next by a range mark, or the last with its end cut off ("(令和元年9月10日~11月11"). */
export function rangeStarts(text: string, dates: DateHit[]): boolean[] {
  return dates.map((hit, i) => (i + 1 < dates.length && joined(text, hit, dates[i + 1]!))
    || (i + 1 === dates.length && DANGLING_RANGE.test(text.slice(hit.end))));
}

/** How many days a range spans, from the start's year (its end's year as the grammar read it, else the same or the next). */
export function spanDays(dates: DateHit[], i: number, range: 'start' | 'end' | undefined, year: number): number {
  const [a, b] = range === 'start' ? [dates[i], dates[i + 1]] : range === 'end' ? [dates[i - 1], dates[i]] : [];
  if (!a || !b) return 0;
  const startYear = range === 'start' ? year : a.year ?? year;
  const endYear = range === 'end' ? year : b.year ?? (b.month * 100 + (b.day ?? 31) < a.month * 100 + (a.day ?? 1) ? startYear + 1 : startYear);
  return (Date.UTC(endYear, b.month - 1, b.day ?? 28) - Date.UTC(startYear, a.month - 1, a.day ?? 1)) / DAY_MS;
}
