/**
 * What the parser did not understand on a page: each block that held a date, an amount, an e-mail
 * address or an agency-like name that no field of the record took, with where the block is, its text
 * (shortened), what was seen in it and, when the extractors can tell, why it was left. Blocks set aside
 * as page chrome count too: a deadline in a side box is worth knowing about. Pure: the document and the
 * record in, findings out; `fundwatch parse --explain` prints them.
 */
import type { Agency, ParseResult } from '#parsers/schema.ts';
import type { Block, Document } from '../document/blocks.ts';
import { CJK, fold } from '../document/text.ts';
import { lastYearIn } from '../extract/dates.ts';
import { whyLeft, type BlockContext } from './reasons.ts';
import { sightingsIn, valueOf, type Sighting } from './sightings.ts';
import { isTaken, takenBy, tookFrom, type Taken } from './taken.ts';

export interface Seen {
  kind: Sighting['kind'];
  /** "2025-06-03" ("--06-03" without a year), "30,000,000 yen", "office@example.jp", "Research Council of Norway (RCN)". */
  value: string;
  why?: string;
}

export interface Finding {
  loc: string;
  type: Block['type'];
  /** True for a block set aside as page chrome (navigation, footer, side box, update stamp). */
  boilerplate: boolean;
  /** The block's text, shortened around the first thing seen. */
  text: string;
  seen: Seen[];
}

export interface Explanation {
  url: string;
  /** How many content and boilerplate blocks the page has. */
  blocks: number;
  boilerplate: number;
  findings: Finding[];
}

/**
 * The text cut to one line of a terminal, keeping the part around `at` (where the first thing seen
 * stands): about 140 characters, 70 of Japanese, which fill twice the width.
 */
export function shorten(text: string, at = 0): string {
  const max = CJK.test(text) ? 70 : 140;
  if (text.length <= max) return text;
  const from = Math.max(0, Math.min(at - Math.floor(max / 4), text.length - max));
  return `${from > 0 ? '…' : ''}${text.slice(from, from + max).trim()}${from + max < text.length ? '…' : ''}`;
}

/** Where in the block's text the first thing seen stands, to keep it in the shortened text. */
function firstAt(text: string, seen: Sighting[]): number {
  const s = seen[0]!;
  if (s.kind === 'date') return s.start;
  const words = s.kind === 'address' ? s.email.split('@')[0]! : s.kind === 'agency-like' ? s.name : '';
  return Math.max(0, words ? text.toLowerCase().indexOf(words.toLowerCase()) : 0);
}

function findingOf(block: Block, boilerplate: boolean, ctx: BlockContext, hosts: readonly Agency[], taken: Taken): Finding | undefined {
  const text = fold(block.text);
  const left = sightingsIn(block, hosts, ctx.heading).filter((s) => !isTaken(s, block, taken));
  if (!left.length) return undefined;
  const seen = left.map((s) => {
    const why = whyLeft(s, block, text, ctx);
    return { kind: s.kind, value: valueOf(s), ...(why ? { why } : {}) };
  });
  // Positions are found in the folded text; folding keeps nearly every character one character, so they hold for the page's own words.
  return { loc: block.loc, type: block.type, boilerplate, text: shorten(block.text, firstAt(text, left)), seen };
}

/**
 * The page's findings: content blocks in reading order, then the boilerplate.
 * @example explainPage(document, result).findings[0] // { loc: 'main > p', type: 'paragraph', seen: [{ kind: 'date', value: '2025-06-03', why: 'under no schedule word ...' }], ... }
 */
export function explainPage(doc: Document, result: ParseResult): Explanation {
  const taken = takenBy(result);
  const hosts = [...new Set([result.source.agency, ...result.programs.map((p) => p.agency)])];
  const findings: Finding[] = [];
  let heading: string | undefined;
  let year: number | undefined;
  for (const block of doc.blocks) {
    const finding = findingOf(block, false, { heading, year, datesTaken: tookFrom('date', block, taken) }, hosts, taken);
    if (finding) findings.push(finding);
    if (block.type === 'heading') heading = block.text;
    year = lastYearIn(block.text) ?? year;
  }
  for (const block of doc.boilerplate) {
    const finding = findingOf(block, true, {}, hosts, taken);
    if (finding) findings.push(finding);
  }
  return { url: result.source.url, blocks: doc.blocks.length, boilerplate: doc.boilerplate.length, findings };
}
