/**
 * Eligibility: the statements that say who may apply or submit, in English and Japanese, read one
 * sentence, list item or table cell at a time by a weighted-rule classifier (eligibility-rules.ts).
 *
 * A statement scores by its own words (who-words, modals, "are eligible", 申請できない, a submitter, a
 * condition, minus dates, amounts, procedures, caveats, contacts, invitees, purposes) and by the nearest
 * context that says something: a label, the list introduction it finishes, a heading-like line, a
 * heading. "Eligibility" puts what follows under eligibility; "Evaluation criteria" or "Requirements for
 * invitees" puts it under something else. A statement must also say something about applying or being (a
 * predicate), or be an item under such context: describing words alone never add up to a term. Whole
 * statements are kept, never paragraphs or fragments, so that a reworded requirement is one change and a
 * reflowed page none.
 */
import type { Eligibility } from '#parsers/schema.ts';
import type { Block } from '../document/blocks.ts';
import { CJK, fold, joinPieces, memo } from '../document/text.ts';
import { PHRASES, PREDICATES, STATEMENT_RULES, THRESHOLD } from './eligibility-rules.ts';
import { CONTEXT_WEIGHTS, ELIGIBLE_SECTION, isRequirementLabel, OTHER_SECTION } from './eligibility-sections.ts';
import { statements } from './statements.ts';

export { isAsideLine, isQuestion } from './eligibility-sections.ts';

/**
 * Where a statement stands, nearest last: the heading, the heading-like line after it, the list introduction, its
 * label; and whether the statement just before it (in the block, or the block before) was taken.
 */
export interface EligibilityContext { heading?: string; lead?: string; intro?: string; label?: string; follows?: boolean }

export interface Verdict { eligible: boolean; score: number; fired: string[] }

/** Headings, row headers and labels that put what follows under eligibility (kept for the date readers). */
export const ELIGIBILITY_HEADING = ELIGIBLE_SECTION;

const MIN_LENGTH = 10;
const MAX_LENGTH = 600;

/** The most any context adds: a statement whose own words score less than THRESHOLD minus this is never a term. */
const MOST_FROM_CONTEXT = Math.max(CONTEXT_WEIGHTS.eligibleSection, CONTEXT_WEIGHTS.eligibleList, CONTEXT_WEIGHTS.requirementRow) + CONTEXT_WEIGHTS.continuation + CONTEXT_WEIGHTS.item;

/**
 * The rules a statement's own words fire, and their sum: the same words always score the same. The rules that
 * add come first in the table; when they cannot reach the threshold even with the best context, the rules that
 * take away are not run (unless `full`, for explaining).
 */
function scoreWords(text: string, full: boolean): { score: number; fired: string[] } {
  const folded = reading(text);
  const fired: string[] = [];
  let score = 0;
  for (const rule of STATEMENT_RULES) {
    if (rule.weight < 0 && !full && score + MOST_FROM_CONTEXT < THRESHOLD) break;
    const hit = typeof rule.test === 'function' ? rule.test(folded) : rule.test.test(folded);
    if (!hit || rule.unless?.some((name) => fired.includes(name))) continue;
    fired.push(rule.name);
    score += rule.weight;
  }
  return { score, fired };
}
const ownScore = memo((text: string) => scoreWords(text, false));

/** The text the rules read: folded, with the kanji spellings of できる and ください read as kana. */
const reading = (text: string): string => fold(text).replace(/出来/g, 'でき').replace(/下さい/g, 'ください');

/** What a heading, lead or label says the text under it is (bracketed asides such as "（Top）" aside); remembered per page. */
const sectionKind = memo((text: string): 'eligible' | 'other' | undefined => {
  const plain = fold(text).replace(/[(（][^)）]*[)）]/g, '').trim();
  return OTHER_SECTION.test(plain) ? 'other' : ELIGIBLE_SECTION.test(plain) ? 'eligible' : undefined;
});

/** Does a heading-like line say what follows it is (eligibility, or something else)? */
export const namesSection = (text: string): boolean => sectionKind(text) !== undefined;

/** The nearest context that tells anything decides: a label over the list introduction over the lead over the heading. */
function contextScore(ctx: EligibilityContext, label?: string): { score: number; fired: string[] } {
  const levels: Array<[string | undefined, 'label' | 'intro' | 'section']> = [
    [label ?? ctx.label, 'label'], [ctx.intro, 'intro'], [ctx.lead, 'section'], [ctx.heading, 'section'],
  ];
  // A row named for a requirement ("年齢", "Nationality") counts when nothing around it says otherwise or more.
  let requirementRow = false;
  for (const [text, kind] of levels) {
    if (!text) continue;
    if (kind === 'label' && isRequirementLabel(text)) {
      requirementRow = true;
      continue;
    }
    const says = sectionKind(text);
    if (says === 'other') return { score: CONTEXT_WEIGHTS.otherSection, fired: [`under other ${kind}`] };
    if (kind === 'intro' && introducesEligibility(text)) return { score: CONTEXT_WEIGHTS.eligibleList, fired: ['item of an eligibility list'] };
    // "Eligibility:", "For whom:": a heading written as a line that ends in a colon
    if (kind === 'intro' && says === 'eligible' && isLeadLine(text.replace(/\s*[:：]\s*$/, ''))) return { score: CONTEXT_WEIGHTS.eligibleSection, fired: ['under eligibility label line'] };
    if (kind !== 'intro' && says === 'eligible') return { score: CONTEXT_WEIGHTS.eligibleSection, fired: [`under eligibility ${kind}`] };
  }
  return requirementRow ? { score: CONTEXT_WEIGHTS.requirementRow, fired: ['in a requirement row'] } : { score: 0, fired: [] };
}

/**
 * Scores one statement in its context.
 * @example classifyStatement('申請者は、大学長とします。').eligible // true
 */
export function classifyStatement(text: string, context: EligibilityContext = {}, label?: string, full = false): Verdict {
  const length = fold(text).length;
  if (length < MIN_LENGTH || length > MAX_LENGTH) return { eligible: false, score: 0, fired: [length < MIN_LENGTH ? 'too short' : 'too long'] };
  const own = full ? scoreWords(text, true) : ownScore(text);
  const item = own.fired.some((name) => PHRASES.has(name));
  const found = contextScore(context, label);
  // A heading says more of a bare item ("Doctoral degree or equivalent") than of a sentence that says whose requirement it is.
  const around = found.score > 0 && item ? { score: found.score + CONTEXT_WEIGHTS.item, fired: [...found.fired, 'an item'] } : found;
  // "ただし、…者も含む。", "In addition, …": a sentence that goes on from a term continues that term.
  const goesOn = context.follows && GOES_ON.test(fold(text)) ? CONTEXT_WEIGHTS.continuation : 0;
  const score = own.score + around.score + goesOn;
  // Describing words add up without saying anything ("また、国内の大学等に所属する研究者からの申請受付を開始しました"): a term
  // says something about applying or being (a predicate), is an item (a noun phrase), stands under context that says
  // eligibility (a heading, label or list introduction: the predicate is theirs), or goes on from a term.
  const says = item || own.fired.some((name) => PREDICATES.has(name)) || goesOn > 0 || around.score > 0;
  return { eligible: says && score >= THRESHOLD, score, fired: [...own.fired, ...around.fired, ...(goesOn ? ['goes on from a term'] : []), ...(says ? [] : ['says nothing of applying'])] };
}

/** True when some statement of the text, read with no context, says who may apply. */
export function isEligibilitySentence(text: string): boolean {
  return statements(text).some((s) => classifyStatement(s.text, {}, s.label).eligible);
}

/**
 * A list introduction that puts its items under eligibility: a statement of eligibility itself
 * ("…次のいずれかに該当する者"), or a pointer to the list that names who ("The PI must meet one of the
 * following:", "相手側PIは、下記いずれかを満たしている必要があります。").
 */
export const introducesEligibility = memo((text: string): boolean => {
  return statements(text).some((s) => {
    if (classifyStatement(s.text, {}, s.label).eligible) return true;
    const { fired } = scoreWords(s.text, true);
    // who with a modal or a condition, or eligibility named: "応募資格は以下のとおりです。", "The eligibility requirements are as follows:"
    const aboutApplicants = (fired.includes('who') && ['modal', 'condition'].some((r) => fired.includes(r))) || fired.includes('eligible') || fired.includes('eligibility-word');
    return POINTS_AT_LIST.test(fold(text)) && aboutApplicants && !NOT_ABOUT_APPLICANTS.some((r) => fired.includes(r));
  });
});

/** The words a sentence goes on from the one before with: ただし, また, なお, "However", "In addition". */
const GOES_ON = /^(?:ただし|但し|また|なお|さらに|更に|加えて|同様に)[、,]|^(?:however|in addition|also|furthermore|moreover|likewise|similarly)\b,?/i;

/** An introduction that says what the agency does or aims at, or asks a question, announces no requirements. */
const NOT_ABOUT_APPLICANTS = ['agency-acts', 'purpose', 'question', 'change-log', 'definition', 'topic', 'caveat'];

/** Words that point at the list below: "the following", "as follows", 次のいずれか, 以下の条件, a closing colon. */
const POINTS_AT_LIST = /\bthe following\b|\bas follows\b|[:：]$|(?:以下|下記|次)の?[^。]{0,20}?(?:いずれか|すべて|全て|要件|条件|とおり|通り)/i;

/**
 * The statements of a block's text that say who may apply, each whole, with its track.
 * @example extractEligibility('Funding is for three years. Applicants must hold a PhD.').map((e) => e.text)
 * // ['Applicants must hold a PhD.']
 */
export function extractEligibility(text: string, context: EligibilityContext = {}, track?: string): Eligibility[] {
  const out: Eligibility[] = [];
  let follows = context.follows ?? false;
  for (const s of statements(text)) {
    follows = classifyStatement(s.text, { ...context, follows }, s.label).eligible;
    if (follows) out.push({ text: s.text, ...(track ? { track } : {}), evidence: s.evidence });
  }
  return out;
}

/** Why a statement was or was not taken: its score and the rules it fired, for `parse --explain` and for tests. */
export function explainEligibility(text: string, context: EligibilityContext = {}): Array<{ text: string } & Verdict> {
  return statements(text).map((s) => ({ text: s.text, ...classifyStatement(s.text, context, s.label, true) }));
}

const WHO_CLAUSE_END = /[ぁ-ん](?:研究者|者|機関|企業|法人|大学|学生)$/;
const CLAUSE_END = /(?:こと|もの|ます|です|ません|ない|である|とする)$/;

/**
 * A heading-like line: a short paragraph with no sentence end that names a section ("3. 応募資格",
 * "■Applicant Eligibility", "Eligibility of Applicant"). Real pages often style headings as plain
 * paragraphs; read as context, such a line is never a statement itself.
 */
export function isLeadLine(text: string): boolean {
  const t = fold(text);
  if (!t || /[.。:：;,、!?！？]$/.test(t) || /^[(（※*＊]\s*(?!\d)/.test(t) || /[:：]\s/.test(t)) return false;
  // "…に所属する研究者", "…5年未満の者": a clause ending in who it describes is an item, not a heading ("応募できる者" is short).
  if (CJK.test(t) && t.length >= 10 && WHO_CLAUSE_END.test(t)) return false;
  // "…に在籍していること", "…ものとします": a requirement or a sentence that lost its 。 ends on a verb, a heading on a noun.
  if (CJK.test(t) && CLAUSE_END.test(t)) return false;
  return CJK.test(t) ? t.length <= 25 : t.length <= 60 && t.split(' ').length <= 8;
}

/**
 * Does `next` go on with the sentence `previous` left open? An English line that stops without a full
 * stop and a next line in lower case; a Japanese line that stops on a comma or a particle. A layout that
 * breaks a sentence over two blocks must not change what the sentence says.
 */
export function continuesSentence(previous: string, next: string): boolean {
  const a = fold(previous);
  const b = fold(next);
  if (!a || !b || /[.。!?！？:：]$/.test(a)) return false;
  // "… must be employed in" / "Japan or Korea.": a line cannot end on a preposition, article or conjunction.
  if (/\b(?:in|at|of|on|to|for|with|by|from|as|the|a|an|and|or|nor|than|who|which|that)$/i.test(a) && /^[A-Za-z0-9"“(]/.test(b)) return true;
  if (/^[a-z]/.test(b)) return /[A-Za-z,;]$/.test(a);
  return CJK.test(b[0]!) && /[、,をにがはのでとへもや]$/.test(a) && !isLeadLine(next);
}

/**
 * For each block, the text its statements are read from: a paragraph joined with the paragraphs its last
 * sentence runs on into, '' for a paragraph so absorbed, undefined for every other block.
 */
export function reflow(blocks: readonly Block[]): Array<string | undefined> {
  const out: Array<string | undefined> = blocks.map(() => undefined);
  let head = -1;
  blocks.forEach((block, i) => {
    if (block.type !== 'paragraph') {
      head = -1;
      return;
    }
    const sofar = head >= 0 ? out[head] ?? blocks[head]!.text : undefined;
    if (sofar !== undefined && continuesSentence(sofar, block.text)) {
      out[head] = joinPieces([sofar, block.text]);
      out[i] = '';
    } else head = i;
  });
  return out;
}
