/**
 * What ties a named funder to the call on its page. A page names other funders for many reasons: as the
 * partner of the call, but also in a history, a news report of events, a visit, a reception, a budget,
 * a description of the funder. A partner's sentence says how it stands to the call, in one of four ways:
 *   - it names the host agency, or speaks as the host ("we", 本会): "JST and X are jointly accepting …";
 *   - it speaks of the call: proposals, applications, submitting, nominating, 公募, 申請, 推薦, 研究交流; or names a
 *     programme done with the funder ("JRP with NSFC", "Joint Call with X");
 *   - it gives a role: partner, participating, counterpart, jointly, in collaboration with, 相手国, 連携; or names funders
 *     as a kind ("NSERC, ANR and DFG as Funding Agencies", 資金配分機関) where it does not just describe the funder;
 *   - it makes the funder the one who funds a side of the research: "teams are funded by X", "X funds the Swiss teams".
 * An item of a list stands under its introduction, heading and lead line ("Participating funding agencies:");
 * a row that pairs a country with a body ("リトアニア | 保健省") is a partner row by its shape.
 * A visit, a meeting or a ceremony with the host is no tie by itself ("AMED staff visited the NIH's institute").
 * A mention without any of these only names the funder: it may still name in full a partner named elsewhere.
 */
import { fold } from '../document/text.ts';
import { roleFrom } from './agency-roles.ts';
import { placeCode } from './countries.ts';
import type { Mention } from './funder-mentions.ts';

/** The words a block stands under: its heading, the lead line above it, the sentence introducing its list. */
export interface BlockContext {
  heading?: string; lead?: string; intro?: string;
  /** The block is an item of a list (a list item, a row, a marked line): the items under one heading, lead and introduction are one list. */
  item?: boolean;
}

const CALL_WORDS = /\bcalls?\b|\bproposals?\b|\bapplications?\b|\bappl(?:y|ies|ied|ying|icants?)\b|\bsubmi(?:t|ts|tted|tting|ssions?)\b|\bnominat\w*|\bnominees?\b|\brecommend\w*|\bsolicit\w*|\bcandidates?\b|\bjoint (?:research|projects?|seminars?|programs?|programmes?)\b|\bresearch exchanges?\b|公募|募集|提案|申請|応募|推薦|採択|共同研究|研究交流/i;
/** The host speaking of itself ("us", not "US"). */
const SELF = /\b(?:[Ww]e|[Oo]ur|us)\b|本会|本機構|当機構|弊機構/;
/**
 * Funders as a kind, in the plural ("as Funding Agencies in these countries", "資金配分機関と連携"): a tie, unless
 * the sentence only describes the funder ("The CIHR is Canada's lead funding agency", "NIHは…資金配分機関です").
 */
const FUNDER_WORDS = /\bfunding agencies\b|\bfunders\b|\bfunding (?:bodies|organi[sz]ations)\b|ファンディング機関|資金配分機関|研究費配分機関/i;
const DESCRIBED = /^\s*(?:\([^)]*\)\s*)?,?\s*(?:is|was|has been|remains)\b|^[^。]{0,6}?は[^。]*?(?:です|である|であり)/;
/**
 * A visit, a meeting or a ceremony: the host named in it does not make a partner of whom it visits or meets,
 * unless they sign or agree on something there.
 */
const EVENT = /\bvisit(?:ed|s|ing)?\b|\battend(?:ed|s|ing)?\b|\bmet with\b|\breception\b|\bceremony\b|\bdelegation\b|訪問|出席|列席|来訪|表敬|視察|レセプション|式典|祝賀会|懇親会|晩餐会/i;
const AGREEMENT = /\bsign(?:s|ed|ing)?\b|\bagree(?:s|d|ment)?\b|\brenew\w*|memorand\w*|\bMo[CU]s?\b|覚書|締結|署名|合意|取決め/i;
/** What research funding is for: the research and its teams, not events or buildings. */
const RESEARCH_SIDE = /\b(?:side|teams?|researchers|PIs|groups|projects?|consortia|participants|applicants|scientists|research)\b/i;
/** A programme, call or research done with the funder: "JRP with NSFC (FY 2019)", "Joint Call with X", "ASPIRE with UKRI". */
const WITH_PROGRAMME = /(?:\b[Pp]rogram(?:me)?s?|\b[Pp]rojects?|\b[Cc]alls?|\b[Rr]esearch|\b[Ss]eminars?|\b[Ee]xchanges?|\b[A-Z]{3,}(?:-[A-Z]{2,})?)\s+with\s+(?:the\s+)?$/;
/** The funder as the agent of funding: "funded by X", "support from X" (before it); "X (will) fund(s) the Swiss teams" (after it). */
const FUNDED_BY = /\b(?:funded|supported|financed|sponsored)\s+by\s+(?:the\s+)?$|\b(?:funding|support|grants?|financing)\s+from\s+(?:the\s+)?$/i;
const FUNDS_SIDE = /^[^.;。]{0,50}?\b(?:fund|funds|support|supports|finance|finances)\b[^.;。]{0,40}?\b(?:side|teams?|researchers|PIs|groups|projects|consortia|participants|applicants|scientists)\b/;
/** Japanese: "Xが相手国側研究者を支援", "Xから研究費を受ける": the funder, then what it funds. */
const FUNDS_SIDE_JA = /^[^。]{0,8}?(?:が|は|から|より|により)[^。]{0,30}?(?:支援|助成|資金|研究費)/;
const RESEARCH_SIDE_JA = /研究者|研究チーム|研究課題|共同研究|側/;

/**
 * An agreement or a joint act with the funder, the host its unsaid party: English puts the act before "with X" ("signed
 * a MoU with X", "held a joint symposium with the X"); Japanese drops the subject and puts the act after "Xと"
 * ("Xと協力に関する覚書に署名しました", "Xとの間で覚書を締結", "Xとワークショップを開催").
 */
const ACT_WITH = /\b(?:sign(?:s|ed|ing)?|conclu(?:de|des|ded|ding)|renew(?:s|ed|ing)?|agree(?:s|d|ment)?|held|hold(?:s|ing)?|organi[sz](?:e|es|ed|ing)|co-?host(?:s|ed|ing)?|launch(?:es|ed|ing)?|implement(?:s|ed|ing)?|conduct(?:s|ed|ing)?|memorand\w*|Mo[CU]s?|arrangements?)\b[^.;:。]{0,80}?\bwith\s+(?:the\s+)?$/i;
const WITH_JA = /^\s*(?:注\s?\d{0,2}\)|\*\d{1,2}|※\d{1,2})?\s*(?:\([^()]{0,60}\)\s*)?(?:との間で|との|と)/;
const ACT_JA = /覚書|取決め|協定|締結|署名|合意|開催|共催|実施|開始/;
/** A bilateral title pairs Japan with a country and names the funder in brackets: "Japan (JST) – US (NSF)", "日本-ドイツ(DFG)". */
const PAIRED_WITH_JAPAN = /(?:Japan|日本)\s*(?:\(\s*[A-Z]{2,6}\s*\)\s*)?[-–—‐－~〜・]\s*([^\s()\-–—‐－~〜・]{1,24}?)\s*\(\s*(?:[A-Za-z0-9*&-]+\s*[、,]\s*)*$/;

/** Whether the sentence of a mention (or the context of its block) ties it to the call; `host` names the page's agency. */
export function tiedToCall(m: Mention, text: string, sentence: string, host: RegExp, context: BlockContext = {}): boolean {
  if (m.form === 'column' || rowShaped(m, text)) return true;
  if (CALL_WORDS.test(sentence) || roleFrom(sentence)) return true;
  if (FUNDER_WORDS.test(sentence) && !DESCRIBED.test(text.slice(m.end, m.end + 200))) return true;
  if ((host.test(sentence) || SELF.test(sentence)) && (!EVENT.test(sentence) || AGREEMENT.test(sentence))) return true;
  if (fundsASide(m, text, sentence) || tiedByPlace(m, text, sentence)) return true;
  const around = [context.heading, context.lead, context.intro].filter((c): c is string => Boolean(c)).map(fold);
  return around.some((c) => roleFrom(c) !== undefined) || Boolean(context.intro && CALL_WORDS.test(fold(context.intro)));
}

/**
 * The ties a mention's own place gives, which the other funders of its list share ("funded by X, Y and Z"): a programme
 * done with it, an act done with it, a bilateral title that pairs its country with Japan.
 */
export function tiedByPlace(m: Mention, text: string, sentence: string): boolean {
  const before = text.slice(Math.max(0, m.start - 120), m.start);
  if (WITH_PROGRAMME.test(before.slice(-40)) || ACT_WITH.test(before)) return true;
  if (WITH_JA.test(text.slice(m.end, m.end + 70)) && ACT_JA.test(sentence.slice(sentence.indexOf(text.slice(m.start, m.end))))) return true;
  const paired = PAIRED_WITH_JAPAN.exec(before.slice(-60));
  return Boolean(paired && placeCode(paired[1]!) !== undefined);
}

/** The sentence speaks of something else about the funder: an event only (a visit, a reception), or what the funder is. */
export function speaksOfElse(m: Mention, text: string, sentence: string): boolean {
  return (EVENT.test(sentence) && !AGREEMENT.test(sentence)) || DESCRIBED.test(text.slice(m.end, m.end + 200));
}

const FUNDER_LABEL = /(?:^|\s)(?:funding (?:agency|agencies|organi[sz]ations?|bod(?:y|ies)|partners?)|funders?|agency|agencies)$|(?:資金配分|ファンディング|相手国?)機関$/i;

/** The funder as the one who funds a side of the research: "teams are funded by X", "X will fund the Swiss teams", "Xから研究費の支援". */
export function fundsASide(m: Mention, text: string, sentence: string): boolean {
  if (FUNDED_BY.test(text.slice(Math.max(0, m.start - 40), m.start)) && RESEARCH_SIDE.test(sentence.replace(text.slice(m.start, m.end), ' '))) return true;
  return FUNDS_SIDE.test(text.slice(m.end, m.end + 100)) || (FUNDS_SIDE_JA.test(text.slice(m.end, m.end + 60)) && RESEARCH_SIDE_JA.test(sentence));
}

/** A row of cells (a table the page wrote as lines) whose earlier cell is a country: "米国 | 国立衛生研究所 (NIH) | 平成28年1月11日", "Thailand: NSTDA", "Norway The Research Council of Norway (RCN)". */
function rowShaped(m: Mention, text: string): boolean {
  // A row whose cells the page joined with spaces: the line starts with its country ("Norway The Research Council of Norway (RCN) New").
  // The name may start after the mention's span does ("Norway The Research Council of Norway (RCN)" is one find).
  const at = m.name ? text.indexOf(m.name, m.start) : -1;
  const lead = text.slice(0, at >= 0 ? at : m.start);
  if (/\s$/.test(lead) && placeCode(lead.replace(/^[\s•・*-]+/, '').replace(/\s+the\s*$/i, '').trim()) !== undefined) return true;
  const cells = lead.split(/\s*[|:：]\s*/);
  // A cell may name a side rather than a country ("German side: DFG", "ドイツ側：DFG"), or the kind of body the row gives
  // ("Funding organization: NRCT", "資金配分機関：…").
  const labels = cells.slice(0, -1).map((c) => c.replace(/^[\s•・*\d().-]+/, '').trim());
  return labels.some((c) => placeCode(c.replace(/\s*(?:side|側)$/i, '')) !== undefined || FUNDER_LABEL.test(c));
}
