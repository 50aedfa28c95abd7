/** What one block says, cut into the pieces that each speak of one thing (a track's column, a label's value). */
import type { Block } from '../document/blocks.ts';
import { columnTrack, tracksIn } from './tracks.ts';

/** "Support scale（Top）：最大3.8億円": a short label before a colon says what the rest of the block is. */
export const LABEL = /^([^:：]{2,40}?)\s*[:：]\s*(.+)$/s;

/**
 * What one block says, cut into pieces that each speak of one thing: a table row with its own header
 * gives one piece per track column ("Support scale" x "ASPIRE for Top Scientists"); a labelled
 * paragraph gives its value under its label; anything else is one piece.
 */
export interface Piece { text: string; dateText: string; label: string; tracks: string[]; whole: boolean; columns?: Array<{ text: string; header?: string }> }

/** A heading that compares call types ("Difference between call types", "単独公募と共同公募の違い") speaks of no one of them. */
const COMPARISON = /difference|differences|compar|versus|\bvs\.?\b|違い|比較/i;

export function pieces(block: Block, heading: string, tracks: string[]): Piece[] {
  const headingTracks = COMPARISON.test(heading) ? [] : tracksIn(heading, tracks);
  if (block.type === 'table-row') {
    const dateText = block.header ? block.cells.map((c, i) => `${block.header![i] ?? ''}: ${c}`).join(' ; ') : block.text;
    const columns = block.cells.map((text, i) => ({ text, header: block.header?.[i] }));
    if (!block.rowHeader) return [{ text: block.text, dateText, label: heading, tracks: headingTracks, whole: false, columns }];
    const values = block.cells.slice(1);
    const shared = values.every((v) => v === values[0]);
    if (shared) return [{ text: values[0] ?? '', dateText: `${block.rowHeader}: ${values[0] ?? ''}`, label: block.rowHeader, tracks: headingTracks, whole: true }];
    return values.flatMap((value, i) => {
      if (!value) return [];
      const track = columnTrack(block, i + 1);
      return [{ text: value, dateText: `${block.rowHeader}: ${value}`, label: block.rowHeader!, tracks: track ? [track] : headingTracks, whole: true }];
    });
  }
  const labelled = block.type !== 'heading' ? LABEL.exec(block.text) : null;
  if (labelled && !/https?$/i.test(labelled[1]!)) {
    const own = tracksIn(labelled[1]!, tracks);
    return [{ text: block.text, dateText: block.text, label: labelled[1]!, tracks: own.length ? own : headingTracks, whole: false }];
  }
  return [{ text: block.text, dateText: block.text, label: heading, tracks: headingTracks, whole: false }];
}
