/**
 * Funding ceilings in yen, in every form the agencies write them: "Up to 380 million yen", "JPY 5 million",
 * "¥387,600", "two billion yen", "39milion yen", "最大3.8億円", "3億5,000万円", "19,000千円", "2.5千万円",
 * "3百万円". A range ("1~3千万円", "2,000~4,000千円", "JPY 6 - 100 million", "between 30 million and 40 million
 * yen") gives its upper end as the ceiling and keeps its lower end; the words around an amount say what it is
 * counted per ("1課題当たり年間", "per project per year", "総額") and whether indirect costs are in it.
 *
 * Not every amount is the call's: a lower bound alone, a standard amount beside its maximum and an
 * organisation's budget are left out (money-roles.ts says why).
 *
 * The grammar, on NFKC-folded text:
 *   amount  = [¥ | JPY] number [scale] [[Japanese] yen | JPY | 円]     (a currency mark on at least one side)
 *   number  = digits with commas and a decimal part | a number word (one ... ninety, a hundred)
 *   scale   = thousand | million | billion | M | mn | bn | k | 千 | 百万 | 千万 | 万 | 億 | 億 number 万 (compound)
 *   range   = number [scale] (~ | - | to | から) amount  |  between number [scale] and amount  |  amount 以上 amount 以下
 *             | (¥ | JPY) number (- | to) number scale
 */
import type { Funding } from '#parsers/schema.ts';
import { fold } from '../document/text.ts';
import { FLOOR_TO_CEILING, isBudget, isFloor, isHeldOrPaid, isMaximum, isStandard, sentenceAround } from './money-roles.ts';

const WORD_VALUES: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  fifteen: 15, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100, 'a hundred': 100,
};
const WORD = `(?:${Object.keys(WORD_VALUES).sort((a, b) => b.length - a.length).join('|')})`;
const DIGITS = String.raw`\d[\d,]*(?:\.\d+)?`;
const NUM = `(?:${DIGITS}|${WORD})`;
// "milion" and "billon" are typos the pages really carry; a scale may be glued to the number ("39milion"), or
// abbreviated ("JPY 5M", "¥10mn", "JPY 1.2bn", "500k yen").
const EN_SCALE = String.raw`(?:thousand|mill?ion|bill?ion|mn|bn|m|k)(?![a-z])`;
const JA_SCALE = String.raw`(?:[千百十]?\s*[万億]|千)`;

const PATTERNS: RegExp[] = [
  // Japanese: 3億5,000万円, 19,000千円, 2.5千万円, 最大6,900万円, 1,000,000円
  new RegExp(`(?<num>${DIGITS})\\s*(?<scale>${JA_SCALE})?(?:\\s*(?<rest>${DIGITS})\\s*(?<restScale>万))?\\s*円`, 'gi'),
  // English with the currency after: 380 million yen, 39milion yen, two billion yen, 5 million JPY
  new RegExp(`(?<![\\w.])(?<num>${NUM})\\s*(?<scale>${EN_SCALE})?\\s*(?:Japanese\\s+)?(?:yen|JPY)\\b`, 'gi'),
  // English with the currency before: ¥10,000,000, JPY 5 million, JPY 6 - 100 million
  new RegExp(`(?:¥|\\bJPY)\\s*(?<num>${NUM})\\s*(?<scale>${EN_SCALE})?(?:\\s*(?:-|–|—|~|to)\\s*(?<upper>${NUM})\\s*(?<upperScale>${EN_SCALE}))?`, 'gi'),
];

/** What the amount before a range mark looks like: "1~", "2,000 ~ ", "150 million to ", "between 30 million and ". */
const RANGE_LEAD = new RegExp(`(?:between\\s+)?(?<num>${NUM})\\s*(?<scale>${EN_SCALE}|${JA_SCALE})?\\s*(?:円|yen)?\\s*(?:~|〜|～|-|–|—|\\bto\\b|から|\\band\\b)\\s*$`, 'i');

const WITH_INDIRECT = /includ\w* indirect|indirect costs? (are|is) included|inclusive of (overhead|indirect)|間接経費を含む|間接経費込み|間接経費含む|間接経費を含んだ/i;
const WITHOUT_INDIRECT = /exclud\w* indirect|direct costs? only|plus (overhead|indirect)|直接経費|間接経費を含まない|間接経費は含まない/i;

interface Hit { start: number; end: number; maxJpy: number; minJpy?: number }

const numberOf = (s: string): number => WORD_VALUES[s.toLowerCase()] ?? Number(s.replace(/,/g, ''));

function scaleOf(raw: string | undefined): number {
  const s = (raw ?? '').toLowerCase().replace(/\s+/g, '');
  if (!s) return 1;
  if (s.startsWith('thousand') || s === 'k') return 1e3;
  if (/^mill?ion/.test(s) || s === 'm' || s === 'mn') return 1e6;
  if (/^bill?ion/.test(s) || s === 'bn') return 1e9;
  const unit = s.endsWith('億') ? 1e8 : s.endsWith('万') ? 1e4 : 1;
  const lead = s.startsWith('千') ? 1e3 : s.startsWith('百') ? 100 : s.startsWith('十') ? 10 : 1;
  return unit === 1 ? lead : lead * unit;
}

/** Every amount in the text, ranges folded into one hit whose lower end is kept. */
function amounts(text: string): Hit[] {
  const hits: Hit[] = [];
  for (const re of PATTERNS) {
    for (const m of text.matchAll(re)) {
      const start = m.index;
      const end = start + m[0].length;
      if (hits.some((h) => start < h.end && end > h.start)) continue;
      const g = m.groups!;
      const scale = scaleOf(g.scale);
      let value = numberOf(g.num!) * scale;
      if (g.rest) value += numberOf(g.rest) * scaleOf(g.restScale);
      let lower: number | undefined;
      if (g.upper) {
        // "JPY 6 - 100 million": the lower end takes the upper end's scale when it has none of its own.
        lower = numberOf(g.num!) * (g.scale ? scale : scaleOf(g.upperScale));
        value = numberOf(g.upper) * scaleOf(g.upperScale);
      }
      hits.push({ start, end, maxJpy: Math.round(value), ...(lower !== undefined ? { minJpy: Math.round(lower) } : {}) });
    }
  }
  const sorted = hits.sort((a, b) => a.start - b.start);
  const out: Hit[] = [];
  for (const hit of sorted) {
    const previous = out.at(-1);
    // "2,000千円~4,000千円": two whole amounts joined by a range mark are one range.
    if (previous && previous.minJpy === undefined && RANGE_MARK.test(text.slice(previous.end, hit.start)) && previous.maxJpy < hit.maxJpy) {
      out[out.length - 1] = { start: previous.start, end: hit.end, maxJpy: hit.maxJpy, minJpy: previous.maxJpy };
    } else out.push(withRangeLead(text, hit, previous));
  }
  return joinFloors(text, out);
}

/** "1億円以上、15億円以下", "at least 5 million yen and at most 20 million yen": a lower bound and the ceiling that closes it are one range. */
function joinFloors(text: string, hits: Hit[]): Hit[] {
  const out: Hit[] = [];
  for (const hit of hits) {
    const previous = out.at(-1);
    if (previous && previous.minJpy === undefined && previous.maxJpy < hit.maxJpy && isFloor(text, previous.start, previous.end)
      && FLOOR_TO_CEILING.test(text.slice(previous.end, hit.start))) {
      out[out.length - 1] = { start: previous.start, end: hit.end, maxJpy: hit.maxJpy, minJpy: previous.maxJpy };
    } else out.push(hit);
  }
  return out;
}

/**
 * The amounts that are what the call gives: not a lower bound alone, not a budget, not a company's capital
 * or a fee, not a standard amount when its sentence names a larger maximum ("3 million yen as standard (Max.
 * 5 million yen)").
 */
function callAmounts(text: string, hits: Hit[]): Hit[] {
  const sentence = (h: Hit) => sentenceAround(text, h.start, h.end);
  const maxima = hits.filter((h) => isMaximum(text, h.start, h.end));
  return hits.filter((h) => {
    const s = sentence(h);
    if (h.minJpy === undefined && isFloor(text, h.start, h.end)) return false;
    if (isBudget(text.slice(s.from, s.to), h.maxJpy) || isHeldOrPaid(text, h.start)) return false;
    const givesWay = isStandard(text, h.start, h.end, s) && !maxima.includes(h)
      && maxima.some((m) => m.maxJpy > h.maxJpy && m.start >= s.from && m.end <= s.to);
    return !givesWay;
  });
}

// "1億円以上15億円以下": at least the one, at most the other.
const RANGE_MARK = /^\s*(?:~|〜|～|-|–|—|\bto\b|から|以上)\s*$/i;

/** "1~3千万円": the bare number before a range mark is the lower end, in the upper end's scale unless it states its own. */
function withRangeLead(text: string, hit: Hit, previous: Hit | undefined): Hit {
  if (hit.minJpy !== undefined) return hit;
  const from = Math.max(previous?.end ?? 0, hit.start - 40);
  const lead = RANGE_LEAD.exec(text.slice(from, hit.start));
  if (!lead) return hit;
  const before = text.slice(from, hit.start);
  // "... and 40 million yen" is a range only when "between" opened it.
  if (/\band\s*$/i.test(before) && !/between\s/i.test(lead[0])) return hit;
  const upperText = text.slice(hit.start, hit.end);
  const upperScale = /[千百十]?\s*[万億]|千|thousand|mill?ion|bill?ion|(?<=\d\s*)(?:mn|bn|m|k)(?![a-z])/i.exec(upperText)?.[0];
  const lower = numberOf(lead.groups!.num!) * (lead.groups!.scale ? scaleOf(lead.groups!.scale) : scaleOf(upperScale));
  return lower < hit.maxJpy ? { ...hit, start: from + lead.index, minJpy: Math.round(lower) } : hit;
}

/**
 * What an amount is counted per, from the words of its clause, as a short canonical phrase: "project",
 * "project/year", "person/month", "total". A count other than one is kept ("2 projects"): it changes the ceiling.
 */
const PER: Array<[string, RegExp]> = [
  ['unit', /(?:(?<n>\d+)\s*)?(?:課題|件|チーム|プロジェクト|研究課題)\s*(?:当たり|あたり|につき)|\bper (?<what>project|proposal|team|consortium|research (?:theme|project|team)|theme|grant|award|application)\b/i],
  ['person', /(?:(?<n>\d+)\s*)?(?:名|人)\s*(?:当たり|あたり|につき)|\bper (?:person|researcher|fellow|participant|head)\b/i],
  ['year', /(?<!\d\s*)年間|年額|\/\s*年度?|各年度|毎年度|年度当たり|年度あたり|会計年度につき|\bper (?:year|annum)\b|\bannual(?:ly)?\b|\ba year\b|\/\s*year\b/i],
  ['month', /月額|\/\s*月|\bper month\b|\bmonthly\b/i],
  ['day', /日額|\/\s*日|\bper day\b|\bdaily\b/i],
  ['total', /総額|通期|\bin total\b|\btotal(?:ing)?\b|\bover (?:the )?(?:whole|entire)\b/i],
];

/** The unit an amount is granted to, in one word whichever way the page names it: a team, a consortium, else a project. */
function unitNoun(phrase: string): string {
  if (/team|チーム/i.test(phrase)) return 'team';
  if (/consortium/i.test(phrase)) return 'consortium';
  return 'project';
}

function perOf(clause: string): string | undefined {
  const parts: string[] = [];
  for (const [what, re] of PER) {
    const m = re.exec(clause);
    if (!m) continue;
    const n = Number(m.groups?.n ?? 1);
    const unit = what === 'unit' ? unitNoun(m[0]) : what;
    parts.push(n > 1 ? `${n} ${unit}s` : unit);
  }
  return parts.length ? parts.join('/') : undefined;
}

/**
 * @example
 * extractFunding('1課題当たり年間 2,000~4,000千円程度') // [{ maxJpy: 4000000, minJpy: 2000000, per: 'project/year', ... }]
 */
export function extractFunding(raw: string): Funding[] {
  const text = fold(raw);
  const hits = callAmounts(text, amounts(text).filter((hit) => Number.isFinite(hit.maxJpy) && hit.maxJpy >= 10_000));
  return hits.flatMap((hit, i) => {
    // Indirect costs, and what the amount is per, are said of it in its own clause: after the previous amount, up to the next.
    const clause = text.slice(hit.start, hits[i + 1]?.start ?? text.length);
    const before = text.slice(hits[i - 1]?.end ?? 0, hit.start);
    const includesIndirect = (WITH_INDIRECT.test(clause) && !WITHOUT_INDIRECT.test(clause.slice(0, 40)))
      || /(including|incl\.?|with) indirect|間接経費を含め|間接経費を含む場合/i.test(before.slice(-40));
    const per = perOf(`${before.slice(-30)} ${clause.slice(0, 60)}`);
    return [{ maxJpy: hit.maxJpy, ...(hit.minJpy !== undefined ? { minJpy: hit.minJpy } : {}), ...(per ? { per } : {}), includesIndirect, evidence: raw.trim() }];
  });
}
