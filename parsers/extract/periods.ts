/** Support periods: "5 years", "3 ~ 5 years", "up to 5 years", "5年間", "3年間～5年間", "(2025年12月～2031年3月)", "FY2025–FY2027". */
import type { Period } from '#parsers/schema.ts';
import { fold } from '../document/text.ts';

export const PERIOD_WORDS = /period|duration|support(ed)? for|project (term|length)|research term|期間|年間/i;
const pad = (n: string): string => n.padStart(2, '0');
const eraYear = (era: string, n: string): number => (era === '令和' ? 2018 : 1988) + (n === '元' ? 1 : Number(n));

/**
 * Periods in one block. `context` (the row header or heading) can say what the block is about, so a
 * table cell that reads only "5 years" under "Period of support" is a period.
 */
export function extractPeriods(raw: string, context = '', track?: string): Period[] {
  const text = fold(raw);
  if (!PERIOD_WORDS.test(`${fold(context)} ${text}`)) return [];
  // "5.5 years" is five and a half, not five: a number is whole digits and an optional decimal part.
  const range = /(?<![\d.])(\d{1,2}(?:\.\d)?)\s*(?:years?|年間?)?\s*(?:~|〜|～|-|–|to)\s*(?:最長)?\s*(\d{1,2}(?:\.\d)?)\s*(?:years|年間|年)(?!\s*\d{1,2}\s*月)/i.exec(text);
  const single = /(up to|maximum of|max\.?|not exceeding|最長|最大)?\s*(?<![\d.])(\d{1,2}(?:\.\d)?)\s*(?:years?|年間|か年|ヵ年|カ年)(?!\s*\d{1,2}\s*月)/i.exec(text);
  const span = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(?:~|〜|～|-|–|から)\s*(\d{4})\s*年\s*(\d{1,2})\s*月/.exec(text)
    ?? /(令和|平成)\s*(\d{1,2}|元)\s*年\s*(\d{1,2})\s*月\s*(?:~|〜|～|-|–|から)\s*(?:(令和|平成)\s*)?(\d{1,2}|元)\s*年\s*(\d{1,2})\s*月/.exec(text);
  const fiscal = /FY\s?(\d{4})\s*(?:~|〜|～|-|–|to)\s*FY\s?(\d{4})|(\d{4})\s*年度\s*(?:~|〜|～|-|–|から)\s*(\d{4})\s*年度/i.exec(text);
  const years = range ? { yearsMin: Number(range[1]), yearsMax: Number(range[2]) }
    : single ? { yearsMax: Number(single[2]), ...(single[1] ? {} : { yearsMin: Number(single[2]) }) } : {};
  let dates = {};
  if (span && span[0].includes('年') && /^\d{4}$/.test(span[1]!)) dates = { start: `${span[1]}-${pad(span[2]!)}`, end: `${span[3]}-${pad(span[4]!)}` };
  else if (span) dates = { start: `${eraYear(span[1]!, span[2]!)}-${pad(span[3]!)}`, end: `${eraYear(span[4] ?? span[1]!, span[5]!)}-${pad(span[6]!)}` };
  // A fiscal year runs April to March: FY2025–FY2027 is April 2025 to March 2028.
  else if (fiscal) dates = { start: `${fiscal[1] ?? fiscal[3]}-04`, end: `${Number(fiscal[2] ?? fiscal[4]) + 1}-03` };
  if (!Object.keys(years).length && !Object.keys(dates).length) return [];
  return [{ ...years, ...dates, ...(track ? { track } : {}), evidence: raw.trim() }];
}
