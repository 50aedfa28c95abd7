/**
 * One programme read from several pages (the English and Japanese ASPIRE pages, the call PDF, the
 * reference document): the records merge into one, keeping both names and every fact once, and the
 * facts on which the English and Japanese pages disagree (a date, an amount, a period) are recorded
 * as disagreements rather than silently picking one side. Pure: parse results in, records out.
 */
import type { Call, Disagreement, Lang, ParseResult, Program } from './schema.ts';
import { deadlineKey } from './deadline-key.ts';

interface Read { program: Program; lang: Lang; url: string }

export function mergePrograms(results: ParseResult[]): Program[] {
  const byId = new Map<string, Read[]>();
  for (const result of results) {
    for (const program of result.programs) {
      byId.set(program.id, [...(byId.get(program.id) ?? []), { program, lang: result.source.lang, url: result.source.url }]);
    }
  }
  return [...byId.values()].map(mergeOne);
}

function mergeOne(reads: Read[]): Program {
  const first = reads[0]!.program;
  // Each language's name from the first page in that language (the registry lists programme pages before documents).
  const name: Program['name'] = {};
  for (const r of reads) for (const [lang, value] of Object.entries(r.program.name) as Array<[Lang, string]>) name[lang] ??= value;
  const callIds = [...new Set(reads.flatMap((r) => r.program.calls.map((c) => c.id)))];
  const calls = callIds.map((id) => mergeCalls(reads.flatMap((r) => r.program.calls.filter((c) => c.id === id))));
  const disagreements = callIds.flatMap((id) => compare(id, reads));
  return { ...first, name, calls, sources: [...new Set(reads.map((r) => r.url))], disagreements };
}

const union = <T>(lists: T[][], key: (t: T) => string): T[] => [...new Map(lists.flat().map((t) => [key(t), t] as const).reverse()).values()].reverse();

function mergeCalls(calls: Call[]): Call {
  const first = calls[0]!;
  const status = calls.map((c) => c.status).find((s) => s !== 'unknown') ?? 'unknown';
  return {
    ...first,
    status,
    deadlines: union(calls.map((c) => c.deadlines), deadlineKey),
    agencies: union(calls.map((c) => c.agencies), (a) => `${a.role}|${a.acronym ?? a.name}`),
    eligibility: union(calls.map((c) => c.eligibility), (e) => `${e.track ?? ''}|${e.text}`),
    funding: union(calls.map((c) => c.funding), (f) => `${f.track ?? ''}|${f.maxJpy}|${f.includesIndirect}`),
    periods: union(calls.map((c) => c.periods), (p) => `${p.track ?? ''}|${p.yearsMin}|${p.yearsMax}|${p.start}|${p.end}`),
    countries: [...new Set(calls.flatMap((c) => c.countries))].sort(),
    fields: [...new Set(calls.flatMap((c) => c.fields))],
    contacts: union(calls.map((c) => c.contacts), (c) => c.email),
  };
}

interface Side { values: string[]; url: string; evidence: string[] }

/** The facts of one call that both languages state, compared key by key. */
function compare(callId: string, reads: Read[]): Disagreement[] {
  const side = (lang: Lang) => reads.filter((r) => r.lang === lang).flatMap((r) => r.program.calls.filter((c) => c.id === callId).map((call) => ({ call, url: r.url })));
  const en = side('en');
  const ja = side('ja');
  if (!en.length || !ja.length) return [];
  const out: Disagreement[] = [];
  const facts = <T>(reads: Array<{ call: Call; url: string }>, pick: (c: Call) => T[], key: (t: T) => string, value: (t: T) => string, evidence: (t: T) => string) => {
    const map = new Map<string, Side>();
    for (const { call, url } of reads) {
      for (const t of pick(call)) {
        const entry = map.get(key(t)) ?? { values: [], url, evidence: [] };
        if (!entry.values.includes(value(t))) entry.values.push(value(t));
        if (!entry.evidence.includes(evidence(t))) entry.evidence.push(evidence(t));
        map.set(key(t), entry);
      }
    }
    return map;
  };
  const check = (field: Disagreement['field'], a: Map<string, Side>, b: Map<string, Side>, extra: (key: string) => Partial<Disagreement>) => {
    for (const [key, enSide] of a) {
      const jaSide = b.get(key);
      if (jaSide && [...enSide.values].sort().join() !== [...jaSide.values].sort().join()) {
        out.push({ callId, field, ...extra(key), en: sorted(enSide), ja: sorted(jaSide) });
      }
    }
  };
  // A date counts as the same fact by kind; a ceiling by track and by whether indirect costs are in.
  const deadline = (c: Call) => c.deadlines;
  check('deadline', facts(en, deadline, (d) => d.kind, (d) => d.iso ?? d.date, (d) => d.evidence), facts(ja, deadline, (d) => d.kind, (d) => d.iso ?? d.date, (d) => d.evidence),
    (kind) => ({ kind: kind as Disagreement['kind'] }));
  const funding = (c: Call) => c.funding;
  const fundingKey = (f: Call['funding'][number]) => `${f.track ?? ''}|${f.includesIndirect}`;
  check('funding', facts(en, funding, fundingKey, (f) => String(f.maxJpy), (f) => f.evidence), facts(ja, funding, fundingKey, (f) => String(f.maxJpy), (f) => f.evidence), (key) => {
    const [track, indirect] = key.split('|');
    return { ...(track ? { track } : {}), includesIndirect: indirect === 'true' };
  });
  const periods = (c: Call) => c.periods.filter((p) => p.yearsMax !== undefined);
  const periodValue = (p: Call['periods'][number]) => `${p.yearsMin ?? ''}-${p.yearsMax} years`;
  check('period', facts(en, periods, (p) => p.track ?? '', periodValue, (p) => p.evidence), facts(ja, periods, (p) => p.track ?? '', periodValue, (p) => p.evidence),
    (track) => (track ? { track } : {}));
  return out;
}

const sorted = (s: Side): Side => ({ ...s, values: [...s.values].sort() });
