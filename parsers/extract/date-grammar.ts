/**
 * The date grammar: where a text writes a day or a month, and what it says, in the forms the agencies write
 * (令和 / 平成 years, "令和6(2024)年", 年月日, "June 3, 2025", "22nd September 2022", "07/20/21 Tue",
 * "Mid-June, 2021"). Runs on NFKC-folded text. Times ("午後4時30分", "12:00noon") are time-grammar.ts's; what a
 * date is for (a deadline, an opening, a posting) is dates.ts's question, not this module's.
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = '(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\.?';
/**
 * A month name may stand glued to what precedes it in text copied from table cells ("2020April 1",
 * "1stSeptember 4"), but never inside a word ("Decision" holds no "Dec").
 */
/** The month names without a capture, for look-aheads that must not shift the groups. */
const MONTH_NAMES = '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\b';
const MONTH_START = '(?<=^|[^A-Za-z]|\\d(?:st|nd|rd|th))';
const WEEKDAY_NAMES = '(?:Mon(?:day)?|Tue(?:s(?:day)?)?|Wed(?:nesday)?|Thu(?:r(?:s(?:day)?)?)?|Fri(?:day)?|Sat(?:urday)?|Sun(?:day)?)\\.?';
/** "(Thu)", "(木)", "(木曜日)", "(水・祝)" (a weekday that is a holiday), or a bare " Tue" after a slash date ("07/20/21 Tue"). */
const WEEKDAY = `(?:\\s*\\(${WEEKDAY_NAMES}\\)|\\s*\\([月火水木金土日](?:曜日?)?(?:[・･]?[祝休]日?)?\\)|\\s+${WEEKDAY_NAMES}(?![a-z]))?`;
const ORDINAL = '(?:st|nd|rd|th)?';
/** A weekday that must be there: a yearless "5/12" is a date only when the page prints its weekday beside it. */
const WEEKDAY_PRINTED = WEEKDAY.slice(0, -1);
/**
 * Where a yearless "5/17" stands as a date and not as a fraction or a page count ("資料(1/3)"): at the head of a
 * notice line, in brackets ("(5/17) 申請受付を開始しました", "・【7/1】…"), or right after a step label and its colon
 * ("締切：5/12").
 */
const NOTICE_HEAD = '(?<=(?:^|[\\s・•●○■◆*\\-])[(\\[【])';
const STEP_LABEL = '(?<=(?:(?:締切|〆切|締め切り|期限|開始)(?:日時?|時刻)?|(?:deadline|due|opens?|closes?|closing)(?:\\s+date)?)\\s*[:：]\\s*)';

export interface DateHit {
  start: number;
  end: number;
  year?: number;
  month: number;
  day?: number;
  /** The day of the week the page printed beside the date (0 = Sunday), when it did. */
  weekday?: number;
  /**
   * A year said relative to the one in force rather than written: 同年 / "of the same year" (0), 翌年 / "of the
   * following year" (+1), 前年 (-1). The reader adds it to the year of the date before.
   */
  yearShift?: number;
}

export const lastDay = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

type Reading = Omit<DateHit, 'start' | 'end' | 'weekday'>;
const ORD = '(?:st|nd|rd|th)?';
/** What joins the two ends of a range of days: a dash or tilde, "to", "until", "through", から. */
const DAY_SPAN = '\\s*(?:[-–—~〜～]|to|until|till|through|から)\\s*';
/** Words for a year said relative to the one in force: 同年 (the same), 翌年 (the next), 前年 (the one before); 本年 and 今年 are this year. */
const RELATIVE_YEAR: Record<string, number> = { 同: 0, 本: 0, 今: 0, 翌: 1, 前: -1, same: 0, following: 1, next: 1, previous: -1 };
/** What a text must hold for a pattern to be worth running on it: a cheap test first, the full pattern only then. */
const JA = /[年月]/;
const EN = /jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec/i;
const NUM = /\d{4}[-/.]\d/;
const SL = /\d\/\d/;
const DOT = /\d\.\d{1,2}\.\d{4}/;
const ERA_INITIAL = /[RH]\s?\d{1,2}[./]\d/;
const SLIP = /[A-Za-z]{4}[a-z]*\.?,?\s+\d{1,2}(?:st|nd|rd|th)?,\s*\d{4}|\d\s+(?:of\s+)?[A-Za-z]{4,10}\.?,?\s+\d{4}/;
const DATE_PATTERNS: Array<{ needs: RegExp; re: RegExp; read: (m: RegExpExecArray) => Reading }> = [
  // 令和7年3月14日, 平成31年4月1日 (元年 = 1), 令和6(2024)年3月1日 (the Gregorian year in brackets is the one to trust)
  // (昭和 too, for the birth dates of conditions: "昭和52年4月2日以降に生まれた者" is 1977, not a yearless April 2)
  { needs: JA, re: new RegExp(`(令和|平成|昭和)\\s*(\\d{1,2}|元)\\s*(?:\\(\\s*(\\d{4})\\s*\\))?\\s*年\\s*(\\d{1,2})\\s*月(?:\\s*(\\d{1,2})\\s*日)?${WEEKDAY}`, 'g'),
    read: (m) => ({ year: m[3] ? Number(m[3]) : eraYear(m[1]!, m[2]!), month: Number(m[4]), day: m[5] ? Number(m[5]) : undefined }) },
  // R8.5.12, H29.3.31: the era's initial, its year, the month and the day
  { needs: ERA_INITIAL, re: new RegExp(`(?<![A-Za-z\\d])([RH])\\s?(\\d{1,2})[./](\\d{1,2})[./](\\d{1,2})(?![\\d./])${WEEKDAY}`, 'g'),
    read: (m) => ({ year: eraYear(m[1] === 'R' ? '令和' : '平成', m[2]!), month: Number(m[3]), day: Number(m[4]) }) },
  // 2025年度末, 令和7年度末: the end of a fiscal year, which closes on March 31 of the next calendar year
  { needs: JA, re: /(?:(\d{4})|(令和|平成)\s*(\d{1,2}|元)(?:\s*\(\s*\d{4}\s*\))?)\s*年度\s*末/g, read: (m) => ({ year: (m[1] ? Number(m[1]) : eraYear(m[2]!, m[3]!)) + 1, month: 3, day: 31 }) },
  // 2025年3月末日: the last day of the month, a real day (unlike "end of March", which stays a month)
  { needs: JA, re: /(\d{4})\s*年\s*(\d{1,2})\s*月\s*末日/g, read: (m) => ({ year: Number(m[1]), month: Number(m[2]), day: lastDay(Number(m[1]), Number(m[2])) }) },
  // 2025年5月12日, 2025年3月
  { needs: JA, re: new RegExp(`(\\d{4})\\s*年\\s*(\\d{1,2})\\s*月(?:\\s*(\\d{1,2})\\s*日)?${WEEKDAY}`, 'g'),
    read: (m) => ({ year: Number(m[1]), month: Number(m[2]), day: m[3] ? Number(m[3]) : undefined }) },
  // 同年10月7日, 翌年1月31日, 本年6月: a year said relative to the one in force
  { needs: JA, re: new RegExp(`(同|翌|前|本|今)\\s*年\\s*(\\d{1,2})\\s*月(?:\\s*(\\d{1,2})\\s*日)?${WEEKDAY}`, 'g'),
    read: (m) => ({ month: Number(m[2]), day: m[3] ? Number(m[3]) : undefined, yearShift: RELATIVE_YEAR[m[1]!] }) },
  // the end of a range of days in one month: the 7日 of "6月1日～7日", "6月1日(月)から同月7日(日)まで"
  { needs: JA, re: new RegExp(`(?<=(\\d{1,2})\\s*月\\s*\\d{1,2}\\s*日(?:\\s*\\([^)]{1,8}\\))?(?:\\s*(?:午[前後])?\\s*[\\d:時分]+)?${DAY_SPAN})(?:同月\\s*)?(\\d{1,2})\\s*日(?!\\s*(?:間|以内|以上|後|前|程度|ほど))${WEEKDAY}`, 'g'),
    read: (m) => ({ month: Number(m[1]), day: Number(m[2]) }) },
  // 5月12日 (year from context)
  { needs: JA, re: new RegExp(`(?<![\\d年])(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日${WEEKDAY}`, 'g'),
    read: (m) => ({ month: Number(m[1]), day: Number(m[2]) }) },
  // the 7月 of "2026年6月～7月 面接選考 …": after a range mark a month needs no qualifier
  { needs: JA, re: /(?<=[~〜～\-–]\s*)(\d{1,2})\s*月(?!\s*\d)/g, read: (m) => ({ month: Number(m[1]) }) },
  // 8月上旬, 9月頃, the 9月 of "2025年8月～9月" (year from context; a bare "3月" elsewhere is too loose to read)
  { needs: JA, re: /(?<=(?:[~〜～\-–]\s*)|^|[^\d年])(\d{1,2})\s*月(?=\s*(?:上旬|中旬|下旬|末|頃|ごろ|中|\s*[（(]予定|$|\s*[、。]))/g, read: (m) => ({ month: Number(m[1]) }) },
  // 2020.Jan.20, 2020.April.10 Fri, 2025-May-12: the year first, then a month name, a mark glued between them
  // ("September 4, 2020April 1" from glued table cells and "2021- March 31" ending a range are two dates)
  { needs: EN, re: new RegExp(`(?<![\\d.])(\\d{4})[./-]${MONTH}[./\\s-]?(\\d{1,2})${ORDINAL}(?![\\d:])${WEEKDAY}`, 'gi'),
    read: (m) => ({ year: Number(m[1]), month: monthOf(m[2]!), day: Number(m[3]) }) },
  // "October 7 of the same year", "7 January of the following year": a year said relative to the one in force
  { needs: EN, re: new RegExp(`${MONTH_START}${MONTH}\\s*(\\d{1,2})${ORDINAL}\\s+of\\s+the\\s+(same|following|next|previous)\\s+year`, 'gi'),
    read: (m) => ({ month: monthOf(m[1]!), day: Number(m[2]), yearShift: RELATIVE_YEAR[m[3]!.toLowerCase()] }) },
  { needs: EN, re: new RegExp(`(?<!\\d)(\\d{1,2})${ORDINAL}(?:\\s+of)?\\s+${MONTH}(?![a-z])\\s+of\\s+the\\s+(same|following|next|previous)\\s+year`, 'gi'),
    read: (m) => ({ day: Number(m[1]), month: monthOf(m[2]!), yearShift: RELATIVE_YEAR[m[3]!.toLowerCase()] }) },
  // June 3, 2025 / June 3 / June 3rd, 2025 / May18 (the space lost in copying)
  { needs: EN, re: new RegExp(`${MONTH_START}${MONTH}\\s*(\\d{1,2})${ORDINAL}(?!\\d)${WEEKDAY}(?:,?\\s*(\\d{4})(?!\\d)${WEEKDAY})?`, 'gi'),
    read: (m) => ({ month: monthOf(m[1]!), day: Number(m[2]), year: m[3] ? Number(m[3]) : undefined }) },
  // "17, November, 2010": commas all through (a bare "Round 2, May 2026" is a month, not May 2)
  { needs: EN, re: new RegExp(`(?<!\\d)(\\d{1,2}),\\s*${MONTH},\\s*(\\d{4})(?!\\d)`, 'gi'), read: (m) => ({ day: Number(m[1]), month: monthOf(m[2]!), year: Number(m[3]) }) },
  // 3 June 2025, 22nd September 2022, 27th of October 2017, 18-Jun-2026, "7 th May 2014", "15 January (Mon) 2024",
  // 30 January (the start of "30 January to 3 February 2012")
  { needs: EN, re: new RegExp(`(?<!\\d)(\\d{1,2})(?:st|nd|rd|th|\\s(?:st|nd|rd|th)(?=\\s))?(?:\\s+of\\s+|\\s*|[-/]|\\.\\s*)${MONTH}(?![a-z])(?:(?:\\s*\\(${WEEKDAY_NAMES}\\))?(?:,?\\s*|[-/])(\\d{4})(?!\\d))?${WEEKDAY}`, 'gi'),
    read: (m) => ({ day: Number(m[1]), month: monthOf(m[2]!), year: m[3] ? Number(m[3]) : undefined }) },
  // the first day of a range of days in one month: the 1 of "1 to 7 June 2017", the 3 of "3- 7 September 2012", "between 3 and 9 July"
  { needs: EN, re: new RegExp(`(?<![\\d:.,/])(\\d{1,2})${ORD}(?=${DAY_SPAN}\\d{1,2}${ORD}(?:\\s+of)?\\s*${MONTH}(?![a-z])(?:,?\\s*(\\d{4})(?!\\d))?)`, 'gi'),
    read: (m) => ({ day: Number(m[1]), month: monthOf(m[2]!), year: m[3] ? Number(m[3]) : undefined }) },
  { needs: EN, re: new RegExp(`(?<=\\bbetween\\s+)(\\d{1,2})${ORD}(?=\\s+and\\s+\\d{1,2}${ORD}(?:\\s+of)?\\s*${MONTH}(?![a-z])(?:,?\\s*(\\d{4})(?!\\d))?)`, 'gi'),
    read: (m) => ({ day: Number(m[1]), month: monthOf(m[2]!), year: m[3] ? Number(m[3]) : undefined }) },
  // the last day of a range of days in one month: the 7 of "June 1–7, 2017", "June 1 (Mon) to 7 (Sun)"
  { needs: EN, re: new RegExp(`(?<=${MONTH_START}${MONTH}\\s*\\d{1,2}${ORD}(?:\\s*\\([^)]{1,12}\\))?${DAY_SPAN})(\\d{1,2})${ORD}(?![\\d:.]|\\s*(?:[ap]\\.?m\\b|noon|${MONTH_NAMES}))${WEEKDAY}(?:,?\\s*(\\d{4})(?!\\d))?`, 'gi'),
    read: (m) => ({ month: monthOf(m[1]!), day: Number(m[2]), year: m[3] ? Number(m[3]) : undefined }) },
  // 2025-05-12, 2025/5/12, 2025.5.12
  { needs: NUM, re: new RegExp(`\\b(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})\\b${WEEKDAY}`, 'g'), read: (m) => ({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }) },
  // 05/28/24, 5/28/2025, "07/20/21 Tue" (the agencies' English pages write month first; a first number past 12
  // is a day, as partners in Europe write it: 18/06/2026)
  { needs: SL, re: new RegExp(`\\b(\\d{1,2})\\/(\\d{1,2})\\/(\\d{2}|\\d{4})\\b${WEEKDAY}`, 'g'), read: (m) => monthFirst(Number(m[1]), Number(m[2]), fullYear(Number(m[3]))) },
  // 18.06.2026: day, month, year with dots, as European partners write it
  { needs: DOT, re: new RegExp(`(?<![\\d.])(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})(?![\\d.])${WEEKDAY}`, 'g'), read: (m) => ({ day: Number(m[1]), month: Number(m[2]), year: Number(m[3]) }) },
  // 5/12（月）, "(5/17) 受付を開始しました", "締切：5/12": a yearless month/day, only where it cannot be a fraction
  { needs: SL, re: new RegExp(`(?<![\\d/.:])(\\d{1,2})\\/(\\d{1,2})(?![\\d/])${WEEKDAY_PRINTED}`, 'g'), read: (m) => ({ month: Number(m[1]), day: Number(m[2]) }) },
  { needs: SL, re: new RegExp(`${NOTICE_HEAD}(\\d{1,2})\\/(\\d{1,2})(?=[)\\]】])`, 'g'), read: (m) => ({ month: Number(m[1]), day: Number(m[2]) }) },
  { needs: SL, re: new RegExp(`${STEP_LABEL}(\\d{1,2})\\/(\\d{1,2})(?![\\d/])${WEEKDAY}`, 'gi'), read: (m) => ({ month: Number(m[1]), day: Number(m[2]) }) },
  // "3 Novmeber 2023", "Feburary 14, 2025": a month name with a slip or two, only between a day and a four-digit year
  { needs: SLIP, re: /(?<!\d)(\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?\s+([A-Za-z]{4,10})\.?,?\s+(\d{4})(?!\d)/g,
    read: (m) => ({ day: Number(m[1]), month: misspeltMonth(m[2]!), year: Number(m[3]) }) },
  { needs: SLIP, re: /(?<![A-Za-z])([A-Za-z]{4,10})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,\s*(\d{4})(?!\d)/g,
    read: (m) => ({ month: misspeltMonth(m[1]!), day: Number(m[2]), year: Number(m[3]) }) },
  // End of March 2025, Mid-July 2025, Mid-June, 2021, March 2025
  { needs: EN, re: new RegExp(`${MONTH_START}(?:(?:end|late|middle|mid|early|beginning)(?:\\s+of\\s+|-|\\s+))?${MONTH},?\\s+(\\d{4})`, 'gi'),
    read: (m) => ({ month: monthOf(m[1]!), year: Number(m[2]) }) },
  // "Late May to July 2025": a month with a qualifier and no year takes the year of the range's end
  { needs: EN, re: new RegExp(`\\b(?:end|late|middle|mid|early|beginning)(?:\\s+of\\s+|-|\\s+)${MONTH}(?![a-z])(?!\\s*\\d)`, 'gi'),
    read: (m) => ({ month: monthOf(m[1]!) }) },
];

function monthOf(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

const MONTH_FULL = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** Edits (insertions, deletions, substitutions, swaps of neighbours) between two words. */
function edits(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i && j ? 0 : i + j)));
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The month a misspelt name stands for ("Novmeber", "Feburary", "Septmber", "Juen"): same first letter, about the
 * same length, one slip in a short name, two in a long one, and no other month as close; 0 when the word is no month.
 */
function misspeltMonth(word: string): number {
  const w = word.toLowerCase();
  // A slip stays within the name's length, give or take a letter, and is no longer word built on it ("Augusta").
  const close = MONTH_FULL.map((name, i) => ({ month: i + 1, d: name[0] === w[0] && Math.abs(w.length - name.length) <= 1 && !w.startsWith(name) ? edits(w, name) : 99, name }))
    .filter(({ d, name }) => d <= (name.length <= 5 ? 1 : 2)).sort((a, b) => a.d - b.d);
  return close.length && (close.length === 1 || close[0]!.d < close[1]!.d) ? close[0]!.month : 0;
}
export function eraYear(era: string, n: string): number {
  return ({ 令和: 2018, 平成: 1988, 昭和: 1925 }[era] ?? 1988) + (n === '元' ? 1 : Number(n));
}
function monthFirst(first: number, second: number, year: number): Reading {
  return first > 12 && second <= 12 ? { month: second, day: first, year } : { month: first, day: second, year };
}
function fullYear(y: number): number {
  return y < 100 ? 2000 + y : y;
}

const WEEKDAY_EN = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const WEEKDAY_JA = '日月火水木金土';

/** The weekday a date's own text prints ("June 17 (Mon)", "3月8日(金)"), or one written just before it ("Monday 22nd February"). */
function weekdayOf(text: string, hit: { start: number; end: number }): number | undefined {
  const own = text.slice(hit.start, hit.end);
  const after = /\((Mon|Tue|Wed|Thu|Fri|Sat|Sun)|\s(Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?$|\(([日月火水木金土])/i.exec(own);
  const before = /\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s*$/i.exec(text.slice(Math.max(0, hit.start - 12), hit.start));
  const en = after?.[1] ?? after?.[2] ?? before?.[1];
  if (en) return WEEKDAY_EN.indexOf(en.toLowerCase());
  return after?.[3] ? WEEKDAY_JA.indexOf(after[3]) : undefined;
}

/** Whether a day of a year falls on the weekday the page printed beside it. */
export function weekdayFits(year: number, month: number, day: number, weekday: number): boolean {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay() === weekday;
}

/** Every date pattern needs a digit, but "Late May" (a qualified month whose year comes from elsewhere). */
const MAY_HOLD_DATE = /\d|\b(end|late|middle|mid|early|beginning)\b/i;

/** The dates a (folded) text writes, in order; overlapping readings go to the earlier, more specific pattern. */
export function findDates(text: string): DateHit[] {
  if (!MAY_HOLD_DATE.test(text)) return [];
  const hits: DateHit[] = [];
  for (const { needs, re, read } of DATE_PATTERNS) {
    if (!needs.test(text)) continue;
    for (const m of text.matchAll(re)) {
      const start = m.index;
      const end = start + m[0].length;
      if (hits.some((h) => start < h.end && end > h.start)) continue;
      const value = read(m as RegExpExecArray);
      // "11月31日" is no day; a yearless "2月29日" is checked once its year is known (2024 is a leap year).
      if (value.month < 1 || value.month > 12 || (value.day !== undefined && (value.day < 1 || value.day > lastDay(value.year ?? 2024, value.month)))) continue;
      const weekday = value.day === undefined ? undefined : weekdayOf(text, { start, end });
      hits.push({ start, end, ...value, ...(weekday !== undefined && weekday >= 0 ? { weekday } : {}) });
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}
