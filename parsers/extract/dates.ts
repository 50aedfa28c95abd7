/**
 * Deadlines, open dates and the other steps of a call, from the dates a block writes (date-grammar.ts
 * reads the dates themselves). Matching runs on NFKC-folded text (full-width digits and brackets become
 * plain), evidence is the block's own text. Vague forms stay honest: "End of March 2025" is month
 * precision with no moment, "TBD"/"未定" is no deadline at all.
 *
 * One pass over a block's dates, in order, each question asked of the module named for it: date-ranges.ts (an end of
 * a range?), date-years.ts (which year?), date-history.ts (posted, changed, last cycle's, moved?), non-step-dates.ts
 * (a period, an event, a closure?), date-kind.ts (which step?), date-labels.ts (called what?), date-moments.ts (when,
 * in JST?). The pass carries what one date tells the next: the year in force, a range's start, a replaced day's step.
 */
import type { Deadline, DeadlineKind } from '#parsers/schema.ts';
import { fold } from '../document/text.ts';
import { findDates, lastDay, type DateHit } from './date-grammar.ts';
import { inPreviousCycle, isChangeEntry, isComparison, isSuperseded, POSTED_AFTER, POSTED_AROUND, POSTED_BEFORE } from './date-history.ts';
import { columnKind, endsThatStep, isTentative, kindOf, statesWhoMayApply } from './date-kind.ts';
import { firstPhrase, labelFrom, tidy, TIME_WORDS } from './date-labels.ts';
import { momentsOf } from './date-moments.ts';
import { rangeStarts, spanDays } from './date-ranges.ts';
import { sameSentence, sentenceSpan } from './date-sentence.ts';
import { isCondition, leadingLine, stepLine, wordsKind } from './date-words.ts';
import { lastYearIn, yearOf } from './date-years.ts';
import { happenedAfter, namesNoStep } from './non-step-dates.ts';
import { findTimes, type TimeHit } from './time-grammar.ts';
import { withoutZones } from './time-zones.ts';

export { findDates, type DateHit } from './date-grammar.ts';
export { dateLead, leadAbove } from './date-leads.ts';
export { lastYearIn } from './date-years.ts';
// PERIOD_ONLY, POSTED_BEFORE and POSTED_AROUND are exported for parsers/explain/, which says why a date was left.
export { POSTED_AROUND, POSTED_BEFORE } from './date-history.ts';
export { PERIOD_ONLY } from './non-step-dates.ts';

/** Words that make a date a programme date at all; "As of July 1, 2024" or a slide's own date are not. */
// Exported for parsers/explain/, which says why a date was left.
export const SCHEDULE = /deadline|due|submi|call|pre-?regist|registration|letter of intent|事前登録|事前連絡|エントリー|solicitation|application|apply|accept|period|open|clos|launch|interview|review|screening|evaluation|selection|notif|start|announce|proposal|no later than|not later than|on or before|締切|〆切|締め切り|期限|提出|必着|消印|公募|募集|応募|申請|受付|面接|審査|選考|採択|通知|開始|期間|スケジュール|予定|までに/i;
/** A heading that makes every date under it part of the programme's schedule, even without a kind word. */
const SCHEDULE_HEADING = /schedule|timeline|important dates|key dates|スケジュール|日程/i;
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
  /**
   * Whether the sentence a date stands in (and the date's own words) states who may apply: such a date is a
   * condition ("employed since April 1, 2020"), unless the sentence names a step of the call (program.ts asks
   * the eligibility classifier).
   */
  condition?: (sentence: string, date: string) => boolean;
}

/** Before a line's first date, only brackets, a bullet or an item number: "(5/17) …", "・2025年5月12日 …", "(3)11月10日 …". */
const LINE_HEAD = /^[\s([【・•*\-]*(?:\d{1,2}[.)）]|\(\d{1,2}\)|[①-⑳])?[\s([【]*$/;

type Range = 'start' | 'end' | undefined;
type LineStep = ReturnType<typeof leadingLine>;
/** A line's step once a news line is left. */
type StepLine = Exclude<LineStep, 'news'>;

/** What the pass over a block's dates knows, and what one date tells the dates after it. */
interface Pass {
  raw: string; text: string; heading: string; lead: string; context: DateContext;
  dates: DateHit[]; times: TimeHit[]; rangeStarts: boolean[];
  /** The year in force: the last one a date was read in. */
  year: number | undefined;
  days: string[];
  startKind?: DeadlineKind;
  startLabel: string;
  // The label of a day the text replaced ("締切：5月12日 → 5月19日") is the new day's.
  replacedLabel: string;
  replacedKind?: DeadlineKind;
  listed?: { kind: DeadlineKind; sentence: number; label: string };
  rangeStep?: DeadlineKind;
  rangeLabel: string;
}

/** One date of the pass, with the words between it and its neighbours. */
interface At {
  hit: DateHit; i: number; range: Range; year: number; day: string;
  before: string; after: string;
  sentence: { text: string; start: number; end: number };
}

/** Deadlines in one block of text; `label` is the words before the date. */
export function extractDeadlines(raw: string, context: DateContext = {}): Deadline[] {
  const text = fold(raw);
  const heading = fold(context.heading ?? '');
  const lead = fold(context.lead ?? '');
  if (!context.kind && !SCHEDULE.test(`${heading} ${lead} ${text}`)) return [];
  const dates = findDates(text);
  if (dates.length === 0) return [];
  const pass: Pass = {
    raw, text, heading, lead, context, dates, times: findTimes(text, dates), rangeStarts: rangeStarts(text, dates),
    // A year written earlier in the same block ("2025 call for proposals: April 10 ...") beats the context.
    year: (dates[0] && lastYearIn(text.slice(0, dates[0].start))) || context.year,
    days: [], startLabel: '', replacedLabel: '', rangeLabel: '',
  };
  return dates.flatMap((hit, i) => readDate(pass, hit, i));
}

/** One date of the block: its day, whether it is a step of the call at all, which step, its label, its moments. */
function readDate(pass: Pass, hit: DateHit, i: number): Deadline[] {
  const { text, dates } = pass;
  const range: Range = pass.rangeStarts[i] ? 'start' : pass.rangeStarts[i - 1] ? 'end' : undefined;
  const y = hit.year ?? yearOf(hit, dates, i, range, pass.year, text);
  // No year in sight: no date is invented. "11月31日" is no day at all.
  if (y === undefined || (hit.day && hit.day > lastDay(y, hit.month))) return [];
  pass.year = y;
  const day = (pass.days[i] = hit.day ? `${y}-${pad(hit.month)}-${pad(hit.day)}` : `${y}-${pad(hit.month)}`);
  const before = text.slice(dates[i - 1]?.end ?? 0, hit.start);
  const after = text.slice(hit.end, dates[i + 1]?.start ?? text.length);
  const at: At = { hit, i, range, year: y, day, before, after, sentence: sentenceSpan(text, hit) };
  const line = lineStep(pass, at);
  if (line === 'news' || isHistory(pass, at, line) || (!pass.context.kind && namesNoStepHere(pass, at, line))) return [];
  const { kind, sharedLabel } = stepOf(pass, at, line);
  // A date that no word ties to the call ("令和7年3月14日（金）" on a title slide) is not a deadline; under a schedule
  // heading a bare date is a step the page does not name, but a date whose words name something else ("15 June
  // Opening ceremony", "Orientation: 15 June") is that thing's.
  if (kind === 'other' && (!SCHEDULE_HEADING.test(`${pass.heading} ${pass.lead}`) || /\p{L}{2}/u.test(withoutZones(`${sameSentence(before)} ${after}`.replace(TIME_WORDS, ' '))))) return [];
  return deadlinesAt(pass, at, kind, labelOf(pass, at, line, sharedLabel));
}

/**
 * A line led by its date is a news line (when it was posted), a notice that the call opened, or a schedule line naming
 * its step. A news line is told by the whole line; a step, by the words up to the next date ("令和8年4月3日に協定を締結し、
 * 4月10日に公募を開始しました" opens on the 10th).
 */
function lineStep(pass: Pass, { hit, i, range, before, after }: At): LineStep {
  const { text, dates, context } = pass;
  const whole = i === 0 && !range && !context.kind && LINE_HEAD.test(before) ? leadingLine(text.slice(hit.end)) : undefined;
  const line = whole && whole !== 'news' && dates[i + 1] ? leadingLine(after) : whole;
  if (line === 'news') return line;
  // A range that leads its line names its step after its end ("12–14 May 2026 Interviews", "6月1日～14日 公募期間").
  if (i === 0 && range === 'start' && !context.kind && LINE_HEAD.test(before)) {
    const step = stepLine(text.slice(dates[1]!.end, dates[2]?.start ?? text.length));
    pass.rangeStep = step && step !== 'news' ? step : undefined;
    pass.rangeLabel = pass.rangeStep ? tidy(firstPhrase(text.slice(dates[1]!.end, dates[2]?.start ?? text.length))).slice(0, 80) : '';
  }
  return line;
}

/** Whether a date is of the page's history: posted, a change entry, the previous cycle's, or a day the text replaced. */
function isHistory(pass: Pass, { hit, i, before, after, sentence }: At, line: StepLine): boolean {
  const { text, dates, lead, heading } = pass;
  // "Posted: March 31, 2026", "forms have been added (April 14, 2026)", "1月25日掲載": when the page changed, not a date of the call.
  if (POSTED_BEFORE.test(before) || POSTED_AFTER.test(after) || (!line && !wordsKind(before) && POSTED_AROUND.test(sentence.text)) || isChangeEntry(sentence.text, before)) return true;
  // The previous cycle's dates are printed for comparison: neither this call's deadline nor a change of it.
  if (inPreviousCycle(text, hit) || isComparison(text, dates, pass.days, i)) return true;
  // "May 12 → May 19", "May 12 (extended to May 19)", "extended from May 12 to May 19", "5月12日から5月19日に延長": the old day.
  if (!isSuperseded(text, dates, i, before, after)) return false;
  pass.replacedLabel = labelFrom(before) || tidy(lead || heading).slice(0, 80);
  pass.replacedKind = wordsKind(`${sameSentence(before)} ${lead} ${heading}`);
  return true;
}

/**
 * A support period's months ("研究期間：5年間（2025年12月～2031年3月）"), a closure, an event: what the nearest words
 * before the date (before its range) name, else its label line; a happening its clause tells after it (締結, 休業);
 * a condition on who may apply.
 */
function namesNoStepHere(pass: Pass, { hit, i, range, before, after, sentence }: At, line: StepLine): boolean {
  const { text, dates, context } = pass;
  const own = sameSentence(range === 'end' ? text.slice(dates[i - 2]?.end ?? 0, dates[i - 1]!.start) : before);
  if (namesNoStep(own) ?? namesNoStep(pass.lead) ?? false) return true;
  if (line) return false;
  const clauseAfter = range === 'start' && dates[i + 1] ? text.slice(dates[i + 1]!.end, dates[i + 2]?.start ?? text.length) : after;
  if (happenedAfter(clauseAfter)) return true;
  // "平成29年3月31日までに所定の単位を修得", "平成29年4月1日現在": a condition on who may apply.
  return isCondition(sameSentence(before), after) || statesWhoMayApply(context.condition, sentence.text, text.slice(hit.start, hit.end));
}

/** The step a date's own words, its line, its range, its column or its sentence give it. */
function kindRead(pass: Pass, { i, range, year, before, after, sentence }: At, line: StepLine): DeadlineKind {
  const { dates, lead, heading, context } = pass;
  // The sentence speaks for a date only when it holds no other (a range is one): "JSTとDFGの間で、4月15日に覚書を締結し、
  // 6月4日から7月31日までの間、…募集を行った" does not make April 15 a step of the call.
  const alone = dates.every((d, j) => j === i || j === (range === 'start' ? i + 1 : range === 'end' ? i - 1 : -1) || d.end <= sentence.start || d.start >= sentence.end);
  const around = `${alone ? sentence.text : ''} ${lead} ${heading}`;
  const window = pass.rangeStep === 'open' || pass.rangeStep === 'submission' ? (range === 'start' ? 'open' : 'submission') : pass.rangeStep;
  if (range === 'end') pass.rangeStep = undefined;
  if (context.kind) return columnKind(context.kind, range);
  if (line) return line;
  return (range ? window : undefined)
    ?? kindOf(before, after, { lead, around, window: `${sentence.text} ${lead} ${heading}`, span: spanDays(dates, i, range, year) }, range, pass.startKind, i + 1 < dates.length);
}

/** The step a date is, with what the dates before it in its sentence said; and the label of the step it shares. */
function stepOf(pass: Pass, at: At, line: StepLine): { kind: DeadlineKind; sharedLabel: string | undefined } {
  const { range, before, sentence } = at;
  const read = kindRead(pass, at, line);
  const { listed } = pass;
  // The new day of a moved step is that step; a date listed after another in its sentence with no word of its own
  // shares its step ("The deadlines are May 12 for Course A and June 1 for Course B", "締切は、Aが5月12日、Bが6月1日").
  const shared = !range && listed?.sentence === sentence.start ? listed.kind : undefined;
  // "begin … as early as late October but no later than 31 March": a bound alone ends the step of the date before it.
  const ended = shared && !pass.context.kind && endsThatStep(before) ? (shared === 'open' ? 'submission' : shared) : undefined;
  const kind = ended ?? (read === 'other' ? pass.replacedKind ?? shared ?? read : read);
  pass.replacedKind = undefined;
  const sharedLabel = kind === shared && read === 'other' ? listed?.label : undefined;
  pass.listed = kind === 'other' ? undefined : { kind, sentence: sentence.start, label: '' };
  pass.startKind = range === 'start' ? kind : undefined;
  return { kind, sharedLabel };
}

/** What the page calls a date; a line led by its date names its step after it ("9 Sep 2013 Closing for ..."), whatever stands before ("(3)"). */
function labelOf(pass: Pass, { range, before, after }: At, line: StepLine, sharedLabel: string | undefined): string {
  const { lead, heading } = pass;
  const label = pass.context.label ?? ((line ? tidy(firstPhrase(after)).slice(0, 80) : '') || (range ? pass.rangeLabel : '') || pass.replacedLabel || sharedLabel || labelFrom(before) || (range === 'end' ? pass.startLabel : '')
    || tidy(lead || heading).slice(0, 80));
  if (pass.listed) pass.listed.label = label;
  if (range === 'end') pass.rangeLabel = '';
  pass.replacedLabel = '';
  pass.startLabel = range === 'start' ? label : '';
  return label;
}

/** The deadlines of one date: one per moment it is given. */
function deadlinesAt(pass: Pass, { hit, i, range, day }: At, kind: DeadlineKind, label: string): Deadline[] {
  const { text, dates, context } = pass;
  const inferred = hit.year === undefined;
  // "（予定）" after a range is said of both its ends.
  const tentative = isTentative(text, dates, i) || (range === 'start' && i + 1 < dates.length && isTentative(text, dates, i + 1));
  return momentsOf(hit, dates, pass.times, text, day).map(({ date, time, second, zone, venue }) => ({
    kind,
    label: venue ? `${label} (${venue})`.trim() : label,
    date,
    time,
    timezone: 'Asia/Tokyo' as const,
    // A day without a time is taken as that whole day in Japan: the moment is its last minute.
    // A deadline stated to the second ("12時00分00秒") keeps its second.
    iso: hit.day ? `${date}T${time ?? '23:59'}:${pad(second ?? 0)}+09:00` : null,
    ...(inferred ? { yearInferred: true } : {}),
    ...(tentative ? { tentative: true } : {}),
    ...(zone ? { statedTimezone: zone } : {}),
    evidence: (context.evidence ?? pass.raw).trim(),
  }));
}
