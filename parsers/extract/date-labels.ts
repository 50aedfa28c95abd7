/** What the page calls a date: its label, from the words before it (or after it, on a line the date leads). */
import { wordsKind } from './date-words.ts';
import { withoutZones } from './time-zones.ts';

export const TIME_WORDS = /\b\d{1,2}(:\d{2})?\s*[ap]\.?m\b\.?|\bnoon\b|正午|\d{1,2}:\d{2}|(午[前後]\s*)?\d{1,2}\s*時(\s*\d{1,2}\s*分)?/gi;

export const firstPhrase = (text: string): string => text.split(/[(（。]|\.(?:\s|$)/)[0]!;

/**
 * What the page calls a date: the words before it, less times, range marks and qualifiers. In a table
 * row read as "Item: Call opens ; Schedule: April 1, 2025" that is the row's own name ("Call opens"),
 * unless the date's column header says it ("Application deadline at JSPS: September 5, 2025").
 */
export function labelFrom(before: string): string {
  const segments = before.split(' ; ');
  const last = segments.at(-1)!;
  const cell = /^([^:]{1,60}):\s*(.*)$/.exec(last);
  let words = last;
  if (segments.length > 1 && cell) {
    words = tidy(cell[2]!) || (wordsKind(cell[1]!) ? cell[1]! : /^[^:]{1,60}:\s*(.*)$/.exec(segments.at(-2)!)?.[1] ?? '');
  }
  // "Applications have closed. Selected teams will be announced in": the sentence the date ends; "…（e-Rad）、所属機関の承認": its clause;
  // "… in duration (call open from": the bracket it stands in. Words that end a sentence name no date after them.
  if (/[。！？]\s*$|[a-z)]{2}\.\s*$/.test(words)) return '';
  const sentence = words.split(/(?<![ap]\.m\.)(?<=\.)\s+|(?<=[。！？])/i).at(-1)!;
  const clause = sentence.split(/[、；;]/).map((c) => c.trim()).filter(Boolean).at(-1) ?? sentence;
  const open = Math.max(clause.lastIndexOf('('), clause.lastIndexOf('（'));
  const inBracket = open >= 0 && !/[)）]/.test(clause.slice(open)) && tidy(clause.slice(open + 1)) ? clause.slice(open + 1) : clause;
  return tidy(inBracket).slice(-80);
}

export const tidy = (text: string): string => withoutZones(text.replace(TIME_WORDS, ' '))
  .replace(/(上旬|中旬|下旬|末|頃)/g, ' ').replace(/[(（]\s*[)）]/g, ' ')
  .replace(/\b(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s*$/i, '')
  .replace(/(?:[\s:：,、\-–—~〜～(（|｜]|\s(?:from|between|on|at|by|the)\b)+$/i, '').replace(/^[\s()（),、\-–—~〜～;:：|｜]+/, '')
  .replace(/^([^(（]*)[)）]+$/, '$1')
  .replace(/^(to|until|through|from|and|から|より|まで)$/i, '').trim();
