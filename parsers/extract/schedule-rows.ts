/** One row of a schedule table: its slots (a date, or a range), matched to the header's steps and read step by step. */
import type { Deadline, DeadlineKind } from '#parsers/schema.ts';
import { fold } from '../document/text.ts';
import { extractDeadlines, findDates, lastYearIn } from './dates.ts';
import type { Column } from './schedule-columns.ts';

/** The words a row may hold beside its dates: times, zones, weekdays, qualifiers and marks, nothing else. */
export const FILLER_WORDS = /\b(noon|JST|Japan(?: Standard)? Time|a\.?m\.?|p\.?m\.?|tentative|planned|TBC|or (?:later|after)|and after|in|from|the|around|about|approx(?:imately)?|by|on|after|before)\b|正午|厳守|予定|頃|以降|まで|必着|日本時間|\d{1,2}:\d{1,2}|午[前後]\s*\d{1,2}\s*時(\s*\d{1,2}\s*分)?|\d{1,2}\s*時(\s*\d{1,2}\s*分)?/gi;
export const FILLER = /^[\s()（）[\]【】~〜～\-–—,、・/]*$/;
const RANGE_MARK = /^\s*(?:[-–—~〜～]|to|until|through|から)\s*$/i;
const ROW_LABEL = /^[^.。:：]{0,16}$/;

/** A line read as a schedule row: its label ("1st", "第1回", "Course D") and its slots (a date, or a range), or undefined. */
export function rowSlots(text: string): { label: string; slots: string[] } | undefined {
  const t = fold(text);
  const dates = findDates(t);
  if (!dates.length) return undefined;
  // A weekday written before the first day ("Monday 22nd February") is the date's, not the row's name.
  const label = t.slice(0, dates[0]!.start).replace(/\b(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s*$/i, '').trim();
  if (!ROW_LABEL.test(label)) return undefined;
  const slots: string[] = [];
  let from = dates[0]!.start;
  for (const [i, hit] of dates.entries()) {
    const next = dates[i + 1];
    const between = t.slice(hit.end, next?.start ?? t.length).replace(FILLER_WORDS, ' ');
    if (next && RANGE_MARK.test(between)) continue;
    if (!FILLER.test(between.replace(/[-–—~〜～]\s*$/, ''))) return undefined;
    slots.push(t.slice(from, next?.start ?? t.length).trim());
    from = next?.start ?? t.length;
  }
  return { label, slots };
}

/**
 * Slots matched to the header's steps by count: as many slots as steps, one each; one slot more, the
 * header lost its first column, and the slot before a deadline is the opening of that window.
 */
export function nameSlots(slots: string[], columns: Column[]): Array<{ text: string; column: Column }> | undefined {
  if (slots.length === columns.length) return slots.map((text, j) => ({ text, column: columns[j]! }));
  if (slots.length === columns.length + 1 && columns[0]?.step === 'submission') {
    return slots.map((text, j) => ({ text, column: j === 0 ? { name: '', step: 'open' } : columns[j - 1]! }));
  }
  return undefined;
}

export interface RowContext { caption: string; label: string; year?: number; evidence: string }

/** One row's dates, step by step, each year taken from the row before the page, and never before the row's previous step. */
export function readRow(cells: Array<{ text: string; column: Column }>, row: RowContext): Deadline[] {
  const out: Deadline[] = [];
  let year = row.year;
  for (const { text, column } of cells) {
    if (column.step === 'period') continue;
    const label = [row.caption, row.label, column.name].filter(Boolean).join(' ');
    const read = (y?: number): Deadline[] => extractDeadlines(text, { year: y, kind: column.step as DeadlineKind, label, evidence: row.evidence });
    let found = read(year);
    const previous = out.at(-1)?.date;
    if (year !== undefined && previous && found.some((d) => d.yearInferred && d.date < previous)) found = read(year + 1);
    out.push(...found);
    // The next cell is in this cell's year: the one it writes, or the one its weekday chose.
    year = lastYearIn(text) ?? (found.length ? Number(found.at(-1)!.date.slice(0, 4)) : year);
  }
  return out;
}
