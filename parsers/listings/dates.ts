/**
 * The two dates a listing entry may state: when it was posted, and the call's window (opens, closes).
 * Reading a date is parsers/extract/dates.ts's work (令和, 年月日, full-width digits, "April 1, 2025",
 * "1 April 2025", ISO); this module only decides which date is which, and gives days as YYYY-MM-DD.
 */
import { fold } from '../document/text.ts';
import { findDates } from '../extract/dates.ts';

export interface CallWindow {
  opens?: string;
  closes?: string;
}

interface Day { start: number; end: number; year?: number; month: number; day: number }

const pad = (n: number): string => String(n).padStart(2, '0');
/** Dates with a day of the month (findDates also finds months: "2026年8月上旬" is no day). */
const daysIn = (text: string): Day[] => findDates(text).filter((h): h is Day => h.day !== undefined);

/** The day as YYYY-MM-DD, in the given year when the text wrote none; none if 2026-02-30 or no year at all. */
function isoDay(d: Day, year = d.year): string | undefined {
  if (year === undefined) return undefined;
  // findDates checks ranges, not calendars.
  if (new Date(Date.UTC(year, d.month - 1, d.day)).getUTCDate() !== d.day) return undefined;
  return `${year}-${pad(d.month)}-${pad(d.day)}`;
}

/** "2026年4月14日", "Apr. 10, 2026", "2026/04/10", "2026-04-14" -> "2026-04-14": the first full date in the text. */
export function postedDay(raw: string | undefined): string | undefined {
  return daysIn(fold(raw ?? '')).map((d) => isoDay(d)).find(Boolean);
}

const RANGE = /[-–—~〜～]|から|\b(to|until|through)\b/i;
const CLOSES = /締切|〆切|締め切り|期限|必着|deadline|\bdue\b|clos(e|es|ing)\b|until|\bby\b/i;
const CLOSES_AFTER = /^\s*(まで|必着|締切|〆切)/;
const OPENS = /開始|\bopens?\b|\bfrom\b|から/i;

/**
 * The call's window from the words the listing puts beside the entry:
 *   "公募期間：2026年4月14日（火）～2026年6月16日（火）正午"  -> opens 2026-04-14, closes 2026-06-16
 *   "2026年12月1日～1月15日"                                   -> closes in the next year, 2027-01-15
 *   "April 14, 2026 - May 21, 2026"                           -> the same shape in English
 *   "申請受付締切：令和8年6月3日（水）", "Application deadline: May 29, 2026" -> closes only
 * A lone date that no word names (neither deadline nor opening) is left out: a guess would be a fact.
 */
export function callWindow(raw: string | undefined): CallWindow | undefined {
  const text = fold(raw ?? '');
  const days = daysIn(text);
  const [first, second] = days;
  if (!first) return undefined;
  if (second && second.start - first.end <= 12 && RANGE.test(text.slice(first.end, second.start))) {
    const year = first.year ?? second.year;
    // A closing month before the opening month, with no year of its own, is in the next year.
    const closesYear = second.year ?? (year !== undefined && second.month < first.month ? year + 1 : year);
    return pick({ opens: isoDay(first, year), closes: isoDay(second, closesYear) });
  }
  const window: CallWindow = {};
  days.forEach((d, i) => {
    const before = text.slice(days[i - 1]?.end ?? 0, d.start);
    if (CLOSES.test(before) || CLOSES_AFTER.test(text.slice(d.end))) window.closes ??= isoDay(d);
    else if (OPENS.test(before)) window.opens ??= isoDay(d);
  });
  return pick(window);
}

function pick(w: CallWindow): CallWindow | undefined {
  const out: CallWindow = { ...(w.opens ? { opens: w.opens } : {}), ...(w.closes ? { closes: w.closes } : {}) };
  return out.opens || out.closes ? out : undefined;
}
