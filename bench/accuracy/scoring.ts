/**
 * The matching rules of `../shared/corpus/score.mjs`, as pure functions over parse results, so that the
 * in-process benchmark reports the same numbers as the scorer that runs the CLI once per page:
 * - deadlines: a gold deadline with a time matches the same minute; a day matches the day; a month any day
 *   of it; an extracted deadline (submission, pre-registration or other) on no gold day or month is extra;
 * - open dates: the same, among deadlines of kind `open` (recall only);
 * - agencies: non-administering agencies whose normalized name or acronym contains, or is contained in,
 *   the normalized gold string;
 * - amounts: the set of gold ceilings against every `maxJpy`;
 * - e-mails: exact, case-folded;
 * - eligibility: a gold statement is found when 60% of its character bigrams are in one extracted text;
 *   an extracted text is extra when neither contains 60% of the other's bigrams for any gold statement.
 */
import type { ParseResult } from '#parsers/schema.ts';
import type { CorpusListing, CorpusPage, GoldDate } from './corpus.ts';

export type Field = 'deadline' | 'open' | 'agency' | 'amount' | 'email' | 'eligibility';
export interface Count { tp: number; fp: number; fn: number }
export type Tally = Record<Field, Count>;
export interface PageRow { key: string; ok: boolean; error?: string; cells: Partial<Record<Field, string>>; misses: string[] }

export const FIELDS: Field[] = ['deadline', 'open', 'agency', 'amount', 'email', 'eligibility'];
export const emptyTally = (): Tally => Object.fromEntries(FIELDS.map((f) => [f, { tp: 0, fp: 0, fn: 0 }])) as Tally;

type AnyCall = ParseResult['programs'][number]['calls'][number];
type AnyDeadline = AnyCall['deadlines'][number];

export const norm = (s: unknown): string => String(s ?? '').normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
function bigrams(s: string): Set<string> {
  const t = norm(s).replace(/ /g, '');
  const out = new Set<string>();
  for (let i = 0; i < t.length - 1; i += 1) out.add(t.slice(i, i + 2));
  return out;
}
/** The share of `gold`'s bigrams found in `extracted`. */
export function containment(gold: string, extracted: string): number {
  const g = bigrams(gold);
  const e = bigrams(extracted);
  if (!g.size) return 0;
  let n = 0;
  for (const x of g) if (e.has(x)) n += 1;
  return n / g.size;
}

const HOST = new Set(['jst', 'amed', 'jsps', 'japan science and technology agency', 'japan agency for medical research and development',
  'japan society for the promotion of science', '科学技術振興機構', '日本医療研究開発機構', '日本学術振興会']);
const DEADLINE_KINDS = new Set(['submission', 'preregistration', 'other']);

const callsOf = (result: ParseResult): AnyCall[] => result.programs.flatMap((p) => p.calls);
const minute = (iso: string): string => new Date(iso).toISOString().slice(0, 16);
function instant(d: AnyDeadline): string | null {
  if (d.iso && /T\d\d:\d\d/.test(d.iso)) return minute(d.iso);
  return d.date && d.time ? minute(`${d.date}T${d.time}:00+09:00`) : null;
}
function matchDate(gold: GoldDate, found: AnyDeadline[]): boolean {
  if (gold.iso.includes('T')) return found.some((d) => instant(d) === minute(gold.iso));
  return found.some((d) => (gold.iso.length === 10 ? d.date === gold.iso : d.date.startsWith(gold.iso)));
}
const fraction = (hit: number, of: number, extra: number): string => `${hit}/${of}${extra ? ` +${extra}` : ''}`;

/** Scores one page's parse result (or its error) into the tally; returns the page's row. */
export function scorePage(page: CorpusPage, result: ParseResult | Error, tally: Tally): PageRow {
  const L = page.labels;
  const row: PageRow = { key: page.key, ok: !(result instanceof Error), cells: {}, misses: [] };
  const required = L.deadlines.filter((d) => !d.cycle);
  if (result instanceof Error) {
    row.error = result.message.split('\n')[0];
    const counts: Array<[Field, number]> = [['deadline', required.length], ['open', L.open_dates.length], ['agency', L.agencies.length],
      ['amount', L.amounts_jpy.length], ['email', L.emails.length], ['eligibility', L.eligibility.length]];
    for (const [k, n] of counts) tally[k].fn += n;
    return row;
  }
  const calls = callsOf(result);
  const all = calls.flatMap((c) => c.deadlines);
  const deadlines = all.filter((d) => !d.kind || DEADLINE_KINDS.has(d.kind));
  const count = (field: Field, hit: number, of: number, extra: number): void => {
    tally[field].tp += hit;
    tally[field].fn += of - hit;
    tally[field].fp += extra;
    row.cells[field] = fraction(hit, of, extra);
  };

  let hit = 0;
  for (const g of required) if (matchDate(g, deadlines)) hit += 1; else row.misses.push(`deadline ${g.iso} "${g.text}"`);
  const gold = [...L.deadlines, ...L.open_dates];
  const days = new Set(gold.map((g) => g.iso.slice(0, 10)));
  const months = new Set(gold.map((g) => g.iso.slice(0, 7)));
  const extraDates = deadlines.filter((d) => !(days.has(d.date) || (d.date.length === 7 && months.has(d.date))));
  for (const d of extraDates) row.misses.push(`extra deadline ${d.date} ${d.time ?? ''} (${d.kind})`);
  count('deadline', hit, required.length, extraDates.length);

  const opens = all.filter((d) => d.kind === 'open');
  let openHit = 0;
  for (const g of L.open_dates) if (matchDate(g, opens)) openHit += 1; else row.misses.push(`open ${g.iso} "${g.text}"`);
  count('open', openHit, L.open_dates.length, 0);

  const agencies = calls.flatMap((c) => c.agencies).filter((a) => a.role !== 'administering' && !HOST.has(norm(a.name)) && !HOST.has(norm(a.acronym)))
    .map((a) => [norm(a.name), norm(a.acronym)].filter((s) => s.length >= 2));
  const agencyMatch = (g: string, names: string[]): boolean => names.some((s) => norm(g).includes(s) || s.includes(norm(g)));
  let agencyHit = 0;
  for (const g of L.agencies) if (agencies.some((names) => agencyMatch(g, names))) agencyHit += 1; else row.misses.push(`agency "${g}"`);
  const extraAgencies = agencies.filter((names) => !L.agencies.some((g) => agencyMatch(g, names)));
  for (const a of extraAgencies) row.misses.push(`extra agency "${a.join(' / ')}"`);
  count('agency', agencyHit, L.agencies.length, extraAgencies.length);

  const amounts = calls.flatMap((c) => c.funding).map((f) => Number(f.maxJpy));
  const goldAmounts = new Set(L.amounts_jpy.map((a) => a.jpy));
  let amountHit = 0;
  for (const a of goldAmounts) if (amounts.includes(a)) amountHit += 1; else row.misses.push(`amount ${a}`);
  const extraAmounts = amounts.filter((a) => !goldAmounts.has(a));
  for (const a of extraAmounts) row.misses.push(`extra amount ${a}`);
  count('amount', amountHit, goldAmounts.size, extraAmounts.length);

  const emails = new Set(calls.flatMap((c) => c.contacts).map((c) => String(c.email).toLowerCase()));
  const goldEmails = new Set(L.emails.map((e) => e.toLowerCase()));
  let emailHit = 0;
  for (const e of goldEmails) if (emails.has(e)) emailHit += 1; else row.misses.push(`email ${e}`);
  const extraEmails = [...emails].filter((e) => !goldEmails.has(e));
  for (const e of extraEmails) row.misses.push(`extra email ${e}`);
  count('email', emailHit, goldEmails.size, extraEmails.length);

  const terms = calls.flatMap((c) => c.eligibility).map((e) => e.text ?? '');
  let termHit = 0;
  for (const g of L.eligibility) if (terms.some((e) => containment(g, e) >= 0.6)) termHit += 1; else row.misses.push(`eligibility "${g.slice(0, 70)}"`);
  const extraTerms = terms.filter((e) => !L.eligibility.some((g) => containment(g, e) >= 0.6 || containment(e, g) >= 0.6));
  for (const e of extraTerms) row.misses.push(`extra eligibility "${e.slice(0, 70)}"`);
  count('eligibility', termHit, L.eligibility.length, extraTerms.length);
  return row;
}

export interface Scores { p: number; r: number; f: number }
export function scores({ tp, fp, fn }: Count): Scores {
  const p = tp + fp ? tp / (tp + fp) : 1;
  const r = tp + fn ? tp / (tp + fn) : 1;
  return { p, r, f: p + r ? (2 * p * r) / (p + r) : 0 };
}

// ---- generated version pairs ----

export interface PairCase { id: string; page: CorpusPage; v2: string; want: string | null; variant: 0 | 1 }

/** The last number of a phrase moved by one (28 goes back to 27, so a day stays a real day). */
const bump = (s: string): string => s.replace(/(\d+)(?!.*\d)/, (d) => String(Number(d) === 28 ? 27 : Number(d) + 1));

/** For each page: one labelled deadline, agency, amount and eligibility statement edited, and one cosmetic edit. */
export function pairCases(page: CorpusPage): PairCase[] {
  const L = page.labels;
  const t = page.text;
  const out: PairCase[] = [];
  const add = (what: string, v2: string, want: string | null, variant: 0 | 1 = 0): void => {
    out.push({ id: `${page.key}-${what}`, page, v2, want, variant });
  };
  const d = L.deadlines.find((x) => !x.cycle && /\d/.test(x.text));
  if (d) add('deadline', t.replace(d.text, bump(d.text)), 'deadline');
  const ag = L.agencies.find((x) => t.split(x).length === 2);
  if (ag) add('agency-removed', t.replace(ag, ''), 'agency');
  const m = L.amounts_jpy.find((x) => /\d/.test(x.text));
  if (m) add('funding', t.replace(m.text, m.text.replace(/\d/, (c) => String((Number(c) % 9) + 1))), 'funding');
  const e = L.eligibility.find((x) => x.length > 20);
  if (e) {
    const edited = page.lang === 'ja' ? e.replace(/(。|$)/, '（ただし、博士の学位を有する者に限る。）$1') : e.replace(/\.?$/, ', and only those holding a doctoral degree.');
    add('eligibility', t.replace(e, edited), 'eligibility');
  }
  add('cosmetic', t.replace(/\n/g, '\n\n').replace(/ {2,}/g, ' '), null, 1);
  return out;
}

export interface PairTally { real: number; realN: number; cosmetic: number; cosmeticN: number; extra: number; fails: string[] }
export const emptyPairTally = (): PairTally => ({ real: 0, realN: 0, cosmetic: 0, cosmeticN: 0, extra: 0, fails: [] });

/** A real edit passes when a change of its category is reported; a cosmetic edit when nothing is. */
export function scorePair(c: PairCase, categories: string[] | Error, tally: PairTally): boolean {
  const ok = !(categories instanceof Error);
  const pass = ok && (c.want ? categories.includes(c.want) : categories.length === 0);
  if (c.want) {
    tally.realN += 1;
    if (pass) tally.real += 1;
    tally.extra += ok ? categories.filter((x) => x !== c.want).length : 0;
  } else {
    tally.cosmeticN += 1;
    if (pass) tally.cosmetic += 1;
  }
  if (!pass) tally.fails.push(`${c.id}: want ${c.want ?? 'nothing'}, got ${ok ? categories.join(',') || 'nothing' : categories.message}`);
  return pass;
}

// ---- listings ----

export interface ListingTally { found: number; total: number; kindsRight: number; callsLost: number; notes: string[] }
export const emptyListingTally = (): ListingTally => ({ found: 0, total: 0, kindsRight: 0, callsLost: 0, notes: [] });

/** Each labelled entry is found by its title; its kind must match; a call not found or read as anything else is lost. */
export function scoreListing(listing: CorpusListing, got: Array<{ title: string; kind: string }> | Error, tally: ListingTally): void {
  if (got instanceof Error) tally.notes.push(`${listing.key}: ${got.message.split('\n')[0]}`);
  const entries = got instanceof Error ? [] : got;
  for (const e of listing.entries) {
    tally.total += 1;
    const m = entries.find((g) => norm(g.title).includes(norm(e.title)) || (norm(g.title).length > 6 && norm(e.title).includes(norm(g.title))));
    if (!m) {
      tally.notes.push(`${listing.key}: not found "${e.title.slice(0, 60)}"`);
      if (e.kind === 'call') tally.callsLost += 1;
      continue;
    }
    tally.found += 1;
    if (m.kind === e.kind) tally.kindsRight += 1;
    else {
      tally.notes.push(`${listing.key}: "${e.title.slice(0, 50)}" is ${e.kind}, read as ${m.kind}`);
      if (e.kind === 'call') tally.callsLost += 1;
    }
  }
}

/** The scorer's SUMMARY line, character for character. */
export function summaryLine(tally: Tally, pairs?: PairTally, listings?: ListingTally): string {
  const F = Object.fromEntries(FIELDS.map((k) => [k, scores(tally[k])])) as Record<Field, Scores>;
  const pairLine = pairs ? `; pairs: real ${pairs.real}/${pairs.realN} (extra ${pairs.extra}), cosmetic silent ${pairs.cosmetic}/${pairs.cosmeticN}` : '';
  const listingLine = listings ? `; listings: entries found ${listings.found}/${listings.total}, kinds right ${listings.kindsRight}/${listings.found}, calls lost ${listings.callsLost}` : '';
  return `SUMMARY deadline F1 ${F.deadline.f.toFixed(2)}, open R ${F.open.r.toFixed(2)}, agency F1 ${F.agency.f.toFixed(2)}, amount F1 ${F.amount.f.toFixed(2)}, `
    + `email F1 ${F.email.f.toFixed(2)}, eligibility R ${F.eligibility.r.toFixed(2)} P ${F.eligibility.p.toFixed(2)}${pairLine}${listingLine}`;
}
