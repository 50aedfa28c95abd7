/**
 * `fundwatch parse <file-or-url...>`: the normalized record of one page or PDF, validated against the
 * schema. Several pages give each page's record and then the programmes merged across them, with
 * the facts their English and Japanese versions state differently. `--explain` adds what the record
 * left (parsers/explain/): the next misread page is one command away from a fixture.
 */
import { explainPage, type Explanation, type Finding } from '#parsers/explain/explain.ts';
import { mergePrograms } from '#parsers/merge.ts';
import { parsePageWithDocument } from '#parsers/parse-page.ts';
import { loadRegistry } from '#parsers/sources.ts';
import { Program, validateParseResult, type ParseResult } from '#parsers/schema.ts';
import type { FetcherOptions } from '#io/fetch/options.ts';
import { readPageInput, type SourceHints } from '../page-input.ts';

export interface ParseOptions extends SourceHints {
  json?: boolean;
  /** Also list the blocks holding a date, an amount, an address or an agency-like name that no field took. */
  explain?: boolean;
}

export async function parseCommand(args: string | string[], options: ParseOptions, print: (line: string) => void = console.log,
  fetcherOptions?: FetcherOptions): Promise<void> {
  const registry = await loadRegistry();
  const results: ParseResult[] = [];
  const explanations: Explanation[] = [];
  for (const arg of [args].flat()) {
    const { result, document } = await parsePageWithDocument(await readPageInput(arg, registry, options, fetcherOptions));
    results.push(validateParseResult(result));
    if (options.explain) explanations.push(explainPage(document, result));
  }
  const explain = (i: number): string[] => (options.explain ? describeExplanation(explanations[i]!) : []);
  if (results.length === 1) {
    // With --json the explanation stands beside the record's own fields, so the output still reads back as a record.
    if (options.json) print(JSON.stringify({ ...results[0], ...(options.explain ? { explain: explanations[0] } : {}) }, null, 2));
    else print([...describe(results[0]!), ...explain(0)].join('\n'));
    return;
  }
  const programs = mergePrograms(results).map((p) => Program.parse(p));
  if (options.json) print(JSON.stringify({ sources: results.map((r) => r.source), programs, ...(options.explain ? { explain: explanations } : {}) }, null, 2));
  else print([...results.flatMap((r, i) => [...describe(r), ...explain(i)]), '', 'Merged:', ...describePrograms(programs)].join('\n'));
}

function describe(result: ParseResult): string[] {
  return [`${result.source.url} (${result.source.agency}, ${result.source.lang}), ${result.programs.length} programme(s)`,
    ...(result.notes ?? []).map((note) => `  note: ${note}`), ...describePrograms(result.programs)];
}

/** The findings as a maintainer reads them: where, the words, what was seen and why it was left. */
function describeExplanation(explanation: Explanation): string[] {
  const content = explanation.findings.filter((f) => !f.boilerplate);
  const chrome = explanation.findings.filter((f) => f.boilerplate);
  if (!content.length && !chrome.length) {
    return [`  explain: every date, amount, address and agency-like name in the ${explanation.blocks} content blocks was taken`];
  }
  const finding = (f: Finding): string[] => [`    ${f.type} at ${f.loc}`, `      "${f.text}"`,
    ...f.seen.map((s) => `      ${s.kind} ${s.kind === 'agency-like' ? `'${s.value}'` : s.value}${s.why ? `: ${s.why}` : ''}`)];
  return [
    `  explain: ${content.length} of ${explanation.blocks} content blocks held what no field took`,
    ...content.flatMap(finding),
    ...(chrome.length ? [`  explain: ${chrome.length} of ${explanation.boilerplate} blocks set aside as page chrome held such things`, ...chrome.flatMap(finding)] : []),
  ];
}

function describePrograms(programs: Program[]): string[] {
  const lines: string[] = [];
  for (const program of programs) {
    lines.push(`- ${program.id}: ${[program.name.en, program.name.ja].filter(Boolean).join(' / ')}`);
    for (const d of program.disagreements ?? []) {
      lines.push(`  ! ${d.field}${d.kind ? ` (${d.kind})` : ''}${d.track ? ` [${d.track}]` : ''} in call ${d.callId}: en ${d.en.values.join(', ')} / ja ${d.ja.values.join(', ')}`);
    }
    for (const call of program.calls) {
      lines.push(`  call ${call.id} [${call.status}] ${call.title}`);
      const track = (t?: string): string => (t ? ` [${t}]` : '');
      for (const d of call.deadlines) lines.push(`    ${d.kind} ${d.date}${d.time ? ` ${d.time} JST` : ''}${d.tentative ? ' (tentative)' : ''}  "${d.evidence}"`);
      for (const a of call.agencies) lines.push(`    agency (${a.role}) ${a.name}${a.acronym && !a.name.includes(a.acronym) ? ` (${a.acronym})` : ''}${a.country ? ` [${a.country}]` : ''}`);
      for (const f of call.funding) lines.push(`    up to ${f.maxJpy.toLocaleString('en')} yen${f.includesIndirect ? ' incl. indirect' : ''}${track(f.track)}`);
      for (const p of call.periods) lines.push(`    period ${[p.yearsMin, p.yearsMax].filter((y) => y !== undefined).join('-')}${p.yearsMax !== undefined ? ' years' : ''}${p.start ? ` ${p.start} to ${p.end}` : ''}${track(p.track)}`);
      for (const e of call.eligibility) lines.push(`    eligibility${track(e.track)}: ${e.text}`);
      if (call.countries.length) lines.push(`    countries: ${call.countries.join(' ')}`);
      if (call.fields.length) lines.push(`    fields: ${call.fields.join('; ')}`);
      for (const c of call.contacts) lines.push(`    contact: ${c.email}${c.role ? ` (${c.role})` : ''}`);
    }
  }
  return lines;
}
