/**
 * The eligibility classifier's rules: word classes with weights, as data. A statement's score is the sum
 * of the weights of the rules it fires (each rule at most once); it says who may apply when the score
 * reaches THRESHOLD. Reading a decision is reading this table: `explainEligibility` lists the rules a
 * statement fired.
 *
 * How the weights are meant to add up:
 * - one who-word (applicants, researchers, 研究者, 機関, …) is never enough, nor is one modal ("must");
 * - a who-word with a statement of eligibility ("are eligible", "may apply", 応募資格, 申請できない,
 *   "may serve as PI", 代表者となることはできません), with a submitter ("submitted by a host institution",
 *   "invites applications from", 申請は…が行う), with a recipient ("fellowships are awarded to …
 *   researchers") or with a modal and a condition ("must hold a doctoral degree") is;
 * - under an eligibility heading, label or list introduction, a who noun phrase is ("…に在学する者");
 * - counter-rules take away what the who-words gave: dates and deadlines, amounts, procedures (forms,
 *   systems, documents), caveats and pointers elsewhere, contacts, invitees and visitors, purposes and
 *   aims, what the agency does, obligations after selection, eligible fields or costs (what may be
 *   proposed, not who may propose), questions, instructions to the reader, definitions, change-log lines.
 *
 * Patterns run on the NFKC-folded statement (full-width letters and brackets folded, 出来 read as でき).
 * Each pattern is a list of alternatives, one surface form a line. Adding a rule or a form: add a line,
 * then a labelled case that needs it to test/parsers/extract/eligibility-cases.json.
 */

export interface EligibilityRule {
  /** Short name, shown by explainEligibility and in test failures. */
  name: string;
  weight: number;
  test: RegExp | ((statement: string) => boolean);
  /** The rule does not fire when one of these has fired (a description that still names who applies). */
  unless?: string[];
}

export const THRESHOLD = 3;

/** One pattern out of alternatives, one surface form each. */
const anyOf = (parts: string[], flags = 'i'): RegExp => new RegExp(parts.join('|'), flags);

export const WHO_EN = String.raw`applicants?|researchers?|investigators?|co-?investigators?|PIs?|co-?PIs?|principal investigators?|collaborators?|counterparts?|scientists?|scholars?|candidates?|fellows?|students?|postdocs?|faculty|professors?|institutions?|organi[sz]ations?|universit(?:y|ies)|compan(?:y|ies)|enterprises?|firms?|consorti(?:a|um)|teams?|alumni|individuals?|persons?|holders?|nationals|(?:a|an) national of|citizens?|(?:legal )?entit(?:y|ies)|those (?:who|with|holding|having|registered|based|affiliated|employed)|anyone`;
const WHO_JA = String.raw`申請者|応募者|提案者|研究者|代表者|研究員|機関|大学(?!院)|企業|法人|学生|院生|教員|教授|助教|チーム|グループ|個人|者`;
/** Roles a page says someone may or may not take: "serve as PI", 研究代表者となる. */
const ROLE_EN = String.raw`PIs?|principal investigators?|co-?PIs?|co-?investigators?|lead(?:ers?| applicants?| institutions?| organi[sz]ations?| partners?)?|coordinators?|representatives?|members?|partners?|applicants?|hosts?|participants?|beneficiar(?:y|ies)|entit(?:y|ies)|institutions?|organi[sz]ations?`;
const ROLE_JA = String.raw`代表者|代表機関|申請者|応募者|提案者|責任者|分担者|共同研究者|参加者|参画機関|コーディネーター|主担当教員|受入研究者|受入機関|機関`;
const MONTH = String.raw`January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?`;
const NUMBER_EN = String.raw`(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+)`;
const DATE_START = String.raw`(?:\d{4}[./-]\d{1,2}[./-]\d{1,2}|\d{1,2}(?:st|nd|rd|th)? (?:${MONTH}),? \d{4}|(?:${MONTH}) \d{1,2},? \d{4}|(?:令和|平成)?\s*(?:\d{1,4}|元)年\s*\d{1,2}月\s*\d{1,2}日)`;

/** Japanese ends in the who it describes; English starts with it and has no finite verb. */
const WHO_PHRASE_JA = anyOf([String.raw`(?:研究者|代表者|申請者|応募者|者|機関|大学|企業|法人|学生|チーム|グループ|外国人)[)）]?(?:です|であること|とします|とする|に限ります|に限る)?(?:[(（][^)）]*[)）])?[。.]?$`]);
const WHO_FIRST_EN = anyOf([String.raw`^(?:[\w'’/,&-]+ ){0,3}?(?:${WHO_EN})\b`]);
const FINITE_EN = anyOf([String.raw`\b(?:is|are|was|were|be|been|must|shall|should|will|would|can|cannot|could|may|might|has|have|had|do|does|did|needs?)\b`, '[ぁ-ん]']);
/** A Japanese statement about someone: "申請者は", "研究者(…)が", "企業等は". */
const WHO_TOPIC_JA = anyOf([String.raw`(?:${WHO_JA}|員)(?:等)?(?:[(（][^)）]*[)）])?(?:は|が|も)`]);
/**
 * The part of an English statement outside its relative clauses: "Persons who have a PhD which was awarded …"
 * is a noun phrase; a statement with a modal anywhere ("Applicants who have questions should …") is not.
 */
const mainClause = (s: string): string => (/\b(?:must|shall|should|will|would|can|cannot|could|may|might)\b/i.test(s) ? s : s.split(/\b(?:who|whom|whose|which|that|where)\b/i)[0]!);

/** An instruction to the reader: "…してください", "…願います", "Please …", "Submit …". */
const INSTRUCTION = anyOf([
  String.raw`(?:て|で)(?:ください|くださいますよう[^。]*)[。.]?$`,
  String.raw`(?:願います|お願い(?:します|いたします|致します))[。.]?$`,
  String.raw`^(?:please |kindly |be sure to |make sure (?:to |that )?)?(?:submit|send|complete|prepare|check|contact|read|follow|fill|register|upload|download|attach|use|visit|click|access|confirm|consult|ensure|do not|don'?t)\b`,
]);

/** Every word capitalised but the small ones, and no stop: "Eligibility", "Eligible Partner Countries", "Who Can Apply". */
const TITLE_CASE = /^[A-Z][\w'’&/-]*(?: (?:[A-Z][\w'’&/-]*|of|and|for|the|to|in|on|a|an|or|with|by|\([^)]*\)))*$/;

const APPLYING = anyOf([String.raw`\b(?:appl(?:y|ying|ies|ied|ications?|icants?)|propos(?:als?|e|ing)|submi(?:t|ts|tted|ssions?))\b`, '申請|応募|提案']);
const DEADLINE_WORD = anyOf([
  String.raw`(?<!(?:before|after|prior to|as of|at|on|by) the (?:application |submission |call )?)\b(?:deadline|closing date|due date)\b`,
  String.raw`\b(?:no later than|not later than|by (?:the )?(?:deadline|due date|closing))\b`,
  '締切|締め切り|〆切|期限|必着',
]);
const BY_DATE = anyOf([String.raw`\b(?:by|until|before) (?:\d{1,2}(?:st|nd|rd|th)? )?(?:${MONTH})\b`]);

/** What an applicant is: degree, career stage, post, affiliation, nationality, enrolment, age. */
const QUALIFICATION = anyOf([
    String.raw`\b(?:doctoral|doctorate|Ph\.? ?D\.?|master'?s|bachelor'?s|degree|postdoctoral|post-doctoral|early[- ]career|mid[- ]career|full[- ]time|tenured?|permanent (?:position|resident|staff))\b`,
    String.raw`\b(?:citizens?(?:hip)?|nationality|nationals? of|(?:Japanese|foreign|non-Japanese|[A-Z][a-z]+(?:ese|ian|ish|an|ch|i)) nationals?|residents?|enrolled|years of age|years old|under the age|age limit)\b`,
    String.raw`\b(?:faculty (?:members?|positions?)|(?:research|academic|permanent|tenured|full-time|teaching) (?:posts?|positions?)|(?:post|position|appointment) at|affiliated|affiliation|employed)\b`,
    String.raw`\b(?:regardless of (?:nationality|age|affiliation)|of any nationality|irrespective of nationality)\b`,
    // not barred for misconduct: 不正使用により応募資格が制限されていないこと
    String.raw`\b(?:misconduct|debarred|suspended from (?:applying|receiving))\b|不正(?:使用|受給|行為)|応募資格(?:が)?(?:停止|制限)`,
    String.raw`\b(?:language (?:ability|proficiency|skills?)|proficien(?:t|cy) in|fluen(?:t|cy) in|(?:years? of |research |work |professional |postdoctoral )experience|experiences? of (?:staying|living|working|research))\b`,
    String.raw`\b(?:receiv(?:e|es|ed|ing)|obtain(?:s|ed|ing)?|secured?|hold(?:s|ing)?),? (?:[\w,-]+ ){0,4}(?:support|funding|grants?|awards?|fellowships?)\b`,
    String.raw`支援を受け(?:ている|た)|助成を受け(?:ている|た)|学位|博士号|博士課程|修士課程|在学|在籍|所属|常勤|専任|国籍|年齢|歳(?:未満|以下)|雇用|従事|研究歴|職歴|居住|永住|語学力|日本語能力|英語能力|研究経験`,
]);

/** A noun phrase: English with no finite verb outside its relative clauses, Japanese ending on a noun. */
const isNounPhrase = (s: string): boolean => (/[ぁ-んァ-ヶ一-龯]/.test(s)
  ? s.length <= 40 && /[一-龯ァ-ヶ]$/.test(s.replace(/[(（][^)）]*[)）]$/, ''))
  : s.split(' ').length <= 25 && !/[.]$/.test(s) && !FINITE_EN.test(mainClause(s)));

/** Who the statement is about. */
export const WHO = anyOf([String.raw`\b(?:${WHO_EN})\b`, WHO_JA]);

/** The rules that add; the counter-rules are in COUNTER_RULES. */
const ADDING_RULES: EligibilityRule[] = [
  { name: 'who', weight: 1, test: WHO },
  // A noun phrase that is a who: "…に在学する者", "Researchers at universities in Japan" with no verb.
  { name: 'who-phrase', weight: 1, test: (s) => WHO_PHRASE_JA.test(s) || (WHO_FIRST_EN.test(s) && !FINITE_EN.test(mainClause(s))) },
  // eligibility said outright
  { name: 'eligible', weight: 2, test: anyOf([
    String.raw`\b(?:eligible|eligibility|ineligible|qualif(?:y|ies|ied))\b`,
    String.raw`\bopen(?:ed)? (?:only )?(?:to|for) (?!the public|applications|proposals|submissions|registration)`,
    // "limited to researchers in Japan", not "include, but are not limited to"
    String.raw`(?<!\bnot )\b(?:restricted|limited|confined) to\b`,
    String.raw`\binvited to (?:submit|apply|propose)`,
    String.raw`\b(?:may|can|could|cannot|can ?not|may not|are allowed to|is allowed to) (?:also |only |not )?(?:apply|submit|participate|be (?:an? )?applicants?)\b`,
    String.raw`\b(?:apply|participate|take part) as (?:an? |the )?(?:applicants?|PIs?|principal investigators?|lead|co-?applicants?)\b`,
    // a role someone may or may not take: "may serve as PI", "cannot become the lead institution"
    String.raw`\b(?:may|can|could|cannot|can ?not|may not|(?:is|are) (?:not )?(?:allowed|permitted|eligible) to)(?: also| only| not)? (?:serve|act|be (?:appointed|named|listed|included|involved)|join|participate)(?: in (?:the |a |this |each )?[\w-]+)? as (?:an? |the )?(?:[\w-]+ ){0,2}(?:${ROLE_EN})\b`,
    String.raw`\b(?:acts?|serves?) as (?:an? |the )?(?:[\w-]+ ){0,2}(?:PIs?|principal investigators?|co-?PIs?|lead (?:applicant|institution|organi[sz]ation)s?|coordinators?|representatives?)\b`,
    String.raw`\b(?:may|can|could|cannot|can ?not|may not)(?: also| only| not)? (?:become|be) (?:an? |the )?(?:[\w-]+ ){0,2}(?:PIs?|principal investigators?|co-?PIs?|lead (?:applicant|institution|organi[sz]ation)s?|coordinators?|representatives?)\b`,
    String.raw`\bentitled to (?:apply|submit)|\bwho (?:can|may) apply\b|\b(?:pre)?requisites? for (?:application|applying|applicants)`,
    // limits on who: "no age limit", "nationality requirements"
    String.raw`\b(?:no|without) (?:age|nationality|career[- ]stage|degree) (?:limits?|restrictions?|requirements?)\b|\b(?:age|nationality|degree|career[- ]stage) (?:limits?|restrictions?|requirements?|criteria|criterion)\b`,
    String.raw`\b(?:of any|regardless of|irrespective of) (?:nationality|age|gender)\b|\bno (?:requirements?|restrictions?|limits?|limitations?) (?:that|to|for|on|regarding|as to)\b`,
    String.raw`応募資格|申請資格|応募要件|申請要件|資格要件|応募条件|申請条件|(?:応募|申請|提案)の(?:条件|要件)|(?:応募|申請)対象`,
    // 申請できる, 応募することはできません, 申請可: not "申請は可能です" alone, which says nothing of who
    String.raw`(?:応募|申請|提案)(?:することは|することが|することも|が)?(?:でき|可能|不可|可(?:です|とします|[。.、]|$))`,
    String.raw`(?:に|を)限(?:る|ります|り|られ)|受け?付け(?:ません|ない|られません)|受理(?:できません|しません|されません|できない|しない)`,
    String.raw`対象とな(?:る|ります)(?:研究者|者|機関)|(?:研究者|者|機関|大学|企業|チーム|グループ)を対象(?:と(?:し|する)|に)`,
    String.raw`(?:国籍|年齢|性別|所属)(?:の有無)?(?:は|を)?問(?:いません|わない|わず)|(?:年齢|国籍|学位|職歴)(?:の)?(?:制限|要件)|(?:制限|要件|条件)は(?:ありません|ない|設けません|設けていません)`,
    // a role: 研究代表者となることはできません, 研究代表機関になれます, 代表者として応募できる
    String.raw`(?:${ROLE_JA})(?:等)?(?:と|に)(?:なる|なれ)(?:こと)?(?:は|が|も)?(?:でき|可能|不可|られ|ます|ません|ない)`,
    String.raw`(?:${ROLE_JA})(?:等)?として(?:の)?(?:申請|応募|参加|参画)(?:すること)?(?:は|が|も)?(?:でき|可能|不可)`,
  ]) },
  { name: 'states-eligible', weight: 1.5, test: anyOf([
    String.raw`^(?:the |all |only )?(?:eligible|qualified) (?:applicants?|candidates?|researchers?|institutions?|organi[sz]ations?|countries|partners?|persons?|individuals?|nationalities|entities|consortia|teams?)\b`,
    String.raw`\b(?:eligible|qualified) (?:applicants?|candidates?|researchers?|institutions?|organi[sz]ations?|countries|partners?|persons?|individuals?|nationalities|entities|consortia|teams?) (?:are|is|include|must|should)\b`,
    String.raw`\b(?:are|is|were|was|be|become|remain) (?:not |only )?eligible\b|\beligible (?:for (?:funding|support|application|this)|to (?:apply|submit|participate|receive))\b|\bto be eligible\b`,
    String.raw`\b(?:applications?|proposals?)\b[^.]{0,40}\b(?:is|are) (?:not )?(?:allowed|permitted)\b`,
    String.raw`^(?:(?:the|any|all) )?(?:proposals?|applications?)\b[^.]{0,60}\b(?:are|is|will|shall) not be (?:accepted|considered|eligible|reviewed)\b`,
    String.raw`\bopen(?:ed)? (?:only )?(?:to|for) (?:teams?|researchers?|applicants?|scientists?|institutions?|organi[sz]ations?|universit|compan|all|any|PIs?|individuals?|early|mid|young|foreign|Japanese|international)`,
    String.raw`\binvited to (?:submit|apply)|\b(?:pre)?requisites? for (?:application|applying)`,
  ]) },
  // who applies or submits: "submitted by a host institution", "invites applications from", 申請は…が行う
  { name: 'submitted-by', weight: 1.5, test: anyOf([
    String.raw`\b(?:submitted|made|prepared|filed|sent|lodged) (?:jointly |only )?by (?!(?:the )?(?:deadline|due date|closing|end of|e-?mail|post|mail|fax|\d|${MONTH}|mid|early|late|noon))`,
    // "X submits the proposal" (writing one, "prepare a proposal", is a procedure)
    String.raw`\b(?:submits?|sends?|files?|makes?) (?:an? |the |their |its |his or her )?(?:(?!(?:calls?|for)\b)[\w-]+ ){0,2}(?:applications?|proposals?)\b`,
    String.raw`\b(?:applications?|proposals?) by (?:the |a |an |both )?(?:[\w'’-]+ ){0,4}(?:applicants?|PIs?|researchers?|investigators?|institutions?|organi[sz]ations?|universit(?:y|ies)|teams?|hosts?)\b`,
    String.raw`\bapply (?:jointly|together|as (?:an? )?(?:team|consortium|individual|PI))\b`,
    String.raw`\b(?:accepts?|receives?|invit(?:es?|ing)|welcom(?:es?|ing)|seeks?|seeking|solicits?|soliciting|calls? for|calling for) (?:proposals?|applications?|submissions?|nominations?) (?:only |solely |exclusively )?from\b`,
    String.raw`\b(?:accepts?|receives?|invit(?:es?|ing)|welcom(?:es?|ing)|seeks?|seeking|solicits?|soliciting|calls? for|calling for) (?:proposals?|applications?|submissions?|nominations?)\b[^.]{0,60}?\bfrom (?:the |a |an )?(?:[\w'’/-]+ ){0,4}(?:${WHO_EN})\b`,
    String.raw`\b(?:proposals?|applications?|submissions?|nominations?) (?:are |is |will be |were )?(?:accepted|received|invited|welcomed|sought|solicited) (?:only |solely |exclusively )?from\b`,
    String.raw`(?:申請|応募|提案)は、?[^。]{0,40}?(?:が|により)(?:行う|行います|行って|申請|応募|提出)`,
    String.raw`(?:の|による|からの)(?:申請|応募|提案)(?:を基本|を原則|に限|(?:のみ)?を受け付け(?:ます|る))`,
    String.raw`(?:連名|単独|共同)(?:による|で)[^。]{0,6}?(?:申請|応募|提案)`,
    String.raw`\b(?:applications?|proposals?) from\b[^.]{0,60}\b(?:are|is|will be) (?:also |especially )?(?:welcome|welcomed|accepted|eligible|considered)\b`,
    String.raw`(?:申請|応募)者(?:[(（][^)）]*[)）])?は`,
  ]) },
  // who is paid: "fellowships are awarded to Japanese postdoctoral researchers", "available to researchers who"
  { name: 'recipient', weight: 1.5, test: anyOf([
    String.raw`\b(?:awarded|granted|given|offered|provided|available|intended|targeted|tailored|reserved) (?:only |exclusively |primarily |mainly |specifically )?(?:to|for|at) (?:(?!of\b)[\w'’-]+ ){0,3}(?:${WHO_EN})\b`,
    String.raw`(?:研究者|者|機関|大学|企業|学生|チーム|グループ)(?:等)?(?:に対して|に対し|に)[^。]{0,20}?(?:支給|授与|交付)(?:する|します|される|されます)`,
    String.raw`者を[^。]{0,20}?(?:に|として)採用`,
  ]) },
  // how an applicant goes in: through their institution, or directly to the agency
  { name: 'route', weight: 1, test: anyOf([
    String.raw`\b(?:apply|applying|submit|submitted|applications?|proposals?)\b[^.]{0,50}?\b(?:through|via|by way of) (?:the |their |his or her |its |an? )?(?:[\w'’-]+ ){0,5}?(?:institutions?|universit(?:y|ies)|organi[sz]ations?|employers?|hosts?|departments?|affiliations?)\b`,
    String.raw`\b(?:apply|applying|submit|submitted|be sent)\b[^.]{0,20}?\bdirectly to\b`,
    String.raw`(?:を通じて|を通して|を経由して|経由で)[^。]{0,10}?(?:申請|応募|提出)|直接[^。]{0,6}?(?:申請|応募|提出)`,
  ]) },
  { name: 'modal', weight: 1, test: anyOf([
    String.raw`\b(?:must|shall|should|may not|cannot|can ?not|have to|has to|are to|is to|(?:is|are) required|required to|is necessary|is mandatory|(?:is|are) expected to (?:be|have|hold))\b`,
    // "researchers need to be …", not "there is a critical need to support …"
    String.raw`(?<!\b(?:a|an|the|critical|urgent|strong|growing|pressing|great|clear|real|no) )\bneeds? to\b`,
    String.raw`なければ(?:なりません|ならない)|であること|ている(?:こと|者)|ないこと|を?有すること|が必要(?:です|であり|となります)|必要があります|ものとします|とします|とする[。]?$`,
  ]) },
  { name: 'refusal', weight: 1.5, test: anyOf([
    String.raw`\b(?:not eligible|ineligible|cannot be accepted|can ?not be accepted|will not be accepted|(?:is|are) not accepted|not be (?:considered|reviewed|funded)|not (?:be )?allowed|not permitted|excluded from|disqualified)\b`,
    String.raw`\b(?:may not|cannot|can ?not) (?:apply|submit|lead|hold|receive|participate|join|serve|be (?:an? )?(?:applicant|PI|principal investigator|member))\b`,
    String.raw`(?:でき|認められ|受け?付け|受理(?:し|でき|され)?)(?:ません|ない)|不可(?:です|とします)?[。]?$`,
  ]) },
  { name: 'applying', weight: 0.5, test: APPLYING },
  { name: 'condition', weight: 0.5, test: anyOf([
    String.raw`\b(?:(?:under|below|over|younger than|older than) (?:the age of )?\d|at least|only|more than one|(?:one|a single) (?:proposal|application|project) per|per (?:PI|applicant|researcher|person|institution|team)|no more than|not more than|at most|a minimum of|within (?:\w+ )?years?|or (?:higher|above|equivalent))\b`,
    String.raw`\b(?:who (?:is|are|has|have|hold|holds|were|was|had|can|wish|wishes)|registered (?:with|at|in)|based (?:in|at)|affiliated (?:with|to)|employed (?:at|by|in)|belong(?:s|ing)? to|unless)\b`,
    String.raw`に該当する|を満たす|以上の|に(?:所属|在籍)`,
  ]) },
  // what an applicant is: degree, career stage, post, affiliation, nationality, enrolment, age
  { name: 'qualification', weight: 1, test: QUALIFICATION },
  // an item that names an attribute with no verb, "Doctoral degree or equivalent experience", 博士の学位(見込みを含む):
  // under a heading of eligibility it is a requirement, as a who noun phrase is
  { name: 'attribute-phrase', weight: 1, unless: ['who-phrase'], test: (s) => QUALIFICATION.test(s) && isNounPhrase(s) },
  // "must be a Japanese university": the statement says what the applicant is
  { name: 'is-a-who', weight: 1, test: anyOf([String.raw`\b(?:must|should|shall|has to|have to|needs? to) be (?:an? |the |either )?(?:[\w-]+ ){0,3}(?:${WHO_EN})\b`]) },
  { name: 'origin', weight: 0.5, test: anyOf([
    String.raw`\b(?:${WHO_EN})\b(?: [\w-]+){0,2} (?:from|in|at|based in|affiliated with|employed at) (?:the )?(?:[A-Z]|universit|research|public|private|compan|Japan|overseas|foreign)`,
    String.raw`\b(?:Japanese|Japan-side|Japan-based|[A-Z][a-z]+-based|foreign|overseas|domestic|[A-Z][a-z]+(?:ese|ian|ish|an|ch|i))(?:,? (?:and |or )?[A-Z][a-z]+)* (?:researchers?|scientists?|applicants?|PIs?|[Pp]rincipal [Ii]nvestigators?|teams?|institutions?|organi[sz]ations?|students?)\b`,
    String.raw`(?:日本|我が国|国内|海外|外国)[^。]{0,20}(?:研究者|機関|大学|企業)`,
  ], '') },
  // who the team is made of: "at least one partner from each country", "two to four members", 3機関以上の連名
  { name: 'composition', weight: 1.5, test: anyOf([
    String.raw`\b(?:include|includes|including|consist of|consists of|consisting of|comprise|comprises|comprising|composed of|made up of|formed by|formed of)\b[^.]{0,60}?\b(?:at least|one or more|a minimum of|a maximum of|up to|no more than|not more than|between|a single|exactly|${NUMBER_EN}\*? (?:(?:to|or|and|-) ${NUMBER_EN}\*? )?(?:[\w-]+ ){0,2}(?:members?|researchers?|PIs?|investigators?|partners?|institutions?|universit(?:y|ies)|compan(?:y|ies)|countries|organi[sz]ations?|entit(?:y|ies)|groups?|teams?|scientists?|alumni))\b`,
    String.raw`\bat least ${NUMBER_EN} (?:[\w-]+ ){0,2}(?:partners?|institutions?|universit(?:y|ies)|compan(?:y|ies)|researchers?|countries|organi[sz]ations?|entit(?:y|ies)|members?)\b`,
    String.raw`\b(?:teams?|consorti(?:a|um)|groups?) of (?:${NUMBER_EN}|up to|at least)\b`,
    String.raw`連名|代表機関と(?:し|する)|共同(?:申請|提案)|(?:\d|一|二|三|複数)(?:つ|か国|カ国|ヶ国|機関|名)以上`,
  ]) },
  // an exception to a requirement: "…者を除く", "この限りではありません", "except for those who …"
  { name: 'exception', weight: 1, test: anyOf([
    String.raw`\bexcept(?:ing)? (?:for )?(?:those|researchers?|applicants?|persons?|cases?|where|when)\b|\bwith the exception of\b|\b(?:does|do|shall) not apply to (?:those|researchers?|applicants?)\b`,
    '(?:者|機関|研究者|場合)(?:等)?(?:を|は)除(?:く|きます|いて)|この限りで(?:は)?(?:ない|なく|ありません)',
  ]) },
  // one proposal per person: "duplicate applications", 重複応募, 複数の課題
  { name: 'duplicate', weight: 1, test: anyOf([
    String.raw`\b(?:duplicate|multiple|concurrent|simultaneous|more than one) (?:applications?|proposals?|submissions?)\b`,
    String.raw`\b(?:one|a single|two|three|\d+) (?:applications?|proposals?|submissions?) (?:per|from each|by each|for each)\b`,
    String.raw`重複(?:して)?(?:の)?(?:応募|申請|提案)|(?:複数|二つ以上|2つ以上)の(?:課題|提案|申請|応募)`,
    String.raw`(?:1|一)(?:件|領域|課題|提案)(?:のみ|まで|に限)|(?:1|一)人(?:につき|あたり|当たり)?(?:1|一)件`,
  ]) },
];

/** The rules that take away: what looks like a requirement but says something else. */
const COUNTER_RULES: EligibilityRule[] = [
  // a deadline; "by 1 April" only where the statement is about sending something in (elsewhere it is a
  // reference date of a condition: "researchers who take up a post in Japan by 1 April 2026")
  { name: 'deadline', weight: -2, test: (s) => DEADLINE_WORD.test(s) || (BY_DATE.test(s) && APPLYING.test(s)) },
  { name: 'date', weight: -0.5, test: anyOf([String.raw`\b(?:${MONTH}) \d{1,2}\b|\b\d{1,2}(?:st|nd|rd|th)? (?:${MONTH})\b|\b\d{4}[-/]\d{1,2}\b`, String.raw`\d{1,2}月\d{1,2}日|(?:令和|平成|昭和)\s*(?:\d{1,2}|元)年|\d{4}年`]) },
  // a sum of money; money words without a sum ("pays a stipend", 研究奨励金を支給する) take away less
  { name: 'amount', weight: -2, test: anyOf([String.raw`\b(?:yen|JPY|million|billion)\b|[¥$€£]`, String.raw`\d[\d,.]*\s*(?:千|万|億)?円|支給額`]) },
  { name: 'costs', weight: -1, test: anyOf([String.raw`\b(?:budgets?|costs?|expenses?|expenditures?|overhead|allowances?|stipends?)\b`, '経費|予算|手当|奨励金']) },
  { name: 'procedure', weight: -2, test: anyOf([
    String.raw`\b(?:e-?Rad|online|electronic(?:ally)?|web ?site|(?:online|electronic|application|submission|proposal|registration|management|web) (?:system|portal)|upload(?:ed)?|download|forms?|templates?|documents?|documentation|format|A4)\b`,
    String.raw`\b(?:fill(?:ed)? (?:in|out)|enter(?:ed)? (?:in|into|on)|log ?in|register (?:on|in|via|at|through)|procedures?|inform|notify|letters? of (?:intent|support|consent|recommendation))\b`,
    // "via e-Rad", not "via their host institution" (a route, which says who goes in)
    String.raw`\bvia\b(?! (?:the |their |his or her |its |an? )?(?:[\w'’-]+ ){0,3}(?:institutions?|universit(?:y|ies)|organi[sz]ations?|employers?|hosts?|departments?)\b)`,
    String.raw`\b(?:passports?|visas?)\b`,
    '電子申請|システム|様式|書類|入力|送信|アップロード|届出|届け出|郵送|手続|ダウンロード|記入|(?:入手|提出)してください|旅券|査証|ビザ',
  ]) },
  { name: 'caveat', weight: -3, test: anyOf([
    String.raw`\b(?:subject to change|(?:cannot|can ?not|does not|do not|will not) guarantee|no guarantee|please (?:refer|see|check|note|visit|read|contact|ask|confirm|be aware)|note that)\b`,
    String.raw`\b(?:for (?:more |further )?(?:details|information)|more (?:details|information)|refer to|see (?:the|section|chapter|below|above|page)|(?:is|are) available (?:in|at|on|from)|check the)\b`,
    String.raw`\b(?:may (?:vary|change|differ)|vary depending|will be (?:announced|determined|notified|informed)|to be determined)\b`,
    // advice to read or check something first: "applicants should read the guidelines carefully"
    String.raw`\b(?:should|must|are (?:requested|asked|advised|encouraged|recommended) to|is (?:requested|asked|advised|recommended) to) (?:carefully |first |also )?(?:read|refer to|check|consult|review|confirm|see)\b`,
    'ご確認|ご参照|ご覧|参照(?:して|のこと|ください)|留意|注意|ご検討|検討の(?:上|うえ)|可能性があります|詳細(?:は|について|につきましては)',
    // "…場合があります" hedges, but "…できない場合があります" still restricts who
    String.raw`(?<!(?:でき|られ|れ|得)ない)場合があ(?:ります|る)`,
  ]) },
  { name: 'contact', weight: -2, test: anyOf([
    String.raw`\b(?:contact|e[- ]?mail(?:ing|ed)?|tel(?:ephone)?|fax|inquir(?:e|y|ies)|enquir(?:e|y|ies)|help ?desk)\b|@|["“”'(\[]\s*at\s*["“”')\]]`,
    '問い?合わ?せ|連絡先|メール|電話',
  ]) },
  { name: 'invitee', weight: -2, unless: ['submitted-by'], test: anyOf([
    // "invites applications from" says who applies (submitted-by); "to invite a researcher" speaks of an invitee
    String.raw`\b(?:invitees?|invitation|visitors?|visiting|trainees?|guests?|invited (?:participants?|persons?|researchers?|scientists?|fellows?|students?))\b`,
    String.raw`\b(?:to invite|invites?)\b(?! (?:applications?|proposals?|submissions?|nominations?)\b)`,
    '被?招へい者|招へい(?:研究者|する(?:研究者|者))|招へいされる|受け?入れる場合|来日する|訪日する|招へい(?:対象|期間)',
  ]) },
  { name: 'purpose', weight: -1.5, test: anyOf([
    String.raw`\b(?:aims? (?:to|at)|aimed at|(?:the|its|our) (?:purpose|objectives?|goals?|aims?) (?:of (?:the|this) [\w-]+ )?(?:is|are)|with the (?:goal|aim|purpose) of|in order to|intended to|designed to|so as to|with a view to)\b`,
    // an aims bullet: "To create scientific breakthrough by …" (not "To be eligible, …", "To apply, …")
    String.raw`^to (?!be eligible|apply|qualify|participate|submit|be considered)[a-z]+\b[^,]*$`,
    'を目的と(?:し|する)|目指(?:す|します|して)|ことを目的|趣旨|を図(?:る|ります)|(?:する|(?<![こそ])の)ため(?:に)?、',
  ]) },
  { name: 'agency-acts', weight: -1.5, unless: ['submitted-by'], test: anyOf([
    String.raw`^(?:(?:the |in the |in )?(?:JST|JSPS|AMED|NEDO|Japan Science and Technology Agency|Japan Society for the Promotion of Science|Japan Agency for Medical Research and Development|we|this (?:program(?:me)?|call|initiative|fellowship|award|scheme|project)|the (?:program(?:me)?|initiative|fellowship|award|scheme))\b[^.]{0,80}? (?:will (?:support|provide|fund|select|allocate|accept|invite|offer|launch|announce)|supports?|provides?|promotes?|allows?|aims?|accepts?|invites?|offers?|gives?|funds?|selects?|is planning|plans?|holds?|is holding|implements?|liaises?|conducts?|makes? a call|calls? for|issues?|launch(?:es)?|announces?|solicits?|seeks?|is pleased))`,
    String.raw`^(?:JST|JSPS|AMED|本会|本機構|本事業|本制度|本プログラム|この制度|この事業)[^。]*(?:支援|実施|推進|募集|公募|提供|促進|選考|採択|決定|開始|設定|配分)(?:します|しました|する|を行います|を行う|しております|しています)[。]?$`,
  ]) },
  // obligations after selection ("Successful applicants will be required to submit annual reports")
  { name: 'after-award', weight: -1.5, test: anyOf([
    String.raw`\b(?:successful|selected|funded|awarded|adopted) (?:applicants?|researchers?|projects?|teams?|candidates?|fellows?|proposals?)\b|\b(?:awardees?|grantees?)\b`,
    String.raw`\b(?:once|after|after being|if|when) (?:selected|funded|awarded|adopted)\b|\bupon (?:selection|award|adoption)\b`,
    String.raw`\b(?:after|upon|at) (?:the )?(?:end|completion|conclusion) of (?:the |their |his or her )?(?:fellowship|project|research period|programme|program|stay|award|grant|support)\b`,
    String.raw`採択(?:後|課題|された(?:研究者|課題|者|機関)(?:は|には|に))|採用後|(?:終了|完了)後|(?:採択|採用)(?:が判明|となった|された|が決定)(?:した)?(?:場合|際|とき|後)`,
  ]) },
  // what may be proposed, not who may propose
  { name: 'topic', weight: -3, test: anyOf([
    String.raw`\b(?:eligible|target(?:ed)?|covered|supported|funded) (?:research )?(?:fields?|areas?|topics?|subtopics?|themes?|disciplines?|categories|costs?|expenses?|expenditures?|activities|award categories|diseases|projects?)\b`,
    String.raw`\b(?:research )?(?:fields?|areas?|topics?|subtopics?|themes?|disciplines?|diseases) (?:are|is) (?:eligible|targeted|covered|included|not limited|limited)\b|\ball (?:fields|areas|disciplines|research fields)\b`,
    '(?:分野|領域|課題|研究開発|テーマ|研究交流|経費|費用)(?:は|を|が)?(?:対象と|対象外|に限定)|対象(?:分野|領域|経費)',
  ]) },
  // how proposals are judged, not who may send them
  { name: 'evaluation', weight: -2, test: anyOf([
    String.raw`\b(?:will be|are|is|were) (?:evaluated|reviewed|assessed|screened|judged|scored|ranked) (?:on|based|according|in terms|against|with)\b|\b(?:evaluation|review|selection|assessment) criteria\b`,
    String.raw`\b(?:determines?|checks?|confirms?|verif(?:y|ies)|assess(?:es)?|reviews?|decides?|judges?)(?: (?:the|their|his or her|its|your|applicants'?))? eligibility\b`,
    '審査(?:基準|の観点|項目)|評価(?:基準|項目|の観点)|の観点から(?:審査|評価)',
  ]) },
  // "must meet the following requirements:" points at the list; the items say who may apply (a lead-in that
  // names an attribute itself, "enrolled in a doctoral course and meeting one of the following", says something)
  { name: 'points-ahead', weight: -3, unless: ['qualification'], test: anyOf([
    String.raw`\b(?:meet|satisfy|fulfil{1,2}|comply with)(?: all| any| one| each| either| both)?(?: of)? the following\b|\bthe following (?:requirements|conditions|criteria|qualifications)\b`,
    '(?:以下|下記|次|後述)(?:に掲げる|に示す|に定める|に記載の|の)?[^。]{0,20}?(?:資格|要件|条件|基準|いずれか|すべて|全て|各号|事項)(?:[(（][^)）]*[)）])?(?:を|に|の)?(?:すべて|全て|いずれか)?(?:満た|該当|備え)',
  ]) },
  // a question is not a term, however much it speaks of applying: "…は可能か。", "Can I apply …?"
  { name: 'question', weight: -3, test: anyOf([
    String.raw`[?？]\s*$|^(?:Q|問)\s*[\d.-]*\s*[:：.]?\s`,
    String.raw`(?:ですか|ますか|でしょうか|(?<!いずれ|何れ|どちら)か)[。.]?$|(?:について|を)教えて(?:ください|下さい)`,
  ]) },
  // an instruction to the reader, not a term of who may apply (unless it names who: "申請者は…提出してください")
  { name: 'instruction', weight: -1.5, test: (s) => INSTRUCTION.test(s) && !WHO_TOPIC_JA.test(s) && !/^(?:applicants?|researchers?|PIs?)\b/i.test(s) },
  // a definition: "※1:大学等とは、…をいいます。", "'Institution' refers to …"
  { name: 'definition', weight: -3, test: anyOf([String.raw`とは[、,]?[^。]*(?:をいう|をいいます|を指す|を指します|のこと(?:です|をいう|をいいます)?|を意味)|と定義(?:し|する|します|しています)`, String.raw`\b(?:refers to|is defined as|are defined as|shall mean)\b`]) },
  // a change-log or news line: "10 Sep 2021: Added information on …", "…を追加しました"
  { name: 'change-log', weight: -3, test: anyOf([
    String.raw`^(?:${DATE_START}\s*[:：)）]?\s*)?(?:\(?(?:updated|added|revised|corrected|changed|posted|published|uploaded|amended|modified|deleted|removed|replaced)\)?)\b(?! by)`,
    String.raw`\b(?:has|have|was|were) been (?:updated|added|revised|corrected|changed|posted|published|uploaded|amended|extended)\b|\b(?:was|were) added as\b`,
    '(?:を|について|に関する情報を)?(?:追加|更新|修正|掲載|変更|追記|訂正|削除|公開)(?:しました|いたしました)[。]?$',
  ]) },
  // a statement the page cut off on a comma is not whole
  { name: 'unfinished', weight: -1, test: /[、,]$/ },
  // a heading written as a line of its own, "Eligible Countries", "Who Can Apply": it names a section, says nothing
  // (a capitalised who or attribute phrase, "Researchers in Japan or Korea", "Fluent in English", is an item)
  { name: 'heading-like', weight: -2, unless: ['who-phrase', 'attribute-phrase'], test: (s) => TITLE_CASE.test(s) && s.split(' ').length <= 6 },
];

/** The statement itself: what it says about applying. The adding rules come first (see eligibility.ts). */
export const STATEMENT_RULES: EligibilityRule[] = [...ADDING_RULES, ...COUNTER_RULES];
