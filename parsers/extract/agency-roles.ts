/**
 * Whether a funder a page names is a partner of the call, and in what role.
 *
 * A call page names other funders for one reason above all: they fund the other side of the call. So a
 * funder counts as a partner unless the words around it say otherwise:
 *   - it is the time zone, not the agency ("noon (JST)");
 *   - it only qualifies a programme, a website or a fellowship ("JSPS Summer Program", "the PMU-B webpage");
 *   - the sentence only says whom to contact or where to read more ("contact the HFSPO", "visit the NSF website");
 *   - the sentence says it takes no part ("..., which is not a funder of this call"), or that the programme
 *     came from it ("transferred from JST", "JSTから移管");
 *   - it is a ministry named as Japan's ministry's other party to an intergovernmental agreement
 *     ("文部科学省とドイツ連邦教育研究省との合意に基づき"): a government party, not a funder of the call.
 * The role is partner unless the context says counterpart or co-organizer.
 */
import type { FundingAgency } from '#parsers/schema.ts';
import { SUPERVISOR_SOURCE } from './funders.ts';
import type { Mention } from './funder-mentions.ts';

type Role = FundingAgency['role'];
const ROLE_WORDS: Array<[Role, RegExp]> = [
  ['co-organizer', /\bjointly\b|co-?organi[sz]|co-?host|in partnership with|presented by|共催|共同で実施|共同主催/i],
  ['counterpart', /counterpart|相手側|相手国側/i],
  ['partner', /partner|participating|member organi[sz]ations?|joint call|collaborat\w* with|cooperation with|相手国|参加機関|パートナー|共同公募|連携|協力機関|加盟機関/i],
];

/** The role the words around a mention give it, if any. */
export function roleFrom(context: string): Role | undefined {
  return ROLE_WORDS.find(([, re]) => re.test(context))?.[0];
}

export type NotPartner = 'time-zone' | 'programme-name' | 'contact-only' | 'agreement-party' | 'said-not-to' | 'former';

const TIME_BEFORE = /(?:\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?|\bnoon|\bmidnight|正午|\d\s*時(?:\d+\s*分)?|\bTime)\s*(?:\(|（)?\s*$/i;
const QUALIFIES = /^\s*\)?\s*(?:'s\s+|’s\s+)?(?:Programs?|Programmes?|Fellows(?:hips?)?|Scholarships?|Awards?|Prizes?|Online|website|web site|webpage|web page|homepage|portal|Summer Program|Research Fellow\w*|KAKENHI)\b|^\s*\)?\s*の?(?:ホームページ|ウェブサイト|ウェブページ|サイト|特別研究員|科研費|科学研究費|電子申請システム|申請システム)/i;
/** A programme named as the funder's ("CREST of JST", "the Moonshot program of JST"): the funder is where the name comes from. */
const PROGRAMME_OF = /(?:\b[Pp]rogram(?:me)?s?|\b[Pp]rojects?|\b[Gg]rants?|\b[Ff]ellowships?|\b[Ss]chemes?|\b[Ii]nitiatives?|\b[A-Z][A-Z-]{2,}\)?) of (?:the )?$/;
/** A body the call came from or went to, not one that funds it now: "transferred from JST", "JSTから移管". */
const FORMER = /\btransferred (?:from|to)\b|\btook over\b|\bformerly\b|\bpreviously (?:run|managed|funded|administered) by\b|移管|から引き継/i;
/** The sentence says the body takes no part: "..., which is not a funder of this call", "other funders such as ...". */
const SAID_NOT_TO = /\bnot (?:a |an )?(?:funder|partner|participant|co-?funder|part)\b|\b(?:does|do|will) not (?:fund|participate|take part|support)\b|\bnot participating\b|\bother (?:[\w-]+ )?funders,? such as\b|参加(?:し|致し)ない|参加していない|対象外/i;
const CONTACT_ONLY = /\b(?:contact|inquir\w*|enquir\w*|visit)\b|\brefer to\b[^.]*\b(?:website|webpage|web site|homepage|page)\b|問い?合わ?せ|お問合せ|連絡先/i;
const SUPERVISOR_BEFORE = new RegExp(`(?:${SUPERVISOR_SOURCE})\\s*(?:\\([A-Z]{2,6}\\))?\\s*(?:と|and|&|及び|および|、|,)\\s*(?:the\\s+)?$`);
const SUPERVISOR_AFTER = new RegExp(`^\\s*(?:\\([^)]{1,12}\\))?\\s*(?:と|and|&|及び|および|、|,)\\s*(?:the\\s+)?(?:${SUPERVISOR_SOURCE})`);
const MINISTRY = /Ministry|Department|Secretariat|省|部$/;

/**
 * Why a mention is not a partner of the call, or undefined when it is one. `text` is the block (folded),
 * `sentence` the sentence the mention stands in.
 */
export function whyNotPartner(m: Mention, text: string, sentence: string): NotPartner | undefined {
  const before = text.slice(Math.max(0, m.start - 40), m.start);
  const after = text.slice(m.end, m.end + 40);
  if (m.acronym && !m.name && TIME_BEFORE.test(before)) return 'time-zone';
  if (QUALIFIES.test(after) || PROGRAMME_OF.test(before)) return 'programme-name';
  if (CONTACT_ONLY.test(sentence)) return 'contact-only';
  if (SAID_NOT_TO.test(sentence)) return 'said-not-to';
  if (FORMER.test(sentence)) return 'former';
  const ministry = MINISTRY.test(m.name ?? '') || m.candidates.some((f) => f.kind === 'ministry');
  if (ministry && (SUPERVISOR_BEFORE.test(text.slice(0, m.start)) || SUPERVISOR_AFTER.test(text.slice(m.end)))) return 'agreement-party';
  return undefined;
}

/** The sentence of a text that holds a place: cut at 。！？ and at ". " before a capital, not after an initial or "Inc.". */
export function sentenceAt(text: string, index: number): string {
  const ends = /[。！？!?]|(?<!\b(?:Inc|Dr|Mr|Ms|Prof|No|St|vs|e\.g|i\.e|U\.S|[A-Z]))\.(?=\s+[A-Z"“(])/g;
  let start = 0;
  for (const m of text.matchAll(ends)) {
    if (m.index >= index) return text.slice(start, m.index + 1);
    start = m.index + 1;
  }
  return text.slice(start);
}
