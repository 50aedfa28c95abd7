/**
 * The funder gazetteer (parsers/data/funders.json) as lookups: which known funders a text names, by
 * name, alias, Japanese name or acronym, and which one an ambiguous term means ("MOST" is a ministry
 * in six countries) given the countries named beside it or on the page.
 */
import data from '../data/funders.json' with { type: 'json' };
import { nameSource } from './countries.ts';
import { isLatin, TermIndex } from './term-index.ts';

export type FunderKind = 'council' | 'agency' | 'ministry' | 'academy' | 'foundation' | 'institute' | 'international';
export interface Funder { acronyms: string[]; name: string; aliases: string[]; ja: string[]; country: string; kind: FunderKind }
export interface Ambiguity { term: string; countries: string[]; default?: string; note: string }

interface RawFunder { acronyms: string[]; name: string; aliases?: string[]; ja?: string[]; country: string; kind: string }
export const FUNDERS: Funder[] = (data.funders as RawFunder[]).map((f) => ({
  acronyms: f.acronyms, name: f.name, aliases: f.aliases ?? [], ja: f.ja ?? [], country: f.country, kind: f.kind as FunderKind,
}));
export const AMBIGUOUS: Ambiguity[] = data.ambiguous as Ambiguity[];
/** Acronyms that also read as words or other abbreviations: alone, they need a funder's company (see the data's note). */
export const COMMON_ACRONYMS: ReadonlySet<string> = new Set(data.commonAcronyms.acronyms);

/** Names and acronyms of bodies that are named beside funders but fund no call (supervising ministries, programmes, offices). */
const NOT_FUNDERS = data.notFunders.flatMap((g) => [...g.acronyms, ...g.names.map((n) => n.toLowerCase()), ...g.ja]);
const NOT_FUNDER_SET = new Set(NOT_FUNDERS);
export function isNotFunder(name: string): boolean {
  return NOT_FUNDER_SET.has(name) || NOT_FUNDER_SET.has(name.toLowerCase());
}
/** Japan's supervising ministries and councils, as one pattern (for "文部科学省とドイツ連邦教育研究省との合意"). */
export const SUPERVISOR_SOURCE = [...data.notFunders[0]!.acronyms, ...data.notFunders[0]!.names, ...data.notFunders[0]!.ja].map(nameSource).join('|');

const latin = isLatin;
/** Latin names compare case-blind ("the Research Council of Norway"); acronyms and Japanese names exactly. */
const nameKey = (s: string): string => (latin(s) ? s.toLowerCase() : s);

function index(terms: (f: Funder) => string[], key: (s: string) => string): Map<string, Funder[]> {
  const map = new Map<string, Funder[]>();
  for (const f of FUNDERS) for (const t of new Set(terms(f).map(key))) map.set(t, [...(map.get(t) ?? []), f]);
  return map;
}
const BY_ACRONYM = index((f) => f.acronyms, (s) => s);
const BY_NAME = index((f) => [f.name, ...f.aliases, ...f.ja].map((n) => n.replace(/^the\s+/i, '')), nameKey);

/** The funders a term may stand for: one, several (an ambiguous term) or none. */
export function fundersFor(term: string): Funder[] {
  return BY_ACRONYM.get(term) ?? BY_NAME.get(nameKey(term)) ?? [];
}

/** A known funder's name or acronym at a place in a (folded) text. */
export interface FunderHit { index: number; end: number; text: string; by: 'name' | 'acronym'; candidates: Funder[] }

// An acronym is not the first half of a hyphened name ("AMED-CREST", "JST-Mirai").
const hyphened = (text: string, _: number, end: number): boolean => text[end] === '-' && /[A-Za-z0-9]/.test(text[end + 1] ?? '');
const TERMS = new TermIndex<{ by: FunderHit['by']; candidates: Funder[] }>([
  ...[...BY_ACRONYM].map(([text, candidates]) => ({ text, value: { by: 'acronym' as const, candidates }, refuse: hyphened })),
  // One-word Latin names keep their case ("Forte" is a funder, "forte" is not); longer names do not.
  // Names as written in the data, without a leading "The" (a page may or may not write it); a page that
  // writes a name in other capitals ("Research Council Of Norway") is left to the patterns.
  ...[...new Set(FUNDERS.flatMap((f) => [f.name, ...f.aliases, ...f.ja]).map((n) => n.replace(/^the\s+/i, '')))].map((text) => ({
    text, value: { by: 'name' as const, candidates: BY_NAME.get(nameKey(text))! },
  })),
]);

/**
 * Every known funder a text names, leftmost and longest first, never two on the same words:
 * "South African Medical Research Council" is one hit, not also "Medical Research Council".
 */
export function funderHits(text: string): FunderHit[] {
  return TERMS.find(text).map((h) => ({ index: h.index, end: h.end, text: h.text, by: h.value.by, candidates: h.value.candidates }));
}

/**
 * Which of several funders a term means: the one of the country named beside it, else the only one of
 * the countries the page names, else the data's default for the term; none when still unsure.
 */
export function placeFunder(candidates: Funder[], term: string, beside: readonly string[], page: readonly string[] = []): Funder | undefined {
  if (candidates.length <= 1) return candidates[0];
  for (const code of beside) {
    const hit = candidates.find((f) => f.country === code);
    if (hit) return hit;
  }
  const onPage = candidates.filter((f) => page.includes(f.country));
  if (onPage.length === 1) return onPage[0];
  const fallback = AMBIGUOUS.find((a) => a.term === term)?.default;
  return fallback ? candidates.find((f) => f.country === fallback) : undefined;
}
