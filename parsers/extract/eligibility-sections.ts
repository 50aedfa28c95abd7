/**
 * What the words around a statement say it is: the headings, heading-like lines, labels, table headers
 * and list introductions that put a statement under eligibility or under something else, and the lines
 * that look like headings but say nothing of what follows (a footnote mark, a Q&A number, the name of
 * one attribute in a table of requirements). As data, like the statement rules (eligibility-rules.ts).
 */

const anyOf = (parts: string[], flags = 'i'): RegExp => new RegExp(parts.join('|'), flags);

/** Headings, labels and list introductions that put what follows under eligibility. */
export const ELIGIBLE_SECTION = anyOf([
  String.raw`eligib|who (?:can|may) apply|who is eligible|(?:prospective|eligible|target) (?:applicants|researchers|institutions|participants)|^open to\b|^(?:for whom|who (?:is it|it is) for)\b`,
  String.raw`^applicants?$|^(?:\d+[.)]?\s*)?applicants?\b|requirements? for (?:applicants|application|applying|eligibility|(?:the )?(?:[\w-]+ ){0,2}(?:applicants?|researchers?|fellows?|candidates?|PIs?|hosts?|institutions?|teams?|partners?)$)|(?:applicant|application) requirements|qualifications?|^requirements$`,
  String.raw`\bconditions? (?:for|of) (?:application|applying|eligibility|participation)\b|\b(?:application|participation) conditions\b`,
  String.raw`応募資格|申請資格|資格|要件|対象者|応募できる|(?:応募|申請|参加)(?:条件|の条件)|(?:応募|申請)(?:対象|機関|者)|提案者|対象とな(?:る|ります)(?:研究者|者|機関)|^(?:\d+[.)．]?\s*)?対象$`,
]);

/**
 * Headings that put what follows under something else: selection criteria, invitees, what may be
 * proposed, the programme's aims, a change log. Aims count only as the whole heading ("1. Aims of the
 * Program", "目的"): "Program Outline and Objective" may hold who may apply.
 */
export const OTHER_SECTION = anyOf([
  String.raw`evaluat|review|selection|screening|assessment|invitee|invitation|visitor|research (?:field|area|topic)s?$`,
  String.raw`^(?:\d+[.)]?\s*)?(?:the )?(?:aims?|objectives?|purposes?|goals?|background)(?: of (?:the |this )?(?:program(?:me)?|call|initiative|scheme|fellowship|project))?$|the following (?:aims|objectives|goals|purposes)\b`,
  String.raw`\b(?:history of updates|update history|change ?log|what'?s new)\b|^(?:news|updates?)$`,
  // a tool's guess at what the reader may qualify for: the items under it are programmes, not requirements
  String.raw`\byou (?:may|might|could) be (?:eligible|qualified) for\b|\byou are (?:likely|probably) (?:to be )?eligible for\b`,
  String.raw`審査|評価|選考|選定|招へい者|受入れ?(?:対象|者)|対象分野|募集(?:領域|分野|課題)|研究分野`,
  String.raw`^(?:\d+[.)．]?\s*)?(?:(?:事業|制度|プログラム|本事業)の?)?(?:目的|趣旨|背景|ねらい|狙い)$|更新履歴|変更履歴|お知らせ|新着情報`,
]);

/**
 * The name of one attribute in a table of requirements ("学位", "国籍", "Nationality"), on its own line:
 * the value under it is one row of the requirements around it, so it keeps, not replaces, the heading.
 */
const ATTRIBUTE_LABEL = anyOf([
  String.raw`^(?:nationality|citizenship|degree|academic degree|age|career|career stage|affiliation|position|employment|status|enrolment|enrollment|residence|research experience|others?)$`,
  String.raw`^(?:学位|国籍|年齢|職歴|研究歴|経歴|身分|所属|在籍|在学|在学年次|居住|雇用|その他)$`,
]);

/** The attributes a requirements table names its rows for: who may apply is what the row asks of them. */
const REQUIREMENT_LABEL = anyOf([
  String.raw`^(?:nationality|citizenship|(?:academic )?degree|age(?: limit)?|career(?: stage)?|research experience|language(?: ability| proficiency)?)$`,
  String.raw`^(?:学位|国籍|年齢|職歴|研究歴|経歴|在学年次|語学力|年齢制限)$`,
]);

/** A row label that names a requirement ("年齢 | 応募時点で45歳以下", "Nationality: …"). */
export function isRequirementLabel(text: string): boolean {
  return REQUIREMENT_LABEL.test(text.normalize('NFKC').replace(/\s+/g, ' ').trim());
}

/** A footnote mark or a Q&A number on its own line ("※3", "*1", "A1-1", "Q-2", "(3)"): no words at all. */
const MARK_ONLY = /^[\s※*＊()（）[\]【】\d.\-–:：]*(?:[QAＱＡ問答][\s\d.\-–:：]*)?$/;

/** A line that looks like a heading but says nothing of what follows: a mark, a number, an attribute name. */
export function isAsideLine(text: string): boolean {
  const t = text.normalize('NFKC').trim();
  return MARK_ONLY.test(t) || ATTRIBUTE_LABEL.test(t);
}

/** A question ("Q1 … 可能か。", "Can foreign researchers apply?"): in a Q&A page, the context of the answers after it. */
export function isQuestion(text: string): boolean {
  const t = text.normalize('NFKC').trim();
  return /[?？][:：]?$/.test(t) || /(?:ですか|ますか|でしょうか|(?<!いずれ|何れ|どちら)か)[。.]?$/.test(t) || /(?:について|を)教えて(?:ください|下さい)[。.]?$/.test(t);
}

/**
 * What the nearest telling context adds: a heading, heading-like line or label of eligibility; a list
 * introduced by a statement of eligibility ("To be eligible, the PI must meet one of the following:"),
 * whose items finish that statement and so count more; or a heading of something else. A sentence that goes on
 * from a term ("ただし、…", "In addition, …") adds `continuation` besides; a row named for a requirement ("年齢",
 * "Nationality") adds `requirementRow` when nothing around it says more. A bare item (a noun phrase: "Researchers at
 * universities in Japan", "Doctoral degree or equivalent") gets `item` more from context that says eligibility: it says
 * nothing of whose requirement it is, while a sentence says so itself.
 */
export const CONTEXT_WEIGHTS = { eligibleSection: 1.5, eligibleList: 2.5, otherSection: -3, continuation: 1, requirementRow: 1, item: 0.5 };
