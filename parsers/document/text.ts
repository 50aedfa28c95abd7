/** Text helpers shared by the document builders and the extractors. */

/** Collapses whitespace; keeps the page's characters as they are (evidence is the page's own words). */
export function clean(text: string): string {
  return text.replace(/[\s\u00a0\u3000]+/g, ' ').trim();
}

/** For matching only: NFKC folds full-width digits, letters and brackets (２０２５年（月）) to plain forms. */
export function fold(text: string): string {
  return clean(text.normalize('NFKC'));
}

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
