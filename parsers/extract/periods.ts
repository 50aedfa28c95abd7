/** Support periods: "5 years", "3 ~ 5 years", "up to 5 years", "5年間", "(2025年12月～2031年3月)". */
import type { Period } from '#parsers/schema.ts';
import { fold } from '../document/text.ts';

const PERIOD_WORDS = /period|duration|support(ed)? for|project (term|length)|期間|年間/i;
const pad = (n: string): string => n.padStart(2, '0');

export function extractPeriods(raw: string): Period[] {
  const text = fold(raw);
  if (!PERIOD_WORDS.test(text)) return [];
  const out: Period[] = [];
  const range = /(\d{1,2})\s*(?:~|〜|～|-|–|to)\s*(\d{1,2})\s*(?:years|年間|年)/i.exec(text);
  const single = /(?:up to|maximum of|max\.?|最長|最大)?\s*(\d{1,2})\s*(?:years?|年間)/i.exec(text);
  const span = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(?:~|〜|～|-|–)\s*(\d{4})\s*年\s*(\d{1,2})\s*月/.exec(text);
  const years = range ? { yearsMin: Number(range[1]), yearsMax: Number(range[2]) }
    : single ? { yearsMax: Number(single[1]), ...(/up to|maximum|max|最長|最大/i.test(single[0]) ? {} : { yearsMin: Number(single[1]) }) } : {};
  const dates = span ? { start: `${span[1]}-${pad(span[2]!)}`, end: `${span[3]}-${pad(span[4]!)}` } : {};
  if (Object.keys(years).length || Object.keys(dates).length) out.push({ ...years, ...dates, evidence: raw.trim() });
  return out;
}
