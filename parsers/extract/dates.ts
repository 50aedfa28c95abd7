/**
 * Deadlines, open dates and the other steps of a call, from the dates a block writes (date-grammar.ts
 * reads the dates themselves). Matching runs on NFKC-folded text (full-width digits and brackets become
 * plain), evidence is the block's own text. Vague forms stay honest: "End of March 2025" is month
 * precision with no moment, "TBD"/"未定" is no deadline at all.
 */
import type { Deadline, DeadlineKind } from '#parsers/schema.ts';
import { fold, memo } from '../document/text.ts';
import { eraYear, findDates, findTimes, lastDay, weekdayFits, type DateHit, type TimeHit } from './date-grammar.ts';
import { toJst, zoneAfter } from './time-zones.ts';

export { findDates, type DateHit } from './date-grammar.ts';

const KIND_WORDS: Array<[DeadlineKind, RegExp]> = [
  ['preregistration', /pre-?registration|pre-?application|letter of intent|事前登録|事前連絡|事前申請|エントリー/i],
  ['interview', /interview|面接/i],
  ['notification', /notif|announce|result|採択(通知|決定|予定)|通知|発表/i],
  ['start', /start of (the )?(research|project|support|fellowship|award|grant|projects)|(project|research|fellowship) (start|begins|commences)|commencement|研究開始|支援開始|採用開始|研究期間の開始|support (begins|starts)/i],
  ['review', /review|evaluation|screening|審査|選考|評価/i],
  ['submission', /deadline|due|submi|closing|close|締切|〆切|締め切り|期限|提出|受付終了|until|まで/i],
  ['open', /open|launch|call for proposals|application period|accepting|accept(ed|ance)? (from|starts?|begins?)|公募開始|募集開始|受付開始|公募期間|募集期間|応募期間|受付期間|申請期間/i],
];

/** Words that make a date a programme date at all; "As of July 1, 2024" or a slide's own date are not. */
// Exported for parsers/explain/, which says why a date was left.
export const SCHEDULE = /deadline|due|submi|call|application|apply|accept|period|open|clos|launch|interview|review|screening|evaluation|selection|notif|start|announce|締切|〆切|締め切り|期限|提出|公募|募集|応募|申請|受付|面接|審査|選考|採択|通知|開始|期間|スケジュール|予定|までに/i;
const TIME_WORDS = /\bnoon\b|正午|\d{1,2}:\d{2}|\b\d{1,2}\s*[ap]\.?m\.?/gi;

/** What follows a posting date is a sentence ("The deadline has been extended by one week."). */
function isNewsLine(after: string): boolean {
  const rest = after.replace(TIME_WORDS, ' ').replace(/\([^)]*\)/g, ' ');
  // Japanese news lines set the posting date apart with a space: "2025年4月25日 締切を延長しました".
  return (rest.match(/[A-Za-z]{2,}/g) ?? []).length >= 4 || (/^\s/.test(after) && (rest.match(/[\u3040-\u9fff]/g) ?? []).length >= 8);
}
/**
 * Periods of the funded work, not steps of the call: support and research periods, and the visits of
 * fellowship programmes ("Visit start period", "Periods for arrival in Japan", 招へい期間).
 */
export const PERIOD_ONLY = /支援期間|研究期間|support period|period of support|research period|project period|duration|(visit|invitation|fellowship|stay|arrival)( start)? periods?|start period|periods? (for|of) (arrival|stay|visit|invitation)|招へい期間|滞在期間|来日期間|渡日期間|採用期間|派遣期間|実施(予定)?期間/i;
const VAGUE = /\b(TBD|TBA|to be (determined|announced))\b|未定/i;
// POSTED_BEFORE and POSTED_AROUND are exported for parsers/explain/, which says why a date was left.
export const POSTED_BEFORE = /\b(posted|published|released|updated|revised|added|uploaded|as of)\s*(on)?\s*[:：]?\s*$|(掲載|公開|更新|改訂|追加)日?\s*[:：]?\s*$/i;
export const POSTED_AROUND = /\b(has|have) been (added|updated|published|posted|revised|uploaded|released)\b|(掲載|更新|公開|追加)しました/i;
/** "1月25日掲載", "1月30日(火)開催", "令和2年7月7日付で": the day something was posted or held. */
const POSTED_AFTER = /^\s*(掲載|公開|更新|追記|開催|付で|付け)/;
/** "3月8日(金)から利用できます", "6月26日(月)から開始します", "から申請を受け付けています": the day a call opens. */
const OPENS_AFTER = /^\s*(から|より)[^。.]{0,20}?(開始|受付|受け付け|利用|申請|応募|募集|公募)/;
/** The previous cycle's dates, printed in brackets beside this cycle's ("(昨年度：2024年5月13日)", "(last year: May 13)"). */
const PREVIOUS_CYCLE = /previous|last (year|call|round|time)|prior (year|call)|前回|前年度|昨年度|昨年|過去/i;
const sentenceAround = (text: string, hit: { start: number; end: number }): string => {
  const from = Math.max(text.lastIndexOf('. ', hit.start), text.lastIndexOf('。', hit.start)) + 1;
  const stops = [text.indexOf('. ', hit.end), text.indexOf('。', hit.end)].filter((n) => n >= 0);
  return text.slice(from, stops.length ? Math.min(...stops) + 1 : text.length);
};
/** The words of `before` in the sentence the date stands in: a kind word of an earlier sentence says nothing of it. */
const sameSentence = (before: string): string => before.split(/(?<=[。！？])|(?<=[a-z)]{2}\.)\s+(?=[A-Z])/).at(-1)!;
/** Words after a date that make it a plan rather than a promise. */
const TENTATIVE = /予定|頃|ごろ|見込み|目途|\b(planned|tentative|tentatively|expected|TBC|TBD|approx(imately)?|around|about|scheduled)\b|上旬|中旬|下旬|\b(early|mid|late)\b/i;
/** A heading that makes every date under it part of the programme's schedule, even without a kind word. */
const SCHEDULE_HEADING = /schedule|timeline|important dates|key dates|スケジュール|日程/i;
/** A range mark between two dates ("~", "–", "to", "から"), and one whose end was cut off ("(令和元年9月10日~11月11"). */
const RANGE_MARK = /^\W{0,3}[-–—~〜～]|^\s*(to|until|through|till)\b|^\s*(から|より)\s*$/i;
const DANGLING_RANGE = /^\s*[-–—~〜～]\s*[\d月]*\s*$/;
/** What may stand between a range's two dates besides its mark: the start's time and weekday, a zone. */
const RANGE_NOISE = /\b(Mon|Tues?|Wed(nes)?|Thu(rs)?|Fri|Sat(ur)?|Sun)(day)?\b\.?,?|\d{1,2}:\d{2}|正午|\bnoon\b|午[前後]\s*\d{1,2}\s*時(\s*\d{1,2}\s*分)?|\d{1,2}\s*時(\s*\d{1,2}\s*分)?|\(\s*(JST|日本時間|Japan time)\s*\)/gi;
/** Whether two dates are the ends of one range ("4月1日（火）10:00～5月12日", "from Tuesday, 1 April to Monday, 12 May 2025"). */
function joined(text: string, a: DateHit, b: DateHit): boolean {
  const between = text.slice(a.end, b.start);
  return between.length < 24 && RANGE_MARK.test(between.replace(RANGE_NOISE, ''));
}
const pad = (n: number): string => String(n).padStart(2, '0');

export interface DateContext {
  /** The latest full year seen before this block, for dates written without one. */
  year?: number;
  /** The heading the block stands under ("Application period"): it says what the block's dates are. */
  heading?: string;
  /** A short line just before the block that names it ("Application Period:", "公募期間"), as a heading would. */
  lead?: string;
  /** The page's own words to quote when `raw` was assembled for reading (a table row as "Header: cell ; ..."). */
  evidence?: string;
  /** What a schedule table's column says every date in the text is (a range under an "open" column is the call window). */
  kind?: DeadlineKind;
  /** The label a schedule table gives the text's dates (its row and column). */
  label?: string;
}

const wordsKind = (text: string): DeadlineKind | undefined => KIND_WORDS.find(([, re]) => re.test(text))?.[0];

/**
 * The words just before a date say what it is; words right after it can say it opens the call
 * ("から受け付けています"); a range with no such words is a call window (it opens at its start and
 * closes, the submission deadline, at its end); failing that, the sentence, the lead line or the heading.
 */
function kindOf(before: string, after: string, context: string, range: 'start' | 'end' | undefined, startKind: DeadlineKind | undefined): DeadlineKind {
  if (range === 'end' && startKind && startKind !== 'open') return startKind;
  if (!range && OPENS_AFTER.test(after)) return 'open';
  const said = wordsKind(sameSentence(before).replace(/^[\s\-–—~〜～]+|to\s*$/g, ''));
  if (said && !(range === 'start' && said === 'submission')) return said;
  if (range === 'start') return 'open';
  if (range === 'end') return 'submission';
  return wordsKind(context) ?? 'other';
}

/** A column's kind for a date of a table cell: a range under an "open" column is the window, opening and closing. */
function columnKind(kind: DeadlineKind, range: 'start' | 'end' | undefined): DeadlineKind {
  return kind === 'open' && range === 'end' ? 'submission' : kind;
}

const isPeriod = (text: string): boolean => PERIOD_ONLY.test(text) && !/deadline|締切|〆切|期限/i.test(text);

/** Whether a date sits in brackets that speak of the previous cycle ("(昨年度：2024年5月13日)"). */
function inPreviousCycle(text: string, hit: DateHit): boolean {
  const open = text.lastIndexOf('(', hit.start);
  if (open < 0 || text.slice(open, hit.start).includes(')')) return false;
  return PREVIOUS_CYCLE.test(text.slice(open, hit.start));
}

/**
 * The label line a block of dates stands under when the layout set it on a line of its own ("Application
 * Period:", "公募期間", "応募書類の提出(送信)期限"): short, no date of its own, not a sentence.
 */
export function dateLead(previous: string | undefined): string | undefined {
  const t = fold(previous ?? '');
  if (!t || t.length > 40 || /[.。!?！？]$/.test(t) || findDates(t).length) return undefined;
  return t;
}

/** Deadlines in one block of text; `label` is the words before the date. */
export function extractDeadlines(raw: string, context: DateContext = {}): Deadline[] {
  const text = fold(raw);
  const heading = fold(context.heading ?? '');
  const lead = fold(context.lead ?? '');
  const dates = findDates(text);
  if ((!context.kind && !SCHEDULE.test(`${heading} ${lead} ${text}`)) || (VAGUE.test(text) && dates.length === 0)) return [];
  const times = findTimes(text, dates);
  const rangeStarts = dates.map((hit, i) => (i + 1 < dates.length && joined(text, hit, dates[i + 1]!))
    || (i + 1 === dates.length && DANGLING_RANGE.test(text.slice(hit.end))));
  // A year written earlier in the same block ("2025 call for proposals: April 10 ...") beats the context.
  let year = (dates[0] && lastYearIn(text.slice(0, dates[0].start))) || context.year;
  let startKind: DeadlineKind | undefined;
  let startLabel = '';
  return dates.flatMap((hit, i) => {
    const inferred = hit.year === undefined;
    const range = rangeStarts[i] ? 'start' : rangeStarts[i - 1] ? 'end' : undefined;
    const y = hit.year ?? yearOf(hit, dates, i, range, year, text);
    // No year in sight: no date is invented. "11月31日" is no day at all.
    if (y === undefined || (hit.day && hit.day > lastDay(y, hit.month))) return [];
    year = y;
    const before = text.slice(dates[i - 1]?.end ?? 0, hit.start);
    const after = text.slice(hit.end, dates[i + 1]?.start ?? text.length);
    // "2025.04.25 The deadline has been extended": a dated news line is when it was posted.
    if (i === 0 && !before.trim() && !range && isNewsLine(text.slice(hit.end))) return [];
    // "Posted: March 31, 2026", "forms have been added (April 14, 2026)", "1月25日掲載": when the page changed, not a date of the call.
    if (POSTED_BEFORE.test(before) || POSTED_AFTER.test(after) || (!wordsKind(before) && POSTED_AROUND.test(sentenceAround(text, hit)))) return [];
    // The previous cycle's dates are printed for comparison: neither this call's deadline nor a change of it.
    if (inPreviousCycle(text, hit)) return [];
    // A support period's months ("研究期間：5年間（2025年12月～2031年3月）") are not deadlines.
    if (!context.kind && isPeriod(`${lead} ${sentenceAround(text, hit)}`)) return [];
    const kind = context.kind ? columnKind(context.kind, range) : kindOf(before, after, `${sentenceAround(text, hit)} ${lead} ${heading}`, range, startKind);
    startKind = range === 'start' ? kind : undefined;
    // A date that no word ties to the call ("令和7年3月14日（金）" on a title slide) is not a deadline.
    if (kind === 'other' && !SCHEDULE_HEADING.test(`${heading} ${lead}`)) return [];
    // "（予定）" after a range is said of both its ends.
    const tentative = isTentative(text, dates, i) || (range === 'start' && i + 1 < dates.length && isTentative(text, dates, i + 1));
    const stated = hit.day ? `${y}-${pad(hit.month)}-${pad(hit.day)}` : `${y}-${pad(hit.month)}`;
    const timeHit = hit.day ? timeFor(hit, dates, times) : null;
    const zone = timeHit ? zoneAfter(text, timeHit) : undefined;
    const { date, time } = timeHit && zone ? toJst(stated, timeHit.time, zone.offset) : { date: stated, time: timeHit?.time ?? null };
    const label = context.label ?? (labelFrom(before) || (range === 'end' ? startLabel : '') || tidy(lead || heading).slice(0, 80));
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
 * The year of a date written without one: the year written at the other end of its range, else the
 * one in force (written earlier in the block or on the page). A weekday printed beside the date decides
 * between the year in force and its neighbours: "January 25 (Thu)" under "fiscal year 2024" is 2024,
 * the year it was a Thursday. A year the range itself writes is not second-guessed by a weekday.
 */
function yearOf(hit: DateHit, dates: DateHit[], i: number, range: 'start' | 'end' | undefined, inForce: number | undefined, text: string): number | undefined {
  const tied = laterYearOf(dates, i, text) ?? (range === 'end' ? earlierYearOf(dates, i) : undefined);
  if (tied !== undefined) return tied;
  if (inForce === undefined || hit.day === undefined || hit.weekday === undefined) return inForce;
  return [inForce, inForce + 1, inForce - 1].find((y) => weekdayFits(y, hit.month, hit.day!, hit.weekday!)) ?? inForce;
}

const dayOfYear = (hit: DateHit, missing: number): number => hit.month * 100 + (hit.day ?? missing);

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
  .replace(/\b(JST|Japan (Standard )?Time)\b/gi, ' ')
  .replace(/\b(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s*$/i, '')
  .replace(/[\s:：,、\-–—~〜～(（]+$/, '').replace(/\s+(from|between)$/i, '').replace(/^[\s),、\-–—~〜～;]+/, '')
  .replace(/^(to|until|through|from|から|より|まで)$/i, '').trim();

/** A date is tentative when the words right after it (or a qualifier right before it) say so. */
function isTentative(text: string, dates: DateHit[], i: number): boolean {
  const hit = dates[i]!;
  const after = text.slice(hit.end, dates[i + 1]?.start ?? text.length).split(/[;；]/)[0]!;
  return TENTATIVE.test(after) || TENTATIVE.test(text.slice(Math.max(dates[i - 1]?.end ?? 0, hit.start - 12), hit.end).replace(/^.*[:：]/, ''));
}

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
 * The latest four-digit or era year in a text, to carry as context into the next blocks. A support
 * period's years ("5年間（2025年12月～2031年3月）") say when research ends, not which year the next
 * "4月17日" is in, so a period gives no context.
 */
export const lastYearIn = memo((raw: string): number | undefined => {
  if (isPeriod(raw)) return undefined;
  const years = findDates(fold(raw)).map((d) => d.year).filter((y): y is number => y !== undefined);
  const fiscal = [...fold(raw).matchAll(/(\d{4})\s*年度|FY\s?(\d{4})|(令和|平成)(\d{1,2}|元)年度/g)]
    .map((m) => (m[1] ?? m[2] ? Number(m[1] ?? m[2]) : eraYear(m[3]!, m[4]!)));
  // A bare year ("2025 call for proposals") is context enough for the month-day dates after it.
  const bare = [...fold(raw).matchAll(/(?<![\d./-])(20\d{2})(?![\d./-])/g)].map((m) => Number(m[1]));
  return [...years, ...fiscal, ...bare].at(-1);
});
