/**
 * Why a thing seen in a block was left out of the record, when the extractors' own word lists can
 * tell cheaply: a heading (facts are read from the text under headings), an update stamp or a posting
 * date, a support period, a condition of who may apply, a date left beside others taken from its
 * block, a date under no schedule word, without a year or with no word saying which date it is; for
 * a name, the agency extractor's own reason to leave it (a time zone, a programme's name, whom to
 * contact...) or that no finder reads it. No answer is better than a guess: anything else gives none.
 */
import type { Block } from '../document/blocks.ts';
import { STAMP } from '../document/html.ts';
import { fold } from '../document/text.ts';
import { roleFrom, sentenceAt } from '../extract/agency-roles.ts';
import { wordsKind } from '../extract/date-words.ts';
import { extractDeadlines, lastYearIn, PERIOD_ONLY, POSTED_AROUND, POSTED_BEFORE, SCHEDULE } from '../extract/dates.ts';
import { isEligibilitySentence } from '../extract/eligibility.ts';
import type { NotPartner } from '../extract/agency-roles.ts';
import type { Mention } from '../extract/funder-mentions.ts';
import type { Sighting } from './sightings.ts';

/**
 * What the reader knew on reaching a block: the heading it stands under, the last year written before
 * it, and whether the deadline reader took other dates from it.
 */
export interface BlockContext { heading?: string; year?: number; datesTaken?: boolean }

const DEADLINE_WORD = /deadline|締切|〆切|期限/i;

function whyDate(s: Extract<Sighting, { kind: 'date' }>, text: string, ctx: BlockContext): string | undefined {
  const before = text.slice(Math.max(0, s.start - 40), s.start);
  if (STAMP.test(text)) return 'an update stamp';
  if (POSTED_BEFORE.test(before) || POSTED_AROUND.test(sentenceAt(text, s.start))) return 'a posting date';
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
 * Whether no word of the date's sentence names a step (the deadline reader's own word list), and the date alone,
 * under a schedule heading where a bare date counts, would come out with no kind: then only the missing kind word
 * kept it out.
 */
function untied(s: Extract<Sighting, { kind: 'date' }>, text: string, ctx: BlockContext): boolean {
  if (wordsKind(sentenceAt(text, s.start))) return false;
  const day = `-${String(s.month).padStart(2, '0')}${s.day !== undefined ? `-${String(s.day).padStart(2, '0')}` : ''}`;
  return extractDeadlines(text.slice(s.start, s.end), { heading: 'Application schedule', ...(ctx.year !== undefined ? { year: ctx.year } : {}) })
    .some((d) => d.kind === 'other' && d.date.endsWith(day) && (s.year === undefined || d.date.startsWith(String(s.year))));
}

/** The reason a sighting was left, if a cheap one is known. `text` is the block's folded text. */
export function whyLeft(s: Sighting, block: Block, text: string, ctx: BlockContext): string | undefined {
  if (block.type === 'heading') return 'in a heading (facts are read from the text under headings)';
  if (s.kind === 'date') return whyDate(s, text, ctx);
  if (s.kind === 'agency-like') return whyAgency(s, text, ctx);
  return undefined;
}

/** The agency extractor's own reasons for leaving a funder it found (agency-roles.ts), in words. */
const NOT_PARTNER: Record<NotPartner, string> = {
  'time-zone': 'read as a time zone, not the agency',
  'programme-name': 'read as part of a programme\'s or website\'s name',
  'contact-only': 'named only as whom to contact or where to read more',
  'said-not-to': 'the sentence says it takes no part',
  'agreement-party': 'a government party to an agreement, not a funder of the call',
  former: 'named as where the programme came from',
  affiliation: 'named as where a person works, not as a funder of the call',
  'institution-list': 'in a list of institutions researchers may come from, not of funders',
  unit: 'an office or institute of another funder named beside it',
};

function whyAgency(s: Extract<Sighting, { kind: 'agency-like' }>, text: string, ctx: BlockContext): string | undefined {
  if (!s.mention) return 'found by no agency finder (not in the gazetteer parsers/data/funders.json, and no acronym they read)';
  if (s.mention.notPartner) return NOT_PARTNER[s.mention.notPartner];
  if (s.mention.needs !== 'nothing' && !roleFrom(`${ctx.heading ?? ''} ${sentenceAt(text, s.start)}`)) return needsWhat(s.mention.needs);
  return s.mention.untied ? 'nothing ties it to this call: no role word (partner, joint call, 相手国 ...), no "funded by", no call word in its sentence or heading' : undefined;
}

function needsWhat(needs: Exclude<Mention['needs'], 'nothing'>): string {
  return needs === 'role' ? 'a body that counts as a funder only where a role word says so (partner, joint call, 相手国 ...)'
    : 'an acronym that also reads as something else, with no role word, country or other funders beside it';
}
