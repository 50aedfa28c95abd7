/**
 * Accuracy benchmark: the parser and the differ on the development corpus (../shared/corpus: real JST,
 * AMED and JSPS page texts with hand labels), scored in process with the matching rules of the corpus's
 * own scorer (score.mjs), so the numbers are the same and come in seconds rather than minutes.
 *
 * Each text is wrapped in the scorer's page markup, written to a temporary file and read the way
 * `fundwatch parse FILE` reads it; pairs go through the same diff as `fundwatch diff`; listings through
 * the same reader as `fundwatch listing`.
 *
 * Run: npm run bench:accuracy [-- --only jst-04,amed-13] [--verbose] [--no-pairs] [--no-listings] [--corpus DIR]
 * Writes bench/results/accuracy.{json,md} on a full run of the development corpus (not with --only or --corpus).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { diffResults } from '#core/changes/diff.ts';
import { listingEntries } from '../cli/commands/listing.ts';
import { readPageInput } from '../cli/page-input.ts';
import { parsePage } from '../parsers/parse-page.ts';
import type { ParseResult } from '../parsers/schema.ts';
import { loadRegistry, type Source } from '../parsers/sources.ts';
import { corpusAvailable, readListings, readPages, type CorpusPage } from './accuracy/corpus.ts';
import { wrapListing, wrapPage } from './accuracy/markup.ts';
import {
  emptyListingTally, emptyPairTally, emptyTally, FIELDS, pairCases, scoreListing, scorePage, scorePair, scores, summaryLine,
  type ListingTally, type PageRow, type PairTally, type Tally,
} from './accuracy/scoring.ts';
import { machine, machineLine, writeResults } from './support.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const flag = (name: string): boolean => process.argv.includes(name);

/** The targets: what "reads real pages right" means, field by field. */
const TARGETS: Array<{ what: string; value: (t: Tally, p?: PairTally, l?: ListingTally) => number | undefined; min: number; show: (n: number) => string }> = [
  { what: 'deadline F1', value: (t) => scores(t.deadline).f, min: 0.95, show: (n) => n.toFixed(2) },
  { what: 'open date recall', value: (t) => scores(t.open).r, min: 0.9, show: (n) => n.toFixed(2) },
  { what: 'partner agency F1', value: (t) => scores(t.agency).f, min: 0.9, show: (n) => n.toFixed(2) },
  { what: 'amount F1', value: (t) => scores(t.amount).f, min: 0.97, show: (n) => n.toFixed(2) },
  { what: 'e-mail F1', value: (t) => scores(t.email).f, min: 0.98, show: (n) => n.toFixed(2) },
  { what: 'eligibility recall', value: (t) => scores(t.eligibility).r, min: 0.85, show: (n) => n.toFixed(2) },
  { what: 'eligibility precision', value: (t) => scores(t.eligibility).p, min: 0.85, show: (n) => n.toFixed(2) },
  { what: 'edited facts reported (share of real pairs)', value: (_, p) => (p ? p.real / p.realN : undefined), min: 1, show: (n) => n.toFixed(2) },
  { what: 'cosmetic pairs silent (share)', value: (_, p) => (p ? p.cosmetic / p.cosmeticN : undefined), min: 1, show: (n) => n.toFixed(2) },
  { what: 'listing entries found (share)', value: (_, __, l) => (l && l.total ? l.found / l.total : undefined), min: 0.9, show: (n) => n.toFixed(2) },
  { what: 'listing kinds right (share of found)', value: (_, __, l) => (l && l.found ? l.kindsRight / l.found : undefined), min: 0.9, show: (n) => n.toFixed(2) },
  { what: 'listing calls lost (count, at most)', value: (_, __, l) => (l ? -l.callsLost : undefined), min: 0, show: (n) => String(Math.abs(n)) },
];

async function main(): Promise<void> {
  const corpus = resolve(ROOT, arg('--corpus') ?? '../shared/corpus');
  if (!corpusAvailable(corpus)) {
    console.log(`No corpus at ${corpus}: nothing to score (pass --corpus DIR, or place ../shared/corpus beside the project).`);
    return;
  }
  const only = (arg('--only') ?? '').split(',').filter(Boolean);
  const verbose = flag('--verbose');
  const started = performance.now();
  const registry = await loadRegistry();
  const work = mkdtempSync(join(tmpdir(), 'fundwatch-accuracy-'));
  try {
    const parseText = async (name: string, html: string): Promise<ParseResult | Error> => {
      const file = join(work, `${name}.html`);
      writeFileSync(file, html);
      try {
        return await parsePage(await readPageInput(file, registry));
      } catch (err) {
        return err as Error;
      }
    };

    const pages = readPages(corpus, only);
    const tally = emptyTally();
    const rows: PageRow[] = [];
    for (const page of pages) rows.push(scorePage(page, await parseText(page.key, wrapPage(page, page.text)), tally));

    const pairs = flag('--no-pairs') ? undefined : await scorePairs(pages, parseText);
    const listings = flag('--no-listings') || only.length ? undefined : await scoreListings(corpus, work, registry);
    const seconds = (performance.now() - started) / 1000;
    const report = render(rows, tally, pairs, listings, verbose, seconds);
    // Only a whole run on the development corpus is the committed result; a subset or another set is printed.
    if (only.length || arg('--corpus')) console.log(report);
    else {
      const m = machine();
      await writeResults('accuracy', {
        machine: m, seconds, corpus: { pages: pages.length, listings: listings?.total ?? 0 },
        fields: Object.fromEntries(FIELDS.map((f) => [f, { ...tally[f], ...scores(tally[f]) }])),
        pairs, listings, rows, summary: summaryLine(tally, pairs, listings),
      }, `# Accuracy on the development corpus\n\n${machineLine(m)}\n\n${report}\n`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function scorePairs(pages: CorpusPage[], parseText: (name: string, html: string) => Promise<ParseResult | Error>): Promise<PairTally> {
  const tally = emptyPairTally();
  for (const page of pages) {
    for (const c of pairCases(page)) {
      // Named as the scorer names them: a page without a canonical URL takes its programme id from the file name.
      const before = await parseText(`${c.id}.v1`, wrapPage(page, page.text));
      const after = await parseText(`${c.id}.v2`, wrapPage(page, c.v2, c.variant));
      const categories = before instanceof Error ? before : after instanceof Error ? after : diffResults(before, after).map((ch) => ch.category);
      scorePair(c, categories, tally);
    }
  }
  return tally;
}

/** Listings go through what `fundwatch listing FILE --json` runs. */
async function scoreListings(corpus: string, work: string, registry: Source[]): Promise<ListingTally> {
  const tally = emptyListingTally();
  for (const listing of readListings(corpus)) {
    const file = join(work, `listing-${listing.key}.html`);
    writeFileSync(file, wrapListing(listing));
    const got = await listingEntries(file, registry).then((r) => r.entries, (err: Error) => err);
    scoreListing(listing, got, tally);
  }
  return tally;
}

function render(rows: PageRow[], tally: Tally, pairs: PairTally | undefined, listings: ListingTally | undefined, verbose: boolean, seconds: number): string {
  const lines = ['```', 'page      parse  deadline  open   agency   amount   email  eligibility   (found/labelled +extra)'];
  for (const r of rows) {
    const c = (f: keyof PageRow['cells'], w: number): string => (r.cells[f] ?? '-').padEnd(w);
    lines.push(`${r.key.padEnd(9)} ${r.ok ? 'ok ' : 'ERR'}    ${c('deadline', 9)} ${c('open', 6)} ${c('agency', 8)} ${c('amount', 8)} ${c('email', 6)} ${c('eligibility', 12)} ${r.error ?? ''}`.trimEnd());
    for (const m of r.misses) lines.push(`            - ${m}`);
  }
  lines.push('', 'field        precision recall    F1');
  for (const f of FIELDS) {
    const { p, r, f: f1 } = scores(tally[f]);
    lines.push(`${f.padEnd(12)} ${p.toFixed(2).padStart(9)} ${r.toFixed(2).padStart(6)} ${f1.toFixed(2).padStart(5)}   (tp ${tally[f].tp}, fp ${tally[f].fp}, fn ${tally[f].fn})`);
  }
  if (pairs && (verbose || pairs.fails.length)) lines.push('', 'pairs that failed:', ...pairs.fails.map((f) => `  ${f}`));
  if (listings && (verbose || listings.notes.length)) lines.push('', 'listings:', ...listings.notes.map((n) => `  ${n}`));
  lines.push('', summaryLine(tally, pairs, listings), '```', '', `${seconds.toFixed(1)} s in all.`, '', '| target | now | wanted | |', '| --- | --- | --- | --- |');
  for (const t of TARGETS) {
    const v = t.value(tally, pairs, listings);
    if (v === undefined) continue;
    const wanted = t.what.includes('at most') ? t.show(t.min) : `≥ ${t.show(t.min)}`;
    lines.push(`| ${t.what} | ${t.show(v)} | ${wanted} | ${v >= t.min - 1e-9 ? 'PASS' : 'MISS'} |`);
  }
  return lines.join('\n');
}

await main();
