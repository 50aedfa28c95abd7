/**
 * The word classes the eligibility rules are written in (eligibility-rules.ts): who (EN, JA), the roles one may
 * take, what an applicant is (qualification), a condition on who, dates and deadlines, instructions to the
 * reader, and the shapes of a statement (a noun phrase, a bulleted condition put as a bare verb of being or
 * having). Each pattern is a list of alternatives, one surface form a line; all run on the NFKC-folded text.
 */

/** One pattern out of alternatives, one surface form each. */
export const anyOf = (parts: string[], flags = 'i'): RegExp => new RegExp(parts.join('|'), flags);

export const WHO_EN = String.raw`applicants?|researchers?|investigators?|co-?investigators?|PIs?|co-?PIs?|principal investigators?|collaborators?|counterparts?|scientists?|scholars?|candidates?|fellows?|students?|postdocs?|faculty|professors?|institutions?|organi[sz]ations?|universit(?:y|ies)|compan(?:y|ies)|enterprises?|firms?|consorti(?:a|um)|teams?|alumni|individuals?|persons?|holders?|nationals|(?:a|an) national of|citizens?|(?:legal )?entit(?:y|ies)|those (?:who|with|holding|having|registered|based|affiliated|employed)|anyone`;
// "法人" names a who ("法人格を有する企業"), not the legal form at the head of an agency's name (国立研究開発法人, 独立行政法人)
export const WHO_JA = String.raw`申請者|応募者|提案者|研究者|代表者|研究員|機関|大学(?!院)|企業|(?<!研究開発|行政)法人|学生|院生|教員|教授|助教|チーム|グループ|個人|者`;
/** Roles a page says someone may or may not take: "serve as PI", 研究代表者となる. */
export const ROLE_EN = String.raw`PIs?|principal investigators?|co-?PIs?|co-?investigators?|lead(?:ers?| applicants?| institutions?| organi[sz]ations?| partners?)?|coordinators?|representatives?|members?|partners?|applicants?|hosts?|participants?|beneficiar(?:y|ies)|entit(?:y|ies)|institutions?|organi[sz]ations?`;
export const ROLE_JA = String.raw`代表者|代表機関|申請者|応募者|提案者|責任者|分担者|共同研究者|参加者|参画機関|コーディネーター|主担当教員|受入研究者|受入機関|機関`;
export const MONTH = String.raw`January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?`;
export const NUMBER_EN = String.raw`(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+)`;
export const DATE_START = String.raw`(?:\d{4}[./-]\d{1,2}[./-]\d{1,2}|\d{1,2}(?:st|nd|rd|th)? (?:${MONTH}),? \d{4}|(?:${MONTH}) \d{1,2},? \d{4}|(?:令和|平成)?\s*(?:\d{1,4}|元)年\s*\d{1,2}月\s*\d{1,2}日)`;

/** Japanese ends in the who it describes; English starts with it and has no finite verb. */
// (a footnote mark may follow: "…を志望する者※2。")
export const WHO_PHRASE_JA = anyOf([String.raw`(?:研究者|代表者|申請者|応募者|者|機関|大学|企業|法人|学生|チーム|グループ|外国人)[)）]?(?:です|であること|とします|とする|に限ります|に限る)?(?:[(（][^)）]*[)）])?(?:[※*＊]\d{0,2}|注\d{0,2}\)?)?[。.]?$`]);
// the who is the head of the phrase, not a possessive ("the applicant's home advisor" names the advisor)
export const WHO_FIRST_EN = anyOf([String.raw`^(?:[\w'’/,&:-]+\s+){0,3}?(?:${WHO_EN})\b(?!['’]s\b)`]);
/** A Japanese statement about someone: "申請者は", "研究者(…)が", "企業等は". */
export const WHO_TOPIC_JA = anyOf([String.raw`(?:${WHO_JA}|(?<!全)員)(?:等)?(?:[(（][^)）]*[)）])?(?:は|が|も)`]);
export const FINITE_EN = anyOf([String.raw`\b(?:is|are|was|were|be|been|must|shall|should|will|would|can|cannot|could|may|might|has|have|had|do|does|did|needs?)\b`, '[ぁ-ん]']);
/**
 * The part of an English statement outside its relative clauses: "Persons who have a PhD which was awarded …"
 * is a noun phrase; a statement with a modal anywhere ("Applicants who have questions should …") is not.
 */
export const mainClause = (s: string): string => (/\b(?:must|shall|should|will|would|can|cannot|could|may|might)\b/i.test(s) ? s : s.split(/\b(?:who|whom|whose|which|that|where)\b/i)[0]!);

/** An instruction to the reader: "…してください", "…願います", "Please …", "Submit …". */
export const INSTRUCTION = anyOf([
  String.raw`(?:て|で)(?:ください|くださいますよう[^。]*)[。.]?$`,
  String.raw`(?:願います|お願い(?:します|いたします|致します))[。.]?$|(?:して|で)いただ(?:く|き)(?:必要|ます|たく)`,
  String.raw`^(?:please |kindly |be sure to |make sure (?:to |that )?)?(?:submit|send|apply|complete|prepare|check|contact|read|follow|fill|register|upload|download|attach|use|visit|click|access|confirm|consult|ensure|do not|don'?t)\b`,
]);

/** Every word capitalised but the small ones, and no stop: "Eligibility", "Eligible Partner Countries", "Who Can Apply". */
export const TITLE_CASE = /^[A-Z][\w'’&/-]*(?: (?:[A-Z][\w'’&/-]*|of|and|for|the|to|in|on|a|an|or|with|by|\([^)]*\)))*$/;

// (the applicant is a who, counted once as one: "申請者", "applicant's")
export const APPLYING = anyOf([String.raw`\b(?:appl(?:y|ying|ies|ied|ications?)|propos(?:als?|e|ing)|submi(?:t|ts|tted|ssions?))\b`, '(?:申請|応募|提案)(?!者)']);
export const DEADLINE_WORD = anyOf([
  String.raw`(?<!(?:before|after|prior to|as of|at|on|by) the (?:application |submission |call )?)\b(?:deadline|closing date|due date)\b`,
  String.raw`\b(?:no later than|not later than|by (?:the )?(?:deadline|due date|closing))\b`,
  '締切|締め切り|〆切|期限|必着',
]);
export const DATE = anyOf([String.raw`\b(?:${MONTH}) \d{1,2}\b|\b\d{1,2}(?:st|nd|rd|th)? (?:${MONTH})\b|\b\d{4}[-/]\d{1,2}\b`, String.raw`\d{1,2}月\d{1,2}日|(?:令和|平成|昭和)\s*(?:\d{1,2}|元)年|\d{4}年`]);
export const REFERENCE_DATE = new RegExp(String.raw`\b(?:as of|as at|on|by|before|after|since|on or (?:after|before)|prior to)(?: the)? (?:${DATE_START}|\d{1,2}(?:st|nd|rd|th)? (?:${MONTH})|(?:${MONTH}) \d{1,2}(?:st|nd|rd|th)?)|${DATE_START}\s*(?:現在|時点|までに|以降|以前|以後|より前)`, 'gi');
export const BY_DATE = anyOf([String.raw`\b(?:by|until|before) (?:\d{1,2}(?:st|nd|rd|th)? )?(?:${MONTH})\b`]);

/** What an applicant is: degree, career stage, post, affiliation, nationality, enrolment, age. */
export const QUALIFICATION = anyOf([
    String.raw`\b(?:doctoral|doctorate|Ph\.? ?D\.?|master'?s|bachelor'?s|degree|postdoctoral|post-doctoral|early[- ]career|mid[- ]career|full[- ]time|tenured?|permanent (?:position|resident|staff))\b`,
    String.raw`\b(?:citizens?(?:hip)?|nationalit(?:y|ies)|nationals? of|(?:Japanese|foreign|non-Japanese|[A-Z][a-z]+(?:ese|ian|ish|an|ch|i)) nationals?|resid(?:e|es|ing|ents?|ence|ency)|enrolled|years of age|years old|under the age|age limit)\b`,
    String.raw`\b(?:faculty (?:members?|positions?)|(?:research|academic|permanent|tenured|full-time|teaching) (?:posts?|positions?)|(?:post|position|appointment) at|affiliated|affiliation|employed)\b`,
    String.raw`\b(?:regardless of (?:nationality|age|affiliation)|of any nationality|irrespective of nationality)\b`,
    // not barred for misconduct: 不正使用により応募資格が制限されていないこと
    String.raw`\b(?:misconduct|debarred|suspended from (?:applying|receiving))\b|不正(?:使用|受給|行為)|応募資格(?:が)?(?:停止|制限)`,
    String.raw`\b(?:language (?:ability|proficiency|skills?)|proficien(?:t|cy) in|fluen(?:t|cy) in|(?:years? of |research |work |professional |postdoctoral )experience|experiences? of (?:staying|living|working|research))\b`,
    String.raw`\b(?:receiv(?:e|es|ed|ing)|obtain(?:s|ed|ing)?|secured?|hold(?:s|ing)?|held),? (?:[\w,-]+ ){0,4}(?:support|funding|grants?|awards?|fellowships?)\b`,
    String.raw`支援を受け(?:ている|た)|助成を受け(?:ている|た)|学位|博士号|博士課程|修士課程|在学|在籍|所属|常勤|専任|国籍|年齢|歳(?:未満|以下)|雇用|従事|研究歴|職歴|居住|永住|語学力|日本語能力|英語能力|研究経験`,
]);

/** A noun phrase: English with no finite verb outside its relative clauses, Japanese ending on a noun. */
export const isNounPhrase = (s: string): boolean => (/[ぁ-んァ-ヶ一-龯]/.test(s)
  ? s.length <= 40 && /[一-龯ァ-ヶ]$/.test(s.replace(/[(（][^)）]*[)）]$/, ''))
  : s.split(' ').length <= 25 && !/[.]$/.test(s) && !FINITE_EN.test(mainClause(s)));

/** Who the statement is about; "you" where a requirement is put to the reader ("You must hold a doctorate"). */
export const WHO = anyOf([String.raw`\b(?:${WHO_EN})\b|\byou (?=(?:must|should|need to|have to|are required to|are (?:not )?eligible|qualify|cannot|may not|may apply|can apply)\b)`, WHO_JA]);

/** A condition on who: an age bound, "only", "who have", "based in", に該当する, に所属. */
export const CONDITION = anyOf([
  String.raw`\b(?:(?:under|below|over|younger than|older than) (?:the age of )?\d|at least|only|more than one|(?:one|a single) (?:proposal|application|project) per|per (?:PI|applicant|researcher|person|institution|team)|no more than|not more than|at most|a minimum of|within (?:\w+ )?years?|or (?:higher|above|equivalent))\b`,
  String.raw`\b(?:who (?:is|are|has|have|hold|holds|were|was|had|can|wish|wishes)|registered (?:with|at|in)|based (?:in|at)|affiliated (?:with|to)|employed (?:at|by|in)|belong(?:s|ing)? to|unless)\b`,
  String.raw`に該当する|を満たす|以上の|に(?:所属|在籍)`,
]);

/**
 * A requirement put to the reader as a bare verb of being or having, the way bulleted lists of conditions run: "Be a
 * citizen of …", "Hold a doctorate …", "Have obtained a doctorate within six years …", "Not required to hold …". An
 * imperative of doing ("Apply through …", "Submit …") is an instruction instead.
 */
export const STATIVE_IMPERATIVE = /^(?:not )?(?:be|is|hold|holds|have|has|possess|possesses|reside|resides|belong|belongs)\b(?! (?:sure|aware|careful|advised|prepared|ready|noted|you|we|they|I|he|she)\b)|^not (?:required|necessary|obliged|expected|needed) to\b/i;
/** What the bare verb asks: to be someone or something ("Be a full-time researcher"), to hold a degree or post, to live somewhere. */
export const isRequirementItem = (s: string): boolean => {
  if (!STATIVE_IMPERATIVE.test(s)) return false;
  if (/^(?:not )?(?:reside|belong)s?\b/i.test(s)) return true;
  return QUALIFICATION.test(s) || CONDITION.test(s) || (/^(?:not )?(?:be|is)\b/i.test(s) && WHO.test(s));
};
