/** The sentence a date stands in, in the folded text of a block. */

/** The sentence a date stands in, and where it starts and ends in the text. */
export const sentenceSpan = (text: string, hit: { start: number; end: number }): { text: string; start: number; end: number } => {
  const start = Math.max(text.lastIndexOf('. ', hit.start), text.lastIndexOf('。', hit.start)) + 1;
  const stops = [text.indexOf('. ', hit.end), text.indexOf('。', hit.end)].filter((n) => n >= 0);
  const end = stops.length ? Math.min(...stops) + 1 : text.length;
  return { text: text.slice(start, end), start, end };
};
/**
 * The words of `before` in the sentence the date stands in: a kind word of an earlier sentence says nothing of it,
 * and words that end in a full stop ("…募集を開始しました。6月18日の…") end before the date's sentence begins.
 */
export const sameSentence = (before: string): string => (/(?:[。！？]|[a-z)]{2}\.)\s*$/.test(before) ? '' : before.split(/(?<=[。！？])|(?<=[a-z)]{2}\.)\s+(?=[A-Z])/).at(-1)!);
