/**
 * Query benchmark (issue 17): the analysts' commands on a generated 2,000-source store with a year of
 * changes (bench/queries-store.ts), each run as a whole process the way a person runs it
 * (`node bin/fundwatch.mjs deadlines --data DIR ...`): wall time from spawn to exit and the child's peak RSS
 * (the kernel's maxRSS, through /usr/bin/time), one warm-up run then the median of 5.
 *
 * The store is generated once into a data folder (default: <tmp>/fundwatch-bench-queries-v1, reused when
 * it is there; --regenerate makes it again, --data DIR puts it elsewhere).
 *
 * Run: npm run bench:queries (the first time about 2-4 minutes to generate, then about a minute).
 * Writes bench/results/queries.{json,md}.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateStore, STORE_SHAPE } from './queries-store.ts';
import { machine, machineLine, round, writeResults } from './support.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = 5;
const AS_OF = '2026-09-01';
const SINCE = '2026-08-01';
/** The issue's target: deadlines on the 2,000-source store within 1 s, whole process. */
const DEADLINES_TARGET_S = 1;

interface Query { name: string; args: (data: string, out: string) => string[]; targetS?: number }

const QUERIES: Query[] = [
  { name: `deadlines --as-of ${AS_OF} --within 60d`, args: (d) => ['deadlines', '--data', d, '--as-of', AS_OF, '--within', '60d'], targetS: DEADLINES_TARGET_S },
  { name: `changes --since ${SINCE}`, args: (d) => ['changes', '--data', d, '--since', SINCE] },
  { name: `programs --as-of ${AS_OF}`, args: (d) => ['programs', '--data', d, '--as-of', AS_OF] },
  { name: 'export --out DIR', args: (d, out) => ['export', '--data', d, '--out', out] },
];

interface Run { wallS: number; cpuS: number; maxRssMB: number; stdoutLines: number }

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** One whole-process run: wall time from spawn to exit, peak RSS from /usr/bin/time's %M (KB). */
async function runOnce(args: string[]): Promise<Run> {
  const tmp = await mkdtemp(join(os.tmpdir(), 'fw-q-'));
  const rssFile = join(tmp, 'rss');
  const started = process.hrtime.bigint();
  const child = spawn('/usr/bin/time', ['-f', '%M %U %S', '-o', rssFile, process.execPath, join(ROOT, 'bin', 'fundwatch.mjs'), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let lines = 0;
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => { for (const b of chunk) if (b === 10) lines += 1; });
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const wallS = Number(process.hrtime.bigint() - started) / 1e9;
  if (code !== 0) throw new Error(`fundwatch ${args.join(' ')} exited ${code}: ${stderr.slice(0, 500)}`);
  const [kb, user, sys] = (await readFile(rssFile, 'utf8')).trim().split('\n').pop()!.split(' ').map(Number) as [number, number, number];
  await rm(tmp, { recursive: true, force: true });
  return { wallS, cpuS: user + sys, maxRssMB: round(kb / 1024, 0), stdoutLines: lines };
}

/** True when dist/ holds a build no source changed since (dist/inputs.json), so the bin runs it, not the tsx fallback. */
function freshBuild(): boolean {
  try {
    const { builtAt, files } = JSON.parse(readFileSync(join(ROOT, 'dist', 'inputs.json'), 'utf8')) as { builtAt: number; files: string[] };
    return files.every((file) => statSync(join(ROOT, file)).mtimeMs <= builtAt);
  } catch {
    return false;
  }
}

const build = (): void => { spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-cli.mjs')], { cwd: ROOT, stdio: 'ignore' }); };

/**
 * A run of the build: others edit this tree while it runs, and a source newer than dist/ sends the bin to the
 * tsx fallback; such a run is not counted, but made again after a rebuild.
 */
async function runBuilt(args: string[]): Promise<Run> {
  for (let attempt = 0; ; attempt += 1) {
    if (!freshBuild()) build();
    const run = await runOnce(args);
    if (freshBuild() || attempt >= 5) return run;
    discarded += 1;
  }
}
let discarded = 0;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function ensureStore(dataDir: string): Promise<Record<string, number>> {
  const marker = join(dataDir, 'bench-store.json');
  if (existsSync(marker) && !process.argv.includes('--regenerate')) return JSON.parse(await readFile(marker, 'utf8')) as Record<string, number>;
  await rm(dataDir, { recursive: true, force: true });
  console.log(`generating the store in ${dataDir} ...`);
  const t = Date.now();
  const counts = await generateStore(ROOT, dataDir);
  const info = { ...counts, generateS: round((Date.now() - t) / 1000, 1) };
  await writeFile(marker, `${JSON.stringify(info)}\n`);
  return info;
}

async function main(): Promise<void> {
  const dataDir = argValue('--data') ?? join(os.tmpdir(), 'fundwatch-bench-queries-v1');
  const store = await ensureStore(dataDir);
  // What `npm ci` leaves: the CLI built to JavaScript (the prepare script), which bin/fundwatch.mjs runs while it is fresh.
  if (existsSync(join(ROOT, 'scripts', 'build-cli.mjs'))) spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-cli.mjs')], { cwd: ROOT, stdio: 'inherit' });
  const load = os.loadavg().map((n) => round(n, 2));
  const rows = [];
  for (const q of QUERIES) {
    const out = await mkdtemp(join(os.tmpdir(), 'fw-q-export-'));
    const args = q.args(dataDir, out);
    await runBuilt(args); // warm-up: the page cache, the compile cache
    const runs: Run[] = [];
    for (let i = 0; i < RUNS; i += 1) runs.push(await runBuilt(args));
    await rm(out, { recursive: true, force: true });
    const wallS = round(median(runs.map((r) => r.wallS)), 3);
    const row = { query: q.name, wallS, wallRunsS: runs.map((r) => round(r.wallS, 3)), cpuS: round(median(runs.map((r) => r.cpuS)), 2), maxRssMB: median(runs.map((r) => r.maxRssMB)),
      stdoutLines: runs[0]!.stdoutLines, ...(q.targetS ? { targetS: q.targetS, pass: wallS <= q.targetS } : {}) };
    console.log(`${row.query}: ${row.wallS} s, CPU ${row.cpuS} s, ${row.maxRssMB} MB (${row.wallRunsS.join(' ')})`);
    rows.push(row);
  }
  const m = machine();
  const loadAfter = os.loadavg().map((n) => round(n, 2));
  const md = [
    '# Query benchmark', '',
    `${machineLine(m)}. Load average (1/5/15 min) before ${load.join(' / ')}, after ${loadAfter.join(' / ')} (${m.cpus} CPUs; other work on the machine makes the times noisy).`, '',
    `Store: ${store.sources} generated sources, ${store.snapshots} snapshots and ${store.events} change events over ${STORE_SHAPE.days} days from ${STORE_SHAPE.firstDay}`
      + ` (${STORE_SHAPE.changesPerSource} changes per source), in the CLI's local store (dynalite, LevelDB). Each query a whole process, \`node bin/fundwatch.mjs ...\`,`
      + ` one warm-up run then the median of ${RUNS}; peak RSS is the child's maxRSS; CPU is its user + system time, which a busy machine inflates less than the wall time.`
      + ` Every counted run ran the build in dist/; ${discarded} run(s) during which a source changed (other work in this tree) were made again after a rebuild.`, '',
    '| query | wall s (median) | runs s | CPU s (user + sys, median) | peak RSS MB | output lines | target |',
    '| --- | ---: | --- | ---: | ---: | ---: | --- |',
    ...rows.map((r) => `| \`${r.query}\` | ${r.wallS} | ${r.wallRunsS.join(' ')} | ${r.cpuS} | ${r.maxRssMB} | ${r.stdoutLines} | ${r.targetS ? `${r.pass ? 'PASS' : 'MISS'} (<= ${r.targetS} s)` : ''} |`),
    '',
  ].join('\n');
  await writeResults('queries', { machine: m, loadBefore: load, loadAfter, store, shape: STORE_SHAPE, runs: RUNS, discarded, rows }, md);
}

await main();
