/** Text helpers shared by the document builders and the extractors. */
import { spend } from './limits.ts';

/**
 * Collapses whitespace; keeps the page's characters as they are (evidence is the page's own words).
 * Every stage calls it, so it is where a page past its time budget is stopped (limits.ts), and where plain text is
 * stored one byte a character (flatLatin1).
 */
export function clean(text: string): string {
  spend();
  return flatLatin1(text.replace(/[\s\u00a0\u3000]+/g, ' ').trim());
}

/**
 * Remembers the last few thousand results of a pure function of one string. Extractors ask the same
 * question of the same block several times (its year, its folded form, its countries); the answer
 * does not change within a page. Bounded, so a long run cannot grow it without end.
 */
const caches: Array<Map<string, unknown>> = [];

/** Forgets every remembered result: parsePage starts each page afresh, so one page's work never speeds up (or skews) the next. */
export function forgetMemos(): void {
  for (const cache of caches) cache.clear();
}

export function memo<T>(fn: (text: string) => T, size = 4000): (text: string) => T {
  const cache = new Map<string, T>();
  caches.push(cache as Map<string, unknown>);
  return (text: string): T => {
    spend();
    const hit = cache.get(text);
    if (hit !== undefined || cache.has(text)) return hit as T;
    if (cache.size >= size) cache.clear();
    const value = fn(text);
    cache.set(text, value);
    return value;
  };
}

/** For matching only: NFKC folds full-width digits, letters and brackets (２０２５年（月）) to plain forms. */
export const fold = memo((text: string): string => clean(text.normalize('NFKC')));

const BEYOND_LATIN1 = /[^\x00-\xff]/;
/**
 * The same text, stored one byte a character when every character fits. A piece cut from a page with one curly
 * quote is stored two bytes a character however plain it is, and V8 compiles each pattern once for each storage:
 * most patterns would be compiled twice on an English page (measured: cold first parse CPU -20% with fold alone,
 * a further -8% in clean; warm unchanged).
 */
const flatLatin1 = (text: string): string => (BEYOND_LATIN1.test(text) ? text : Buffer.from(text, 'latin1').toString('latin1'));

export const CJK = /[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]/;

/** Joins text pieces, with no space between two CJK characters (PDF text runs come split). */
export function joinPieces(pieces: string[]): string {
  let out = '';
  for (const piece of pieces.map((p) => p.trim()).filter(Boolean)) {
    // No space between two CJK characters, nor after a hyphen where a line wrapped ("e-" + "ASIA").
    const tight = !out || (CJK.test(out.at(-1)!) && CJK.test(piece[0]!)) || (/[A-Za-z]-$/.test(out) && /^[A-Za-z]/.test(piece));
    out += tight ? piece : ` ${piece}`;
  }
  return out;
}
