/**
 * PDF to blocks with unpdf (PDF.js): text items grouped into lines by their baseline, lines read
 * top to bottom and left to right, CJK runs joined without spurious spaces. Bigger type is a heading,
 * a leading bullet is a list item.
 */
import { getDocumentProxy } from 'unpdf';
import type { Block, Document } from './blocks.ts';
import { clean, joinPieces } from './text.ts';

export class UnreadablePdfError extends Error {
  override name = 'UnreadablePdfError';
}

interface Item { str: string; x: number; y: number; size: number }
const BULLET = /^[・●■○◆•‐\-–*]\s*/;

export async function pdfToDocument(bytes: Uint8Array, url: string): Promise<Document> {
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
  } catch (err) {
    throw new UnreadablePdfError(`the PDF could not be opened (${(err as Error).message}); check that the URL serves the real document`);
  }
  const lines: Array<{ text: string; size: number; page: number }> = [];
  for (let n = 1; n <= pdf.numPages; n += 1) {
    const page = await pdf.getPage(n);
    const content = await page.getTextContent();
    const items: Item[] = content.items.flatMap((raw) => {
      const item = raw as { str?: string; transform?: number[]; height?: number };
      return item.str && item.transform ? [{ str: item.str, x: item.transform[4]!, y: item.transform[5]!, size: item.height || Math.abs(item.transform[3]!) }] : [];
    });
    for (const line of toLines(items)) lines.push({ ...line, page: n });
  }
  await pdf.cleanup?.();
  const sizes = lines.map((l) => l.size).sort((a, b) => a - b);
  const body = sizes[Math.floor(sizes.length / 2)] ?? 10;
  const blocks: Block[] = lines.map(({ text, size, page }): Block => {
    const loc = `page ${page}`;
    if (size >= body * 1.3) return { type: 'heading', level: size >= body * 1.8 ? 1 : 2, text, loc };
    if (BULLET.test(text)) return { type: 'list-item', text: text.replace(BULLET, ''), loc };
    return { type: 'paragraph', text, loc };
  });
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

/** Items on one baseline (within a third of the type size) form a line, read left to right. */
function toLines(items: Item[]): Array<{ text: string; size: number }> {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Item[][] = [];
  for (const item of sorted) {
    const line = lines.at(-1);
    if (line && Math.abs(line[0]!.y - item.y) <= Math.max(2, item.size / 3)) line.push(item);
    else lines.push([item]);
  }
  return lines.map((line) => {
    const ordered = line.sort((a, b) => a.x - b.x);
    return { text: clean(joinPieces(ordered.map((i) => i.str))), size: Math.max(...ordered.map((i) => i.size)) };
  }).filter((l) => l.text);
}
