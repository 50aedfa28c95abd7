/**
 * The two dates a listing entry may state: when it was posted, and the call's window (opens, closes).
 * Reading a date is parsers/extract/dates.ts's work (令和, 年月日, full-width digits, "April 1, 2025",
 * "1 April 2025", ISO); this module only decides which date is which, gives days as YYYY-MM-DD, and
 * first rewrites the two forms notice lists add: the era with its western year beside it
 * ("令和7(2025)年3月7日") and the ordinal day ("19th Oct 2023").
 */
import { fold } from '../document/text.ts';
import { findDates } from '../extract/dates.ts';

export interface CallWindow {
  opens?: string;
  closes?: string;
}

interface Day { start: number; end: number; year?: number; month: number; day: number }

const pad = (n: number): string => String(n).padStart(2, '0');
const MONTH_NAME = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?';
const NOTICE_FORMS: Array<[RegExp, string]> = [
  // 令和7(2025)年, 令和7年(2025年): the western year the page prints beside the era is the one to read.
  [/(?:令和|平成)\s*(?:\d{1,2}|元)\s*\(\s*(\d{4})\s*\)\s*年/g, '$1年'],
  [/(?:令和|平成)\s*(?:\d{1,2}|元)\s*年\s*\(\s*(\d{4})\s*年?\s*\)/g, '$1年'],
  // 2025(令和7)年
  [/(\d{4})\s*\(\s*(?:令和|平成)\s*(?:\d{1,2}|元)\s*年?\s*\)\s*年/g, '$1年'],
  // 19th Oct 2023, 1st of September 2020, 1stSeptember 2020
  [new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)\\s*(?:of\\s+)?(?=${MONTH_NAME}\\s*\\d{4})`, 'gi'), '$1 '],
];

/** Folded text with the notice lists' own date forms rewritten into forms findDates reads. */
const readable = (raw: string): string => NOTICE_FORMS.reduce((text, [re, to]) => text.replace(re, to), fold(raw));

/** Dates with a day of the month (findDates also finds months: "2026年8月上旬" is no day). */
const daysIn = (text: string): Day[] => findDates(text).filter((h): h is Day => h.day !== undefined);

/** The day as YYYY-MM-DD, in the given year when the text wrote none; none if 2026-02-30 or no year at all. */
function isoDay(d: Day, year = d.year): string | undefined {
  if (year === undefined) return undefined;
  // findDates checks ranges, not calendars.
  if (new Date(Date.UTC(year, d.month - 1, d.day)).getUTCDate() !== d.day) return undefined;
  return `${year}-${pad(d.month)}-${pad(d.day)}`;
}

/** "2026年4月14日", "Apr. 10, 2026", "2026/04/10", "令和7(2025)年3月7日" -> ISO day: the first full date in the text. */
export function postedDay(raw: string | undefined): string | undefined {
  return daysIn(readable(raw ?? '')).map((d) => isoDay(d)).find(Boolean);
}

/** What may stand around a date that is alone on its line: brackets, a weekday, separators, "NEW". */
const DATE_DRESS = /[\s()[\]【】|:：・/.,\-–—]|new|\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|[月火水木金土日]曜?日?|掲載日?|日付|date|posted/gi;

/**
 * The day of a text that is nothing but a date ("2023/6/1 |", "2026年4月14日（火）", "[Apr. 10, 2026]"),
 * as a list shows a notice's date on the line above its title; none for a text that says more.
 */
export function loneDay(raw: string): string | undefined {
  const day = dayAlone(raw);
  return day ? isoDay(day) : undefined;
}

/** The one day a text holds when it holds nothing else but dress. */
function dayAlone(raw: string): Day | undefined {
  const text = readable(raw);
  const [day, more] = daysIn(text);
  if (!day || more) return undefined;
  return (text.slice(0, day.start) + text.slice(day.end)).replace(DATE_DRESS, '') ? undefined : day;
}

/**
 * Whether a text is only a date, with or without its year, as update lists print one before an entry:
 * "(7/1)", "9月12日", "Sep. 10", "2026年4月14日（火）". A yearless day dates nothing, but it is no title either.
 */
export const isDateAlone = (raw: string): boolean => dayAlone(raw) !== undefined;

/**
 * Whether a text is the page's own update stamp ("令和7(2025)年3月7日更新", "(Last update: May 1, 2025)",
 * "2025年4月1日現在"), which dates the page, never a notice on it. A date with an update word that ends in a
 * colon ("Updated November 18, 2022:") introduces the entry after it and is no stamp.
 */
export function isUpdateStamp(raw: string): boolean {
  // "Updated on April 13, 2020;" or "Updated November 18, 2022:" introduces the entry after it: that is an entry's date.
  if (/[:：;；]\s*$/.test(raw)) return false;
  const text = readable(raw);
  const [day] = daysIn(text);
  if (!day) return false;
  return /(?:最終)?更新日?|last\s*updated?|updated(?:\s*on)?|as\s+of/i.test(text.slice(0, day.start).slice(-20))
    || /^\s*\)?\s*(?:更新|現在|改訂|updated)/i.test(text.slice(day.end));
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
  const text = readable(raw ?? '');
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
