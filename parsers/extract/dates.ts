/**
 * Dates, times and deadlines in English and Japanese. Matching runs on NFKC-folded text (full-width
 * digits and brackets become plain), evidence is the block's own text. Vague forms stay honest:
 * "End of March 2025" is month precision with no moment, "TBD"/"未定" is no deadline at all.
 */
import type { Deadline, DeadlineKind } from '#parsers/schema.ts';
import { fold, memo } from '../document/text.ts';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = '(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\.?';
const WEEKDAY = '(?:\\s*\\((?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\\.?\\)|\\s*\\([月火水木金土日](?:曜日?)?\\)|\\s*[（(][月火水木金土日][）)])?';

interface DateHit { start: number; end: number; year?: number; month: number; day?: number }
const lastDay = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();
interface TimeHit { start: number; end: number; time: string }

const DATE_PATTERNS: Array<{ re: RegExp; read: (m: RegExpExecArray) => Omit<DateHit, 'start' | 'end'> }> = [
  // 令和7年3月14日, 平成31年4月1日 (元年 = 1)
  { re: new RegExp(`(令和|平成)\\s*(\\d{1,2}|元)\\s*年\\s*(\\d{1,2})\\s*月(?:\\s*(\\d{1,2})\\s*日)?${WEEKDAY}`, 'g'),
    read: (m) => ({ year: eraYear(m[1]!, m[2]!), month: Number(m[3]), day: m[4] ? Number(m[4]) : undefined }) },
  // 2025年度末, 令和7年度末: the end of a fiscal year, which closes on March 31 of the next calendar year
  { re: /(?:(\d{4})|(令和|平成)\s*(\d{1,2}|元))\s*年度\s*末/g, read: (m) => ({ year: (m[1] ? Number(m[1]) : eraYear(m[2]!, m[3]!)) + 1, month: 3, day: 31 }) },
  // 2025年3月末日: the last day of the month, a real day (unlike "end of March", which stays a month)
  { re: /(\d{4})\s*年\s*(\d{1,2})\s*月\s*末日/g, read: (m) => ({ year: Number(m[1]), month: Number(m[2]), day: lastDay(Number(m[1]), Number(m[2])) }) },
  // 2025年5月12日, 2025年3月
  { re: new RegExp(`(\\d{4})\\s*年\\s*(\\d{1,2})\\s*月(?:\\s*(\\d{1,2})\\s*日)?${WEEKDAY}`, 'g'),
    read: (m) => ({ year: Number(m[1]), month: Number(m[2]), day: m[3] ? Number(m[3]) : undefined }) },
  // 5月12日 (year from context)
  { re: new RegExp(`(?<![\\d年])(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日${WEEKDAY}`, 'g'),
    read: (m) => ({ month: Number(m[1]), day: Number(m[2]) }) },
  // 8月上旬, 9月頃, the 9月 of "2025年8月～9月" (year from context; a bare "3月" elsewhere is too loose to read)
  { re: /(?<=(?:[~〜～\-–]\s*)|^|[^\d年])(\d{1,2})\s*月(?=\s*(?:上旬|中旬|下旬|末|頃|ごろ|中|\s*[（(]予定|$|\s*[、。]))/g, read: (m) => ({ month: Number(m[1]) }) },
  // June 3, 2025 / June 3 / June 3rd, 2025
  { re: new RegExp(`\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?${WEEKDAY}(?:,?\\s*(\\d{4}))?(?!\\d)`, 'gi'),
    read: (m) => ({ month: monthOf(m[1]!), day: Number(m[2]), year: m[3] ? Number(m[3]) : undefined }) },
  // 3 June 2025
  { re: new RegExp(`\\b(\\d{1,2})\\s+${MONTH}\\s+(\\d{4})`, 'gi'),
    read: (m) => ({ day: Number(m[1]), month: monthOf(m[2]!), year: Number(m[3]) }) },
  // 2025-05-12, 2025/5/12, 2025.5.12
  { re: /\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b/g, read: (m) => ({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }) },
  // 05/28/24, 5/28/2025 (the agencies' English pages write month first)
  { re: /\b(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})\b/g, read: (m) => ({ month: Number(m[1]), day: Number(m[2]), year: fullYear(Number(m[3])) }) },
  // End of March 2025, Mid-July 2025, March 2025
  { re: new RegExp(`\\b(?:(?:end|late|middle|mid|early|beginning)(?:\\s+of\\s+|-|\\s+))?${MONTH}\\s+(\\d{4})`, 'gi'),
    read: (m) => ({ month: monthOf(m[1]!), year: Number(m[2]) }) },
  // "Late May to July 2025": a month with a qualifier and no year takes the year of the range's end
  { re: new RegExp(`\\b(?:end|late|middle|mid|early|beginning)(?:\\s+of\\s+|-|\\s+)${MONTH}(?!\\s*\\d)`, 'gi'),
    read: (m) => ({ month: monthOf(m[1]!) }) },
];

const TIME_PATTERNS: Array<{ re: RegExp; read: (m: RegExpExecArray) => string }> = [
  { re: /正午|\bnoon\b/gi, read: () => '12:00' },
  { re: /午後\s*(\d{1,2})\s*時(?:\s*(\d{1,2})\s*分)?/g, read: (m) => hhmm(Number(m[1]) + 12, Number(m[2] ?? 0)) },
  { re: /午前\s*(\d{1,2})\s*時(?:\s*(\d{1,2})\s*分)?/g, read: (m) => hhmm(Number(m[1]), Number(m[2] ?? 0)) },
  { re: /\b(\d{1,2})(?::(\d{2}))?\s*([AaPp])\.?\s?[Mm]\.?/g, read: (m) => hhmm(Number(m[1]) % 12 + (/p/i.test(m[3]!) ? 12 : 0), Number(m[2] ?? 0)) },
  { re: /(?<![\d/])(\d{1,2}):(\d{2})(?![\d/])/g, read: (m) => hhmm(Number(m[1]), Number(m[2])) },
  { re: /(?<![\d年月])(\d{1,2})\s*時(?:\s*(\d{1,2})\s*分)?/g, read: (m) => hhmm(Number(m[1]), Number(m[2] ?? 0)) },
];

const KIND_WORDS: Array<[DeadlineKind, RegExp]> = [
  ['preregistration', /pre-?registration|pre-?application|letter of intent|事前登録|事前連絡|事前申請|エントリー/i],
  ['interview', /interview|面接/i],
  ['notification', /notif|announce|result|採択(通知|決定|予定)|通知|発表/i],
  ['start', /start of (the )?(research|project|support|fellowship|award|grant|projects)|(project|research|fellowship) (start|begins|commences)|commencement|研究開始|支援開始|採用開始|研究期間の開始|support (begins|starts)/i],
  ['review', /review|evaluation|screening|審査|選考|評価/i],
  ['submission', /deadline|due|submi|closing|close|締切|〆切|締め切り|期限|提出|受付終了|until|まで/i],
  ['open', /open|call for proposals|application period|accepting|公募開始|募集開始|受付開始|公募期間|募集期間|応募期間/i],
];

/** Words that make a date a programme date at all; "As of July 1, 2024" or a slide's own date are not. */
// Exported for parsers/explain/, which says why a date was left.
export const SCHEDULE = /deadline|due|submi|call|application|apply|accept|period|open|clos|interview|review|screening|evaluation|selection|notif|start|announce|締切|〆切|締め切り|期限|提出|公募|募集|応募|受付|面接|審査|選考|採択|通知|開始|期間|スケジュール|予定|までに/i;
const TIME_WORDS = /\bnoon\b|正午|\d{1,2}:\d{2}|\b\d{1,2}\s*[ap]\.?m\.?/gi;

/** What follows a posting date is a sentence ("The deadline has been extended by one week."). */
function isNewsLine(after: string): boolean {
  const rest = after.replace(TIME_WORDS, ' ').replace(/\([^)]*\)/g, ' ');
  // Japanese news lines set the posting date apart with a space: "2025年4月25日 締切を延長しました".
  return (rest.match(/[A-Za-z]{2,}/g) ?? []).length >= 4 || (/^\s/.test(after) && (rest.match(/[\u3040-\u9fff]/g) ?? []).length >= 8);
}
export const PERIOD_ONLY = /支援期間|研究期間|support period|period of support|research period|project period|duration/i;
const VAGUE = /\b(TBD|TBA|to be (determined|announced))\b|未定/i;
// POSTED_BEFORE and POSTED_AROUND are exported for parsers/explain/, which says why a date was left.
export const POSTED_BEFORE = /\b(posted|published|released|updated|revised|added|uploaded|as of)\s*(on)?\s*[:：]?\s*$|(掲載|公開|更新|改訂|追加)日?\s*[:：]?\s*$/i;
export const POSTED_AROUND = /\b(has|have) been (added|updated|published|posted|revised|uploaded|released)\b|(掲載|更新|公開|追加)しました/i;
const sentenceAround = (text: string, hit: { start: number; end: number }): string => {
  const from = Math.max(text.lastIndexOf('. ', hit.start), text.lastIndexOf('。', hit.start)) + 1;
  const stops = [text.indexOf('. ', hit.end), text.indexOf('。', hit.end)].filter((n) => n >= 0);
  return text.slice(from, stops.length ? Math.min(...stops) + 1 : text.length);
};
/** Words after a date that make it a plan rather than a promise. */
const TENTATIVE = /予定|頃|ごろ|見込み|目途|\b(planned|tentative|tentatively|expected|TBC|TBD|approx(imately)?|around|about|scheduled)\b|上旬|中旬|下旬|\b(early|mid|late)\b/i;
/** A heading that makes every date under it part of the programme's schedule, even without a kind word. */
const SCHEDULE_HEADING = /schedule|timeline|important dates|key dates|スケジュール|日程/i;

function monthOf(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}
function eraYear(era: string, n: string): number {
  return (era === '令和' ? 2018 : 1988) + (n === '元' ? 1 : Number(n));
}
function fullYear(y: number): number {
  return y < 100 ? 2000 + y : y;
}
function hhmm(h: number, m: number): string {
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}
const pad = (n: number): string => String(n).padStart(2, '0');

/** Every date pattern needs a digit, but "Late May" (a qualified month whose year comes from elsewhere). */
const MAY_HOLD_DATE = /\d|\b(end|late|middle|mid|early|beginning)\b/i;

export function findDates(text: string): DateHit[] {
  if (!MAY_HOLD_DATE.test(text)) return [];
  const hits: DateHit[] = [];
  for (const { re, read } of DATE_PATTERNS) {
    for (const m of text.matchAll(re)) {
      const start = m.index;
      const end = start + m[0].length;
      if (hits.some((h) => start < h.end && end > h.start)) continue;
      const value = read(m as RegExpExecArray);
      if (value.month < 1 || value.month > 12 || (value.day !== undefined && (value.day < 1 || value.day > 31))) continue;
      hits.push({ start, end, ...value });
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}

export function findTimes(text: string, dates: DateHit[]): TimeHit[] {
  const hits: TimeHit[] = [];
  for (const { re, read } of TIME_PATTERNS) {
    for (const m of text.matchAll(re)) {
      const start = m.index;
      const end = start + m[0].length;
      if ([...hits, ...dates].some((h) => start < h.end && end > h.start)) continue;
      const time = read(m as RegExpExecArray);
      if (Number(time.slice(0, 2)) < 24 && Number(time.slice(3)) < 60) hits.push({ start, end, time });
    }
  }
  return hits;
}

/** Each time belongs to the date it stands closest to ("April 10 – Noon, June 3": noon is June 3's). */
function timeFor(date: DateHit, dates: DateHit[], times: TimeHit[]): TimeHit | null {
  let best: { hit: TimeHit; distance: number } | undefined;
  for (const t of times) {
    const distances = dates.map((d) => (t.start >= d.end ? t.start - d.end : d.start >= t.end ? d.start - t.end : Infinity));
    const nearest = distances.indexOf(Math.min(...distances));
    if (dates[nearest] === date && (!best || distances[nearest]! < best.distance)) best = { hit: t, distance: distances[nearest]! };
  }
  return best?.hit ?? null;
}

/**
 * Hours from UTC of the zones a page might state a time in. The agencies write JST; a time stated in
 * another zone ("17:00 CET", "5:00 p.m. EDT") is converted to JST, so that every moment compares.
 */
const ZONES: Record<string, number> = {
  UTC: 0, GMT: 0, WET: 0, CET: 1, BST: 1, CEST: 2, EET: 2, EEST: 3, IST: 5.5, ICT: 7, WIB: 7, SGT: 8, CST_CN: 8, KST: 9, JST: 9,
  AEST: 10, AEDT: 11, NZST: 12, NZDT: 13, EST: -5, EDT: -4, CDT: -5, MST: -7, MDT: -6, PST: -8, PDT: -7,
};
const ZONE = new RegExp(`^[\\s(（]*(${Object.keys(ZONES).filter((z) => !z.includes('_')).join('|')}|協定世界時|日本時間|Japan (?:Standard )?Time)\\b`, 'i');

/** The zone stated right after a time, as hours from UTC (9 for JST and when none is stated). */
function zoneAfter(text: string, time: TimeHit): { zone: string; offset: number } | undefined {
  const m = ZONE.exec(text.slice(time.end, time.end + 16));
  if (!m) return undefined;
  const name = m[1]!.toUpperCase();
  const offset = name === '協定世界時' ? 0 : /日本時間|JAPAN/.test(name) ? 9 : ZONES[name];
  return offset === undefined || offset === 9 ? undefined : { zone: m[1]!, offset };
}

/** A day and time at `offset` hours from UTC, as the same moment in JST. */
function toJst(date: string, time: string, offset: number): { date: string; time: string } {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const jst = new Date(Date.UTC(y, mo - 1, d, h, mi) + (9 - offset) * 3_600_000);
  return { date: `${jst.getUTCFullYear()}-${pad(jst.getUTCMonth() + 1)}-${pad(jst.getUTCDate())}`, time: `${pad(jst.getUTCHours())}:${pad(jst.getUTCMinutes())}` };
}

export interface DateContext {
  /** The latest full year seen before this block, for dates written without one. */
  year?: number;
  /** The heading the block stands under ("Application period"): it says what the block's dates are. */
  heading?: string;
  /** The page's own words to quote when `raw` was assembled for reading (a table row as "Header: cell ; ..."). */
  evidence?: string;
}

const wordsKind = (text: string): DeadlineKind | undefined => KIND_WORDS.find(([, re]) => re.test(text))?.[0];

/**
 * The words just before a date say what it is; a range with no such words is a call window (it opens
 * at its start and closes, the submission deadline, at its end); failing that, the block or heading.
 */
function kindOf(before: string, context: string, range: 'start' | 'end' | undefined, startKind: DeadlineKind | undefined): DeadlineKind {
  if (range === 'end' && startKind && startKind !== 'open') return startKind;
  const said = wordsKind(before.replace(/^[\s\-–—~〜～]+|to\s*$/g, ''));
  if (said && !(range === 'start' && said === 'submission')) return said;
  if (range === 'start') return 'open';
  if (range === 'end') return 'submission';
  return wordsKind(context) ?? 'other';
}

/** Deadlines in one block of text; `label` is the words before the date. */
export function extractDeadlines(raw: string, context: DateContext = {}): Deadline[] {
  const text = fold(raw);
  const heading = fold(context.heading ?? '');
  if (!SCHEDULE.test(`${heading} ${text}`) || (VAGUE.test(text) && findDates(text).length === 0)) return [];
  // A support period's months ("5年間（2025年12月～2031年3月）") are not deadlines.
  if (PERIOD_ONLY.test(text) && !/deadline|締切|〆切|期限/i.test(text)) return [];
  const dates = findDates(text);
  const times = findTimes(text, dates);
  const rangeStarts = dates.map((hit, i) => i + 1 < dates.length && dates[i + 1]!.start - hit.end < 12
    && /^\W{0,3}[-–—~〜～]|^\s*(to|until|through)\b/i.test(text.slice(hit.end, dates[i + 1]!.start)));
  // A year written earlier in the same block ("2025 call for proposals: April 10 ...") beats the context.
  let year = (dates[0] && lastYearIn(text.slice(0, dates[0].start))) || context.year;
  let startKind: DeadlineKind | undefined;
  let startLabel = '';
  return dates.flatMap((hit, i) => {
    const inferred = hit.year === undefined;
    const y = hit.year ?? laterYearOf(dates, i) ?? year;
    if (y === undefined) return [];
    year = hit.year ?? year;
    const range = rangeStarts[i] ? 'start' : rangeStarts[i - 1] ? 'end' : undefined;
    const before = text.slice(dates[i - 1]?.end ?? 0, hit.start);
    // "2025.04.25 The deadline has been extended": a dated news line is when it was posted.
    if (i === 0 && !before.trim() && !range && isNewsLine(text.slice(hit.end))) return [];
    // "Posted: March 31, 2026", "forms have been added (April 14, 2026)": when the page changed, not a date of the call.
    if (POSTED_BEFORE.test(before) || (!wordsKind(before) && POSTED_AROUND.test(sentenceAround(text, hit)))) return [];
    const kind = kindOf(before, `${text} ${heading}`, range, startKind);
    startKind = range === 'start' ? kind : undefined;
    // A date that no word ties to the call ("令和7年3月14日（金）" on a title slide) is not a deadline.
    if (kind === 'other' && !SCHEDULE_HEADING.test(heading)) return [];
    // "（予定）" after a range is said of both its ends.
    const tentative = isTentative(text, dates, i) || (range === 'start' && isTentative(text, dates, i + 1));
    const stated = hit.day ? `${y}-${pad(hit.month)}-${pad(hit.day)}` : `${y}-${pad(hit.month)}`;
    const timeHit = hit.day ? timeFor(hit, dates, times) : null;
    const zone = timeHit ? zoneAfter(text, timeHit) : undefined;
    const moment = timeHit && zone ? toJst(stated, timeHit.time, zone.offset) : { date: stated, time: timeHit?.time ?? null };
    const { date, time } = moment;
    const label = labelFrom(before) || (range === 'end' ? startLabel : '') || heading.slice(0, 80);
    startLabel = range === 'start' ? label : '';
    return [{
      kind,
      label,
      date,
      time,
      timezone: 'Asia/Tokyo' as const,
      // A day without a time is taken as that whole day in Japan: the moment is its last minute.
      iso: hit.day ? `${date}T${time ?? '23:59'}:00+09:00` : null,
      ...(inferred ? { yearInferred: true } : {}),
      ...(tentative ? { tentative: true } : {}),
      ...(zone ? { statedTimezone: zone.zone } : {}),
      evidence: (context.evidence ?? raw).trim(),
    }];
  });
}

/**
 * What the page calls a date: the words before it, less times, range marks and qualifiers. In a table
 * row read as "Item: Call opens ; Schedule: April 1, 2025" that is the row's own name ("Call opens"),
 * unless the date's column header says it ("Application deadline at JSPS: September 5, 2025").
 */
function labelFrom(before: string): string {
  const segments = before.split(' ; ');
  const last = segments.at(-1)!;
  const cell = /^([^:]{1,60}):\s*(.*)$/.exec(last);
  let words = last;
  if (segments.length > 1 && cell) {
    words = tidy(cell[2]!) || (wordsKind(cell[1]!) ? cell[1]! : /^[^:]{1,60}:\s*(.*)$/.exec(segments.at(-2)!)?.[1] ?? '');
  }
  // "Applications have closed. Selected teams will be announced in": the sentence the date ends.
  return tidy(words.split(/(?<=[.。])\s+/).at(-1)!).slice(-80);
}

const tidy = (text: string): string => text.replace(TIME_WORDS, ' ')
  .replace(/(上旬|中旬|下旬|末|頃)/g, ' ')
  .replace(/[\s:：,、\-–—~〜～(（]+$/, '').replace(/^[\s),、\-–—~〜～;]+/, '')
  .replace(/^(to|until|through|from)$/i, '').trim();

/** A date is tentative when the words right after it (or a qualifier right before it) say so. */
function isTentative(text: string, dates: DateHit[], i: number): boolean {
  const hit = dates[i]!;
  const after = text.slice(hit.end, dates[i + 1]?.start ?? text.length).split(/[;；]/)[0]!;
  return TENTATIVE.test(after) || TENTATIVE.test(text.slice(Math.max(dates[i - 1]?.end ?? 0, hit.start - 12), hit.end).replace(/^.*[:：]/, ''));
}

/** "April 10 – June 3, 2025": the start of a range takes the year written at its end. */
function laterYearOf(dates: DateHit[], i: number): number | undefined {
  const next = dates[i + 1];
  return next && next.start - dates[i]!.end < 12 ? next.year : undefined;
}

/**
 * The latest four-digit or era year in a text, to carry as context into the next blocks. A support
 * period's years ("5年間（2025年12月～2031年3月）") say when research ends, not which year the next
 * "4月17日" is in, so a period gives no context.
 */
export const lastYearIn = memo((raw: string): number | undefined => {
  if (PERIOD_ONLY.test(raw) && !/deadline|締切|〆切|期限/i.test(raw)) return undefined;
  const years = findDates(fold(raw)).map((d) => d.year).filter((y): y is number => y !== undefined);
  const fiscal = [...fold(raw).matchAll(/(\d{4})\s*年度|FY\s?(\d{4})|(令和|平成)(\d{1,2}|元)年度/g)]
    .map((m) => (m[1] ?? m[2] ? Number(m[1] ?? m[2]) : eraYear(m[3]!, m[4]!)));
  // A bare year ("2025 call for proposals") is context enough for the month-day dates after it.
  const bare = [...fold(raw).matchAll(/(?<![\d./-])(20\d{2})(?![\d./-])/g)].map((m) => Number(m[1]));
  return [...years, ...fiscal, ...bare].at(-1);
});
