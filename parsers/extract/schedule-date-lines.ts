/** A schedule written as a date on its line and its steps on the lines below it ("June 2025", "-Start of application acceptance"). */
import type { Deadline, DeadlineKind } from '#parsers/schema.ts';
import type { Block } from '../document/blocks.ts';
import { fold } from '../document/text.ts';
import { stepLine } from './date-words.ts';
import { extractDeadlines, findDates } from './dates.ts';
import { FILLER, FILLER_WORDS } from './schedule-rows.ts';

/** The blocks of a section, with the year in force at each (schedule-table.ts's TableInput). */
type Lines = Array<{ block: Block; year?: number }>;

/** A line that is nothing but a date or a range ("September 5, 2025", "June 2025", "令和7年9月5日（金）正午"). */
export function loneDate(text: string): boolean {
  if (text.length > 60) return false;
  const t = fold(text);
  const dates = findDates(t);
  if (!dates.length) return false;
  const rest = dates.reduceRight((r, d) => r.slice(0, d.start) + r.slice(d.end), t).replace(FILLER_WORDS, ' ').replace(/\b(onward|onwards|or later)\b|以降/gi, ' ');
  return FILLER.test(rest.replace(/\b(to|until)\b|から/gi, ' '));
}

const BULLET = /^\s*[-–—・•*]/;

/** What a short line below a date says ("-Application Deadline", "・申請受付開始"): a step, news, or 'line' (a step with no name here). */
function lineBelow(block: Block | undefined): ReturnType<typeof stepLine> | 'line' | undefined {
  if (!block || block.type === 'heading' || block.type === 'table-row') return undefined;
  const text = fold(block.text);
  if (text.length > 80 || findDates(text).length || /[.。]$/.test(text)) return undefined;
  const said = stepLine(` ${text}`) ?? 'line';
  // "-Guidelines published on the website": under a date's bullet, what is done is a step, not news.
  return said === 'news' && BULLET.test(text) ? 'line' : said;
}
const isStep = (said: ReturnType<typeof lineBelow>): said is DeadlineKind => Boolean(said && said !== 'line' && said !== 'news');

/**
 * A schedule written as a date on its line and its steps on the lines below ("June 2025", "-Publication of the
 * guidelines", "-Start of application acceptance"; "令和7年9月5日（金）", "・申請締切"): the date is the first step
 * named below it, labelled by it; steps this reader has no name for ("-Selection of awardees") give nothing. The
 * other way round, a label above its date ("Application Deadline", then "September 5, 2025"), is the sentence
 * reader's: the lines below are the date's when they are bullets under it, or when the schedule starts with a
 * date rather than with a label.
 */
export function dateThenStep(items: Lines, at: number): { deadlines: Deadline[]; lines: number } | undefined {
  const below: Block[] = [];
  for (let j = at + 1; j < items.length && below.length < 4; j += 1) {
    const said = lineBelow(items[j]!.block);
    if (!said || said === 'news') break;
    below.push(items[j]!.block);
  }
  if (!below.length) return undefined;
  let first = at;
  while (first >= 2 && loneDate(items[first - 2]!.block.text) && lineBelow(items[first - 1]!.block) && lineBelow(items[first - 1]!.block) !== 'news') first -= 2;
  if (!BULLET.test(below[0]!.text) && isStep(lineBelow(items[first - 1]?.block))) return undefined;
  const step = below.find((b) => isStep(lineBelow(b)));
  if (!step) return { deadlines: [], lines: below.length };
  const date = items[at]!.block.text;
  const label = fold(step.text).replace(/^[\s\-–—・•*]+/, '').trim();
  const kind = lineBelow(step) as DeadlineKind;
  return { deadlines: extractDeadlines(date, { year: items[at]!.year, kind, label, evidence: `${date.trim()} ${step.text.trim()}` }), lines: below.length };
}
