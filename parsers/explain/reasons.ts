/**
 * Why a thing seen in a block was left out of the record, when the extractors' own word lists can
 * tell cheaply: a heading (facts are read from the text under headings), an update stamp or a posting
 * date, a support period, a condition of who may apply, a date left beside others taken from its
 * block, a date under no schedule word, without a year or with no word saying which date it is, a name
 * with no role word. No answer is better than a guess: anything else gives none.
 */
import type { Block } from '../document/blocks.ts';
import { STAMP } from '../document/html.ts';
import { fold } from '../document/text.ts';
import { roleFrom } from '../extract/agencies.ts';
import { extractDeadlines, lastYearIn, PERIOD_ONLY, POSTED_AROUND, POSTED_BEFORE, SCHEDULE } from '../extract/dates.ts';
import { isEligibilitySentence } from '../extract/eligibility.ts';
import type { Sighting } from './sightings.ts';

/**
 * What the reader knew on reaching a block: the heading it stands under, the last year written before
 * it, and whether the deadline reader took other dates from it.
 */
export interface BlockContext { heading?: string; year?: number; datesTaken?: boolean }

const DEADLINE_WORD = /deadline|締切|〆切|期限/i;

/** The sentence a stretch of text stands in. */
function sentenceAt(text: string, start: number, end: number): string {
  const from = Math.max(text.lastIndexOf('. ', start), text.lastIndexOf('。', start)) + 1;
  const stops = [text.indexOf('. ', end), text.indexOf('。', end)].filter((n) => n >= 0);
  return text.slice(from, stops.length ? Math.min(...stops) + 1 : text.length);
}

function whyDate(s: Extract<Sighting, { kind: 'date' }>, text: string, ctx: BlockContext): string | undefined {
  const before = text.slice(Math.max(0, s.start - 40), s.start);
  if (STAMP.test(text)) return 'an update stamp';
  if (POSTED_BEFORE.test(before) || POSTED_AROUND.test(sentenceAt(text, s.start, s.end))) return 'a posting date';
  if (PERIOD_ONLY.test(text) && !DEADLINE_WORD.test(text)) return 'in a support period';
  if (isEligibilitySentence(text) && !DEADLINE_WORD.test(text)) return 'in a sentence on who may apply (read as a condition)';
  // A block the deadline reader took dates from was read as a schedule, whatever its words (a table read by its headers).
  if (!ctx.datesTaken && !SCHEDULE.test(`${fold(ctx.heading ?? '')} ${text}`)) return 'under no schedule word (deadline, call, submission, 締切, 公募 ...)';
  // The year may stand before the date in the block, at the end of a range ("April 10 – June 3, 2025"), or earlier on the page.
  if (s.year === undefined && lastYearIn(text) === undefined && ctx.year === undefined) return 'no year on the page before it';
  if (untied(s, text, ctx)) return 'no word says which date it is (deadline, opening, review, 締切 ...)';
  return ctx.datesTaken ? 'left beside the dates taken from the same block' : undefined;
}

/**
 * Asks the deadline extractor itself: under a schedule heading, where any date counts, does this one
 * come out with no kind? Then only the missing kind word kept it out.
 */
function untied(s: Extract<Sighting, { kind: 'date' }>, text: string, ctx: BlockContext): boolean {
  const day = `-${String(s.month).padStart(2, '0')}${s.day !== undefined ? `-${String(s.day).padStart(2, '0')}` : ''}`;
  return extractDeadlines(text, { heading: 'Application schedule', ...(ctx.year !== undefined ? { year: ctx.year } : {}) })
    .some((d) => d.kind === 'other' && d.date.endsWith(day) && (s.year === undefined || d.date.startsWith(String(s.year))));
}

/** The reason a sighting was left, if a cheap one is known. `text` is the block's folded text. */
export function whyLeft(s: Sighting, block: Block, text: string, ctx: BlockContext): string | undefined {
  if (block.type === 'heading') return 'in a heading (facts are read from the text under headings)';
  if (s.kind === 'date') return whyDate(s, text, ctx);
  if (s.kind === 'agency-like' && !roleFrom(`${ctx.heading ?? ''} ${text}`)) return 'named with no role word (partner, counterpart, joint call, 相手国 ...)';
  return undefined;
}
