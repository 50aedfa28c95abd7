/**
 * Bundle benchmark: each Lambda handler built the way the stack builds it (esbuild, ESM, minified,
 * node24, the require banner; infra/constructs/monitor-function.ts), then its size and the time a
 * fresh Node.js process takes to import it (the cold start's own share: no Lambda runtime, no network).
 * Targets (issue 5): the check handler under 1.5 MB minified and under 300 ms to import.
 *
 * Run: npm run bench:bundle. Writes bench/results/bundle.{json,md}.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'bench', 'results');
/** check-chunk is the cycle's worker: the one that fetches and parses (the ex-"check handler" of the targets). */
const HANDLERS = ['check-chunk', 'check-plan', 'check-finish', 'publish', 'notify', 'reminders', 'subscription-api', 'subscription-requests', 'ses-events'];
const RUNS = 15;
const BANNER = "import { createRequire as __fwCreateRequire } from 'node:module'; const require = __fwCreateRequire(import.meta.url);";

const dir = mkdtempSync(join(os.tmpdir(), 'fundwatch-bundle-'));
const rows: Array<{ handler: string; bytes: number; importMedianMs: number; importP95Ms: number }> = [];
try {
  for (const handler of HANDLERS) {
    const outfile = join(dir, handler, 'index.mjs');
    await build({ entryPoints: [join(ROOT, 'lambdas', `${handler}.ts`)], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node24',
      minify: true, sourcemap: true, mainFields: ['module', 'main'], banner: { js: BANNER }, logLevel: 'error' });
    // A fresh process per run: what a cold container pays to load the module (with the env the handlers read at import).
    const times: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const out = execFileSync(process.execPath, ['--input-type=module', '-e',
        `const t=performance.now(); await import(${JSON.stringify(outfile)}); console.log(performance.now()-t)`],
      { env: { ...process.env, TABLE_NAME: 'bench', SENDER_EMAIL: 'a@b.example', AWS_REGION: 'ap-northeast-1' } }).toString();
      times.push(Number(out.trim()));
    }
    times.sort((a, b) => a - b);
    rows.push({ handler, bytes: statSync(outfile).size, importMedianMs: round(times[Math.floor(RUNS / 2)]!), importP95Ms: round(times[Math.ceil(RUNS * 0.95) - 1]!) });
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

const check = rows.find((r) => r.handler === 'check-chunk')!;
const machine = { cpu: os.cpus()[0]?.model, cpus: os.cpus().length, memoryGb: Math.round(os.totalmem() / 1e9), os: `${os.platform()} ${os.release()}`, node: process.version, date: new Date().toISOString() };
const verdicts = [
  `${check.bytes <= 1.5e6 ? 'PASS' : 'MISS'}: check worker (check-chunk) ${(check.bytes / 1e6).toFixed(2)} MB minified (target < 1.5 MB)`,
  `${check.importMedianMs <= 300 ? 'PASS' : 'MISS'}: check worker (check-chunk) imports in ${check.importMedianMs} ms median (target < 300 ms)`,
];
const md = ['# Bundle benchmark', '', `Machine: ${machine.cpu}, ${machine.cpus} CPUs, ${machine.memoryGb} GB, ${machine.os}, Node ${machine.node}, ${machine.date}`, '',
  '| handler | minified bytes | import median ms | import p95 ms |', '| --- | ---: | ---: | ---: |',
  ...rows.map((r) => `| ${r.handler} | ${r.bytes.toLocaleString('en')} | ${r.importMedianMs} | ${r.importP95Ms} |`), '', '## Targets', '', ...verdicts.map((v) => `- ${v}`), ''].join('\n');
mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, 'bundle.json'), `${JSON.stringify({ machine, runs: RUNS, rows, verdicts }, null, 2)}\n`);
writeFileSync(join(OUT, 'bundle.md'), md);
console.log(md);
