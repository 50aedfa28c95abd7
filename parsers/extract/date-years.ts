/**
 * The year of a date written without one ("April 10", "4月17日"), and the year in force that a block carries
 * into the blocks after it.
 */
import { fold, memo } from '../document/text.ts';
import { eraYear, findDates, weekdayFits, type DateHit } from './date-grammar.ts';
import { joined } from './date-ranges.ts';
import { isPeriod } from './non-step-dates.ts';

/**
 * The year of a date written without one: the year written at the other end of its range, else the
 * one in force (written earlier in the block or on the page). A weekday printed beside the date decides
 * between the year in force and its neighbours: "January 25 (Thu)" under "fiscal year 2024" is 2024,
 * the year it was a Thursday. A year the range itself writes is not second-guessed by a weekday.
 */
export function yearOf(hit: DateHit, dates: DateHit[], i: number, range: 'start' | 'end' | undefined, inForce: number | undefined, text: string): number | undefined {
  // "令和3年6月24日から同年10月7日まで", "翌年1月31日": the year in force, or the one after or before it.
  if (hit.yearShift !== undefined) return inForce === undefined ? undefined : inForce + hit.yearShift;
  const tied = laterYearOf(dates, i, text) ?? (range === 'end' ? earlierYearOf(dates, i) : undefined);
  if (tied !== undefined) return tied;
  if (inForce === undefined || hit.day === undefined || hit.weekday === undefined) return inForce;
  return [inForce, inForce + 1, inForce - 1].find((y) => weekdayFits(y, hit.month, hit.day!, hit.weekday!)) ?? inForce;
}

const dayOfYear = (hit: DateHit, missing: number): number => hit.month * 100 + (hit.day ?? missing);

/**
 * "April 10 – June 3, 2025": the start of a range takes the year written at its end, or the year
 * before when it would otherwise fall after the end ("December 1 – January 31, 2026").
 */
function laterYearOf(dates: DateHit[], i: number, text: string): number | undefined {
  const next = dates[i + 1];
  if (!next || next.year === undefined || (next.start - dates[i]!.end >= 12 && !joined(text, dates[i]!, next))) return undefined;
  return dayOfYear(dates[i]!, 0) > dayOfYear(next, 31) ? next.year - 1 : next.year;
}

/** "平成20年6月20日から8月29日まで": the end of a range takes the year written at its start, or the next ("12月1日～1月31日"). */
function earlierYearOf(dates: DateHit[], i: number): number | undefined {
  const previous = dates[i - 1];
  if (!previous || previous.year === undefined) return undefined;
  return dayOfYear(previous, 0) > dayOfYear(dates[i]!, 31) ? previous.year + 1 : previous.year;
}

/**
 * The year in force after a text, to carry as context into the next blocks: the last four-digit or era year it
 * writes, unless that is earlier than a full date it wrote before ("signed on May 19, 2026 … workshops in February
 * 2024 and March 2025": looking back does not move the present, 2026). A support period's years ("5年間（2025年12月～
 * 2031年3月）") say when research ends, not which year the next "4月17日" is in, so a period gives no context.
 */
export const lastYearIn = memo((raw: string): number | undefined => {
  if (isPeriod(raw)) return undefined;
  const text = fold(raw);
  const dated = findDates(text).filter((d) => d.year !== undefined).map((d) => ({ at: d.start, year: d.year!, full: d.day !== undefined }));
  const fiscal = [...text.matchAll(/(\d{4})\s*年度|FY\s?(\d{4})|(令和|平成)(\d{1,2}|元)年度/g)]
    .map((m) => ({ at: m.index, year: m[1] ?? m[2] ? Number(m[1] ?? m[2]) : eraYear(m[3]!, m[4]!), full: false }));
  // A bare year ("2025 call for proposals", "in 2026.") is context enough for the month-day dates after it.
  const bare = [...text.matchAll(/(?<![\d./-])(20\d{2})(?![\d/-]|\.\d)/g)].map((m) => ({ at: m.index, year: Number(m[1]), full: false }));
  const years = [...dated, ...fiscal, ...bare].sort((a, b) => a.at - b.at);
  const last = years.at(-1)?.year;
  const present = years.findLast((y) => y.full)?.year;
  return present !== undefined && last !== undefined && last < present ? present : last;
});
