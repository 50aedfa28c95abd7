/**
 * The eligibility classifier's rules: word classes with weights, as data. A statement's score is the sum
 * of the weights of the rules it fires (each rule at most once); it says who may apply when the score
 * reaches THRESHOLD. Reading a decision is reading this table: `explainEligibility` lists the rules a
 * statement fired.
 *
 * How the weights are meant to add up:
 * - one who-word (applicants, researchers, 研究者, 機関, …) is never enough, nor is one modal ("must");
 * - a who-word with a statement of eligibility ("are eligible", "may apply", 応募資格, 申請できない),
 *   with a submitter ("submitted by a host institution", 申請は…が行う) or with a modal and a condition
 *   ("must hold a doctoral degree") is;
 * - under an eligibility heading, label or list introduction, a who noun phrase is ("…に在学する者");
 * - counter-rules take away what the who-words gave: dates and deadlines, amounts, procedures (forms,
 *   systems, documents), caveats and pointers elsewhere, contacts, invitees and visitors, purposes, what
 *   the agency does, and eligible fields or costs (what may be proposed, not who may propose).
 *
 * Patterns run on the NFKC-folded statement (full-width letters and brackets folded). Adding a rule: add a
 * row, then a labelled case that needs it to test/parsers/extract/eligibility-cases.json.
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

const WHO_EN = String.raw`applicants?|researchers?|investigators?|co-?investigators?|PIs?|co-?PIs?|principal investigators?|collaborators?|counterparts?|scientists?|scholars?|candidates?|fellows?|students?|postdocs?|faculty|professors?|institutions?|organi[sz]ations?|universit(?:y|ies)|compan(?:y|ies)|enterprises?|firms?|consorti(?:a|um)|teams?|individuals?|persons?|nationals|(?:a|an) national of|citizens?|(?:legal )?entit(?:y|ies)|those (?:who|with|holding|having|registered|based|affiliated|employed)|anyone`;
const WHO_JA = String.raw`申請者|応募者|提案者|研究者|代表者|研究員|機関|大学(?!院)|企業|法人|学生|院生|教員|教授|助教|チーム|グループ|個人|者`;
const MONTH = String.raw`January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?`;
const rx = (source: string, flags = 'i'): RegExp => new RegExp(source, flags);

/** Japanese ends in the who it describes; English starts with it and has no finite verb. */
const WHO_PHRASE_JA = rx(String.raw`(?:研究者|代表者|申請者|応募者|者|機関|大学|企業|法人|学生|チーム|グループ)[)）]?(?:です|であること|とします|とする|に限ります|に限る)?[。.]?$`);
const WHO_FIRST_EN = rx(String.raw`^(?:[\w'’/,&-]+ ){0,3}?(?:${WHO_EN})\b`);
const FINITE_EN = rx(String.raw`\b(?:is|are|was|were|be|been|must|shall|should|will|would|can|cannot|could|may|might|has|have|had|do|does|did|needs?)\b|[ぁ-ん]`);

/** Who the statement is about. */
export const WHO = rx(String.raw`\b(?:${WHO_EN})\b|${WHO_JA}`);

/** The statement itself: what it says about applying. */
export const STATEMENT_RULES: EligibilityRule[] = [
  // who
  { name: 'who', weight: 1, test: WHO },
  // A noun phrase that is a who: "…に在学する者", "Researchers at universities in Japan" with no verb.
  { name: 'who-phrase', weight: 1, test: (s) => WHO_PHRASE_JA.test(s) || (!FINITE_EN.test(s) && WHO_FIRST_EN.test(s)) },
  // eligibility said outright
  { name: 'eligible', weight: 2, test: rx(String.raw`\b(?:eligible|eligibility|ineligible|qualif(?:y|ies|ied))\b|\bopen(?:ed)? (?:only )?(?:to|for) (?!the public|applications|proposals|submissions|registration)|\b(?:restricted|limited|confined) to\b|\binvited to (?:submit|apply|propose)|\b(?:may|can|could|cannot|can ?not|may not|are allowed to|is allowed to) (?:also |only |not )?(?:apply|submit|participate|be (?:an? )?applicants?)\b|\b(?:apply|participate|take part) as (?:an? |the )?(?:applicants?|PIs?|principal investigators?|lead|co-?applicants?)\b|\bentitled to (?:apply|submit)|\bwho (?:can|may) apply\b|\b(?:pre)?requisites? for (?:application|applying|applicants)|応募資格|申請資格|応募要件|申請要件|資格要件|応募条件|申請条件|(?:応募|申請|提案)(?:でき|可能|が可能|することができ)|(?:に|を)限(?:る|ります|り|られ)|受け?付け(?:ません|ない|られません)|受理(?:できません|しません|されません|できない|しない)|対象とな(?:る|ります)(?:研究者|者|機関)|(?:応募|申請)対象|(?:応募|申請|提案)の(?:条件|要件)|(?:国籍|年齢|性別|所属)(?:は|を)?問(?:いません|わない|わず)|(?:研究者|者|機関|大学|企業|チーム|グループ)を対象(?:と(?:し|する)|に)`) },
  { name: 'states-eligible', weight: 1.5, test: rx(String.raw`^(?:the |all |only )?(?:eligible|qualified) (?:applicants?|candidates?|researchers?|institutions?|organi[sz]ations?|countries|partners?|persons?|individuals?|nationalities|entities|consortia|teams?)\b|\b(?:eligible|qualified) (?:applicants?|candidates?|researchers?|institutions?|organi[sz]ations?|countries|partners?|persons?|individuals?|nationalities|entities|consortia|teams?) (?:are|is|include|must|should)\b|\b(?:are|is|were|was|be|become|remain) (?:not |only )?eligible\b|\beligible (?:for (?:funding|support|application|this)|to (?:apply|submit|participate|receive))\b|\bto be eligible\b|\b(?:applications?|proposals?)\b[^.]{0,40}\b(?:is|are) (?:not )?(?:allowed|permitted)\b|^(?:(?:the|any|all) )?(?:proposals?|applications?)\b[^.]{0,60}\b(?:are|is|will|shall) not be (?:accepted|considered|eligible|reviewed)\b|\bopen(?:ed)? (?:only )?(?:to|for) (?:teams?|researchers?|applicants?|scientists?|institutions?|organi[sz]ations?|universit|compan|all|any|PIs?|individuals?|early|mid|young|foreign|Japanese|international)|\binvited to (?:submit|apply)|\b(?:pre)?requisites? for (?:application|applying)`) },
  { name: 'submitted-by', weight: 1.5, test: rx(String.raw`\b(?:submitted|made|prepared|filed|sent|lodged) (?:jointly |only )?by (?!(?:the )?(?:deadline|due date|closing|end of|e-?mail|post|mail|fax|\d|${MONTH}|mid|early|late|noon))|\b(?:submits?|sends?|files?|makes?|prepares?) (?:an? |the |their |its |his or her )?(?:[\w-]+ ){0,2}(?:applications?|proposals?)\b|\b(?:applications?|proposals?) by (?:the |a |an |both )?(?:[\w'’-]+ ){0,4}(?:applicants?|PIs?|researchers?|investigators?|institutions?|organi[sz]ations?|universit(?:y|ies)|teams?|hosts?)\b|\bapply (?:jointly|together|as (?:an? )?(?:team|consortium|individual|PI))\b|\baccepts? (?:proposals?|applications?) (?:only |solely |exclusively )?from\b|\b(?:proposals?|applications?) (?:are |will be )?(?:accepted|received) (?:only |solely |exclusively )?from\b|(?:申請|応募|提案)は、?[^。]{0,40}?(?:が|により)(?:行う|行います|行って|申請|応募|提出)|(?:の|による|からの)(?:申請|応募|提案)(?:を基本|を原則|に限|(?:のみ)?を受け付け(?:ます|る))|(?:連名|単独|共同)(?:による|で)(?:申請|応募|提案)|(?:申請|応募)者は`) },
  { name: 'modal', weight: 1, test: rx(String.raw`\b(?:must|shall|should|may not|cannot|can ?not|have to|has to|need to|needs to|are to|is to|(?:is|are) required|required to|is necessary|is mandatory|(?:is|are) expected to (?:be|have|hold))\b|なければ(?:なりません|ならない)|であること|ている(?:こと|者)|ないこと|を?有すること|が必要(?:です|であり|となります)|必要があります|ものとします|とします|とする[。]?$`) },
  { name: 'refusal', weight: 1.5, test: rx(String.raw`\b(?:not eligible|ineligible|cannot be accepted|can ?not be accepted|will not be accepted|(?:is|are) not accepted|not be (?:considered|reviewed|funded)|not (?:be )?allowed|not permitted|(?:may not|cannot|can ?not) (?:apply|submit|lead|hold|receive|participate|join|serve|be (?:an? )?(?:applicant|PI|principal investigator|member))|excluded from|disqualified)\b|(?:でき|認められ|受け?付け|受理(?:し|でき|され)?)(?:ません|ない)|不可(?:です|とします)?[。]?$`) },
  { name: 'applying', weight: 0.5, test: rx(String.raw`\b(?:appl(?:y|ying|ies|ied|ications?|icants?)|propos(?:als?|e|ing)|submi(?:t|ts|tted|ssions?))\b|申請|応募|提案`) },
  { name: 'condition', weight: 0.5, test: rx(String.raw`\b(?:(?:under|below|over|younger than|older than) (?:the age of )?\d|at least|only|more than one|(?:one|a single) (?:proposal|application|project) per|per (?:PI|applicant|researcher|person|institution|team)|no more than|not more than|at most|a minimum of|within (?:\w+ )?years?|or (?:higher|above|equivalent)|who (?:is|are|has|have|hold|holds|were|was|had|can|wish|wishes)|registered (?:with|at|in)|based (?:in|at)|affiliated (?:with|to)|employed (?:at|by|in)|belong(?:s|ing)? to|unless)\b|に該当する|を満たす|以上の|に(?:所属|在籍)`) },
  // what an applicant is: degree, career stage, post, nationality, enrolment, age
  { name: 'qualification', weight: 1, test: rx(String.raw`\b(?:doctoral|doctorate|Ph\.? ?D\.?|master'?s|bachelor'?s|degree|postdoctoral|post-doctoral|early[- ]career|mid[- ]career|full[- ]time|tenured?|permanent (?:position|resident|staff)|citizens?(?:hip)?|nationality|nationals? of|(?:Japanese|foreign|non-Japanese|[A-Z][a-z]+(?:ese|ian|ish|an|ch|i)) nationals?|residents?|enrolled|years of age|years old|under the age|faculty (?:members?|positions?)|(?:research|academic|permanent|tenured|full-time|teaching) (?:posts?|positions?)|(?:post|position|appointment) at|regardless of (?:nationality|age|affiliation)|of any nationality|irrespective of nationality)\b|\b(?:receiv(?:e|es|ed|ing)|obtain(?:s|ed|ing)?|secured?|hold(?:s|ing)?),? (?:[\w,-]+ ){0,4}(?:support|funding|grants?|awards?|fellowships?)\b|支援を受け(?:ている|た)|助成を受け(?:ている|た)|学位|博士号|博士課程|修士課程|在学|在籍|所属|常勤|専任|国籍|年齢|歳(?:未満|以下)|雇用|従事|研究歴|居住`) },
  // "must be a Japanese university": the statement says what the applicant is
  { name: 'is-a-who', weight: 1, test: rx(String.raw`\b(?:must|should|shall|has to|have to|needs? to) be (?:an? |the |either )?(?:[\w-]+ ){0,3}(?:${WHO_EN})\b`) },
  { name: 'origin', weight: 0.5, test: rx(String.raw`\b(?:${WHO_EN})\b(?: [\w-]+){0,2} (?:from|in|at|based in|affiliated with|employed at) (?:the )?(?:[A-Z]|universit|research|public|private|compan|Japan|overseas|foreign)|\b(?:Japanese|Japan-side|foreign|overseas|domestic|[A-Z][a-z]+(?:ese|ian|ish|an|ch|i))(?:,? (?:and |or )?[A-Z][a-z]+)* (?:researchers?|scientists?|applicants?|PIs?|teams?|institutions?|organi[sz]ations?|students?)\b|(?:日本|我が国|国内|海外|外国)[^。]{0,20}(?:研究者|機関|大学|企業)`, '') },
  { name: 'composition', weight: 1, test: rx(String.raw`\b(?:include|includes|including|consist of|consists of|comprise|comprises|composed of|formed by|consisting of)\b[^.]{0,60}\b(?:at least|one or more|a minimum of)\b|\bat least (?:one|two|three|four|five|\d+) (?:[\w-]+ ){0,2}(?:partners?|institutions?|universit(?:y|ies)|compan(?:y|ies)|researchers?|countries|organi[sz]ations?|entit(?:y|ies)|members?)\b|連名|代表機関と(?:し|する)|共同(?:申請|提案)|(?:\d|一|二|三|複数)(?:つ|か国|カ国|ヶ国|機関|名)以上|を含む`) },
  // counter-rules
  { name: 'deadline', weight: -2, test: rx(String.raw`(?<!(?:before|after|prior to|as of|at|on|by) the (?:application |submission |call )?)\b(?:deadline|closing date|due date)\b|\b(?:no later than|not later than|by (?:the )?(?:deadline|due date|closing))\b|\b(?:by|until|before) (?:\d{1,2}(?:st|nd|rd|th)? )?(?:${MONTH})\b|締切|締め切り|〆切|期限|必着`) },
  { name: 'date', weight: -0.5, test: rx(String.raw`\b(?:${MONTH}) \d{1,2}\b|\b\d{1,2}(?:st|nd|rd|th)? (?:${MONTH})\b|\b\d{4}[-/]\d{1,2}\b|\d{1,2}月\d{1,2}日|(?:令和|平成|昭和)\s*(?:\d{1,2}|元)年|\d{4}年`) },
  { name: 'amount', weight: -2, test: rx(String.raw`\b(?:yen|JPY|million|billion|budgets?|costs?|expenses?|expenditures?|overhead|allowances?|stipends?)\b|[¥$€£]|\d[\d,.]*\s*(?:千|万|億)?円|経費|予算|支給額|手当|奨励金`) },
  { name: 'procedure', weight: -2, test: rx(String.raw`\b(?:e-?Rad|online|electronic(?:ally)?|web ?site|(?:online|electronic|application|submission|proposal|registration|management|web) (?:system|portal)|upload(?:ed)?|download|forms?|templates?|documents?|documentation|format|A4|fill(?:ed)? (?:in|out)|enter(?:ed)? (?:in|into|on)|log ?in|register (?:on|in|via|at|through)|via|procedures?|inform|notify|letters? of (?:intent|support|consent|recommendation))\b|電子申請|システム|様式|書類|入力|送信|アップロード|届出|届け出|郵送|手続|ダウンロード|記入|(?:入手|提出)してください`) },
  { name: 'caveat', weight: -3, test: rx(String.raw`\b(?:subject to change|(?:cannot|can ?not|does not|do not|will not) guarantee|no guarantee|please (?:refer|see|check|note|visit|read|contact|ask|confirm|be aware)|note that|for (?:more |further )?(?:details|information)|more (?:details|information)|refer to|see (?:the|section|chapter|below|above|page)|(?:is|are) available (?:in|at|on|from)|may (?:vary|change|differ)|vary depending|will be (?:announced|determined|notified|informed)|to be determined|check the)\b|ご確認|ご参照|ご覧|参照(?:して|のこと|ください)|留意|注意|場合があります|場合がある|可能性があります|詳細(?:は|について|につきましては)`) },
  { name: 'contact', weight: -2, test: rx(String.raw`\b(?:contact|e[- ]?mail(?:ing|ed)?|tel(?:ephone)?|fax|inquir(?:y|ies)|enquir(?:y|ies)|help ?desk)\b|@|["“”'(\[]\s*at\s*["“”')\]]|問い?合わ?せ|連絡先|メール|電話`) },
  { name: 'invitee', weight: -2, unless: ['submitted-by'], test: rx(String.raw`\b(?:invitees?|invitation|visitors?|visiting|to invite|invites?|trainees?|guests?|invited (?:participants?|persons?|researchers?|scientists?|fellows?|students?))\b|被?招へい者|招へいされる|受け?入れる場合|来日する|訪日する|招へい(?:対象|期間)`) },
  { name: 'purpose', weight: -1.5, test: rx(String.raw`\b(?:aims? (?:to|at)|aimed at|(?:the|its|our) (?:purpose|objectives?|goals?|aims?) (?:of (?:the|this) [\w-]+ )?(?:is|are)|with the (?:goal|aim|purpose) of|in order to|intended to|designed to|so as to|with a view to)\b|を目的と(?:し|する)|目指(?:す|します|して)|ことを目的|趣旨|を図(?:る|ります)|(?:する|の)ため(?:に)?、`) },
  { name: 'agency-acts', weight: -1.5, unless: ['submitted-by'], test: rx(String.raw`^(?:(?:the |in the |in )?(?:JST|JSPS|AMED|NEDO|we|this (?:program(?:me)?|call|initiative|fellowship|award|scheme|project)|the (?:program(?:me)?|initiative|fellowship|award|scheme))\b[^.]{0,80}? (?:will (?:support|provide|fund|select|allocate|accept|invite|offer)|supports?|provides?|promotes?|allows?|aims?|accepts?|invites?|offers?|gives?|funds?|selects?|is planning|plans?|holds?|is holding|implements?|liaises?|conducts?))|^(?:JST|JSPS|AMED|本会|本機構|本事業|本制度|本プログラム|この制度|この事業)[^。]*(?:支援|実施|推進|募集|公募|提供|促進|選考|採択|決定|開始|設定|配分)(?:します|しました|する|を行います|を行う|しております|しています)[。]?$`) },
  // obligations after selection ("Successful applicants will be required to submit annual reports")
  { name: 'after-award', weight: -1.5, test: rx(String.raw`\b(?:successful|selected|funded|awarded|adopted) (?:applicants?|researchers?|projects?|teams?|candidates?|fellows?|proposals?)\b|\b(?:awardees?|grantees?)\b|\b(?:once|after|after being) (?:selected|funded|awarded|adopted)\b|採択(?:後|された(?:研究者|課題|者|機関)(?:は|には|に))|採用後`) },
  // what may be proposed, not who may propose
  { name: 'topic', weight: -3, test: rx(String.raw`\b(?:eligible|target(?:ed)?|covered|supported|funded) (?:research )?(?:fields?|areas?|topics?|subtopics?|themes?|disciplines?|categories|costs?|expenses?|expenditures?|activities|award categories|diseases|projects?)\b|\b(?:research )?(?:fields?|areas?|topics?|subtopics?|themes?|disciplines?|diseases) (?:are|is) (?:eligible|targeted|covered|included|not limited|limited)\b|\ball (?:fields|areas|disciplines|research fields)\b|(?:分野|領域|課題|研究開発|テーマ|研究交流|経費|費用)(?:は|を|が)?(?:対象と|対象外|に限定)|対象(?:分野|領域|経費)`) },
  // "must meet the following requirements:" points at the list; the items say who may apply
  { name: 'points-ahead', weight: -3, test: rx(String.raw`\b(?:meet|satisfy|fulfil{1,2}|comply with)(?: all| any| one| each| either| both)?(?: of)? the following\b|\bthe following (?:requirements|conditions|criteria)\b|(?:以下|下記|次)の?[^。]{0,20}?(?:いずれか|すべて|全て|要件|条件)を?(?:すべて|全て)?満た`) },
];

/** Headings, labels and list introductions that put what follows under eligibility. */
export const ELIGIBLE_SECTION = rx(String.raw`eligib|who (?:can|may) apply|(?:prospective|eligible|target) applicants|^applicants?$|^(?:\d+[.)]?\s*)?applicants?\b|requirements? for (?:applicants|application|applying|eligibility)|(?:applicant|application) requirements|qualifications?|^requirements$|応募資格|申請資格|資格|要件|対象者|応募できる|(?:応募|申請)(?:対象|機関|者)|提案者|^(?:\d+[.)．]?\s*)?対象$`);
/** Headings that put what follows under something else: selection criteria, invitees, what may be proposed. */
export const OTHER_SECTION = rx(String.raw`evaluat|review|selection|screening|assessment|invitee|invitation|visitor|審査|評価|選考|選定|招へい者|受入れ?(?:対象|者)|対象分野|募集(?:領域|分野|課題)|研究分野|research (?:field|area|topic)s?$`);

/**
 * What the nearest telling context adds: a heading, heading-like line or label of eligibility; a list
 * introduced by a statement of eligibility ("To be eligible, the PI must meet one of the following:"),
 * whose items finish that statement and so count more; or a heading of something else.
 */
export const CONTEXT_WEIGHTS = { eligibleSection: 1.5, eligibleList: 2.5, otherSection: -3 };
