/**
 * The command as people wait for it (issue 17): whole-process wall time and peak RSS of `fundwatch --help`,
 * `fundwatch parse <one page> --json` and `fundwatch deadlines` on the offline demo store, of `npx fundwatch
 * --help`, and of `urlwatch --version` as the yardstick when urlwatch is installed. Beside them, the floor
 * (`node -e 0`) and the same three commands run from the TypeScript sources through tsx, which is what every
 * start cost before the build (and what bin/fundwatch.mjs still falls back to without a fresh dist/).
 *
 * It builds dist/ first (scripts/build-cli.mjs) and makes the demo store with `fundwatch run --offline`. A round
 * during which a source file changed (the bin then runs the sources) is run again after a rebuild. Each
 * round runs every case once, in turn, so that a change in the machine's load falls on all of them; one round
 * warms up (the compile cache, the OS file cache), then the median of --runs rounds is reported. Peak RSS is
 * the kernel's maximum resident set size of the process, read with /usr/bin/time (GNU time); without it,
 * memory is not measured and says so.
 *
 * Run: npm run bench:cli -- [--runs N] [--print]   (default 10 rounds; writes bench/results/cli.{json,md})
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machine, machineLine, writeResults } from './support.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'fundwatch.mjs');
const GNU_TIME = '/usr/bin/time';
const PAGE = 'fixtures/sites/www.jsps.go.jp/english/e-jrp/anr2026_call.html/v2.html';
const FROM_SOURCES = "const { main } = await import('./cli/main.ts'); process.exitCode = await main(['node', 'fundwatch', ...process.argv.slice(1)]);";

interface Case { name: string; command: string[]; target?: string; judge?: (s: Stats, all: Map<string, Stats>) => boolean | undefined }
interface Stats { medianS: number; minS: number; maxS: number; medianCpuS: number | null; medianMb: number | null; runs: number }

const which = (name: string): string | undefined => {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
};

function cases(data: string, urlwatch: string | undefined): Case[] {
  const node = process.execPath;
  const fw = (...args: string[]): string[] => [node, BIN, ...args];
  const tsx = (...args: string[]): string[] => [node, '--import', 'tsx', '--input-type=module', '-e', FROM_SOURCES, '--', ...args];
  const parse = ['parse', PAGE, '--json'];
  const deadlines = ['deadlines', '--as-of', '2025-04-01', '--within', '60d', '--data', data];
  const list: Case[] = [
    { name: 'fundwatch --help', command: fw('--help'), target: '<= 0.2 s', judge: (s) => s.medianS <= 0.2 },
    { name: 'fundwatch parse <one page> --json', command: fw(...parse), target: '<= 0.25 s, <= 90 MB',
      judge: (s) => (s.medianMb === null ? undefined : s.medianS <= 0.25 && s.medianMb <= 90) },
    { name: 'fundwatch deadlines --as-of 2025-04-01 --within 60d (demo store)', command: fw(...deadlines), target: '<= 0.3 s', judge: (s) => s.medianS <= 0.3 },
    { name: 'npx fundwatch --help', command: ['npx', 'fundwatch', '--help'], target: '<= 2.5x urlwatch --version',
      judge: (s, all) => { const u = all.get('urlwatch --version'); return u ? s.medianS <= 2.5 * u.medianS : undefined; } },
    { name: 'node -e 0 (the floor: Node 24 starting)', command: [node, '-e', '0'] },
    { name: 'from sources (tsx): --help', command: tsx('--help') },
    { name: 'from sources (tsx): parse <one page> --json', command: tsx(...parse) },
    { name: 'from sources (tsx): deadlines (demo store)', command: tsx(...deadlines) },
  ];
  if (urlwatch) list.push({ name: 'urlwatch --version', command: [urlwatch, '--version'] });
  return list;
}

/** One whole process: wall time from spawn to exit; with GNU time, its CPU time (user + system) and the kernel's peak RSS in MB. */
function once(command: string[], rssFile: string): { seconds: number; cpu: number | null; mb: number | null } {
  const timed = existsSync(GNU_TIME);
  const [file, ...args] = timed ? [GNU_TIME, '-f', '%M %U %S', '-o', rssFile, ...command] : command;
  const start = process.hrtime.bigint();
  const ran = spawnSync(file!, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (ran.status !== 0) throw new Error(`${command.join(' ')} ended with ${ran.status}: ${ran.stderr.slice(0, 500)}`);
  if (!timed) return { seconds, cpu: null, mb: null };
  const [kb, user, system] = readFileSync(rssFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
  return { seconds, cpu: user! + system!, mb: kb! / 1024 };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

function measure(list: Case[], runs: number, rssFile: string): { stats: Map<string, Stats>; discarded: number } {
  const seconds = new Map(list.map((c) => [c.name, [] as number[]]));
  const mbs = new Map(list.map((c) => [c.name, [] as number[]]));
  const cpus = new Map(list.map((c) => [c.name, [] as number[]]));
  let discarded = 0;
  for (let round = 0; round <= runs;) {
    if (!buildIsFresh()) build();
    const results = list.map((c) => [c.name, once(c.command, rssFile)] as const);
    // A source edited during the round (others work in this tree) sent the bin to the tsx fallback: not counted.
    if (!buildIsFresh()) { discarded++; if (discarded > 3 * runs) throw new Error('the sources keep changing: no round ran the build'); continue; }
    if (round > 0) { // round 0 warms up
      for (const [name, r] of results) {
        seconds.get(name)!.push(r.seconds);
        if (r.mb !== null) mbs.get(name)!.push(r.mb);
        if (r.cpu !== null) cpus.get(name)!.push(r.cpu);
      }
    }
    process.stderr.write(`round ${round}/${runs}\n`);
    round++;
  }
  const stats = new Map(list.map((c) => {
    const s = seconds.get(c.name)!;
    const m = mbs.get(c.name)!;
    const cpu = cpus.get(c.name)!;
    return [c.name, { medianS: median(s), minS: Math.min(...s), maxS: Math.max(...s), medianCpuS: cpu.length ? median(cpu) : null,
      medianMb: m.length ? median(m) : null, runs: s.length }];
  }));
  return { stats, discarded };
}

const build = (): void => { execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-cli.mjs')], { cwd: ROOT, stdio: 'inherit' }); };

/** True when dist/ holds a build no source changed since: then the bin runs dist/, not the tsx fallback. */
function buildIsFresh(): boolean {
  const { builtAt, files } = JSON.parse(readFileSync(join(ROOT, 'dist', 'inputs.json'), 'utf8')) as { builtAt: number; files: string[] };
  return files.every((f) => statSync(join(ROOT, f)).mtimeMs <= builtAt);
}

function makeDemoStore(): string {
  const data = join(mkdtempSync(join(os.tmpdir(), 'fundwatch-bench-cli-')), 'demo');
  execFileSync(process.execPath, [BIN, 'run', '--offline', '--data', data], { cwd: ROOT, stdio: 'ignore' });
  return data;
}

const verdict = (c: Case, s: Stats, all: Map<string, Stats>): string => {
  if (!c.judge) return '';
  const v = c.judge(s, all);
  return v === undefined ? 'not judged' : v ? 'PASS' : 'MISS';
};

function report(list: Case[], stats: Map<string, Stats>, context: { load: number[][]; discarded: number; urlwatch: boolean; runs: number }): string {
  const m = machine();
  const rows = list.map((c) => {
    const s = stats.get(c.name)!;
    const mb = s.medianMb === null ? 'not measured' : s.medianMb.toFixed(0);
    const cpu = s.medianCpuS === null ? 'not measured' : s.medianCpuS.toFixed(2);
    return `| ${c.name} | ${s.medianS.toFixed(3)} | ${s.minS.toFixed(3)}-${s.maxS.toFixed(3)} | ${cpu} | ${mb} | ${c.target ?? ''} | ${verdict(c, s, stats)} |`;
  });
  return [
    '# CLI start-up: whole process, wall time and peak RSS', '',
    machineLine(m),
    `Load average (1, 5, 15 min) at start ${context.load[0]!.map((x) => x.toFixed(2)).join(', ')}, at end ${context.load[1]!.map((x) => x.toFixed(2)).join(', ')} on ${m.cpus} CPUs` +
      ' (other work was running: the times are noisy; the medians and the paired rows are the figures to read).',
    `Median of ${context.runs} rounds after one warm-up round; every round runs every row once, in turn. Peak RSS and CPU time: /usr/bin/time %M, %U + %S (CPU time is what the load inflates least; on an idle machine a start's wall time is about its CPU time).`,
    `Every counted round ran the build in dist/ (rebuilt before a round when a source had changed); ${context.discarded} round(s) during which a source changed were run again.`,
    context.urlwatch ? '' : 'urlwatch is not installed on this machine: the npx row is not judged.',
    '', '| command | median s | min-max s | CPU s (user+sys, median) | peak RSS MB (median) | target | verdict |', '| --- | ---: | ---: | ---: | ---: | --- | --- |', ...rows, '',
  ].join('\n');
}

async function main(): Promise<void> {
  const i = process.argv.indexOf('--runs');
  const runs = i >= 0 ? Number(process.argv[i + 1]) : 10;
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a whole number of at least 1');
  build();
  const data = makeDemoStore();
  const urlwatch = which('urlwatch');
  const list = cases(data, urlwatch);
  const rssFile = join(os.tmpdir(), `fundwatch-bench-cli-${process.pid}.rss`);
  const load = [os.loadavg()];
  const { stats, discarded } = measure(list, runs, rssFile);
  load.push(os.loadavg());
  rmSync(join(data, '..'), { recursive: true, force: true });
  rmSync(rssFile, { force: true });
  const md = report(list, stats, { load, discarded, urlwatch: Boolean(urlwatch), runs });
  const json = { machine: machine(), load, runs, discardedRounds: discarded, urlwatch: urlwatch ?? null,
    cases: list.map((c) => ({ name: c.name, command: c.command.map((a) => (a === data ? '<demo store>' : a.replace(ROOT, ''))), target: c.target ?? null,
      ...stats.get(c.name)!, verdict: verdict(c, stats.get(c.name)!, stats) || null })) };
  if (process.argv.includes('--print')) console.log(md);
  else await writeResults('cli', json, md);
}

await main();
