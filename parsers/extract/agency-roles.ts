/**
 * Whether a funder a page names is a partner of the call, and in what role.
 *
 * A call page names other funders for one reason above all: they fund the other side of the call. So a
 * funder whose sentence ties it to the call (partner-clues.ts) counts as a partner unless the words around
 * it say otherwise:
 *   - it is the time zone, not the agency ("noon (JST)");
 *   - it only qualifies a programme, a website or a fellowship ("JSPS Summer Program", "the PMU-B webpage");
 *   - the sentence only says whom to contact or where to read more ("contact the HFSPO", "visit the NSF website");
 *   - the sentence says it takes no part ("..., which is not a funder of this call"), or that the programme
 *     came from it ("transferred from JST", "JSTから移管");
 *   - it is a ministry named as Japan's ministry's other party to an intergovernmental agreement
 *     ("文部科学省とドイツ連邦教育研究省との合意に基づき"): a government party, not a funder of the call;
 *   - it is where a person works ("Dr. A, Professor at X", "X会長のB氏"), unless the sentence is one of partnership
 *     (a person signs for a partner: "signed a MoC with Dr. N, the President of X");
 *   - it stands in a list of kinds of institutions ("candidates from universities, CNRS, Inserm, etc."): where
 *     researchers come from, not who funds them;
 *   - it is an office or institute of another funder named with it ("the NIH's NINDS", "OISE of the NSF"):
 *     that funder is the partner, if any.
 * The role is partner unless the context says counterpart or co-organizer.
 */
import type { FundingAgency } from '#parsers/schema.ts';
import { SUPERVISOR_SOURCE } from './funders.ts';
import type { Mention } from './funder-mentions.ts';

type Role = FundingAgency['role'];
const ROLE_WORDS: Array<[Role, RegExp]> = [
  ['co-organizer', /\bjointly\b|co-?organi[sz]|co-?host|in partnership with|presented by|共催|共同で実施|共同主催/i],
  ['counterpart', /counterpart|相手側|相手国側/i],
  ['partner', /partner|participating|joint call|collaborat\w* with|cooperation with|together with|nominating (?:authorit|organi[sz])|相手国|参加機関|パートナー|共同公募|連携|協力機関|と協力|推薦機関/i],
  // A programme's members: the funders a multilateral programme, consortium or board is made of ("The founding members
  // are: …", "member organisations", "members of the e-ASIA Board", 加盟機関, 構成機関). A member is a body, so the word is
  // qualified: "members of the private sector" or "committee members" are people.
  ['partner', /\b(?:founding|full|associate|new|current)\s+members?\b|\bmember (?:organi[sz]ations?|institutions?|agencies|funders|bodies|countries)\b|\bmembers? of (?:the )?(?:[\w-]+ ){0,3}(?:board|consortium|alliance|forum|network|programme|program|initiative)\b|加盟|構成機関|メンバー機関|創設メンバー|設立メンバー/i],
];

/** The role the words around a mention give it, if any. */
export function roleFrom(context: string): Role | undefined {
  return ROLE_WORDS.find(([, re]) => re.test(context))?.[0];
}

export type NotPartner = 'time-zone' | 'programme-name' | 'contact-only' | 'agreement-party' | 'said-not-to' | 'former' | 'affiliation' | 'institution-list' | 'unit';

const TIME_BEFORE = /(?:\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?|\bnoon|\bmidnight|正午|\d\s*時(?:\d+\s*分)?|\bTime)\s*(?:\(|（)?\s*$/i;
const QUALIFIES = /^\s*\)?\s*(?:'s\s+|’s\s+)?(?:Programs?|Programmes?|Fellows(?:hips?)?|Scholarships?|Awards?|Prizes?|Online|website|web site|webpage|web page|homepage|portal|KAKENHI)\b|^\s*\)?\s*の?(?:ホームページ|ウェブサイト|ウェブページ|サイト|特別研究員|科研費|科学研究費|電子申請システム|申請システム)/i;
/** A programme or award named after the funder, a word or two between: "JSPS Summer Program", "NSF Graduate Research Fellowship", "JSPS Research Fellow". */
const NAMES_PROGRAMME = /^\s*\)?\s*(?:['’]s\s+)?(?:[A-Z][\w-]*\s+){1,2}(?:Programs?|Programmes?|Fellows?|Fellowships?|Scholarships?|Awards?|Prizes?|Solicitations?)\b/;
/** A programme named as the funder's ("CREST of JST", "the Moonshot program of JST"): the funder is where the name comes from. */
const PROGRAMME_OF = /(?:\b[Pp]rogram(?:me)?s?|\b[Pp]rojects?|\b[Gg]rants?|\b[Ff]ellowships?|\b[Ss]chemes?|\b[Ii]nitiatives?|\b[A-Z][A-Z-]{2,}\)?) of (?:the )?$/;
/** A body the call came from or went to, not one that funds it now: "transferred from JST", "JSTから移管". */
const FORMER = /\btransferred (?:from|to)\b|\btook over\b|\bformerly\b|\bpreviously (?:run|managed|funded|administered) by\b|移管|から引き継/i;
/** The sentence says the body takes no part: "..., which is not a funder of this call", "other funders such as ...". */
const SAID_NOT_TO = /\bnot (?:a |an )?(?:funder|partner|participant|co-?funder|part)\b|\b(?:does|do|will) not (?:fund|participate|take part|support)\b|\bnot participating\b|\bother (?:[\w-]+ )?funders,? such as\b|参加(?:し|致し)ない|参加していない|対象外/i;
/**
 * Whom to contact or where to read more: the verb governs the name, so it comes before it in English ("Please
 * contact X", "visit the X website", "連絡先: X") and after it in Japanese ("Xにお問い合わせください"). A row that
 * names a partner and then says "Please contact …" still names a partner.
 */
const CONTACT_BEFORE = /\b(?:contact|inquir\w*|enquir\w*|visit)\b|連絡先|問い?合わ?せ先/i;
const CONTACT_AFTER = /^[^。]*?(?:問い?合わ?せ|お問合せ|ご連絡)/;
const REFER_TO = /\brefer to\b/i;
const WEB_PAGE = /\b(?:website|webpage|web site|homepage|page)\b/i;
const SUPERVISOR_BEFORE = new RegExp(`(?:${SUPERVISOR_SOURCE})\\s*(?:\\([A-Z]{2,6}\\))?\\s*(?:と|and|&|及び|および|、|,)\\s*(?:the\\s+)?$`);
const SUPERVISOR_AFTER = new RegExp(`^\\s*(?:\\([^)]{1,12}\\))?\\s*(?:と|and|&|及び|および|、|,)\\s*(?:the\\s+)?(?:${SUPERVISOR_SOURCE})`);
const MINISTRY = /Ministry|Department|Secretariat|省|部$/;
/** A sentence of partnership, where a person may sign or speak for the partner. */
const PARTNERSHIP = /\bsign(?:s|ed|ing)?\b|\bconclu(?:de|ded|sion)\b|\bagree(?:s|d)?\b|\brenew\w*|memorand\w*|\bMo[CU]s?\b|覚書|締結|署名|合意|取決め/i;
/** A person's title or name before the body they work at: "Dr. A. B., X", "Professor at X", "President of X". */
const PERSON_BEFORE = /(?:\b(?:Dr|Prof|Mr|Mrs|Ms)\.?\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}\s*[,(]|(?:氏|博士|教授|所属\s*[:：]?)\s*[(（]?\s*|\b(?:Professor|Director(?:-General)?|President|Chair(?:man|person)?|Head|Dean|Researcher|Scientist|Fellow|Officer|Consultant|Lecturer|Investigator|Advis[eo]r|Secretary|Minister)\s+(?:at|of|from|in))[^.;:()]{0,80}?$/;
/**
 * A person's title and then where they work, as a comma chain: "A. B., Principal Investigator / Unit Chief, Laboratory
 * of X, Division of Y, Institute Z, Body W in the United States;" — the chain runs from the title to the body, within
 * its clause.
 */
const TITLE_CHAIN = /\b(?:Professor|Dean|Director(?:-General)?|President|Chair(?:man|person)?|Head|Chief|Investigator|Researcher|Scientist|Fellow|Officer|Lecturer|Consultant|Advis[eo]r|Secretary|Minister|Manager|Coordinator|Leader)\s*,[^.;:()]{0,200}?,\s*(?:the\s+)?$/;
/** A person's title after the body ("NIH Director Francis C.", "X会長", "英国保健省CMO", "X財団のY会長", "X所長のB氏"). */
// The title may be followed by a connector to the next guest ("X財団のA会長並びに…").
const PERSON_AFTER = /^\s*(?:(?:President|Director(?:-General)?|Chair(?:man|person)?|Head|Dean|Secretary|Minister|CMO|CEO)\s+(?:Dr\.?\s+|Prof\.?\s+)?[A-Z]|(?:の\s*)?[^\s、。,()「」]{0,12}?(?:会長|理事長|副理事長|所長|長官|大臣|総裁|総長|学長|局長|部長|課長|室長|CMO|CEO|教授|准教授|研究員|博士|氏|卿)(?!(?!並びに|ならびに|及び|および)[\p{Script=Han}]))/u;
/** Kinds of institutions in a list: a list that holds them is where researchers come from ("universities, CNRS, Inserm, etc."). */
// Common nouns in running text, so lower case: "Leading Research Organizations, namely NSERC, ANR" names funders by their kind.
const INSTITUTION_KIND = /(?:^|\s)(?:universities|colleges|grandes? [ée]coles|schools|(?:research )?(?:institutes|institutions|cent(?:er|re)s)|companies|enterprises|hospitals|laboratories)(?:\s+etc\.?)?$|^(?:大学|高等専門学校|研究機関|大学等|企業|病院)(?:等)?$/;
const LIST_SPLIT = /\s*(?:,|、|，|;|\bor\b|\band\b|及び|および|並びに|や)\s*/;
/** An office or institute: a part of a funder when named as another funder's ("the NIH's NINDS", "OISE of the NSF"). */
const PART_NAME = /\b(?:Office|Institutes?|Division|Directorate|Bureau|Cent(?:er|re)|Unit)\b|局$|室$|センター$|研究所$/;

/**
 * Why a mention is not a partner of the call, or undefined when it is one. `text` is the block (folded),
 * `sentence` the sentence the mention stands in, `others` every mention of the block (the host's too).
 */
export function whyNotPartner(m: Mention, text: string, sentence: string, others: readonly Mention[] = []): NotPartner | undefined {
  const before = text.slice(Math.max(0, m.start - 40), m.start);
  const after = text.slice(m.end, m.end + 40);
  const [from] = sentenceBounds(text, m.start);
  if (m.acronym && !m.name && TIME_BEFORE.test(before)) return 'time-zone';
  if (partOf(m, text, others)) return 'unit';
  if (QUALIFIES.test(after) || NAMES_PROGRAMME.test(after) || (PROGRAMME_OF.test(before) && !others.some((o) => o.end <= m.start && /^\s+of\s+(?:the\s+)?$/.test(text.slice(o.end, m.start))))) return 'programme-name';
  const [head, tail] = [text.slice(from, m.start), text.slice(m.end, from + sentence.length)];
  if (CONTACT_BEFORE.test(head) || CONTACT_AFTER.test(tail) || (REFER_TO.test(head) && WEB_PAGE.test(tail))) return 'contact-only';
  if (SAID_NOT_TO.test(sentence)) return 'said-not-to';
  if (FORMER.test(sentence)) return 'former';
  const ministry = MINISTRY.test(m.name ?? '') || m.candidates.some((f) => f.kind === 'ministry');
  if (ministry && (SUPERVISOR_BEFORE.test(text.slice(0, m.start)) || SUPERVISOR_AFTER.test(text.slice(m.end)))) return 'agreement-party';
  // A person signs or speaks for a partner in a sentence of partnership; the words that say so are in the body's own
  // clause ("…, to be conducted jointly by: A, Professor, X; B, Chief, Y" gives the research a role, not X or Y).
  const clause = clauseAt(text, m.start, from, from + sentence.length);
  const person = PERSON_BEFORE.test(text.slice(Math.max(from, m.start - 160), m.start)) || TITLE_CHAIN.test(text.slice(Math.max(from, m.start - 240), m.start)) || PERSON_AFTER.test(after);
  if (person && !PARTNERSHIP.test(clause) && !roleFrom(clause)) return 'affiliation';
  if (inInstitutionList(m, text, sentence)) return 'institution-list';
  return undefined;
}

/** The clause of a sentence that holds a place: cut at ";" and ":" (the items of a list of people, a lead and its list). */
function clauseAt(text: string, index: number, from: number, to: number): string {
  const start = Math.max(from, text.lastIndexOf(';', index) + 1, text.lastIndexOf(':', index) + 1, text.lastIndexOf('；', index) + 1);
  const ends = [';', ':', '；'].map((c) => text.indexOf(c, index)).filter((i) => i >= 0 && i < to);
  return text.slice(start, ends.length ? Math.min(...ends) : to);
}

/** An office or institute named as another funder's: "the NIH's National Institute of …", "the Office … (OISE) of the NSF", "NSFの…局". */
function partOf(m: Mention, text: string, others: readonly Mention[]): boolean {
  const part = m.candidates.length ? m.candidates.every((f) => f.kind === 'institute') : PART_NAME.test(m.name ?? '');
  return part && others.some((o) => o !== m && ((o.end <= m.start && /^\s*(?:['’]s\s+(?:the\s+)?|の)$/.test(text.slice(o.end, m.start)))
    || (o.start >= m.end && /^\s+of\s+(?:the\s+)?$/.test(text.slice(m.end, o.start)))));
}

/** The mention is an item of a list that also names kinds of institutions ("from universities, grandes écoles, CNRS, Inserm, etc."). */
function inInstitutionList(m: Mention, text: string, sentence: string): boolean {
  const items = sentence.split(LIST_SPLIT);
  if (items.length < 3) return false;
  // The mention's own item is the mention and little else: it stands in the list, not in a clause of its own.
  const own = text.slice(m.start, m.end);
  // The last item carries the rest of the sentence after "etc.", 等 or など.
  const item = items.find((i) => i.includes(own) && i.replace(/(?:等|など|\s+etc\.?)[^]*$/, '').length <= own.length + 12);
  return Boolean(item) && items.some((i) => i !== item && INSTITUTION_KIND.test(i.trim()));
}

/** The sentence of a text that holds a place: cut at 。！？ and at ". " before a capital, not after an initial or "Inc.". */
export function sentenceAt(text: string, index: number): string {
  const [start, end] = sentenceBounds(text, index);
  return text.slice(start, end);
}

const SENTENCE_END = /[。！？!?]|(?<!\b(?:Inc|Dr|Mr|Ms|Prof|No|St|vs|e\.g|i\.e|U\.S|[A-Z]))\.(?=\s+[A-Z"“(])/g;

/** Where the sentence that holds a place starts and ends. */
export function sentenceBounds(text: string, index: number): [number, number] {
  let start = 0;
  for (const m of text.matchAll(SENTENCE_END)) {
    if (m.index >= index) return [start, m.index + 1];
    start = m.index + 1;
  }
  return [start, text.length];
}
