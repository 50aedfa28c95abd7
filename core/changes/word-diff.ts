/**
 * Word-level diff of two sentences, so that a reworded eligibility term shows the words that changed.
 * Japanese has no spaces: it is segmented into words with Intl.Segmenter.
 */
import { diffArrays } from 'diff';

export interface WordOp {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]/;

export function tokenize(text: string): string[] {
  const segmenter = new Intl.Segmenter(CJK.test(text) ? 'ja' : 'en', { granularity: 'word' });
  return [...segmenter.segment(text)].map((s) => s.segment);
}

export function wordDiff(before: string, after: string): WordOp[] {
  const ops: WordOp[] = [];
  for (const part of diffArrays(tokenize(before), tokenize(after))) {
    const op: WordOp['op'] = part.added ? 'insert' : part.removed ? 'delete' : 'equal';
    const text = part.value.join('');
    const last = ops.at(-1);
    if (last?.op === op) last.text += text;
    else ops.push({ op, text });
  }
  return ops;
}

/** The changed words only, for one-line summaries: "-six +ten". */
export function changedWords(ops: WordOp[]): string {
  return ops.filter((o) => o.op !== 'equal' && o.text.trim()).map((o) => `${o.op === 'insert' ? '+' : '-'}${o.text.trim()}`).join(' ');
}
