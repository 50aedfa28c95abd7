/**
 * Funding agencies of a call: the page's administering agency, and the partner funders the page names,
 * in prose ("JST and the Federal Ministry of Education and Research (BMBF) are jointly accepting ...",
 * "..., DOST of The Philippines, NRF of Korea") or in a partner table. Mentions come from
 * funder-mentions.ts, the role from agency-roles.ts, the country and the full entry from the gazetteer
 * (parsers/data/funders.json). Names stay as the page writes them; a known funder brings its acronym
 * and country where the page gives neither.
 */
import type { Agency, FundingAgency } from '#parsers/schema.ts';
import type { Block } from '../document/blocks.ts';
import { fold } from '../document/text.ts';
import { roleFrom, sentenceAt, whyNotPartner } from './agency-roles.ts';
import { findCountries } from './countries.ts';
import { findMentions, listedWith, namedTogether, type Mention } from './funder-mentions.ts';
import { fundersFor, isNotFunder, placeFunder, type Funder } from './funders.ts';
import { partnerRows, type PartnerRow } from './partner-tables.ts';
import { fundsASide, speaksOfElse, tiedByPlace, tiedToCall, type BlockContext } from './partner-clues.ts';

export { roleFrom } from './agency-roles.ts';
export type { BlockContext } from './partner-clues.ts';

export const ADMINISTERING: Record<Agency, { name: string; names: RegExp }> = {
  JST: { name: 'Japan Science and Technology Agency', names: /Japan Science and Technology Agency|科学技術振興機構|\bJST\b/ },
  AMED: { name: 'Japan Agency for Medical Research and Development', names: /Japan Agency for Medical Research and Development|日本医療研究開発機構|\bAMED\b/ },
  JSPS: { name: 'Japan Society for the Promotion of Science', names: /Japan Society for the Promotion of Science|日本学術振興会|\bJSPS\b/ },
};

/** The page's administering agency, with the first place the page names it as evidence. */
export function administeringAgency(agency: Agency, blocks: Block[]): FundingAgency {
  const { name, names } = ADMINISTERING[agency];
  const block = blocks.find((b) => names.test(b.text));
  return { name, acronym: agency, country: 'JP', role: 'administering', evidence: block ? names.exec(block.text)![0] : agency };
}

const isHost = (agency: Agency, m: Mention): boolean =>
  m.candidates.some((f) => f.acronyms.includes(agency)) || ADMINISTERING[agency].names.test(`${m.name ?? ''} ${m.acronym ?? ''}`);

/**
 * What settling needs to know of an agency and the record does not keep: the funders it may be (an
 * ambiguous acronym waits for the page's countries), whether it has a funder's company (an acronym that
 * reads as something else needs one), whether its sentence ties it to the call, and whether it stands on
 * a line of names (an entry of a list without marks, or of a table the page lost).
 */
interface Pending {
  candidates: Funder[]; term: string; company: boolean; tied: boolean; line: boolean; written: { name: boolean; acronym: boolean };
  /** The list the mention's block is an item of (its heading, lead and introduction), and whether its sentence says nothing against a tie. */
  list?: string; neutral?: boolean;
}
const counts = (p: Pending | undefined): boolean => !p || (p.company && p.tied);
const pending = new WeakMap<FundingAgency, Pending>();

function toAgency(m: Mention, role: FundingAgency['role'], evidence: string, extra: { country?: string; participation?: string; note?: string } = {}, beside: string[] = []): FundingAgency {
  const term = m.acronym ?? m.name ?? '';
  const funder = placeFunder(m.candidates, term, [...(m.country ? [m.country] : []), ...(extra.country ? [extra.country] : [])], beside);
  const acronym = m.acronym ?? funder?.acronyms[0];
  const country = m.country ?? extra.country ?? funder?.country;
  const agency: FundingAgency = {
    name: m.name ?? m.acronym ?? '', ...(acronym ? { acronym } : {}), ...(country ? { country } : {}), role,
    ...(extra.participation ? { participation: extra.participation } : {}), ...(extra.note ? { note: extra.note } : {}), evidence,
  };
  pending.set(agency, { candidates: funder ? [funder] : m.candidates, term, company: true, tied: true, line: false, written: { name: Boolean(m.name), acronym: Boolean(m.acronym) } });
  return agency;
}

/** Does an acronym that could be something else stand with a funder's company: "the EC", a list of funders, a role word? */
function confirmed(m: Mention, text: string, sentence: string, all: readonly Mention[]): boolean {
  if (m.needs === 'nothing') return true;
  if (m.needs === 'role') return roleFrom(sentence) !== undefined || fundsASide(m, text, sentenceAt(text, m.start));
  return Boolean(m.country) || /\bthe\s+$/i.test(text.slice(Math.max(0, m.start - 5), m.start)) || listedWith(text, m, all) || roleFrom(sentence) !== undefined;
}

/**
 * The partner funders named in one block of text: partner unless their own sentence says counterpart or
 * co-organizer. The role is the sentence's, not the layout's, so that the same words give the same role
 * however a page breaks them into paragraphs. A mention whose sentence does not tie it to the call
 * (partner-clues.ts) only names the funder: it counts where the call names the same funder as a partner,
 * and may give that partner its full name. `context` is what the block stands under (its heading, lead line
 * and the sentence introducing its list), or a text read as a heading.
 */
export function agencyMentions(raw: string, context: string | BlockContext, administering: Agency): FundingAgency[] {
  const text = fold(raw);
  const mentions = findMentions(text);
  if (!mentions.length) return [];
  const around: BlockContext = typeof context === 'string' ? { heading: context } : context;
  const beside = findCountries(text);
  const host = ADMINISTERING[administering].names;
  const out: FundingAgency[] = [];
  const kept = new Map<Mention, FundingAgency>();
  const list = around.item ? [around.heading, around.lead, around.intro].join('\n') : undefined;
  for (const m of mentions) {
    if (isHost(administering, m)) continue;
    const sentence = sentenceAt(text, m.start);
    if (whyNotPartner(m, text, sentence, mentions)) continue;
    const agency = toAgency(m, roleFrom(sentence) ?? 'partner', raw.trim(), {}, beside);
    const heard = `${sentence} ${[around.heading, around.lead, around.intro].map((c) => fold(c ?? '')).join(' ')}`;
    Object.assign(pending.get(agency)!, {
      company: confirmed(m, text, heard, mentions), tied: tiedToCall(m, text, sentence, host, around), line: isNameLine(text),
      ...(list !== undefined ? { list, neutral: !speaksOfElse(m, text, sentence) } : {}),
    });
    kept.set(m, agency);
    out.push(agency);
  }
  shareTies(text, kept);
  return out;
}

/**
 * Funders named together share their ties: "funded by X, Y and Z" ties all three, not only the one after "by". A
 * list of three or more funders is itself a tie (a programme's members, its nominating bodies, the funders of a joint
 * call), unless the sentence speaks of something else (a visit, a reception, what the funders are).
 */
function shareTies(text: string, kept: Map<Mention, FundingAgency>): void {
  for (const run of namedTogether(text, [...kept.keys()])) {
    const sentence = sentenceAt(text, run[0]!.start);
    const funders = new Set(run.map((m) => identity(kept.get(m)!)));
    const tied = run.some((m) => tiedByPlace(m, text, sentence)) || (funders.size >= 3 && run.every((m) => !speaksOfElse(m, text, sentence)));
    if (tied) for (const m of run) pending.get(kept.get(m)!)!.tied = true;
  }
}

/** A short line with no sentence in it: an entry of a list without marks, or a row of a table the page lost ("Germany DAAD"). */
const isNameLine = (text: string): boolean => text.length <= 250 && !/[。！？!?]|[a-z]{3}\.(?:\s|$)/.test(text);

/** The partner-table rows of a run of blocks, each read into its partners (a cell may hold a funder and its successor). */
export function partnerTable(blocks: Block[], administering: Agency): Map<Block, FundingAgency[]> {
  const out = new Map<Block, FundingAgency[]>();
  for (const [block, row] of partnerRows(blocks)) out.set(block, rowPartners(row, block.text, administering));
  return out;
}

function rowPartners(row: PartnerRow, evidence: string, administering: Agency): FundingAgency[] {
  const text = fold(row.cell);
  const role = row.counterpart ? 'counterpart' : 'partner';
  const extra = { ...(row.country ? { country: row.country } : {}), ...(row.participation ? { participation: row.participation } : {}), ...(row.note ? { note: row.note } : {}) };
  const mentions = findMentions(text).filter((m) => !isHost(administering, m));
  if (mentions.length) return mentions.map((m) => toAgency(m, role, evidence, extra));
  // A name the patterns do not know ("保健省" under 相手機関 beside リトアニア): the cell is the name.
  const name = text.replace(/\s*[(（][^)）]*[)）]\s*$/, '').trim();
  if (name.length < 2 || name.length > 80 || /^\d|^[-–—]$/.test(name) || isNotFunder(name) || ADMINISTERING[administering].names.test(name)) return [];
  return [toAgency({ start: 0, end: name.length, name, candidates: fundersFor(name), form: 'column', needs: 'nothing' }, role, evidence, extra)];
}

/** A partner-table row read as one partner (the last the cell names), or nothing for rows of other tables. */
export function partnerFromRow(block: Block, administering: Agency): FundingAgency | undefined {
  return partnerTable([block], administering).get(block)?.at(-1);
}

/** The funder an agency record stands for, for merging: the gazetteer entry, else its acronym and country, else its name. */
function identity(a: FundingAgency): string | Funder {
  const p = pending.get(a);
  if (p?.candidates.length === 1) return p.candidates[0]!;
  return a.acronym ? `${a.acronym}|${a.country ?? ''}` : fold(a.name).toLowerCase();
}

/**
 * The agencies of one call, settled: an ambiguous acronym placed by the call's countries, one record per
 * funder (named in full where the page names it in full anywhere), and acronyms that needed a funder's
 * company dropped when the call gives them none. The administering agency stays first, as it came.
 */
export function settleAgencies(agencies: FundingAgency[], countries: readonly string[]): FundingAgency[] {
  const groups = new Map<string | Funder, FundingAgency[]>();
  const administering = agencies.filter((a) => a.role === 'administering');
  continueNameLines(agencies);
  continueLists(agencies);
  for (const a of agencies.filter((x) => x.role !== 'administering').map((x) => placed(x, countries))) {
    const key = identity(a);
    groups.set(key, [...(groups.get(key) ?? []), a]);
  }
  const partners = [...groups.values()].filter((g) => g.some((a) => counts(pending.get(a)))).map(merge);
  return [...administering.slice(0, 1), ...partners];
}

/**
 * A run of name lines continues the list its first line is in: under "The counterpart institutions:" the
 * line "Academy of Finland (AKA)" is tied by the introduction and the next line, "Research Council of
 * Lithuania (RCL)", by standing in the same run; a table the page lost its cells of reads the same way.
 */
function continueNameLines(agencies: readonly FundingAgency[]): void {
  let previous: Pending | undefined;
  for (const a of agencies) {
    if (a.role === 'administering') continue;
    const p = pending.get(a);
    if (p?.line && previous?.line && previous.tied) p.tied = true;
    previous = p;
  }
}

/**
 * The items of one list are of one kind: where a funder in one item is tied to the call, a funder in another item of the
 * same list is too, unless its own sentence speaks of something else. A report's list of joint work ("• 2019年6月、X と
 * ワークショップを開催し…", "• 2019年11月、Y と「…") ties its last item, cut before its verb, by the items above it.
 */
function continueLists(agencies: readonly FundingAgency[]): void {
  const runs: Pending[][] = [];
  for (const a of agencies) {
    const p = pending.get(a);
    if (!p?.list) continue;
    const run = runs.at(-1);
    if (run && run.at(-1)!.list === p.list) run.push(p);
    else runs.push([p]);
  }
  for (const run of runs) if (run.some((p) => p.tied)) for (const p of run) if (p.neutral) p.tied = true;
}

/** An agency whose acronym several funders share, placed by the call's countries once they are all known. */
function placed(a: FundingAgency, countries: readonly string[]): FundingAgency {
  const p = pending.get(a);
  if (!p || p.candidates.length < 2) return a;
  const funder = placeFunder(p.candidates, p.term, a.country ? [a.country] : [], countries);
  if (!funder) return a;
  const out: FundingAgency = { ...a, country: a.country ?? funder.country };
  pending.set(out, { ...p, candidates: [funder] });
  return out;
}

const ROLE_RANK: Record<FundingAgency['role'], number> = { 'co-organizer': 3, counterpart: 2, partner: 1, administering: 0 };

/**
 * One record of a funder named several times: named as the page names it in full ("Name (ACR)" first,
 * then any full name, else the acronym), with the acronym the page writes, and the most specific role any
 * sentence gives it ("presented jointly by" makes a co-organizer of a funder named elsewhere as a partner).
 */
function merge(group: FundingAgency[]): FundingAgency {
  const written = (a: FundingAgency) => pending.get(a)?.written ?? { name: a.name !== a.acronym, acronym: Boolean(a.acronym) };
  const named = group.find((a) => written(a).name && written(a).acronym) ?? group.find((a) => written(a).name) ?? group[0]!;
  const role = group.reduce((r, a) => (ROLE_RANK[a.role] > ROLE_RANK[r] ? a.role : r), group[0]!.role);
  const out: FundingAgency = { ...group[0]!, name: named.name, role };
  const acronym = group.find((a) => written(a).acronym)?.acronym ?? named.acronym;
  if (acronym) out.acronym = acronym;
  for (const a of group) {
    out.acronym ??= a.acronym;
    out.country ??= a.country;
    out.participation ??= a.participation;
    out.note ??= a.note;
  }
  for (const key of ['acronym', 'country', 'participation', 'note'] as const) if (out[key] === undefined) delete out[key];
  const p = pending.get(group[0]!);
  if (p) pending.set(out, { ...p, company: true, tied: true });
  return out;
}

/** The known funder a name (and acronym) stands for, placed by its default where the acronym is ambiguous. */
export function knownAgency(name: string, acronym?: string): Funder | undefined {
  const byName = fundersFor(name);
  const byAcronym = acronym ? fundersFor(acronym) : [];
  const both = byName.filter((f) => byAcronym.includes(f));
  const candidates = both.length ? both : byName.length ? byName : byAcronym;
  return placeFunder(candidates, acronym ?? name, []);
}
