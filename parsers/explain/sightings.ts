/**
 * What one block holds that a record would be expected to take: dates, amounts, e-mail addresses and
 * agency-like names. Each is found with the extractors' own finders (findDates, extractFunding,
 * extractEmails, findMentions), so that "seen here" and "read by the parser" cannot drift apart; the
 * only pattern of this module's own finds names built on a funder's word that carry no acronym and
 * that the gazetteer lacks ("the Kestrel Valley Foundation"), which the agency finders leave alone.
 */
import type { Agency } from '#parsers/schema.ts';
import type { Block } from '../document/blocks.ts';
import { fold } from '../document/text.ts';
import { whyNotPartner, sentenceAt, type NotPartner } from '../extract/agency-roles.ts';
import { ADMINISTERING } from '../extract/agencies.ts';
import { findMentions, type Mention } from '../extract/funder-mentions.ts';
import { tiedToCall } from '../extract/partner-clues.ts';
import { isNotFunder } from '../extract/funders.ts';
import { findDates } from '../extract/dates.ts';
import { extractEmails } from '../extract/emails.ts';
import { extractFunding } from '../extract/money.ts';

export type Sighting =
  | { kind: 'date'; year?: number; month: number; day?: number; start: number; end: number }
  | { kind: 'amount'; yen: number }
  | { kind: 'address'; email: string }
  | {
      kind: 'agency-like'; name: string; acronym?: string; start: number; end: number;
      /** How the agency extractor reads it: what it needs to count, why it is no partner; absent for a name it does not find. */
      mention?: { needs: Mention['needs']; notPartner?: NotPartner; untied?: boolean };
      /** The acronyms of the known funders it may be ("Vetenskapsrådet" is the Swedish Research Council, SRC). */
      known?: string[];
    };

/**
 * Names built on a funder's word, with no acronym after them: "the Kestrel Valley Foundation",
 * "Ministry of Marine Affairs", "Natural Sciences and Engineering Research Council": a run of
 * capitalised words, joined by linking words, with the funder's word as a whole word in it.
 */
const CAP = "[A-Z][\\w'’.&-]*";
const ORG_WORD = '(?:Ministry|Council|Foundation|Agency|Fund|Academy|Trust|Commission|Secretariat|Administration|Gemeinschaft)';
const LINK = '(?:of|for|and|the|on|in|&)';
// After the funder's word a name goes on through linking words, or through a comma before a capitalised word ("Ministry of Education, Culture, Sports, ...").
const EN_ORG_NAME = new RegExp(`(?:${CAP}\\s+(?:${LINK}\\s+)*){0,5}${ORG_WORD}(?![\\w'’-])(?:,\\s*${CAP}|\\s+(?:${LINK}\\s+)*${CAP})*`, 'g');
/** Words that describe a name rather than name it: "The", "Partner Agency", "Funding Council". */
const DESCRIBING = /^(?:The|This|That|These|Each|Every|Any|All|Our|Your|Its|Their|A|An|Both|Other|Partner|Partnering|Participating|Funding|Counterpart|Lead|Host|Responsible|Relevant|Foreign|Overseas)$/;
/** The same in Japanese, on the funders' own tails; hiragana is left out of the run, so that a particle ends it ("…は米国国立科学財団"). */
const JA_ORG_NAME = /[\u30a0-\u30ff\u3400-\u9fff・]{2,24}(?:省|庁|財団|評議会|研究会議|振興会|アカデミー)(?![\u3400-\u9fff])/g;
const ORG_ALONE = new RegExp(`^${ORG_WORD}$`);
const ORG_WORD_IN = new RegExp(`\\b${ORG_WORD}\\b`);

/** Every date in the block's folded text, with where it stands. */
function dates(text: string): Sighting[] {
  return findDates(text).map((hit) => ({
    kind: 'date' as const, month: hit.month, start: hit.start, end: hit.end,
    ...(hit.year !== undefined ? { year: hit.year } : {}), ...(hit.day !== undefined ? { day: hit.day } : {}),
  }));
}

function amounts(raw: string): Sighting[] {
  return [...new Set(extractFunding(raw).map((f) => f.maxJpy))].map((yen) => ({ kind: 'amount' as const, yen }));
}

function addresses(raw: string): Sighting[] {
  return extractEmails(raw).map((c) => ({ kind: 'address' as const, email: c.email }));
}

/** The name without the leading words that describe it ("The", "Partner"), or nothing when it is only a description. */
function nameOf(phrase: string): string | undefined {
  const words = phrase.split(/\s+/);
  while (words.length > 1 && DESCRIBING.test(words[0]!)) words.shift();
  if (words.every((w) => DESCRIBING.test(w) || ORG_ALONE.test(w))) return undefined;
  // A full stop after the last word ends the sentence, not the name.
  return words.join(' ').replace(/[.,]+$/, '');
}

/** "the Kestrel Foundation and the Heron Council", "Kestrel Foundation, Heron Council": two names, when each part has a funder's word. */
function splitList(phrase: string): string[] {
  const parts = phrase.split(/,\s*|\s+(?:and|&)\s+(?:the\s+)?(?=[A-Z])/);
  return parts.length > 1 && parts.every((p) => ORG_WORD_IN.test(p)) ? parts : [phrase];
}

type AgencyLike = Extract<Sighting, { kind: 'agency-like' }>;

/** One of the page's own administering agencies (a document of several programmes may have several). */
const isHost = (hosts: readonly Agency[], name: string, m?: Mention): boolean =>
  hosts.some((host) => Boolean(m?.candidates.some((f) => f.acronyms.includes(host))) || ADMINISTERING[host].names.test(name));

/**
 * Agency-like names: every funder mention the agency extractor finds, whatever it then makes of it, and
 * the names built on a funder's word it does not find. The page's own administering agencies are no
 * finding, nor a body the gazetteer says funds no call (a supervising ministry).
 */
function agencyNames(text: string, hosts: readonly Agency[], heading?: string): AgencyLike[] {
  const found: AgencyLike[] = [];
  const mentions = findMentions(text);
  // The host's names, as the agency extractor hears them: a sentence the host speaks in ties its funders to the call.
  const host = new RegExp(hosts.map((h) => ADMINISTERING[h].names.source).join('|') || '(?!)', 'i');
  for (const m of mentions) {
    const name = m.name ?? m.acronym ?? '';
    if (!name || isHost(hosts, `${m.name ?? ''} ${m.acronym ?? ''}`, m)) continue;
    // Asked as the extractor asks it, with the block's other mentions (an institute named as another funder's is a unit of it).
    const sentence = sentenceAt(text, m.start);
    const notPartner = whyNotPartner(m, text, sentence, mentions);
    // "noon (JST)" is a time zone: no name of anything.
    if (notPartner === 'time-zone') continue;
    const untied = !tiedToCall(m, text, sentence, host, heading ? { heading } : {});
    found.push({ kind: 'agency-like', name, ...(m.acronym ? { acronym: m.acronym } : {}), start: m.start, end: m.end,
      mention: { needs: m.needs, ...(notPartner ? { notPartner } : {}), ...(untied ? { untied } : {}) },
      ...(m.candidates.length ? { known: m.candidates.flatMap((f) => f.acronyms) } : {}) });
  }
  const named = [...text.matchAll(EN_ORG_NAME)].flatMap((m) => splitList(m[0]).map((phrase) => ({ name: nameOf(phrase), start: m.index + m[0].indexOf(phrase) })))
    .concat([...text.matchAll(JA_ORG_NAME)].map((m) => ({ name: m[0], start: m.index })));
  for (const { name, start } of named) {
    // A name inside a mention already found ("Medical Research Council" in "National Health and Medical Research Council (NHMRC)") is that mention.
    const end = start + (name?.length ?? 0);
    // "... and Technology (MEXT)": the acronym after the name may be what the gazetteer knows it by.
    const acronym = /^\s*\(([A-Za-z][A-Za-z0-9*&-]{1,11})\)/.exec(text.slice(end))?.[1];
    if (!name || isNotFunder(name) || (acronym && isNotFunder(acronym)) || isHost(hosts, name) || found.some((f) => start < f.end && f.start < end)) continue;
    found.push({ kind: 'agency-like', name, start, end });
  }
  return found;
}

/** Everything of interest in one block, in the order: dates, amounts, addresses, agency-like names. */
export function sightingsIn(block: Block, hosts: readonly Agency[], heading?: string): Sighting[] {
  const text = fold(block.text);
  return [...dates(text), ...amounts(block.text), ...addresses(block.text), ...agencyNames(text, hosts, heading)];
}

/** How a sighting is shown: "2025-06-03" ("--06-03" without a year), "30,000,000 yen", the address, the name. */
export function valueOf(s: Sighting): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  switch (s.kind) {
    case 'date': return `${s.year ?? '-'}-${pad(s.month)}${s.day !== undefined ? `-${pad(s.day)}` : ''}`;
    case 'amount': return `${s.yen.toLocaleString('en')} yen`;
    case 'address': return s.email;
    case 'agency-like': return s.acronym && !s.name.includes(s.acronym) ? `${s.name} (${s.acronym})` : s.name;
  }
}
