/**
 * What a yen amount on a call page stands for. Most are the call's amount (a ceiling, an allowance, an
 * approximate size); three kinds are not, and reading them as a ceiling would announce a wrong figure:
 *
 *   floor      "1億円以上", "at least JPY 5 million", "100 million yen or more": a lower bound with no upper
 *              end says nothing about the ceiling (joined to a ceiling in its clause it is a range's lower end)
 *   standard   "3 million yen as standard (Max. 5 million yen)", "標準300万円（上限500万円）": the usual amount
 *              gives way to the maximum beside it in the same sentence (alone it stays: it is what the page gives)
 *   budget     "AMED's annual budget of about 480 billion yen", "機構の令和5年度予算 約4,800億円": an
 *              organisation's or a fiscal year's budget, not an award; and nothing of 1,000億円 or more is one
 *              award (the largest single awards of JST / AMED / JSPS calls are a few 十億円)
 *   held/paid  "資本金3億円以下の中小企業", "registration fee of JPY 20,000": what a company has or a participant
 *              pays, named just before the amount
 *
 * Each test reads only the words right around the amount (folded text), so an amount's role never leaks to
 * its neighbour in the next clause.
 */

/** Words that make the amount after them a lower bound: "at least", "a minimum of", "not less than", 下限, 最低. */
const FLOOR_BEFORE = /(?:\bat least|\b(?:a )?minimum(?: of)?|\bmin\.|\bnot less than|\bno less than|(?<!\bno |\bnot )\bmore than|(?<!\bnot )\bover|(?<!\bnot )\bexceeding|下限|最低(?:でも)?)\s*[:：]?\s*(?:¥|JPY)?\s*$/i;
/** Words that make the amount before them a lower bound: 以上, 超, を超える, "or more", "and above". */
const FLOOR_AFTER = /^\s*(?:以上|超(?!え?ない)|を超える|を上回る|or more\b|or above\b|and above\b|and over\b|at (?:the )?minimum\b)/i;

/** Whether the amount at [start, end) is a lower bound: "1億円以上", "at least JPY 5 million". */
export function isFloor(text: string, start: number, end: number): boolean {
  return FLOOR_BEFORE.test(text.slice(Math.max(0, start - 25), start)) || FLOOR_AFTER.test(text.slice(end, end + 15));
}

/**
 * What may stand between a lower bound and the ceiling that closes its range: "1億円以上、15億円以下",
 * "at least 5 million yen and at most 20 million yen", "最低100万円～最高500万円".
 */
export const FLOOR_TO_CEILING = /^\s*(?:以上|or more)?\s*[、,]?\s*(?:and|to|~|〜|～|-|から)?\s*(?:at most|up to|a maximum of|maximum(?: of)?|max\.|最大|最高|上限)?\s*[:：]?\s*(?:¥|JPY)?\s*$/i;

const MAXIMUM_BEFORE = /(?:\bmax(?:imum)?\.?(?: of)?|\bup to|\bat most|\bno more than|\bnot (?:to )?exceed(?:ing)?|上限|最大|最高|限度額?)\s*[:：]?\s*(?:¥|JPY)?\s*$/i;
// "(上限)" closes at once: "(上限400万円)" is another amount, the maximum, not a mark of this one.
const MAXIMUM_AFTER = /^\s*(?:[(（]\s*(?:上限|max(?:imum)?\.?)\s*[)）]|上限|以内|以下|まで|を上限|を超えない|を限度|at (?:the )?most\b)/i;
const STANDARD = /\bstandard\b|\btypical(?:ly)?\b|\bnormal(?:ly)?\b|\busual(?:ly)?\b|\bas a rule\b|標準|目安|通常/i;

/** Whether the amount is said to be the maximum: "Max. 5 million yen", "上限500万円", "500万円以内", "(上限)". */
export function isMaximum(text: string, start: number, end: number): boolean {
  return MAXIMUM_BEFORE.test(text.slice(Math.max(0, start - 20), start)) || MAXIMUM_AFTER.test(text.slice(end, end + 12));
}

/** Whether the amount is said to be the standard or usual one: "3 million yen as standard", "標準300万円", "300万円を目安". */
export function isStandard(text: string, start: number, end: number, bounds: { from: number; to: number }): boolean {
  return STANDARD.test(text.slice(Math.max(bounds.from, start - 20), start)) || STANDARD.test(text.slice(end, Math.min(bounds.to, end + 30)));
}

/** An organisation's, a government's or a fiscal year's budget, as opposed to what one project is given. */
const BUDGET = /(?:機構|本会|振興会|政府|国|AMED|JST|JSPS|法人)(?:の|全体の)?\s*(?:年間|年度|総)?予算|(?:年度|当初|補正)予算|予算案|運営費交付金|\bannual budget\b|\b(?:agency|organi[sz]ation|government|ministry|AMED|JST|JSPS)(?:'s|’s)? (?:total |overall |annual )?budget\b|\bbudget of (?:the )?(?:agency|organi[sz]ation|government|ministry|AMED|JST|JSPS)\b|\bFY\s?\d{4} budget\b/i;
/** What one award is counted per: if the sentence names it, a budget word there is the project's budget ("予算規模は1プロジェクトあたり"). */
const PER_AWARD = /(?:課題|件|チーム|プロジェクト|研究課題|機関|名|人)\s*(?:当たり|あたり|につき)|\bper (?:project|proposal|team|consortium|theme|grant|award|application|person|researcher|fellow)\b|\bfor each (?:project|team)\b/i;
/** No call of these agencies gives one award of 1,000億円 (1e11 yen) or more: such a figure is a budget or a fund. */
const LARGEST_AWARD = 1e11;

/** Whether an amount, in its sentence, is a budget rather than what a call awards. */
export function isBudget(sentence: string, jpy: number): boolean {
  return jpy >= LARGEST_AWARD || (BUDGET.test(sentence) && !PER_AWARD.test(sentence));
}

/**
 * What an organisation has or what someone pays, named just before an amount: a company's capital or sales
 * ("中小企業（資本金3億円以下…）", "annual turnover of 5 billion yen"), a fee ("参加費", "registration fee").
 * These define who may apply or what an event costs; no call gives them.
 */
const HELD_OR_PAID = /(?:資本金|出資の総額|売上高?|総資産|参加費|登録料|手数料|受講料|\bcapital\b|\brevenues?\b|\bsales\b|\bturnover\b|\btotal assets\b|\b(?:registration|participation|entry|tuition|application) fees?\b)/i;

/** Whether the words just before an amount name a company's capital or sales, or a fee, rather than funding. */
export function isHeldOrPaid(text: string, start: number): boolean {
  return HELD_OR_PAID.test(text.slice(Math.max(0, start - 25), start));
}

/** The sentence around [start, end): from the last full stop before it to the next one after it. */
export function sentenceAround(text: string, start: number, end: number): { from: number; to: number } {
  const stops = /[。．!?]|\.(?=\s|$)|\n/g;
  let from = 0;
  let to = text.length;
  for (const m of text.matchAll(stops)) {
    // A decimal point or an abbreviation's dot ("Max. 5", "approx. 3") does not end a sentence before a digit or a small word.
    if (m[0] === '.' && /^\s*(?:\d|[a-z(¥]|JPY)/.test(text.slice(m.index + 1, m.index + 6))) continue;
    if (m.index < start) from = m.index + 1;
    else if (m.index >= end) {
      to = m.index;
      break;
    }
  }
  return { from, to };
}
