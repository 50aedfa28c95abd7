/**
 * A programme page's blocks, cut into sections: the standing terms, then one section per call year a heading
 * names ("2026 call", "FY2025", "令和7年度"), each block placed with what the reader knows on reaching it (its
 * heading, the year in force, the list introduction and the lead line it stands under).
 */
import type { Block } from '../document/blocks.ts';
import { fold } from '../document/text.ts';
import { lastYearIn } from './dates.ts';
import { continuesSentence, isAsideLine, isLeadLine, isQuestion, namesSection } from './eligibility.ts';

const CALL_YEAR = /(?:FY\s?|fiscal year\s?)(\d{4})|(\d{4})\s*(?:call|calls for proposals|call for proposals|公募|年度)|(令和|平成)\s*(\d{1,2}|元)\s*年度|call for (?:applications|proposals)\s*[:：]?\s*(\d{4})\b/i;
const INTRO = /[:：]$|(下記|以下|次)の?[^。]{0,20}?(いずれか|とおり|通り|条件|要件)|the following\b[^.]*[.:]$/i;
/** A line that starts with a bullet glyph ("● Applicants must …"): an item, whether or not the markup made it one. */
export const BULLETED = /^[•・●○◆◇■□▪▶►·∙‧*＊\-–—]/;
export const ENUMERATED = /^(\d{1,2}[.)．]|[(（](?:[ivxⅰ-ⅻ]+|\d{1,2}|[a-z])[)）]|[①-⑳]|[ⅰ-ⅻ][.)．])\s*/i;

export function callYear(text: string): number | undefined {
  const m = CALL_YEAR.exec(fold(text));
  if (!m) return undefined;
  if (m[3]) return (m[3] === '令和' ? 2018 : 1988) + (m[4] === '元' ? 1 : Number(m[4]));
  return Number(m[1] ?? m[2] ?? m[5]);
}

/** A block with what the reader knows when reaching it. */
export interface Placed { block: Block; heading?: Block; year?: number; intro?: string; lead?: string }
export interface Section { callId?: string; title: string; items: Placed[] }

export function sections(blocks: Block[]): Section[] {
  const out: Section[] = [{ title: '', items: [] }];
  let current = out[0]!;
  let heading: Block | undefined;
  let year: number | undefined;
  let intro: string | undefined;
  let lead: string | undefined;
  let callLevel = Infinity;
  for (const [i, block] of blocks.entries()) {
    year = lastYearIn(block.text) ?? year;
    if (block.type === 'heading') {
      heading = block;
      intro = undefined;
      lead = undefined;
      const y = block.level <= 3 ? callYear(block.text) : undefined;
      if (y !== undefined) {
        const found = out.find((s) => s.callId === `fy${y}`);
        current = found ?? { callId: `fy${y}`, title: block.text, items: [] };
        if (!found) out.push(current);
        callLevel = block.level;
        continue;
      }
      // A heading as high as the call's own ("Eligibility", "Contact" after "FY2027 call") ends the call:
      // what follows holds for the programme again.
      if (block.level <= callLevel) {
        current = out[0]!;
        callLevel = Infinity;
      }
    }
    if (!current.title && block.type === 'heading') current.title = block.text;
    // A short unpunctuated paragraph ("3. 応募資格", "■Applicant Eligibility") is a heading in all but markup:
    // what follows stands under it, unless it is one of the numbered or bulleted items a list introduction announced.
    // In a Q&A answer, a line that names no section (a table's header row, "Program Short-term Long-term") keeps the question.
    const answering = lead !== undefined && isQuestion(lead) && !namesSection(block.text);
    // A table row of one cell ("| 申請資格 |", a heading row spanning the table) is a line like any other.
    const line = block.type === 'paragraph' || (block.type === 'table-row' && block.cells.filter((c) => c.trim()).length === 1);
    if (line && isLeadLine(block.text) && !isAsideLine(block.text) && !answering && !(intro && (ENUMERATED.test(block.text) || BULLETED.test(block.text))) && !(blocks[i + 1]?.type === 'paragraph' && continuesSentence(block.text, blocks[i + 1]!.text))) lead = block.text;
    // In a Q&A, the question is what its answers stand under ("応募可能な企業の要件について教えてください。").
    else if (block.type !== 'heading' && isQuestion(block.text)) lead = block.text;
    // A block after the first that has no item's mark ends the list before it is read ("- a", "- b", "We welcome …").
    if (intro && blocks[i - 1]?.text !== intro && !(block.type === 'list-item' || ENUMERATED.test(block.text) || BULLETED.test(block.text))) intro = undefined;
    current.items.push({ block, heading, year, intro, lead });
    // A sentence ending in a colon, or pointing at what follows ("下記いずれかを満たしている必要があります。"),
    // introduces the list or numbered items after it; anything else ends the list.
    if (INTRO.test(block.text)) intro = block.text;
    else if (!(block.type === 'list-item' || ENUMERATED.test(block.text) || BULLETED.test(block.text))) intro = undefined;
  }
  return out;
}
