/* eslint-disable max-lines -- one table of weighted rules, read and tuned as one: each counter-rule takes away what an adding rule gave, so the weights only make sense side by side (see "How the weights are meant to add up" below) */
/**
 * The eligibility classifier's rules: word classes with weights, as data. A statement's score is the sum
 * of the weights of the rules it fires (each rule at most once); it says who may apply when the score
 * reaches THRESHOLD. Reading a decision is reading this table: `explainEligibility` lists the rules a
 * statement fired.
 *
 * How the weights are meant to add up:
 * - a term says something about applying or being: it fires a predicate (a rule marked `predicate`), or it is an
 *   item (a noun phrase) or stands under context that says eligibility (eligibility.ts); describing words alone
 *   (who, where from, what degree, "applying") never make one, however many there are;
 * - one who-word (applicants, researchers, 研究者, 機関, …) is never enough, nor is one modal ("must"), nor the word
 *   "eligibility" / 応募資格 (the topic of a sentence, not its statement);
 * - a who-word with a statement of eligibility ("are eligible", "may apply", 申請できない, "may serve as PI",
 *   代表者となることはできません), with a submitter ("submitted by a host institution", "invites applications from",
 *   申請は…が行う), with a recipient ("fellowships are awarded to … researchers"), with the route in ("through
 *   their host institution") or with a modal and a condition ("must hold a doctoral degree") is; so is a bulleted
 *   condition put as a bare verb of being or having ("Be a citizen of …", "Hold a doctorate …");
 * - under an eligibility heading, label or list introduction, a who noun phrase is ("…に在学する者");
 * - counter-rules take away what the who-words gave: dates and deadlines, amounts, procedures (forms,
 *   systems, documents), caveats and pointers elsewhere, contacts, invitees and visitors, purposes and
 *   aims, what the agency does, obligations after selection, eligible fields or costs (what may be
 *   proposed, not who may propose), questions, instructions to the reader, definitions, change-log and history
 *   lines, free choices, pointers to requirements stated elsewhere, guesses ("you may be eligible for").
 *
 * Patterns run on the NFKC-folded statement (full-width letters and brackets folded, 出来 read as でき).
 * Each pattern is a list of alternatives, one surface form a line; the word classes they are written in (who,
 * qualification, condition, dates, instructions) are in eligibility-words.ts. Adding a rule or a form: add a line,
 * then a labelled case that needs it to test/parsers/extract/eligibility-cases.json.
 */

import {
  anyOf, APPLYING, BY_DATE, CONDITION, DATE, DATE_START, DEADLINE_WORD, FINITE_EN, INSTRUCTION, isNounPhrase, isRequirementItem,
  mainClause, MONTH, NUMBER_EN, QUALIFICATION, REFERENCE_DATE, ROLE_EN, ROLE_JA, TITLE_CASE, WHO, WHO_EN, WHO_FIRST_EN,
  WHO_PHRASE_JA, WHO_TOPIC_JA,
} from './eligibility-words.ts';

export interface EligibilityRule {
  /** Short name, shown by explainEligibility and in test failures. */
  name: string;
  weight: number;
  test: RegExp | ((statement: string) => boolean);
  /** The rule does not fire when one of these has fired (a description that still names who applies). */
  unless?: string[];
  /**
   * The rule says something about applying or being eligible (a predicate: "are eligible", "must hold", "submitted
   * by", 申請できない). Describing words alone (who, where from, what degree, "applying") never make a term: a
   * statement needs a predicate, or must stand as an item under a heading, label or list that says eligibility.
   */
  predicate?: true;
}

export const THRESHOLD = 3;

const CJK_PATTERN = /[\u3040-\u30ff\u3400-\u9fff]/;
const LATIN = /[A-Za-z]/;
/**
 * A rule's surface forms as one test. English forms run only on a statement with Latin letters and Japanese forms
 * only on one with kana or kanji: most statements are in one script, and the forms of the other would be tried for
 * nothing (the rules are the parser's costliest step).
 */
function forms(parts: string[], flags = 'i'): (statement: string) => boolean {
  const ja = parts.filter((p) => CJK_PATTERN.test(p));
  const en = parts.filter((p) => !CJK_PATTERN.test(p));
  const jaRe = ja.length ? anyOf(ja, flags) : undefined;
  const enRe = en.length ? anyOf(en, flags) : undefined;
  return (s) => Boolean((enRe && LATIN.test(s) && enRe.test(s)) || (jaRe && CJK_PATTERN.test(s) && jaRe.test(s)));
}

/** The rules that add; the counter-rules are in COUNTER_RULES. */
const ADDING_RULES: EligibilityRule[] = [
  { name: 'who', weight: 1, test: WHO },
  // A noun phrase that is a who: "…に在学する者", "Researchers at universities in Japan" with no verb. Tables and lists
  // name people for many reasons (award categories, who fills in a form): the phrase is an item of eligibility by
  // what else it says (where from, what degree) or by the heading it stands under.
  { name: 'who-phrase', weight: 0.5, test: (s) => WHO_PHRASE_JA.test(s) || (WHO_FIRST_EN.test(s) && !FINITE_EN.test(mainClause(s))) },
  // the word alone ("eligibility", 応募資格) is the topic, not a statement: "…の申請資格を与えるなど…改めました" is history
  { name: 'eligibility-word', weight: 0.5, test: forms([
    String.raw`\beligib(?:le|ility)\b|\bqualifications?\b`,
    String.raw`応募資格|申請資格|応募要件|申請要件|資格要件|応募条件|申請条件|(?:応募|申請|提案)の(?:条件|要件)|(?:応募|申請)対象`,
  ]) },
  // eligibility said outright
  { name: 'eligible', weight: 2, predicate: true, test: forms([
    // "are (not / also) eligible", not "to be eligible," (a purpose) or "may be eligible for" (a guess)
    String.raw`\bineligible\b|(?<!\b(?:to|may|might|could|likely to) )\b(?:are|is|were|was|be|been|become|becomes|remain|remains|deemed|considered) (?:(?:not|also|only|still|therefore|thus|equally|automatically) )*eligible\b`,
    String.raw`\beligible (?:to (?:apply|submit|participate|receive|be)|for (?:funding|support|application|this|the (?:program|programme|call|fellowship|grant|award|scheme)))\b`,
    String.raw`^(?:the |all |only )?eligible (?:[\w-]+ ){0,2}(?:applicants?|candidates?|researchers?|institutions?|organi[sz]ations?|countries|regions|partners?|persons?|individuals?|nationalities|entities|consortia|teams?)\b[^.]{0,20}?\b(?:are|is|include|includes|must|should)\b`,
    String.raw`\bqualif(?:y|ies)\b|\b(?:are|is|be) qualified (?:to|for)\b`,
    String.raw`\bopen(?:ed)? (?:only )?(?:to|for) (?!the public|applications|proposals|submissions|registration)`,
    // "limited to researchers in Japan", not "include, but are not limited to"
    String.raw`(?<!\bnot )\b(?:restricted|limited|confined) to\b`,
    String.raw`\binvited to (?:submit|apply|propose)`,
    String.raw`\b(?:may|can|could|cannot|can ?not|may not|are allowed to|is allowed to|(?:are|is) (?:not )?able to) (?:also |only |not )?(?:apply|submit|participate|be (?:an? )?applicants?)\b`,
    String.raw`\b(?:apply|participate|take part) as (?:an? |the )?(?:applicants?|PIs?|principal investigators?|lead|co-?applicants?)\b`,
    // a role someone may or may not take: "may serve as PI", "cannot become the lead institution"
    String.raw`\b(?:may|can|could|cannot|can ?not|may not|(?:is|are) (?:not )?(?:allowed|permitted|eligible) to)(?: also| only| not)? (?:serve|act|be (?:appointed|named|listed|included|involved)|join|participate)(?: in (?:the |a |this |each )?[\w-]+)? as (?:an? |the )?(?:[\w-]+ ){0,2}(?:${ROLE_EN})\b`,
    String.raw`\b(?:acts?|serves?) as (?:an? |the )?(?:[\w-]+ ){0,2}(?:PIs?|principal investigators?|co-?PIs?|lead (?:applicant|institution|organi[sz]ation)s?|coordinators?|representatives?)\b`,
    String.raw`\b(?:may|can|could|cannot|can ?not|may not)(?: also| only| not)? (?:become|be) (?:an? |the )?(?:[\w-]+ ){0,2}(?:PIs?|principal investigators?|co-?PIs?|lead (?:applicant|institution|organi[sz]ation)s?|coordinators?|representatives?)\b`,
    String.raw`\bentitled to (?:apply|submit)|\bwho (?:can|may) apply\b|\b(?:pre)?requisites? for (?:application|applying|applicants)`,
    // limits on who: "no age limit", "nationality requirements"
    String.raw`\b(?:no|without) (?:age|nationality|career[- ]stage|degree) (?:limits?|restrictions?|requirements?)\b|\b(?:age|nationality|degree|career[- ]stage) (?:limits?|restrictions?|requirements?|criteria|criterion)\b`,
    String.raw`\b(?:of any|regardless of|irrespective of) (?:nationality|age|gender)\b|\bof (?:all|every|any) (?:nationalities|nationality|ages|career stages)\b|\bno (?:requirements?|restrictions?|limits?|limitations?) (?:that|to|for|on|regarding|as to)\b`,
    String.raw`(?:応募|申請)資格を有(?:する|し|さない|しない)`,
    // 申請できる, 応募することはできません, 申請可: not "申請は可能です" alone, which says nothing of who
    String.raw`(?:応募|申請|提案)(?:することは|することが|することも|が)?(?:でき|可能|不可|可(?:です|とします|[。.、]|$))`,
    String.raw`(?:に|を)限(?:る|ります|り|られ)|受け?付け(?:ません|ない|られません|て(?:おりません|いません))|受理(?:できません|しません|されません|できない|しない|して(?:おりません|いません))`,
    // …を対象とする, …を対象に募集, and a bullet that ends on it: "…若手研究者又は女性研究者を対象"
    String.raw`対象とな(?:る|ります)(?:研究者|者|機関)|(?:研究者|者|機関|大学|企業|チーム|グループ)(?:等)?を対象(?:と(?:し|する)|に|[。.]?$)`,
    String.raw`(?:国籍|年齢|性別|所属)(?:の有無)?(?:は|を)?問(?:いません|わない|わず)|の有無(?:は|を)?問(?:いません|わない|わず)|(?:年齢|国籍|学位|職歴)(?:の)?(?:制限|要件)|(?:制限|要件|条件)は(?:ありません|ない|設けません|設けていません)`,
    // a role: 研究代表者となることはできません, 研究代表機関になれます, 代表者として応募できる
    String.raw`(?:${ROLE_JA})(?:等)?(?:と|に)(?:なる|なれ)(?:こと)?(?:は|が|も)?(?:でき|可能|不可|られ|ます|ません|ない)`,
    String.raw`(?:${ROLE_JA})(?:等)?として(?:の)?(?:申請|応募|参加|参画)(?:すること)?(?:は|が|も)?(?:でき|可能|不可)`,
  ]) },
  { name: 'states-eligible', weight: 1.5, predicate: true, test: forms([
    String.raw`^(?:the |all |only )?(?:eligible|qualified) (?:applicants?|candidates?|researchers?|institutions?|organi[sz]ations?|countries|partners?|persons?|individuals?|nationalities|entities|consortia|teams?)\b`,
    String.raw`\b(?:eligible|qualified) (?:applicants?|candidates?|researchers?|institutions?|organi[sz]ations?|countries|partners?|persons?|individuals?|nationalities|entities|consortia|teams?) (?:are|is|include|must|should)\b`,
    String.raw`(?<!\b(?:to|may|might|could|likely to) )\b(?:are|is|were|was|be|become|remain) (?:not |only |also )?eligible\b|\beligible (?:for (?:funding|support|application|this)|to (?:apply|submit|participate|receive))\b`,
    String.raw`\b(?:applications?|proposals?)\b[^.]{0,40}\b(?:is|are) (?:not )?(?:allowed|permitted)\b`,
    String.raw`^(?:(?:the|any|all) )?(?:proposals?|applications?)\b[^.]{0,60}\b(?:are|is|will|shall) not be (?:accepted|considered|eligible|reviewed)\b`,
    String.raw`\bopen(?:ed)? (?:only )?(?:to|for) (?:teams?|researchers?|applicants?|scientists?|institutions?|organi[sz]ations?|universit|compan|all|any|PIs?|individuals?|early|mid|young|foreign|Japanese|international)`,
    String.raw`\binvited to (?:submit|apply)|\bencouraged to apply\b|\b(?:pre)?requisites? for (?:application|applying)`,
  ]) },
  // who applies or submits: "submitted by a host institution", "invites applications from", 申請は…が行う
  { name: 'submitted-by', weight: 1.5, predicate: true, test: forms([
    // what is submitted by someone is an application ("the list of nominees submitted by the nominating bodies" is not)
    String.raw`\b(?:applications?|proposals?|submissions?)\b[^.]{0,60}?\b(?:(?:jointly|only|directly) )?(?:submitted|made|prepared|filed|sent|lodged) (?:jointly |only |directly )?by (?!(?:the )?(?:deadline|due date|closing|end of|e-?mail|post|mail|fax|\d|${MONTH}|mid|early|late|noon))`,
    // "the Japanese organization sends applications to JST", "The host researcher … will submit an application": who sends them
    // in, named by where they are or what role they have ("Researchers are encouraged to submit proposals" names no one)
    String.raw`\b(?:(?:host|lead|partner|counterpart|Japanese|Japan-side|Japan-based|foreign|overseas|[A-Z][a-z]+(?:ese|ian|ish|an|ch|i))(?:,? (?:and |or )?[\w-]+){0,2} (?:${WHO_EN})|(?:${WHO_EN}) (?:from|in|at|based in) (?:the )?[A-Z][\w-]*)\b[^.]{0,100}?\b(?:submits?|sends?|files?)(?: (?:an?|the|their|its|his or her|all))?(?: (?!(?:calls?|for)\b)[\w-]+){0,2} (?:applications?|proposals?)\b`,
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
  { name: 'recipient', weight: 1.5, predicate: true, test: forms([
    // "granted to 1) young Japanese postdoctoral researchers …", "offered to young pre- and postdoctoral researchers"
    String.raw`\b(?:awarded|granted|given|offered|provided|available|intended|targeted|tailored|reserved) (?:only |exclusively |primarily |mainly |specifically )?(?:to|for|at) (?:\(?\d{1,2}\)\s*|[①-⑳]\s*)?(?:(?!of\b)[\w'’-]+,? ){0,5}(?:${WHO_EN})\b`,
    // the people supported, named by what they have or are: "JST will support researchers in Japan who have …"
    String.raw`\b(?:support|supports|fund|funds|target|targets) (?:(?!of\b)[\w'’-]+ ){0,3}(?:${WHO_EN})\b(?: [\w,-]+){0,4}? who (?:have|has|hold|holds|belong|belongs|possess|possesses|(?:are|is) (?!(?:selected|chosen|awarded|funded|adopted|accepted|approved|invited)\b))\b`,
    String.raw`(?:研究者|者|機関|大学|企業|学生|チーム|グループ)(?:等)?(?:に対して|に対し|に)[^。]{0,20}?(?:支給|授与|交付)(?:する|します|される|されます)`,
    String.raw`者を[^。]{0,20}?(?:に|として)採用`,
  ]) },
  // how an applicant goes in: through their institution, or directly to the agency
  // (a system is a procedure: "e-Radを通じて申請", "via the online system")
  { name: 'route', weight: 1.5, predicate: true, test: forms([
    String.raw`\b(?:apply|applying|submit|submitted|applications?|proposals?)\b[^.]{0,50}?\b(?:through|via|by way of) (?:the |their |his or her |its |an? )?(?:[\w'’-]+ ){0,5}?(?:institutions?|universit(?:y|ies)|organi[sz]ations?|employers?|hosts?|departments?|affiliations?)\b`,
    String.raw`\b(?:apply|applying|submit|submitted|be sent)\b[^.]{0,20}?\bdirectly to\b`,
    String.raw`(?<!システム|e-Rad\)?|サイト|ページ)(?:を通じて|を通して|を経由して|経由で)[^。]{0,10}?(?:申請|応募|提出)|直接[^。]{0,6}?(?:申請|応募|提出)`,
    // the topic first: "申請は、申請機関を通して行います"
    String.raw`(?:申請|応募|提出)(?:は|も)、?[^。]{0,30}?(?<!システム|e-Rad\)?|サイト|ページ)(?:を通じて|を通して|を経由して|経由で)[^。]{0,6}?(?:行|実施)`,
  ]) },
  { name: 'modal', weight: 1, predicate: true, test: forms([
    String.raw`\b(?:must|shall|should|may not|cannot|can ?not|have to|has to|are to|is to|(?:is|are) required|required to|is necessary|is mandatory|(?:is|are) expected to (?:be|have|hold))\b`,
    // "researchers need to be …", not "there is a critical need to support …"
    String.raw`(?<!\b(?:a|an|the|critical|urgent|strong|growing|pressing|great|clear|real|no) )\bneeds? to\b`,
    String.raw`なければ(?:なりません|ならない)|であること|ている(?:こと|者)|ないこと|を?有すること|が必要(?:です|であり|となります)|必要があります|ものとします|とします|とする[。]?$`,
  ]) },
  { name: 'refusal', weight: 1.5, predicate: true, test: forms([
    String.raw`\b(?:not eligible|ineligible|cannot be accepted|can ?not be accepted|will not be accepted|(?:is|are) not accepted|not be (?:considered|reviewed|funded)|not (?:be )?allowed|not permitted|excluded from|disqualified)\b`,
    String.raw`\b(?:does|do|will|shall) not accept (?:any )?(?:applications?|proposals?|submissions?)\b`,
    String.raw`\b(?:may not|cannot|can ?not) (?:apply|submit|lead|hold|receive|participate|join|serve|be (?:an? )?(?:applicant|PI|principal investigator|member))\b`,
    String.raw`(?:でき|認められ|受け?付け(?:て(?:おり|い))?|受理(?:し|でき|され)?(?:て(?:おり|い))?)(?:ません|ない)|不可(?:です|とします)?[。]?$`,
  ]) },
  { name: 'applying', weight: 0.5, test: APPLYING },
  { name: 'condition', weight: 0.5, test: CONDITION },
  // what an applicant is: degree, career stage, post, affiliation, nationality, enrolment, age
  { name: 'qualification', weight: 1, test: QUALIFICATION },
  // a bulleted condition put as a bare verb of being or having: "Be a citizen of …", "Hold a doctorate …"
  { name: 'requirement-item', weight: 2, predicate: true, test: isRequirementItem },
  // an item that names an attribute with no verb, "Doctoral degree or equivalent experience", 博士の学位(見込みを含む):
  // under a heading of eligibility it is a requirement, as a who noun phrase is
  { name: 'attribute-phrase', weight: 0.5, unless: ['who-phrase'], test: (s) => QUALIFICATION.test(s) && isNounPhrase(s) },
  // "must be a Japanese university": the statement says what the applicant is
  { name: 'is-a-who', weight: 1, predicate: true, test: forms([String.raw`\b(?:must|should|shall|has to|have to|needs? to) be (?:an? |the |either )?(?:[\w-]+ ){0,3}(?:${WHO_EN})\b`]) },
  { name: 'origin', weight: 0.5, test: forms([
    String.raw`\b(?:${WHO_EN})\b(?: [\w-]+){0,2} (?:from|in|at|based in|affiliated with|employed at) (?:the )?(?:[A-Z]|universit|research|public|private|compan|Japan|overseas|foreign)`,
    String.raw`\b(?:Japanese|Japan-side|Japan-based|[A-Z][a-z]+-based|foreign|overseas|domestic|[A-Z][a-z]+(?:ese|ian|ish|an|ch|i))(?:,? (?:and |or )?[A-Z][a-z]+)* (?:researchers?|scientists?|applicants?|PIs?|[Pp]rincipal [Ii]nvestigators?|teams?|institutions?|organi[sz]ations?|students?)\b`,
    String.raw`(?:日本|我が国|国内|海外|外国)[^。]{0,20}(?:研究者|機関|大学|企業)`,
  ], '') },
  // who the team is made of: "at least one partner from each country", "two to four members", 3機関以上の連名
  { name: 'composition', weight: 1.5, predicate: true, test: forms([
    String.raw`\b(?:include|includes|including|consist of|consists of|consisting of|comprise|comprises|comprising|composed of|made up of|formed by|formed of)\b[^.]{0,60}?\b(?:at least|one or more|a minimum of|a maximum of|up to|no more than|not more than|between|a single|exactly|${NUMBER_EN}\*? (?:(?:to|or|and|-) ${NUMBER_EN}\*? )?(?:[\w-]+ ){0,2}(?:members?|researchers?|PIs?|investigators?|partners?|institutions?|universit(?:y|ies)|compan(?:y|ies)|countries|organi[sz]ations?|entit(?:y|ies)|groups?|teams?|scientists?|alumni))\b`,
    String.raw`\bat least ${NUMBER_EN} (?:[\w-]+ ){0,2}(?:partners?|institutions?|universit(?:y|ies)|compan(?:y|ies)|researchers?|countries|organi[sz]ations?|entit(?:y|ies)|members?)\b`,
    String.raw`\b(?:teams?|consorti(?:a|um)|groups?) of (?:${NUMBER_EN}|up to|at least)\b`,
    String.raw`連名|代表機関と(?:し|する)|共同(?:申請|提案)|(?:\d|一|二|三|複数)(?:つ|[かカヶヵケ箇]国|機関|名)以上`,
    // a member on each side: "a PI from each country", "双方に研究代表者を置く", "それぞれに…参加者が含まれている"
    String.raw`\b(?:a|one|at least one) (?:[\w-]+ )?(?:PI|principal investigator|researcher|partner|institution|member) (?:from|in|on|for) each (?:country|side|partner country|participating country)\b|\beach (?:side|country|partner country) (?:must|should|shall) (?:have|include|designate|name)\b`,
    '(?:双方|それぞれ|各国|両国|各側)に[^。]{0,24}?(?:研究代表者|代表者|研究者|機関|参加者)(?:を置|が(?:い|参加|含まれ)|を含)',
  ]) },
  // an exception to a requirement: "…者を除く", "この限りではありません", "except for those who …"
  { name: 'exception', weight: 1, predicate: true, test: forms([
    String.raw`\bexcept(?:ing)? (?:for )?(?:those|researchers?|applicants?|persons?|cases?|where|when)\b|\bwith the exception of\b|\b(?:does|do|shall) not apply to (?:those|researchers?|applicants?)\b`,
    '(?:者|機関|研究者|場合)(?:等)?(?:を|は)除(?:く|きます|いて)|この限りで(?:は)?(?:ない|なく|ありません)',
  ]) },
  // one proposal per person: "duplicate applications", 重複応募, 複数の課題
  { name: 'duplicate', weight: 1, predicate: true, test: forms([
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
  // a date of the schedule; the reference date of a condition ("as of 1 April 2026", "令和8年4月1日現在", "…時点") is not one
  { name: 'date', weight: -0.5, test: (s) => DATE.test(s.replace(REFERENCE_DATE, '')) },
  // a sum of money; money words without a sum ("pays a stipend", 研究奨励金を支給する) take away less
  { name: 'amount', weight: -2, test: forms([String.raw`\b(?:yen|JPY|million|billion)\b|[¥$€£]`, String.raw`\d[\d,.]*\s*(?:千|万|億)?円|支給額`]) },
  { name: 'costs', weight: -1, test: forms([String.raw`\b(?:budgets?|costs?|expenses?|expenditures?|overhead|allowances?|stipends?)\b`, '経費|予算|手当|奨励金']) },
  { name: 'procedure', weight: -2, test: forms([
    String.raw`\b(?:e-?Rad|online|electronic(?:ally)?|web ?site|(?:online|electronic|application|submission|proposal|registration|management|web) (?:system|portal)|upload(?:ed)?|download|forms?|templates?|documents?|documentation|format|A4)\b`,
    String.raw`\b(?:fill(?:ed)? (?:in|out)|enter(?:ed)? (?:in|into|on)|log ?in|register (?:on|in|via|at|through)|procedures?|inform|notify|letters? of (?:intent|support|consent|recommendation))\b`,
    // "via e-Rad", not "via their host institution" (a route, which says who goes in)
    String.raw`\bvia\b(?! (?:the |their |his or her |its |an? )?(?:[\w'’-]+ ){0,3}(?:institutions?|universit(?:y|ies)|organi[sz]ations?|employers?|hosts?|departments?)\b)`,
    String.raw`\b(?:passports?|visas?)\b`,
    '電子申請|システム|様式|書類|入力|送信|アップロード|届出|届け出|郵送|手続|ダウンロード|記入|(?:入手|提出)してください|旅券|査証|ビザ|通知(?:し|する|され|いた)|お知らせ(?:し|する|いた)',
  ]) },
  { name: 'caveat', weight: -3, test: forms([
    String.raw`\b(?:subject to change|(?:cannot|can ?not|does not|do not|will not) guarantee|no guarantee|please (?:refer|see|check|note|visit|read|contact|ask|confirm|be aware)|note that)\b`,
    String.raw`\b(?:for (?:more |further )?(?:details|information)|more (?:details|information)|refer to|see (?:the|section|chapter|below|above|page)|(?:is|are) available (?:in|at|on|from)|check the)\b`,
    String.raw`\b(?:may (?:vary|change|differ)|vary depending|will be (?:announced|determined|notified|informed)|to be determined)\b`,
    // a guess, not a rule: "which fellowships you may be eligible for", "you are likely eligible for"
    String.raw`\b(?:may|might|could) be eligible\b|\b(?:likely|probably) (?:to be )?eligible\b`,
    // advice to read or check something first: "applicants should read the guidelines carefully"
    String.raw`\b(?:should|must|are (?:requested|asked|advised|encouraged|recommended) to|is (?:requested|asked|advised|recommended) to) (?:carefully |first |also )?(?:read|refer to|check|consult|review|confirm|see)\b`,
    'ご確認|ご参照|ご覧|参照(?:して|のこと|ください)|留意|注意|ご検討|検討の(?:上|うえ)|可能性があります|詳細(?:は|について|につきましては)',
    // "…場合があります" hedges, but "…できない場合があります" still restricts who
    String.raw`(?<!(?:でき|られ|れ|得)ない)場合があ(?:ります|る)`,
  ]) },
  { name: 'contact', weight: -2, test: forms([
    String.raw`\b(?:contact|e[- ]?mail(?:ing|ed)?|tel(?:ephone)?|fax|inquir(?:e|y|ies)|enquir(?:e|y|ies)|help ?desk)\b|@|["“”'(\[]\s*at\s*["“”')\]]`,
    '問い?合わ?せ|連絡先|メール|電話',
  ]) },
  { name: 'invitee', weight: -2, unless: ['submitted-by'], test: forms([
    // "invites applications from" says who applies (submitted-by); "to invite a researcher" speaks of an invitee
    String.raw`\b(?:invitees?|invitation|visitors?|visiting|trainees?|guests?|invited (?:participants?|persons?|researchers?|scientists?|fellows?|students?))\b`,
    String.raw`\b(?:to invite|invites?)\b(?! (?:applications?|proposals?|submissions?|nominations?)\b)`,
    '被?招へい者|招へい(?:研究者|する(?:研究者|者))|招へいされる|受け?入れる場合|来日する|訪日する|招へい(?:対象|期間)',
  ]) },
  { name: 'purpose', weight: -1.5, test: forms([
    String.raw`\b(?:aims? (?:to|at)|aimed at|(?:the|its|our) (?:purpose|objectives?|goals?|aims?) (?:of (?:the|this) [\w-]+ )?(?:is|are)|with the (?:goal|aim|purpose) of|in order to|intended to|designed to|so as to|with a view to)\b`,
    // an aims bullet: "To create scientific breakthrough by …" (not "To be eligible, …", "To apply, …")
    String.raw`^to (?!be eligible|apply|qualify|participate|submit|be considered)[a-z]+\b[^,]*$`,
    'を目的と(?:し|する)|目指(?:す|します|して)|ことを目的|趣旨|を図(?:る|ります)|(?:する|(?<![こそ])の)ため(?:に)?、',
  ]) },
  // (unless it names whom it pays, defined by what they are, or whom it refuses: "JST will support researchers in Japan who have …")
  { name: 'agency-acts', weight: -1.5, unless: ['submitted-by', 'recipient', 'refusal'], test: forms([
    String.raw`^(?:(?:the |in the |in )?(?:JST|JSPS|AMED|NEDO|Japan Science and Technology Agency|Japan Society for the Promotion of Science|Japan Agency for Medical Research and Development|we|this (?:program(?:me)?|call|initiative|fellowship|award|scheme|project|tool|page|site)|the (?:program(?:me)?|initiative|fellowship|award|scheme))\b[^.]{0,80}? (?:will (?!be\b|not\b)[a-z]+|supports?|provides?|promotes?|allows?|aims?|accepts?|invites?|offers?|gives?|funds?|selects?|is planning|plans?|holds?|is holding|implements?|liaises?|conducts?|makes? a call|calls? for|issues?|launch(?:es)?|announces?|solicits?|seeks?|is pleased|uses?|can be used)\b)`,
    // the agency as the topic, its name with the legal form and the acronym: "国立研究開発法人科学技術振興機構(JST)は、…を支援しています。"
    String.raw`^[^、。]{0,30}?(?:JST|JSPS|AMED|本会|本機構|振興機構|振興会|研究開発機構|本事業|本制度|本プログラム|この制度|この事業)(?:\([^)]*\))?(?:は|では|が)[^。]*(?:支援|実施|推進|募集|公募|提供|促進|選考|採択|決定|開始|設定|配分|参加)(?:します|しました|する|を行います|を行う|しております|しています|いたします)[。]?$`,
  ]) },
  // obligations after selection ("Successful applicants will be required to submit annual reports")
  { name: 'after-award', weight: -1.5, test: forms([
    String.raw`\b(?:successful|selected|funded|awarded|adopted) (?:applicants?|researchers?|projects?|teams?|candidates?|fellows?|proposals?)\b|\b(?:awardees?|grantees?)\b`,
    String.raw`\b(?:once|after|after being|if|when) (?:selected|funded|awarded|adopted)\b|\bupon (?:selection|award|adoption)\b`,
    String.raw`\b(?:after|upon|at) (?:the )?(?:end|completion|conclusion) of (?:the |their |his or her )?(?:fellowship|project|research period|programme|program|stay|award|grant|support)\b`,
    String.raw`採択(?:後|課題|された(?:研究者|課題|者|機関)(?:は|には|に))|採用後|(?:終了|完了)後|(?:採択|採用)(?:が判明|となった|された|が決定)(?:した)?(?:場合|際|とき|後)`,
  ]) },
  // what may be proposed, not who may propose
  { name: 'topic', weight: -3, test: forms([
    String.raw`\b(?:eligible|target(?:ed)?|covered|supported|funded|candidate) (?:research )?(?:fields?|areas?|topics?|subtopics?|themes?|disciplines?|categories|costs?|expenses?|expenditures?|activities|award categories|diseases|projects?)\b`,
    String.raw`\b(?:research )?(?:fields?|areas?|topics?|subtopics?|themes?|disciplines?|diseases) (?:are|is) (?:eligible|targeted|covered|included|not limited|limited)\b|\ball (?:fields|areas|disciplines|research fields)\b`,
    '(?:分野|領域|課題|研究開発|テーマ|研究交流|経費|費用)(?:は|を|が)?(?:対象と|対象外|に限定)|対象(?:分野|領域|経費)',
  ]) },
  // how proposals are judged, not who may send them
  { name: 'evaluation', weight: -2, test: forms([
    String.raw`\b(?:will be|are|is|were) (?:evaluated|reviewed|assessed|screened|judged|scored|ranked) (?:on|based|according|in terms|against|with)\b|\b(?:evaluation|review|selection|assessment) criteria\b`,
    String.raw`\b(?:determines?|checks?|confirms?|verif(?:y|ies)|assess(?:es)?|reviews?|decides?|judges?)(?: (?:the|their|his or her|its|your|applicants'?))? eligibility\b`,
    '審査(?:基準|の観点|項目)|評価(?:基準|項目|の観点)|の観点から(?:審査|評価)',
    // what selection weighs: "…の決定にあたっては、研究者の性別…を考慮", "will be taken into account"
    String.raw`(?:決定|選定|選考|採択|審査)(?:に)?(?:あたって|当たって|あたり|当たり|際して|際し)|を考慮|\b(?:taken?|takes) into (?:account|consideration)\b|\bconsideration (?:will be|is|shall be) given\b`,
  ]) },
  // a free choice is no restriction: "参加国の組み合わせは…自由に提案することが可能です", "Applicants may choose whether …"
  { name: 'option', weight: -2, test: forms([
    String.raw`\b(?:may|can) (?:freely )?(?:choose|select|opt|decide)\b|\b(?:is|are) free to\b|\boptional(?:ly)?\b|\bat (?:their|the applicant'?s?) discretion\b`,
    '自由に|任意(?:で|に|の)|選択(?:する)?ことが(?:でき|可能)',
  ]) },
  // "must meet the following requirements:" points at the list; the items say who may apply (a lead-in that
  // names an attribute itself, "enrolled in a doctoral course and meeting one of the following", says something)
  { name: 'points-ahead', weight: -3, unless: ['qualification'], test: forms([
    String.raw`\b(?:meet|satisfy|fulfil{1,2}|comply with)(?: all| any| one| each| either| both)?(?: of)? the following\b|\bthe following (?:requirements|conditions|criteria|qualifications)\b`,
    '(?:以下|下記|次|後述)(?:に掲げる|に示す|に定める|に記載の|の)?[^。]{0,20}?(?:資格|要件|条件|基準|いずれか|すべて|全て|各号|事項)(?:[(（][^)）]*[)）])?(?:を|に|の)?(?:すべて|全て|いずれか)?(?:満た|該当|備え)',
    // or at requirements stated elsewhere, by name only: "must meet the eligibility for the application", "推薦要項「4.対象者」の
    // 条件を満たし", "応募資格を全て満たせば"
    String.raw`\b(?:meet|meets|satisfy|satisfies|fulfil{1,2}s?|comply with)(?: all| any| each| both| either)?(?: of)? (?:the|these|those|its|such|all|their) (?:[\w-]+ )?(?:eligibility|requirements?|conditions?|criteria)\b(?! (?:of|on|regarding|as to) (?:age|nationality|degree))`,
    '(?:「[^」]*」|上記|前記|募集要項|公募要領|推薦要項|応募資格|申請資格)(?:の|に掲げる|に定める|に記載の)?(?:条件|要件|資格|基準)?を(?:全て|すべて)?満た',
  ]) },
  // a question is not a term, however much it speaks of applying: "…は可能か。", "Can I apply …?"
  { name: 'question', weight: -3, test: forms([
    String.raw`[?？][:：]?\s*$|^(?:Q|問)\s*[\d.-]*\s*[:：.]?\s`,
    String.raw`(?:ですか|ますか|でしょうか|(?<!いずれ|何れ|どちら)か)[。.]?$|(?:について|を)教えて(?:ください|下さい)`,
  ]) },
  // an instruction to the reader, not a term of who may apply (unless it names who: "申請者は…提出してください")
  { name: 'instruction', weight: -3, test: (s) => INSTRUCTION.test(s) && !WHO_TOPIC_JA.test(s) && !/^(?:applicants?|researchers?|PIs?)\b/i.test(s) },
  // a definition: "※1:大学等とは、…をいいます。", "'Institution' refers to …"
  { name: 'definition', weight: -3, test: forms([String.raw`とは[、,]?[^。]*(?:をいう|をいいます|を指す|を指します|のこと(?:です|をいう|をいいます)?|を意味)|と定義(?:し|する|します|しています)`, String.raw`\b(?:refers to|is defined as|are defined as|shall mean)\b`]) },
  // a change-log or news line: "10 Sep 2021: Added information on …", "…を追加しました"
  { name: 'change-log', weight: -3, test: forms([
    String.raw`^(?:${DATE_START}\s*[:：)）]?\s*)?(?:\(?(?:updated|added|revised|corrected|changed|posted|published|uploaded|amended|modified|deleted|removed|replaced)\)?)\b(?! by)`,
    String.raw`\b(?:has|have|was|were) been (?:updated|added|revised|corrected|changed|posted|published|uploaded|amended|extended)\b|\b(?:was|were) added as\b`,
    '(?:を|について|に関する情報を)?(?:追加|更新|修正|掲載|変更|追記|訂正|削除|公開)(?:しました|いたしました)[。]?$',
    // history: what was started, created or renamed ("…を開始しました", "…に改めました", "was started in 1997"), and who
    // came before ("Past fellows include …", "Previous projects have contributed …")
    String.raw`(?:開始|新設|創設|設立|導入|拡充|改称|改め)(?:し|いたし|され)?ました[。]?$|\b(?:was|were) (?:started|established|founded|launched|introduced|renamed|created)\b`,
    String.raw`^(?:past|previous|former) (?:[\w-]+ ){0,2}(?:fellows|awardees|grantees|participants|projects|recipients|calls?)\b`,
  ]) },
  // the result of a call, told after it: "selected five projects from 40 proposals", "42 proposals were submitted",
  // 32件の応募があり、うち5件を採択しました
  { name: 'result', weight: -2, test: forms([
    String.raw`\b(?:selected|chose|approved|adopted|awarded|decided to (?:fund|support))\b[^.]{0,30}?\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty) (?:[\w-]+ )?(?:projects?|proposals?|teams?|applications?|applicants?|candidates?)\b`,
    String.raw`\b(?:a total of )?(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty) (?:[\w-]+ )?(?:proposals?|applications?|submissions?)\b[^.]{0,80}?\b(?:were|was) (?:submitted|received|reviewed|evaluated|selected|accepted)\b`,
    '件の(?:応募|申請|提案)(?:があり|がありました|を受け付け|を受理)|件を(?:採択|採用|選定)',
  ]) },
  // a statement the page cut off on a comma is not whole
  { name: 'unfinished', weight: -1, test: /[、,]$/ },
  // a heading written as a line of its own, "Eligible Countries", "Who Can Apply": it names a section, says nothing
  // (a capitalised who or attribute phrase, "Researchers in Japan or Korea", "Fluent in English", is an item)
  { name: 'heading-like', weight: -2, unless: ['who-phrase', 'attribute-phrase'], test: (s) => TITLE_CASE.test(s) && s.split(' ').length <= 6 },
];

/** The statement itself: what it says about applying. The adding rules come first (see eligibility.ts). */
export const STATEMENT_RULES: EligibilityRule[] = [...ADDING_RULES, ...COUNTER_RULES];

/** The rules that say something about applying or being eligible (see `predicate`). */
export const PREDICATES: ReadonlySet<string> = new Set(ADDING_RULES.filter((r) => r.predicate).map((r) => r.name));

/** Noun phrases that name who or what they must have ("Researchers at universities in Japan", "Doctoral degree"): items. */
export const PHRASES: ReadonlySet<string> = new Set(['who-phrase', 'attribute-phrase']);
/* eslint-enable max-lines -- the rules table above ends here */
