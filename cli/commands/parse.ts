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
      for (const d of call.deadlines) lines.push(`    ${d.kind} ${d.date}${d.time ? ` ${d.time} JST` : ''}  "${d.evidence}"`);
      for (const a of call.agencies) lines.push(`    agency (${a.role}) ${a.name}${a.country ? ` [${a.country}]` : ''}`);
      for (const f of call.funding) lines.push(`    up to ${f.maxJpy.toLocaleString('en')} yen${f.includesIndirect ? ' incl. indirect' : ''}`);
      for (const e of call.eligibility) lines.push(`    eligibility: ${e.text}`);
      if (call.countries.length) lines.push(`    countries: ${call.countries.join(' ')}`);
      for (const c of call.contacts) lines.push(`    contact: ${c.email}`);
    }
  }
  return lines;
}
