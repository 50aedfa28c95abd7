/**
 * What the funder-mention finders share: the mention itself, and the words that tell a funder's name from other
 * names (head words, the bodies that are no funder, the abbreviations that are no funder's acronym).
 */
import { isNotFunder, type Funder } from './funders.ts';

export type MentionForm = 'known' | 'named' | 'of-country' | 'nationality' | 'listed' | 'country-named' | 'japanese' | 'column';
export interface Mention {
  /** Span in the folded text. */
  start: number;
  end: number;
  /** The name as the text writes it, when it gives one (not only an acronym). */
  name?: string;
  acronym?: string;
  /** The country the words beside it name ("of Korea", "Thai", a country cell before it). */
  country?: string;
  /** Known funders it may be: one, several for an ambiguous term, none for a funder the gazetteer lacks. */
  candidates: Funder[];
  form: MentionForm;
  /**
   * What else it needs to count: nothing; a funder's company (an acronym that also reads as something
   * else: "the", a list of funders, a country, a role); or a role word (an unknown institute or centre).
   */
  needs: 'nothing' | 'company' | 'role';
}

/** Abbreviations of research administration that are no funder, whatever list they stand in. */
const NOT_ACRONYMS = /^(?:PIs?|PDs?|POs?|PMs?|PSs?|ECRs?|R&D|ICT|IoT|AI|IT|DX|GX|SDGs?|ODA|NGOs?|NPOs?|SMEs?|FAQs?|PDF|URL|JPY|USD|EUR|GBP|FY\d*|COVID(?:-19)?|MOU|MOC|MoU|MoC|RFP|CVs?|TBD|TBA|NA|NB|PDR|DPR|SAR|II|III|IV|VI|VII|VIII|IX|XI|UK|US|USA|EU|UN|JP|LLC|INC|LTD|CEO|CTO|PhD|DC\d?|SPD|RPD|CREST|PRESTO|ERATO|ACT-X|ACCEL|ASPIRE|NEXUS|SICORP|SATREPS|KAKENHI|JRP|LEAD|STI|S&T|Q&A|TEL|FAX|MAIL|NOTE|NEW|END|AND|THE|FOR|NOT|ALL)$/;
export const isAcronymLike = (s: string): boolean => /^[A-Z][A-Za-z0-9*&-]*[A-Z0-9*][A-Za-z0-9*&-]*$/.test(s) && !NOT_ACRONYMS.test(s) && !isNotFunder(s);

/** A funder's own head word: a body of this kind funds research when a page names it beside a call. */
export const FUNDER_HEAD = /\b(?:Foundation|Fund|Fonds|Council|Agency|Ministry|Academy|Commission|Trust|Secretariat|Authority|Administration|Department|Directorate|Stiftung|Gemeinschaft|Fondation|Fundação|Fundación|Fondazione|Agence|Agencia|Consejo|Conselho)\b/;
/** A body that may or may not fund: needs the sentence to give it a role. */
export const BODY_HEAD = /\b(?:Institutes?|Institution|Center|Centre|Organi[sz]ation|Society|Association|Unit|Office|Board|Alliance|Coalition|Partnership|Programme Management Unit)\b/;
export const NOT_A_FUNDER_BODY = /Universit|College|School|Hospital|Embassy|Consulate|Delegation|Museum|Laborator|大学|病院|大使館|領事館|学校/;
export const NAME_WORD = "(?:[A-Z][\\w'’.&*-]*|of|for|and|the|on|in|de|la|du|des|der|für|&|–|-)";
export const CONNECTOR = /^\s*(?:,|、|，|\/|・|&|and|or|および|及び|並びに|と|ならびに)\s*(?:(?:and|or)\s+)?(?:the\s+)?$/i;
export const JA_RUN = '[\\p{Script=Han}\\p{Script=Katakana}ー・]';
/** Japanese head words of a funder (財団, 評議会, 省 ...) and of a body that needs a role (研究所, センター). */
export const JA_FUNDER_TAIL = /(?:財団|基金|評議会|協議会|研究会議|振興会|振興協会|協会|庁|省|局|総局|アカデミー|委員会|連合|振興機構|支援機構|推進機構|科学院|学術院|部)$/;
