/**
 * Funding agencies: the page's administering agency, partner agencies from tables with a country /
 * agency / participation / notes layout (the AMED ASPIRE table), and agencies named in the text as
 * "Name (ACRONYM)" or by a known name, with the role the sentence gives them (partner, counterpart,
 * co-organizer). A name with no such role is not an agency of the call ("contact the HFSPo") and is
 * left out. Known agencies (parsers/data/agencies.json) bring their acronym and country.
 */
import agenciesData from '../data/agencies.json' with { type: 'json' };
import type { Agency, FundingAgency } from '#parsers/schema.ts';
import type { Block } from '../document/blocks.ts';
import { fold } from '../document/text.ts';
import { countryCode } from './countries.ts';

export const ADMINISTERING: Record<Agency, { name: string; names: RegExp }> = {
  JST: { name: 'Japan Science and Technology Agency', names: /Japan Science and Technology Agency|科学技術振興機構|\bJST\b/ },
  AMED: { name: 'Japan Agency for Medical Research and Development', names: /Japan Agency for Medical Research and Development|日本医療研究開発機構|\bAMED\b/ },
  JSPS: { name: 'Japan Society for the Promotion of Science', names: /Japan Society for the Promotion of Science|日本学術振興会|\bJSPS\b/ },
};

interface KnownAgency { acronym: string; name: string; country: string; aliases: string[] }
const KNOWN: KnownAgency[] = agenciesData.agencies;
const lower = (s: string): string => fold(s).toLowerCase();
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const KNOWN_LOWER = KNOWN.map((agency) => ({ agency, names: [agency.name, ...agency.aliases].map(lower) }));
/** Each known agency's names as whole-word patterns, compiled once. */
const KNOWN_NAMES = KNOWN.map((agency) => ({
  agency, names: [agency.name, ...agency.aliases].filter((a) => a.length >= 6).map((a) => new RegExp(`(?<![A-Za-z])${escape(a)}(?![A-Za-z])`)),
}));

/**
 * The known agency a mention stands for: by a full name or alias contained in it, else by an acronym
 * long enough not to be ambiguous (four letters and up; "ARC" or "MOST" mean several agencies).
 */
export function knownAgency(name: string, acronym?: string): KnownAgency | undefined {
  const n = lower(name);
  const byName = KNOWN_LOWER.filter(({ names }) => names.some((a) => n.includes(a))).map(({ agency }) => agency)
    .sort((a, b) => b.name.length - a.name.length)[0];
  if (byName && (!acronym || byName.acronym.toLowerCase() === acronym.toLowerCase() || !KNOWN.some((k) => k.acronym === acronym))) return byName;
  return acronym && acronym.length >= 4 ? KNOWN.find((k) => k.acronym === acronym) : byName;
}

/** The page's administering agency, with the first place the page names it as evidence. */
export function administeringAgency(agency: Agency, blocks: Block[]): FundingAgency {
  const { name, names } = ADMINISTERING[agency];
  const block = blocks.find((b) => names.test(b.text));
  return { name, acronym: agency, country: 'JP', role: 'administering', evidence: block ? names.exec(block.text)![0] : agency };
}

const isAdministering = (agency: Agency, name: string): boolean => ADMINISTERING[agency].names.test(name);
const col = (header: string[] | undefined, re: RegExp): number => header?.findIndex((h) => re.test(h)) ?? -1;
const acronymsOf = (name: string): string[] => [...fold(name).matchAll(/\(([A-Za-z][A-Za-z0-9*&-]{1,11})\)/g)].map((m) => m[1]!);

/** A row of a partner-agency table; rows of other tables give nothing. */
export function partnerFromRow(block: Block, administering: Agency): FundingAgency | undefined {
  if (block.type !== 'table-row') return undefined;
  const agencyCol = col(block.header, /agency|organi[sz]ation|funder|機関/i);
  if (agencyCol < 0) return undefined;
  const name = block.cells[agencyCol]?.trim();
  if (!name || /^(agency|funding agency)$/i.test(name) || isAdministering(administering, name)) return undefined;
  const cell = (re: RegExp): string | undefined => {
    const i = col(block.header, re);
    return i >= 0 && i !== agencyCol ? block.cells[i]?.trim() || undefined : undefined;
  };
  const countryText = cell(/country|region|国/i);
  const acronyms = acronymsOf(name);
  const known = knownAgency(name, acronyms.at(-1));
  const country = (countryText ? countryCode(countryText) : undefined) ?? known?.country;
  const participation = cell(/participation|type|参加/i);
  const note = cell(/note|remarks|備考/i);
  return {
    name,
    ...(acronyms.length ? { acronym: acronyms.at(-1)! } : {}),
    ...(country ? { country } : {}),
    role: 'partner',
    ...(participation ? { participation } : {}),
    ...(note ? { note } : {}),
    evidence: block.text,
  };
}

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

const ORG_WORD = /Council|Foundation|Agency|Institutes?|Organi[sz]ation|Ministry|Academy|Department|Fund|Society|Trust|Secretariat|Centre|Center|Commission|Office|Administration|Unit|Gemeinschaft|Innovation/;
const NAME_WORD = "(?:[A-Z][\\w'’.&*-]*|of|for|and|the|on|in|de|la|du|des|&|–|-)";
// A comma may sit inside a name ("Agency for Science, Technology and Research (A*STAR)").
const EN_MENTION = new RegExp(`([A-Z][\\w'’.&*-]*(?:,?\\s+${NAME_WORD})*)\\s*\\(([A-Z][A-Za-z0-9*&-]{1,11})\\)`, 'g');
const JA_MENTION = /([\u3040-\u30ff\u3400-\u9fff・ー]{2,30}(?:機構|財団|協会|会議|研究所|庁|省|アカデミー|評議会|基金|委員会|センター|研究院))\s*[(（]([A-Z][A-Za-z0-9*&-]{1,11})[)）]/g;

/**
 * Agencies named in one block of text, with the role `context` (the block, its heading, the sentence
 * introducing its list) gives them. Without a role word nothing is returned.
 */
export function agencyMentions(raw: string, context: string, administering: Agency): FundingAgency[] {
  const role = roleFrom(context);
  if (!role) return [];
  const text = fold(raw);
  const out: FundingAgency[] = [];
  const take = (name: string, acronym: string | undefined, countryHint?: string): void => {
    const clean = name.replace(/^(?:the|and|with|by|from|of)\s+/i, '').replace(/^\d+\.\s*/, '').trim();
    if (isAdministering(administering, clean) || (acronym && Object.keys(ADMINISTERING).includes(acronym))) return;
    if (out.some((a) => (acronym && a.acronym === acronym) || a.name === clean)) return;
    const known = knownAgency(clean, acronym);
    const country = (countryHint ? countryCode(countryHint) : undefined) ?? known?.country;
    out.push({ name: clean, ...(acronym ?? known?.acronym ? { acronym: acronym ?? known!.acronym } : {}), ...(country ? { country } : {}), role, evidence: raw.trim() });
  };
  // "1. Australia: National Health and Medical Research Council (NHMRC)": the country before the colon.
  const listed = /^(?:\d+\.\s*)?([^:：]{2,40})[:：]\s*(.+)$/.exec(text);
  const countryHint = listed && countryCode(listed[1]!) ? listed[1] : undefined;
  // Text not yet claimed by a mention: "Medical Research Council" inside "National Health and Medical Research Council (NHMRC)" is no second agency.
  let rest = text;
  for (const m of text.matchAll(EN_MENTION)) {
    rest = rest.replace(m[0], ' ');
    // The longest tail of the capitalised run that reads as an organisation ("... by the New York Academy of Sciences").
    const words = m[1]!.split(/\s+/);
    const start = words.findIndex((w, i) => /^[A-Z]/.test(w) && ORG_WORD.test(words.slice(i).join(' ')) && !/^(The|This|Please|In|For|And)$/.test(w));
    if (start >= 0 && ORG_WORD.test(m[1]!)) take(words.slice(start).join(' '), m[2], countryHint);
  }
  for (const m of text.matchAll(JA_MENTION)) {
    rest = rest.replace(m[0], ' ');
    take(m[1]!, m[2], countryHint);
  }
  // Known agencies named without an acronym ("the Wellcome Trust").
  for (const { agency: k, names } of KNOWN_NAMES) {
    if (names.some((re) => re.test(rest)) && !out.some((a) => a.acronym === k.acronym)) {
      if (!out.some((a) => knownAgency(a.name, a.acronym) === k)) take(k.name, k.acronym, countryHint);
    }
  }
  return out;
}
