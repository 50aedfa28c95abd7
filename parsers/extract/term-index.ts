/**
 * A dictionary of names found in a text in one pass. Each name is indexed by its first word (Latin) or
 * its first two characters (Japanese); the text is read once for capitalised words and CJK characters,
 * and only where one starts a name are the names that start with it compared, longest first. Hundreds of
 * names as one alternation cost tens of microseconds a block; this costs a few.
 *
 * Latin names stand as whole words ("US" not in "USE"); katakana names not inside a longer katakana
 * word ("タイ" not in "タイプ"). A term may also refuse a place (an acronym that is the first half of a
 * hyphened name, "AMED-CREST").
 */
export interface TermEntry<T> { text: string; value: T; caseBlind?: boolean; refuse?: (text: string, index: number, end: number) => boolean }
export interface TermHit<T> { index: number; end: number; text: string; value: T }

export const isLatin = (s: string): boolean => /^[\x00-\x7f\u00c0-\u024f\u2013'’"]+$/.test(s);
/** A letter or digit of a Latin word, "*" or "&" (A*STAR, R&D): by code, this is asked of every character of a word. */
function isWordCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) || c === 42 || c === 38;
}
const isWordChar = (c: string | undefined): boolean => c !== undefined && isWordCode(c.charCodeAt(0));
const isKana = (c: string | undefined): boolean => c !== undefined && ((c >= 'ァ' && c <= 'ヺ') || c === 'ー');

interface Stored<T> extends TermEntry<T> { lower: string; latin: boolean }

/** Where a Latin name may start: a capitalised word (names start with one). */
// A hyphen may come before one ("Japan-Vietnam-Thailand", "JST-NSF"): each capital after one starts a word to look up.
const CAPITAL_WORD = /(?<![\w\u00c0-\u024f*&.'’])[A-Z\u00c0-\u00de]/g;
const WORD_AT = /[A-Za-z\u00c0-\u024f][\w\u00c0-\u024f*&.'’-]*/y;
const CJK = /[\u3040-\u30ff\u3400-\u9fff]/;

/** The letters, digits, "*" and "&" of the word at a place, up to the first other character ("A*STAR", "DOST" of "DOST-PCHRD"). */
function coreWord(text: string, index: number): string {
  let end = index;
  while (end < text.length && isWordCode(text.charCodeAt(end))) end++;
  return text.slice(index, end);
}

export class TermIndex<T> {
  private readonly exact = new Map<string, Array<Stored<T>>>();
  private readonly blind = new Map<string, Array<Stored<T>>>();
  /** Keys that start in lower case ("la Caixa", "e-ASIA"), found by searching for them rather than by capitals. */
  private readonly lowerKeys: string[] = [];
  /** First characters of the Japanese terms, to look at only the characters that may start one. */
  private readonly firstChars = new Set<number>();
  /** Each Latin key's letters before any hyphen, stop or apostrophe: a capitalised word that is none of these starts no term. */
  private readonly heads = new Set<string>();

  constructor(entries: Array<TermEntry<T>>) {
    for (const e of entries) {
      const latin = isLatin(e.text);
      const map = latin && e.caseBlind ? this.blind : this.exact;
      const key = latin ? (e.caseBlind ? e.text.split(' ')[0]!.toLowerCase() : e.text.split(' ')[0]!) : e.text.slice(0, 2);
      const list = map.get(key);
      const stored = { ...e, lower: e.text.toLowerCase(), latin };
      if (list) list.push(stored);
      else map.set(key, [stored]);
      if (latin && /^[a-z]/.test(key) && !this.lowerKeys.includes(key)) this.lowerKeys.push(key);
      if (!latin) this.firstChars.add(e.text.charCodeAt(0));
      else this.heads.add(coreWord(key, 0));
    }
    // Longest first, names of one length in the order given (a stable sort, once per key once all are in).
    for (const map of [this.exact, this.blind]) for (const list of map.values()) list.sort((a, b) => b.text.length - a.text.length);
  }

  /** Every term the text names, leftmost and longest first, never two on the same characters. */
  find(text: string): Array<TermHit<T>> {
    const lower = this.blind.size ? text.toLowerCase() : text;
    const starts: number[] = [];
    for (const m of text.matchAll(CAPITAL_WORD)) if (this.heads.has(coreWord(text, m.index))) starts.push(m.index);
    for (const key of this.lowerKeys) for (let i = text.indexOf(key); i >= 0; i = text.indexOf(key, i + 1)) starts.push(i);
    // Japanese names by their first two characters, at every CJK character.
    if (this.firstChars.size && CJK.test(text)) {
      for (let i = 0; i < text.length - 1; i++) if (this.firstChars.has(text.charCodeAt(i)) && this.exact.has(text.slice(i, i + 2))) starts.push(i);
    }
    if (starts.length > 1) starts.sort((a, b) => a - b);
    const hits: Array<TermHit<T>> = [];
    let next = 0;
    for (const index of starts) {
      if (index < next) continue;
      const hit = this.startingAt(text, index, lower);
      if (hit) {
        hits.push(hit);
        next = hit.end;
      }
    }
    return hits;
  }

  /**
   * The longest term that starts exactly at a place: looked up by the word there as written, without a
   * trailing stop or possessive ("DFG’s"), or by its part before a hyphen ("AMED-CREST"); a Japanese
   * term by the two characters there.
   */
  startingAt(text: string, index: number, lower?: string): TermHit<T> | undefined {
    WORD_AT.lastIndex = index;
    const word = WORD_AT.exec(text)?.[0];
    if (!word) return this.at(text, text, index, this.exact.get(text.slice(index, index + 2)));
    const hit = this.at(text, text, index, this.exact.get(word))
      ?? (this.blind.size ? this.at(text, lower ?? text.toLowerCase(), index, this.blind.get(word.toLowerCase())) : undefined);
    if (hit || !/[-'’.,]/.test(word)) return hit;
    return this.at(text, text, index, this.exact.get(word.replace(/['’]s$|[.,'’]+$/, ''))) ?? this.at(text, text, index, this.exact.get(word.split(/[-'’]/)[0]!));
  }

  private at(text: string, lower: string, index: number, list: Array<Stored<T>> | undefined): TermHit<T> | undefined {
    for (const e of list ?? []) {
      if (!(e.caseBlind ? lower.startsWith(e.lower, index) : text.startsWith(e.text, index))) continue;
      const end = index + e.text.length;
      const before = text[index - 1];
      const after = text[end];
      const whole = e.latin ? !isWordChar(before) && !isWordChar(after)
        : !(isKana(e.text[0]) && isKana(before)) && !(isKana(e.text.at(-1)) && isKana(after));
      if (whole && !e.refuse?.(text, index, end)) return { index, end, text: text.slice(index, end), value: e.value };
    }
    return undefined;
  }
}
