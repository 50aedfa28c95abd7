/** `fundwatch parse <file-or-url>`: the normalized record of one page or PDF, validated against the schema. */
import { parsePage } from '#parsers/parse-page.ts';
import { loadRegistry } from '#parsers/sources.ts';
import { validateParseResult, type ParseResult } from '#parsers/schema.ts';
import { readPageInput, type SourceHints } from '../page-input.ts';

export async function parseCommand(arg: string, options: SourceHints & { json?: boolean }, print: (line: string) => void = console.log): Promise<void> {
  const input = await readPageInput(arg, await loadRegistry(), options);
  const result = validateParseResult(await parsePage(input));
  print(options.json ? JSON.stringify(result, null, 2) : describe(result).join('\n'));
}

function describe(result: ParseResult): string[] {
  const lines = [`${result.source.url} (${result.source.agency}, ${result.source.lang}), ${result.programs.length} programme(s)`];
  for (const program of result.programs) {
    lines.push(`- ${program.id}: ${program.name.en ?? program.name.ja ?? ''}`);
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
