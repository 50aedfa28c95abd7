/** `fundwatch diff <old> <new>`: the semantic changes between two versions (page files, URLs or parsed JSON). */
import { readFile } from 'node:fs/promises';
import { diffResults } from '#core/changes/diff.ts';
import { parsePage } from '#parsers/parse-page.ts';
import { validateParseResult, type ParseResult } from '#parsers/schema.ts';
import { loadRegistry, type Source } from '#parsers/sources.ts';
import { readPageInput, type SourceHints } from '../page-input.ts';

export async function diffCommand(oldArg: string, newArg: string, options: SourceHints & { json?: boolean }, print: (line: string) => void = console.log): Promise<void> {
  const registry = await loadRegistry();
  const [before, after] = await Promise.all([load(oldArg, registry, options), load(newArg, registry, options)]);
  const changes = diffResults(before, after);
  if (options.json) {
    print(JSON.stringify({ changes }, null, 2));
    return;
  }
  print(changes.length ? changes.map((c) => `[${c.severity}] ${c.programId}${c.callId ? `/${c.callId}` : ''} ${c.category} ${c.kind}: ${c.summary.en}`).join('\n') : 'No changes.');
}

async function load(arg: string, registry: Source[], hints: SourceHints): Promise<ParseResult> {
  if (arg.endsWith('.json')) {
    try {
      return validateParseResult(JSON.parse(await readFile(arg, 'utf8')));
    } catch (err) {
      throw new Error(`${arg} is not a parsed record (${(err as Error).message}); pass a page or the output of \`fundwatch parse --json\``);
    }
  }
  return parsePage(await readPageInput(arg, registry, hints));
}
