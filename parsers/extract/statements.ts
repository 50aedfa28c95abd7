/**
 * Statements: the sentences, list items and table cells a block says, each in the page's own words.
 * A classifier that reads statements one at a time needs them whole: not the paragraph around them
 * (one requirement among five descriptions) and not a fragment (half a sentence a layout broke in two).
 *
 * English and Japanese are split by the same rules: a sentence ends at . ! ? 。！？ outside brackets
 * (so "（ただし、…に限る。）" and "Ph.D." stay inside their sentence); table cells joined with " | "
 * are statements of their own; a short "Label: value" keeps its label apart as context; Japanese list items
 * a layout ran into one line ("…者 2. …者") start at their own number.
 */
import { CJK, memo } from '../document/text.ts';

/** One statement: what it says (list marker dropped), the words on the page, and a label it stood under. */
export interface Statement { text: string; evidence: string; label?: string }

/** "•", "・", "■", "1.", "(2)", "（ⅲ）", "①", "a)", "※1:", "Q1-2", "A.", "ア ": the marker says where an item stands, not what it says. */
const MARKER = /^(?:[※*＊](?:\d{1,2}\s*[:：.)）]?)?\s*|[QAＱＡ]\s*-?\d{1,2}(?:-\d{1,2})?[.:：)]?\s+|[QAＱＡ][.:：]\s+|[アイウエオカキクケコ][.．)）]?\s+(?=\S)|[•・●○◆◇■□▪▶►·∙‧\-–—]\s*|\d{1,2}[.)．](?!\d)\s*|[a-z][.)](?=\s)\s*|[(（](?:\d{1,2}|[a-z]|[ivx]{1,4}|[ⅰ-ⅻⅠ-Ⅻ])[)）]\s*|[①-⑳]\s*|[ⅰ-ⅻⅠ-Ⅻ][.)．]?\s*)+/i;

/** Abbreviations whose full stop ends no sentence. */
const ABBREVIATION = /(?:\b(?:e\.g|i\.e|etc|cf|vs|approx|Dr|Mr|Mrs|Ms|Prof|No|Nos|Vol|pp|Fig|Inc|Ltd|Co|Corp|Jr|Sr|St|Dept|Univ|incl|excl|max|min|est)|\b[A-Z](?:\.[A-Z])*|Ph\.D|\bU\.S|\bU\.K)$/;

const OPEN = new Set('([（「『【〔[{“‘');
const CLOSE = new Set(')]）」』】〕]}”’');
const STOP = /[.!?。！？]/;

/** "Eligibility: researchers in Japan" -> the label apart; a colon inside a long first clause is no label. */
const LABEL = /^([^:：。.]{2,40}?)\s*[:：]\s*(\S.*)$/s;

/** A value of two words or eight characters at most ("Pre/ Postdocs", "日本国籍"): a name, not a statement. */
const SHORT_VALUE = /^(?=.{1,20}$)[^\s.。]+(?:\s+[^\s.。]+)?[.。]?$|^[^.。\s]{1,8}[.。]?$/;

const SPACE_LABEL = /^([^\s、。,.:：()（）]{2,14}) (?=[^\s]{8})(?=.*[\u3040-\u30ff\u3400-\u9fff])/;

/** A cell that names what its row is about: short, no sentence stop, not a number or a date. */
function isCellLabel(cell: string): boolean {
  const t = cell.trim();
  if (!t || /[.。!?！？:：]$/.test(t) || /^[\d\s,./()-]+$/.test(t)) return false;
  return CJK.test(t) ? t.length <= 16 : t.length <= 40 && t.split(' ').length <= 5;
}

/** Drops the list marker a statement starts with. */
export function withoutMarker(text: string): string {
  return text.replace(MARKER, '').trim();
}

/**
 * Splits text into sentences at a full stop outside brackets. A full stop after an abbreviation, a
 * decimal point, or one followed by a lower-case word ("approx. three") ends nothing.
 */
export function sentences(text: string): string[] {
  const out: string[] = [];
  // Most blocks are one sentence or none: no stop before the last character, nothing to cut.
  if (!STOP.test(text.slice(0, -1))) return splitInlineItems(text).map((x) => x.trim()).filter((x) => x && !/^[\p{P}\s]*$/u.test(x));
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (OPEN.has(c)) depth += 1;
    else if (CLOSE.has(c)) depth = Math.max(0, depth - 1);
    // 「…。」 or “… .” closes a quoted sentence: it ends where the quote closes, unless a stop follows.
    // An aside in brackets that ends on a stop, "（以下「満期退学」という。）し、…", goes on when kana or a comma follows.
    const quoted = depth === 0 && CLOSE.has(c) && /[.。!?！？]/.test(text[i - 1] ?? '') && !/^\s*[.。!?！？、，,ぁ-ん]/.test(text.slice(i + 1)) && endsSentence(text, i - 1, i + 1);
    if (!quoted && (depth > 0 || !endsSentence(text, i))) continue;
    // Closing quotes and brackets right after the stop belong to the sentence.
    let end = i + 1;
    while (end < text.length && CLOSE.has(text[end]!)) end += 1;
    // "In which country do you hold citizenship?: 4. …": a question with its answer after a colon ends at the colon.
    if ('?？'.includes(c) && /[:：]/.test(text[end] ?? '')) end += 1;
    out.push(text.slice(start, end));
    start = end;
    i = end - 1;
  }
  out.push(text.slice(start));
  return out.flatMap(splitInlineItems).map((s) => s.trim()).filter((s) => s && !/^[\p{P}\s]*$/u.test(s));
}

/** "…に在学する者 2. 一貫制の…者", "…であること ※…問いません。": Japanese items and notes a layout ran together start at their own mark. */
const INLINE_ITEM = /(?<=[\u3040-\u30ff\u3400-\u9fff）)]) (?=(?:\d{1,2}[.．)]|[(（]\d{1,2}[)）]|[①-⑳]|※)\s?[\u3040-\u30ff\u3400-\u9fff])/;
const splitInlineItems = (sentence: string): string[] => sentence.split(INLINE_ITEM);

/** Does the stop at `i` end its sentence? `after` is where the text after it starts (past a closing quote). */
function endsSentence(text: string, i: number, after = i + 1): boolean {
  const c = text[i]!;
  if ('。！？'.includes(c)) return true;
  if (!'.!?'.includes(c)) return false;
  const next = text.slice(after);
  if (c === '?' && /^[:：]/.test(next)) return true;
  if (next && !/^[\s)"”’]/.test(next)) return CJK.test(next[0]!); // "3.5", "e.g.,", "jst.go.jp"
  if (c === '.' && ABBREVIATION.test(text.slice(Math.max(0, i - 12), i))) return false;
  // "… 2. 研究機関に…": a list number, not the end of what came before.
  if (c === '.' && /(?:^|\s)\d{1,2}$/.test(text.slice(Math.max(0, i - 3), i))) return false;
  // "... approx. three years" or "(see p. 4)": a lower-case word or a digit goes on with the same sentence.
  return !/^\s+[a-z0-9]/.test(next);
}

/** Every statement of a block's text: cells, then sentences in each, list markers dropped. Remembered per page. */
export const statements = memo((text: string): Statement[] => {
  // A table row that lost its markup keeps its pipes ("| 応募資格 | 国内の研究者 |"): its cells are the same statements.
  const cells = text.replace(/^\s*\|\s*|\s*\|\s*$/g, '').split(/\s+\|\s+/);
  // "Eligibility | Researchers at universities in Japan", "国籍 | 日本国籍を有する者": a short first cell labels the row.
  const rowHead = cells.length > 1 && isCellLabel(cells[0]!) ? cells[0]!.trim() : undefined;
  return cells.flatMap((cell, i) => {
    const labelled = LABEL.exec(cell.trim());
    const label = labelled && !/https?$|\d$/i.test(labelled[1]!) ? labelled[1]!.trim() : undefined;
    const body = label ? labelled![2]! : cell;
    // A flattened Japanese table row, "応募要件 日本国内の…研究者": the short first word labels the row; it stays in the text.
    const rowLabel = label ?? (i > 0 ? rowHead : undefined) ?? SPACE_LABEL.exec(cell.trim())?.[1];
    // "Eligibility: Pre/ Postdocs", "国籍：日本": a value of a word or two says nothing without its label, which stays in the text.
    if (label && SHORT_VALUE.test(body.trim())) return [{ text: withoutMarker(cell.trim()), evidence: cell.trim(), label }];
    return sentences(body).map((evidence) => ({ text: withoutMarker(evidence), evidence, ...(rowLabel ? { label: rowLabel } : {}) })).filter((s) => s.text);
  });
});
