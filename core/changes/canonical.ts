/**
 * Canonical records: the same facts always give the same record, whatever the page's order, width
 * forms or whitespace. The record hash leaves out evidence and the content hash, so a cosmetic edit
 * of the page (a stamp, the navigation, reflowed text) gives the same hash and stores nothing.
 */
import { sha256Hex } from '#lib/hash.ts';
import type { Call, ParseResult, Program } from '#parsers/schema.ts';

/** NFKC folds full-width forms (２０２５年, （月）) into their plain forms; whitespace runs collapse. */
export function norm(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

const by = <T>(...keys: Array<(item: T) => string | number | boolean | undefined>) => (a: T, b: T): number => {
  for (const key of keys) {
    const x = String(key(a) ?? '');
    const y = String(key(b) ?? '');
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
};

const sortedUnique = (items: string[]): string[] => [...new Set(items.map(norm))].sort();

function canonicalCall(call: Call): Call {
  return {
    ...call,
    title: norm(call.title),
    ...(call.track === undefined ? {} : { track: norm(call.track) }),
    deadlines: call.deadlines.map((d) => ({ ...d, label: norm(d.label) })).sort(by((d) => d.kind, (d) => d.date, (d) => d.time ?? '', (d) => d.label)),
    agencies: call.agencies.map((a) => ({ ...a, name: norm(a.name), ...(a.note ? { note: norm(a.note) } : {}), ...(a.participation ? { participation: norm(a.participation) } : {}) }))
      .sort(by((a) => a.role, (a) => a.country, (a) => a.acronym ?? a.name, (a) => a.name)),
    eligibility: call.eligibility.map((e) => ({ ...e, text: norm(e.text) })).sort(by((e) => e.track, (e) => e.text)),
    funding: [...call.funding].sort(by((f) => f.track, (f) => f.includesIndirect, (f) => String(f.maxJpy).padStart(15, '0'))),
    periods: [...call.periods].sort(by((p) => p.track, (p) => p.yearsMin, (p) => p.yearsMax, (p) => p.start, (p) => p.end)),
    countries: sortedUnique(call.countries),
    fields: sortedUnique(call.fields),
    contacts: [...new Map(call.contacts.map((c) => [c.email.toLowerCase(), { ...c, email: c.email.toLowerCase() }])).values()].sort(by((c) => c.email)),
  };
}

function canonicalProgram(program: Program): Program {
  const name = { ...(program.name.en ? { en: norm(program.name.en) } : {}), ...(program.name.ja ? { ja: norm(program.name.ja) } : {}) };
  return { ...program, name, calls: program.calls.map(canonicalCall).sort(by((c) => c.id)) };
}

export function canonicalize(result: ParseResult): ParseResult {
  return { ...result, programs: result.programs.map(canonicalProgram).sort(by((p) => p.id)) };
}

/** Drops evidence (the page's exact words) so that only facts reach the hash. */
function withoutEvidence(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutEvidence);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'evidence').map(([k, v]) => [k, withoutEvidence(v)]));
  }
  return value;
}

export function recordHash(result: ParseResult): string {
  const { programs } = canonicalize(result);
  return sha256Hex(JSON.stringify(withoutEvidence(programs)));
}
