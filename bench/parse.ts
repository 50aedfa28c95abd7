/**
 * Parse benchmark: how long parsePage takes on every recorded fixture page, next to a bare baseline
 * (cheerio body text for HTML, unpdf text extraction for PDF) on the same bytes. The baseline is what
 * any parser has to pay anyway, so the ratio shows what our own work (blocks, extraction, schema) costs
 * and stays comparable across machines, which the raw milliseconds are not.
 *
 * Run: npm run bench:parse   (tsx bench/parse.ts). Writes bench/results/parse.{json,md}.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as cheerio from 'cheerio/slim'; // the same cheerio build the parser uses (parsers/document/html.ts)
import { extractText, getDocumentProxy } from 'unpdf';
import { sitePath } from '../fixtures/scripts/site-path.ts';
import { decodeBody } from '../parsers/document/charset.ts';
import { parsePage } from '../parsers/parse-page.ts';
import { loadRegistry, type Source } from '../parsers/sources.ts';

const WARMUP = 5; // lets V8 optimize the hot paths and PDF.js load its modules before we time anything
const MIN_RUNS = 20; // enough samples for a meaningful p95
const MIN_MS = 300; // ...and enough wall time that timer resolution and one-off GC pauses wash out
const MAX_RUNS = 2000; // caps the fastest pages so the whole run stays around a minute
const TARGET_HTML_MS = 10;
const TARGET_RATIO = 3;

type Kind = 'html' | 'pdf';
interface Page { id: string; version: string; kind: Kind; file: string; bytes: Buffer; source: Source; html?: string }
interface Stats { median: number; p95: number; runs: number }
interface Row { id: string; version: string; kind: Kind; file: string; bytes: number; parse?: Stats; baseline: Stats; ratio?: number; error?: string }

// A GC before memory readings makes "before" a clean floor. tsx gives no place for --expose-gc, so switch
// the flag on at run time and take the gc function from a fresh context (a documented V8 trick).
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'bench', 'results');

const median = (xs: number[]): number => quantile(xs, 0.5);
/** Nearest-rank quantile: an actually observed time, never an interpolation. */
function quantile(xs: number[], q: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
}
const stats = (xs: number[]): Stats => ({ median: median(xs), p95: quantile(xs, 0.95), runs: xs.length });

async function time(fn: () => unknown): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Every v<N>.<ext> of every source, in registry order then version order. */
async function loadPages(): Promise<Page[]> {
  const pages: Page[] = [];
  for (const source of await loadRegistry()) {
    const dir = sitePath(source.url);
    const names = await readdir(dir).catch(() => [] as string[]); // a source without recordings is simply not benchmarked
    const versions = names
      .map((name) => /^v(\d+)\.(html|pdf)$/.exec(name))
      .filter((m): m is RegExpExecArray => m !== null)
      .sort((a, b) => Number(a[1]) - Number(b[1]));
    for (const m of versions) {
      const kind = m[2] as Kind;
      const bytes = await readFile(join(dir, m[0]));
      // The baseline starts from decoded text (one page is Shift_JIS), decoded once and outside the timing.
      const html = kind === 'html' ? decodeBody(bytes).text : undefined;
      pages.push({ id: source.id, version: `v${m[1]}`, kind, file: join(dir, m[0]).slice(ROOT.length), bytes, source, html });
    }
  }
  return pages;
}

function baselineFn(page: Page): () => Promise<unknown> {
  if (page.kind === 'html') {
    const html = page.html!;
    return async () => cheerio.load(html)('body').text();
  }
  // A fresh copy each run, as parsePage makes: PDF.js may take ownership of the buffer it is given.
  return async () => extractText(await getDocumentProxy(new Uint8Array(page.bytes)), { mergePages: true });
}

/**
 * Times one kind of page in rounds: each round runs every page once, parse then baseline, so both see the
 * same machine state and the per-round sums give the overall figure (median of sums). Rounds continue
 * until every page has MIN_RUNS samples and MIN_MS of parse time, or MAX_RUNS.
 */
async function bench(pages: Page[], peak: { heap: number; rss: number }): Promise<{ rows: Row[]; parseSums: number[]; baseSums: number[] }> {
  const parse = pages.map(() => [] as number[]);
  const base = pages.map(() => [] as number[]);
  const errors = pages.map(() => undefined as string | undefined);
  const baselines = pages.map(baselineFn);
  const run = (p: Page) => parsePage({ source: p.source, body: p.bytes });

  for (const [i, page] of pages.entries()) {
    for (let w = 0; w < WARMUP; w += 1) {
      // The parser is being edited concurrently: a page that throws is reported, not fatal.
      if (!errors[i]) await run(page).catch((err: unknown) => { errors[i] = err instanceof Error ? `${err.name}: ${err.message}` : String(err); });
      await baselines[i]!();
    }
  }

  const ok = pages.map((_, i) => !errors[i]);
  const parseSums: number[] = [];
  const baseSums: number[] = [];
  const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  for (let round = 0; round < MAX_RUNS; round += 1) {
    let parseSum = 0;
    let baseSum = 0;
    for (const [i, page] of pages.entries()) {
      if (ok[i]) {
        const t = await time(() => run(page));
        parse[i]!.push(t);
        parseSum += t;
      }
      const b = await time(baselines[i]!);
      base[i]!.push(b);
      if (ok[i]) baseSum += b; // sums cover the same pages on both sides, or the ratio would mean nothing
    }
    parseSums.push(parseSum);
    baseSums.push(baseSum);
    // Sampled between rounds, outside the timings: a rough peak, which is all this is meant to be.
    const mem = process.memoryUsage();
    peak.heap = Math.max(peak.heap, mem.heapUsed);
    peak.rss = Math.max(peak.rss, mem.rss);
    const done = pages.every((_, i) => base[i]!.length >= MIN_RUNS && (!ok[i] || total(parse[i]!) >= MIN_MS));
    if (done) break;
  }

  const rows = pages.map((p, i): Row => {
    const ps = ok[i] ? stats(parse[i]!) : undefined;
    const bs = stats(base[i]!);
    return { id: p.id, version: p.version, kind: p.kind, file: p.file, bytes: p.bytes.length, parse: ps, baseline: bs, ratio: ps && ps.median / bs.median, error: errors[i] };
  });
  return { rows, parseSums, baseSums };
}

const fmt = (n: number | undefined, digits = 2) => (n === undefined || Number.isNaN(n) ? '–' : n.toFixed(digits));
const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

/** The accuracy figures the parser was last measured at (npm run bench:accuracy), so a speed-up is read beside what it reads. */
async function accuracyLine(): Promise<string> {
  try {
    const acc = JSON.parse(await readFile(join(OUT, 'accuracy.json'), 'utf8')) as { summary: string; machine: { date: string } };
    return `\`${acc.summary}\` (bench/results/accuracy.json, ${acc.machine.date}; rerun \`npm run bench:accuracy\` after a parser change)`;
  } catch {
    return 'no bench/results/accuracy.json: run `npm run bench:accuracy`';
  }
}

async function main(): Promise<void> {
  const pages = await loadPages();
  gc();
  const before = process.memoryUsage();
  const peak = { heap: before.heapUsed, rss: before.rss };

  const summary: Record<string, unknown> = {};
  const rows: Row[] = [];
  const kindLines: string[] = [];
  for (const kind of ['html', 'pdf'] as const) {
    const ofKind = pages.filter((p) => p.kind === kind);
    if (ofKind.length === 0) continue;
    const result = await bench(ofKind, peak);
    rows.push(...result.rows);
    const parsed = result.rows.filter((r) => r.parse);
    const parseSum = median(result.parseSums);
    const baseSum = median(result.baseSums);
    const ratio = parseSum / baseSum;
    // "Typical" page: the median over pages of each page's median time.
    const typical = median(parsed.map((r) => r.parse!.median));
    summary[kind] = {
      pages: ofKind.length,
      parsed: parsed.length,
      errors: ofKind.length - parsed.length,
      typicalParseMedianMs: typical,
      parseSumMedianMs: parseSum,
      baselineSumMedianMs: baseSum,
      ratio,
      ratioTarget: TARGET_RATIO,
      ratioPass: ratio <= TARGET_RATIO,
      ...(kind === 'html' ? { typicalTargetMs: TARGET_HTML_MS, typicalPass: typical < TARGET_HTML_MS } : {}),
    };
    if (kind === 'html') kindLines.push(`- ${typical < TARGET_HTML_MS ? 'PASS' : 'MISS'}: typical HTML page parses in ${fmt(typical)} ms median (target < ${TARGET_HTML_MS} ms)`);
    kindLines.push(`- ${ratio <= TARGET_RATIO ? 'PASS' : 'MISS'}: ${kind.toUpperCase()} parse/baseline ${fmt(ratio)}x over ${parsed.length} pages (median of per-round sums: ${fmt(parseSum)} ms vs ${fmt(baseSum)} ms; target <= ${TARGET_RATIO}x)`);
  }

  const end = process.memoryUsage();
  const maxRss = process.resourceUsage().maxRSS * 1024; // kernel's own peak, catches spikes between our samples
  const memory = {
    heapBeforeMB: mb(before.heapUsed),
    heapPeakMB: mb(peak.heap),
    heapGrowthPeakMB: mb(peak.heap - before.heapUsed),
    heapAfterMB: mb(end.heapUsed),
    rssBeforeMB: mb(before.rss),
    rssPeakMB: mb(Math.max(peak.rss, maxRss)),
    rssGrowthPeakMB: mb(Math.max(peak.rss, maxRss) - before.rss),
    rssAfterMB: mb(end.rss),
  };
  const machine = {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cpus: os.cpus().length,
    totalMemoryGB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    platform: os.platform(),
    release: os.release(),
    node: process.version,
    date: new Date().toISOString(),
    /** 1, 5 and 15 minute load averages at the end: on a busy machine both sides slow down, but not equally. */
    loadAverage: os.loadavg().map((n) => Math.round(n * 100) / 100),
  };

  const errored = rows.filter((r) => r.error);
  const accuracy = await accuracyLine();
  const md = [
    '# Parse benchmark',
    '',
    `Machine: ${machine.cpu}, ${machine.cpus} CPUs, ${machine.totalMemoryGB} GB, ${machine.platform} ${machine.release}, Node ${machine.node}, ${machine.date}, load average ${machine.loadAverage.join(' / ')}`,
    '',
    'Times in ms per page (median / p95 over the runs). Baseline: cheerio load + body text (HTML), unpdf extractText (PDF).',
    '',
    '| page | kind | bytes | parse median | parse p95 | baseline median | baseline p95 | parse/baseline | runs |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) =>
      `| ${r.id} ${r.version} | ${r.kind} | ${r.bytes} | ${r.error ? 'ERROR' : fmt(r.parse?.median)} | ${fmt(r.parse?.p95)} | ${fmt(r.baseline.median)} | ${fmt(r.baseline.p95)} | ${fmt(r.ratio)} | ${r.parse?.runs ?? r.baseline.runs} |`),
    '',
    '## Targets',
    '',
    ...kindLines,
    '',
    '## Memory (rough)',
    '',
    `Heap ${memory.heapBeforeMB} MB before, ${memory.heapPeakMB} MB peak (+${memory.heapGrowthPeakMB}), ${memory.heapAfterMB} MB after. ` +
      `RSS ${memory.rssBeforeMB} MB before, ${memory.rssPeakMB} MB peak (+${memory.rssGrowthPeakMB}), ${memory.rssAfterMB} MB after.`,
    '',
    '## Accuracy beside it',
    '',
    accuracy,
    ...(errored.length ? ['', '## Errors', '', ...errored.map((r) => `- ${r.id} ${r.version}: ${r.error}`)] : []),
    '',
  ].join('\n');

  await mkdir(OUT, { recursive: true });
  const config = { warmup: WARMUP, minRuns: MIN_RUNS, minMs: MIN_MS, maxRuns: MAX_RUNS };
  await writeFile(join(OUT, 'parse.json'), `${JSON.stringify({ machine, config, rows, summary: { ...summary, memory, accuracy } }, null, 2)}\n`);
  await writeFile(join(OUT, 'parse.md'), md);
  console.log(md);
}

await main();
