/**
 * PDF to blocks with unpdf (PDF.js): text items grouped into lines by their baseline, lines read
 * top to bottom and left to right, CJK runs joined without spurious spaces, wrapped lines joined
 * back into their paragraph. Bigger type is a heading, a leading bullet is a list item.
 */
import { getDocumentProxy } from 'unpdf';
import type { Block, Document } from './blocks.ts';
import { CJK, clean, joinPieces } from './text.ts';

export class UnreadablePdfError extends Error {
  override name = 'UnreadablePdfError';
}

interface Item { str: string; x: number; y: number; size: number; width: number }
interface Line { text: string; size: number; y: number; left: number; right: number; page: number }
const BULLET = /^[・●■○◆•‐\-–*]\s*/;

export async function pdfToDocument(bytes: Uint8Array, url: string): Promise<Document> {
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
  } catch (err) {
    throw new UnreadablePdfError(`the PDF could not be opened (${(err as Error).message}); check that the URL serves the real document`);
  }
  const lines: Line[] = [];
  for (let n = 1; n <= pdf.numPages; n += 1) {
    const page = await pdf.getPage(n);
    const content = await page.getTextContent();
    const items: Item[] = content.items.flatMap((raw) => {
      const item = raw as { str?: string; transform?: number[]; height?: number; width?: number };
      return item.str && item.transform
        ? [{ str: item.str, x: item.transform[4]!, y: item.transform[5]!, size: item.height || Math.abs(item.transform[3]!), width: item.width ?? 0 }]
        : [];
    });
    for (const line of toLines(items, n)) lines.push(line); // no spread: a page of many lines is more arguments than the stack takes
  }
  await pdf.cleanup?.();
  const sizes = lines.map((l) => l.size).sort((a, b) => a - b);
  const body = sizes[Math.floor(sizes.length / 2)] ?? 10;
  const blocks: Block[] = [];
  const margins = marginsOf(lines);
  // A paragraph's wrapped lines are gathered and joined once: joining line by line re-copies a long paragraph per line.
  const wrapped = new Map<Block, string[]>();
  for (const [i, line] of lines.entries()) {
    const loc = `page ${line.page}`;
    const previous = lines[i - 1];
    const last = blocks.at(-1);
    if (line.size >= body * 1.3) blocks.push({ type: 'heading', level: line.size >= body * 1.8 ? 1 : 2, text: line.text, loc });
    else if (BULLET.test(line.text)) blocks.push({ type: 'list-item', text: line.text.replace(BULLET, ''), loc });
    else if (previous && last && (last.type === 'paragraph' || last.type === 'list-item') && continues(previous, line, margins)) {
      const pieces = wrapped.get(last);
      if (pieces) pieces.push(line.text);
      else wrapped.set(last, [last.text, line.text]);
    } else blocks.push({ type: 'paragraph', text: line.text, loc });
  }
  for (const [i, block] of blocks.entries()) {
    const pieces = wrapped.get(block);
    if (pieces) blocks[i] = { ...block, text: joinPieces(pieces) };
  }
  const merged = mergeWrappedHeadings(blocks);
  return { url, title: merged.find((b) => b.type === 'heading')?.text, blocks: merged, boilerplate: [] };
}

/** A long heading wraps onto several lines of the same size: one heading again. */
function mergeWrappedHeadings(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (const block of blocks) {
    const last = out.at(-1);
    if (block.type === 'heading' && last?.type === 'heading' && last.level === block.level) {
      out[out.length - 1] = { ...last, text: joinPieces([last.text, block.text]) };
    } else out.push(block);
  }
  return out;
}

/**
 * A line continues the paragraph above it when the line above was wrapped: its next word would not
 * have fitted before the right margin of the page's text, it stands one line height above in the
 * same type (a little more when it starts in lower case: a paragraph break mid-sentence), and it
 * does not end a sentence. Lines that stop short ("Contact: x@jst.go.jp") are paragraphs of their own.
 */
function continues(above: Line, line: Line, margins: Map<number, number>): boolean {
  if (above.page !== line.page || Math.abs(above.size - line.size) > 0.5) return false;
  const gap = above.y - line.y;
  if (gap <= 0 || gap > line.size * 1.6) return false;
  const lowerCase = /^[a-z]/.test(line.text) && !/^https?:/.test(line.text);
  if ((gap > line.size * 1.25 && !lowerCase) || /[。.:：]$/.test(above.text)) return false;
  const margin = margins.get(line.page) ?? line.right;
  const charWidth = (line.right - line.left) / Math.max(1, line.text.length);
  const firstWord = CJK.test(line.text[0] ?? '') ? 1 : (line.text.split(' ')[0]?.length ?? 1);
  return above.right + (firstWord + 1) * charWidth >= margin - line.size;
}

/** The right margin of each page's text (its rightmost line end), found once instead of once per line. */
function marginsOf(lines: Line[]): Map<number, number> {
  const margins = new Map<number, number>();
  for (const line of lines) margins.set(line.page, Math.max(margins.get(line.page) ?? Number.NEGATIVE_INFINITY, line.right));
  return margins;
}

/** Items on one baseline (within a third of the type size) form a line, read left to right. */
function toLines(items: Item[], page: number): Line[] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Item[][] = [];
  for (const item of sorted) {
    const line = lines.at(-1);
    if (line && Math.abs(line[0]!.y - item.y) <= Math.max(2, item.size / 3)) line.push(item);
    else lines.push([item]);
  }
  return lines.map((line) => {
    const ordered = line.sort((a, b) => a.x - b.x);
    return {
      text: clean(joinPieces(ordered.map((i) => i.str))), size: largest(ordered.map((i) => i.size)), y: ordered[0]!.y,
      left: ordered[0]!.x, right: largest(ordered.map((i) => i.x + i.width)), page,
    };
  }).filter((l) => l.text);
}

/** Math.max of many numbers without spreading them into arguments. */
function largest(values: number[]): number {
  return values.reduce((max, v) => Math.max(max, v), Number.NEGATIVE_INFINITY);
}
