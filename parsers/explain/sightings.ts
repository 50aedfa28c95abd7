/**
 * What one block holds that a record would be expected to take: dates, amounts, e-mail addresses and
 * agency-like names. Each is found with the extractors' own finders (findDates, extractFunding,
 * extractEmails, agencyMentions), so that "seen here" and "read by the parser" cannot drift apart;
 * only the role-free name patterns below are this module's own, because the extractor keeps a name
 * only when a role word stands near it.
 */
import type { Agency } from '#parsers/schema.ts';
import type { Block } from '../document/blocks.ts';
import { fold } from '../document/text.ts';
import { ADMINISTERING, agencyMentions } from '../extract/agencies.ts';
import { findDates } from '../extract/dates.ts';
import { extractEmails } from '../extract/emails.ts';
import { extractFunding } from '../extract/money.ts';

export type Sighting =
  | { kind: 'date'; year?: number; month: number; day?: number; start: number; end: number }
  | { kind: 'amount'; yen: number }
  | { kind: 'address'; email: string }
  | { kind: 'agency-like'; name: string; acronym?: string };

/**
 * Names built on a funder's word, with no acronym after them: "the Research Council of Norway",
 * "Ministry of Science and ICT", "Natural Sciences and Engineering Research Council", "米国国立科学財団":
 * a run of capitalised words, joined by linking words, with the funder's word as a whole word in it.
 */
const CAP = "[A-Z][\\w'’.&-]*";
const ORG_WORD = '(?:Ministry|Council|Foundation|Agency|Fund|Academy|Trust|Commission|Secretariat|Administration|Gemeinschaft)';
const LINK = '(?:of|for|and|the|on|in|&)';
const EN_ORG_NAME = new RegExp(`(?:${CAP}\\s+(?:${LINK}\\s+)*){0,5}${ORG_WORD}(?![\\w'’-])(?:\\s+(?:${LINK}\\s+)*${CAP})*`, 'g');
/** Hiragana is left out of the run, so that a particle ends it ("…は米国国立科学財団" gives the foundation). */
const JA_ORG_NAME = /[\u30a0-\u30ff\u3400-\u9fff・]{2,24}(?:省|庁|財団|機構|評議会|研究会議|振興会|協会|アカデミー)(?![\u3400-\u9fff])/g;
/** Words that describe a name rather than name it: "The", "Partner Agency", "Funding Council". */
const DESCRIBING = /^(?:The|This|That|These|Each|Every|Any|All|Our|Your|Its|Their|A|An|Both|Other|Partner|Partnering|Participating|Funding|Counterpart|Lead|Host|Responsible|Relevant|Foreign|Overseas)$/;
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

/** "the Kestrel Foundation and the Heron Council": two names, when each side of the "and" has a funder's word. */
function splitList(phrase: string): string[] {
  const parts = phrase.split(/\s+(?:and|&)\s+(?:the\s+)?(?=[A-Z])/);
  return parts.length > 1 && parts.every((p) => ORG_WORD_IN.test(p)) ? parts : [phrase];
}

/**
 * Agency-like names: what the agency extractor would take if a role word stood beside them (known
 * funders, "Name (ACRONYM)", "名称(ACRONYM)"), then names built on a funder's word. The page's own
 * administering agency is no finding.
 */
function agencyNames(raw: string, text: string, administering: Agency): Sighting[] {
  const found: Array<{ name: string; acronym?: string }> = agencyMentions(raw, 'partner', administering)
    .map((a) => ({ name: a.name, ...(a.acronym ? { acronym: a.acronym } : {}) }));
  const named = [...text.matchAll(EN_ORG_NAME)].flatMap((m) => splitList(m[0]).map(nameOf)).filter((n): n is string => Boolean(n))
    .concat([...text.matchAll(JA_ORG_NAME)].map((m) => m[0]));
  for (const name of named) {
    if (found.some((f) => f.name.includes(name) || name.includes(f.name))) continue;
    found.push({ name });
  }
  const own = ADMINISTERING[administering].names;
  return found.filter((f) => !own.test(f.name) && f.acronym !== administering).map((f) => ({ kind: 'agency-like' as const, ...f }));
}

/** Everything of interest in one block, in the order: dates, amounts, addresses, agency-like names. */
export function sightingsIn(block: Block, administering: Agency): Sighting[] {
  const text = fold(block.text);
  return [...dates(text), ...amounts(block.text), ...addresses(block.text), ...agencyNames(block.text, text, administering)];
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
