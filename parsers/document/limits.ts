/**
 * The bounds of reading one page. A hostile or broken page (100,000 nested <div>s, 15 MB of empty
 * elements, text that sends an extractor quadratic) must cost a refusal, not minutes of a worker's time,
 * a stack overflow, or more memory than the worker has. Every limit is far above any real programme page
 * (the recorded ones: depth under 12, a few hundred elements, under 20 ms) and ends in a reason a
 * maintainer can act on.
 */
import type { Document } from './blocks.ts';

/** Browsers stop nesting at 512 (Blink's HTML parser caps its tree depth there), so deeper is never a page anyone reads. */
export const MAX_DEPTH = 512;
/**
 * Elements and comments: the largest recorded page (fixtures/) has 209, a long real page with a site's full
 * menus a few thousand; 50,000 is 240 times the first and ten times a 5,000-element page. Each accepted one
 * costs ~70 us and ~3 KB of peak memory downstream (every block runs every extractor), so 100,000
 * short paragraphs took 9 s and 291 MB; 49,000 take under 4 s (bench/page-limits.ts).
 */
export const MAX_ELEMENTS = 50_000;
/** One page's document and extract stages: ~500 times the slowest recorded page, on a worker's fraction of a CPU. */
export const PAGE_BUDGET_MS = 10_000;

/** A page past one of the bounds: parsePage turns it into an UnreadableDocumentError naming the page. */
export class DocumentLimitError extends Error {
  override name = 'DocumentLimitError';
}

const count = (n: number): string => n.toLocaleString('en-US');

export const tooDeep = (): DocumentLimitError =>
  new DocumentLimitError(`unreadable: too deep (more than ${MAX_DEPTH} levels of nested elements, where browsers stop too)`);
export const tooLarge = (): DocumentLimitError =>
  new DocumentLimitError(`unreadable: too large (more than ${count(MAX_ELEMENTS)} elements)`);
/** Row- and column spans multiply cells (a rowspan of 500 over 50,000 columns): the grid is bounded by itself. */
export const MAX_TABLE_CELLS = 500_000;
export const tableTooLarge = (): DocumentLimitError =>
  new DocumentLimitError(`unreadable: too large (a table of more than ${count(MAX_TABLE_CELLS)} cells once its spans are expanded)`);

/**
 * One block's text: a long real paragraph or table cell is a few thousand characters; a page that is one
 * 15 MB paragraph is no programme page. Bounded because some extractors scan a block's text once per date
 * they find in it, and that cost cannot be interrupted mid-block.
 */
export const MAX_BLOCK_CHARS = 100_000;

/**
 * A block's text as read, before its spacing is collapsed, stops growing here: collapsing the spaces of a
 * 15 MB text costs ~500 MB at once (a match list per space), so the refusal has to come first.
 */
export const MAX_RAW_BLOCK_CHARS = 8 * MAX_BLOCK_CHARS;
export const rawBlockTooLarge = (): DocumentLimitError =>
  new DocumentLimitError(`unreadable: too large (a block of more than ${count(MAX_RAW_BLOCK_CHARS)} characters with its spacing)`);

/**
 * A whole document's text: 2,000,000 characters is a thousand printed pages, fifty times the longest
 * recorded page. Extraction costs ~15 bytes of memory per character of text (bench/page-limits.ts), so
 * this is what keeps a page at the fetch cap inside the worker's memory.
 */
export const MAX_TEXT_CHARS = 2_000_000;

/**
 * A whole page's text as the HTML parser hands it over (spacing, indentation and the chrome's words
 * included; scripts and styles not): the parse stops here, so a page of more text than MAX_TEXT_CHARS is
 * refused before its tree and blocks exist, which is what kept a page at the fetch cap at three times the
 * memory of the process (bench/page-limits.ts). The recorded pages (fixtures/) carry at most 1.6 characters
 * of raw text per character of their blocks; four, two and a half times that, leaves indented real pages to
 * the exact count below, and still refuses 15 MB of prose at half its parse (~50 MB over the process floor).
 */
export const MAX_RAW_TEXT_CHARS = 4 * MAX_TEXT_CHARS;
export const rawTextTooLarge = (): DocumentLimitError =>
  new DocumentLimitError(`unreadable: too large (more than ${count(MAX_RAW_TEXT_CHARS)} characters of text with its spacing)`);

/** The document, or a DocumentLimitError when one block or all of them hold more text than the bounds allow. */
export function withinBlockSize(doc: Document): Document {
  let longest = 0;
  let total = 0;
  for (const block of doc.blocks) [longest, total] = [Math.max(longest, block.text.length), total + block.text.length];
  if (longest > MAX_BLOCK_CHARS) {
    throw new DocumentLimitError(`unreadable: too large (a block of ${count(longest)} characters, over ${count(MAX_BLOCK_CHARS)})`);
  }
  if (total > MAX_TEXT_CHARS) throw new DocumentLimitError(`unreadable: too large (${count(total)} characters of text, over ${count(MAX_TEXT_CHARS)})`);
  return doc;
}

/**
 * The running page's time budget. Parsing is synchronous CPU work nothing can interrupt from outside, so
 * the walks and the text helpers every extractor calls (clean, memo) ask spend() as they go. It is armed
 * only around synchronous stretches (withBudget never awaits), so two pages parsed concurrently on one
 * event loop can never share or overwrite it.
 */
let deadline = Number.POSITIVE_INFINITY;
let budgetMs = 0;

export function withBudget<T>(ms: number, work: () => T): T {
  const [outerDeadline, outerBudget] = [deadline, budgetMs];
  [deadline, budgetMs] = [Math.min(outerDeadline, performance.now() + ms), ms];
  try {
    return work();
  } finally {
    [deadline, budgetMs] = [outerDeadline, outerBudget];
  }
}

/** Throws once the running page is past its budget; free when no budget is armed. */
export function spend(): void {
  if (deadline !== Number.POSITIVE_INFINITY && performance.now() > deadline) {
    throw new DocumentLimitError(`unreadable: too slow (still reading after ${count(budgetMs)} ms)`);
  }
}
