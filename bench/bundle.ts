/**
 * Bundle benchmark: each Lambda handler built the way the stack builds it (esbuild, ESM, minified,
 * node24, the require banner, the slim undici and credential chain; infra/constructs/monitor-function.ts), then its size and the time a
 * fresh Node.js process takes to import it (the cold start's own share: no Lambda runtime, no network).
 * The worker's PDF reader is built beside it as pdf-reader.mjs (PDF_READER in monitor-function.ts): the
 * worker's size and import are its HTML path, and the reader's size and import are reported on their own.
 * Targets (issue 17): the worker at most 1.5 MB and 120 ms to import, the planner at most 1.2 MB.
 *
 * Run: npm run bench:bundle. Writes bench/results/bundle.{json,md}.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { BUNDLE_ALIASES, PDF_READER } from '../infra/constructs/monitor-function.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'bench', 'results');
/** check-chunk is the cycle's worker: the one that fetches and parses (the ex-"check handler" of the targets). */
const HANDLERS = ['check-chunk', 'check-plan', 'check-finish', 'publish', 'notify', 'reminders', 'subscription-api', 'subscription-requests', 'ses-events'];
const RUNS = 15;
const BANNER = "import { createRequire as __fwCreateRequire } from 'node:module'; const require = __fwCreateRequire(import.meta.url);";

const ENV = { ...process.env, TABLE_NAME: 'bench', SENDER_EMAIL: 'a@b.example', AWS_REGION: 'ap-northeast-1' };
const OPTIONS: BuildOptions = { bundle: true, platform: 'node', format: 'esm', target: 'node24', minify: true, sourcemap: true, mainFields: ['module', 'main'],
  banner: { js: BANNER }, logLevel: 'error', external: [PDF_READER.specifier], alias: BUNDLE_ALIASES, absWorkingDir: ROOT };

/** Median and p95 of the time a fresh process takes to run `code` (a cold container loading the module, with the env the handlers read at import). */
function coldImport(code: string, cwd: string): { min: number; median: number; p95: number } {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    times.push(Number(execFileSync(process.execPath, ['--input-type=module', '-e', `const t=performance.now(); ${code}; console.log(performance.now()-t)`], { env: ENV, cwd }).toString().trim()));
  }
  times.sort((a, b) => a - b);
  return { min: round(times[0]!), median: round(times[Math.floor(RUNS / 2)]!), p95: round(times[Math.ceil(RUNS * 0.95) - 1]!) };
}

/** The largest PDF among the fixtures, read by the bundled reader to see what loading PDF.js and reading a PDF adds. */
const LARGEST_PDF = join(ROOT, 'fixtures/sites/www.jst.go.jp/aspire/download/2025_aspire_koubo_setsumei.pdf/v2.pdf');

/** The worker bundle's own memory, a fresh process each: RSS after importing it (HTML path), and peak RSS after reading a PDF too. */
function workerMemory(bundle: string): { importRssMb: number; pdfPeakRssMb: number } {
  const mb = (code: string): number => Number(execFileSync(process.execPath, ['--input-type=module', '-e', `await import('./index.mjs'); ${code}`], { env: ENV, cwd: bundle }).toString().trim());
  return {
    importRssMb: mb('globalThis.gc?.(); console.log(Math.round(process.memoryUsage().rss / 1e6))'),
    pdfPeakRssMb: mb(`const { pdfToDocument } = await import(${JSON.stringify(PDF_READER.specifier)});
      await pdfToDocument(new Uint8Array((await import('node:fs')).readFileSync(${JSON.stringify(LARGEST_PDF)})), 'https://example.org/a.pdf');
      console.log(Math.round(process.resourceUsage().maxRSS / 1e3))`),
  };
}

/** What a bundle is made of, by package (or our own folder), largest first: esbuild's metafile, bytes in the minified output. */
function largestParts(metafile: Metafile, top = 6): Array<[string, number]> {
  const by = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [file, { bytesInOutput }] of Object.entries(output.inputs)) {
      const key = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? file.split('/').slice(0, 2).join('/');
      by.set(key, (by.get(key) ?? 0) + bytesInOutput);
    }
  }
  return [...by].sort((a, b) => b[1] - a[1]).slice(0, top);
}

const contents: Record<string, Array<[string, number]>> = {};
let memory: { importRssMb: number; pdfPeakRssMb: number } | undefined;
type Row = { handler: string; bytes: number; importMinMs: number; importMedianMs: number; importP95Ms: number };
const dir = mkdtempSync(join(os.tmpdir(), 'fundwatch-bundle-'));
const rows: Row[] = [];
try {
  for (const handler of HANDLERS) {
    const outfile = join(dir, handler, 'index.mjs');
    const { metafile } = await build({ ...OPTIONS, entryPoints: [join(ROOT, 'lambdas', `${handler}.ts`)], outfile, metafile: true });
    if (handler === 'check-chunk' || handler === 'check-plan') contents[handler] = largestParts(metafile!);
    const t = coldImport(`await import(${JSON.stringify(outfile)})`, dir);
    rows.push({ handler, bytes: statSync(outfile).size, importMinMs: t.min, importMedianMs: t.median, importP95Ms: t.p95 });
    if (handler !== 'check-chunk') continue;
    // The reader as the stack ships it: its own file, found through the bundle's package.json, loaded by the first PDF.
    const reader = join(dir, handler, PDF_READER.file);
    await build({ ...OPTIONS, external: [], entryPoints: [join(ROOT, PDF_READER.entry)], outfile: reader });
    writeFileSync(join(dir, handler, 'package.json'), JSON.stringify({ type: 'module', imports: { [PDF_READER.specifier]: `./${PDF_READER.file}` } }));
    const r = coldImport(`await import(${JSON.stringify(PDF_READER.specifier)})`, join(dir, handler));
    rows.push({ handler: `check-chunk ${PDF_READER.file} (first PDF only)`, bytes: statSync(reader).size, importMinMs: r.min, importMedianMs: r.median, importP95Ms: r.p95 });
    memory = workerMemory(join(dir, handler));
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

const worker = rows.find((r) => r.handler === 'check-chunk')!;
const planner = rows.find((r) => r.handler === 'check-plan')!;
const machine = { cpu: os.cpus()[0]?.model, cpus: os.cpus().length, memoryGb: Math.round(os.totalmem() / 1e9), os: `${os.platform()} ${os.release()}`, node: process.version,
  date: new Date().toISOString(), loadAverage: os.loadavg().map((n) => round(n)) };
const verdict = (ok: boolean, text: string): string => `${ok ? 'PASS' : 'MISS'}: ${text}`;
const verdicts = [
  verdict(worker.bytes <= 1.5e6, `worker (check-chunk, HTML path) ${(worker.bytes / 1e6).toFixed(2)} MB minified (target <= 1.5 MB)`),
  verdict(worker.importMedianMs <= 120, `worker (check-chunk, HTML path) imports in ${worker.importMedianMs} ms median (target <= 120 ms)`),
  verdict(planner.bytes <= 1.2e6, `planner (check-plan) ${(planner.bytes / 1e6).toFixed(2)} MB minified (target <= 1.2 MB)`),
];
const md = ['# Bundle benchmark', '', `Machine: ${machine.cpu}, ${machine.cpus} CPUs, ${machine.memoryGb} GB, ${machine.os}, Node ${machine.node}, ${machine.date}; load average ${machine.loadAverage.join(' / ')} at the end (other work shares the CPUs: the import times are noisy)`, '',
  '| handler | minified bytes | import min ms | import median ms | import p95 ms |', '| --- | ---: | ---: | ---: | ---: |',
  ...rows.map((r) => `| ${r.handler} | ${r.bytes.toLocaleString('en')} | ${r.importMinMs} | ${r.importMedianMs} | ${r.importP95Ms} |`), '',
  `Worker memory (fresh process, bundle as shipped): ${memory!.importRssMb} MB RSS after importing it; ${memory!.pdfPeakRssMb} MB peak RSS after also reading the largest fixture PDF through ${PDF_READER.file}.`,
  '', '## Targets', '', ...verdicts.map((v) => `- ${v}`), '',
  '## Largest parts (esbuild metafile, minified bytes)', '',
  ...Object.entries(contents).map(([h, parts]) => `- ${h}: ${parts.map(([name, bytes]) => `${name} ${(bytes / 1e3).toFixed(0)} KB`).join(', ')}`), ''].join('\n');
mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, 'bundle.json'), `${JSON.stringify({ machine, runs: RUNS, rows, workerMemory: memory, largestParts: contents, verdicts }, null, 2)}\n`);
writeFileSync(join(OUT, 'bundle.md'), md);
console.log(md);
