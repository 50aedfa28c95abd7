/**
 * The kill loop: `fundwatch run --offline`, the README's main command, SIGKILLed at random moments, each kill followed
 * by two full runs, compared with one uninterrupted run. What must hold whatever the moment: the same changes stored
 * (none lost, none twice) and the same e-mails in the local inbox (none lost, none twice).
 *
 * Half the rounds kill a fresh data folder; half kill a warm one (a folder already killed once in that round, so the
 * second kill lands on whatever the first left). The kill moment is uniform over the first run's measured length.
 *
 * Run: npm run bench:kill-loop -- [--rounds N] [--seed S] [--parallel K] [--print] (about 20-40 s a round on 2 cores,
 * 3 rounds side by side by default). Writes
 * bench/results/kill-loop.{json,md} unless --print; the issue asks for at least 100 kills (70 rounds land about 105).
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { machine, machineLine, writeResults } from './support.ts';

const run = promisify(execFile);
const BIN = new URL('../bin/fundwatch.mjs', import.meta.url).pathname;
const DEFAULT_ROUNDS = 70;

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const n = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number of at least 1`);
  return n;
}

/** A small seeded generator (mulberry32), so a round can be replayed from its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const fullRun = (data: string): Promise<unknown> => run(process.execPath, [BIN, 'run', '--offline', '--data', data], { maxBuffer: 1 << 24 });

/** Starts a run and SIGKILLs it after `ms` (or lets it end first); whether the kill landed before the run's end. */
function killedRun(data: string, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'run', '--offline', '--data', data], { stdio: 'ignore' });
    let ended = false;
    const timer = setTimeout(() => { if (!ended) child.kill('SIGKILL'); }, ms);
    child.on('exit', (_code, signal) => {
      ended = true;
      clearTimeout(timer);
      resolve(signal === 'SIGKILL');
    });
  });
}

/** The stored changes, as what a subscriber is told: which source, what, and the words; no times or ids. */
async function changesOf(data: string): Promise<string[]> {
  const { stdout } = await run(process.execPath, [BIN, 'changes', '--data', data, '--since', '2000-01-01', '--json'], { maxBuffer: 1 << 26 });
  const rows = JSON.parse(stdout) as Array<Record<string, unknown>>;
  return rows.map((r) => JSON.stringify([r.agency, r.programme, r.call, r.category, r.kind, r.summary, r.evidence])).sort();
}

/** RFC 2047 encoded-words (B and Q) in a header, decoded; folded lines unfolded. */
function decodeHeader(value: string): string {
  return value.replace(/\r?\n[ \t]+/g, ' ').replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=\s*/g, (_, _charset: string, enc: string, text: string) => (enc.toUpperCase() === 'B'
    ? Buffer.from(text, 'base64').toString('utf8')
    : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m: string, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8')));
}

/** The plain-text part of a raw message, decoded from base64 or quoted-printable. */
function plainText(raw: string): string {
  const parts = raw.split(/\r?\n--[^\r\n]+\r?\n/);
  for (const part of parts) {
    const [head = '', ...rest] = part.split(/\r?\n\r?\n/);
    if (!/content-type:\s*text\/plain/i.test(head)) continue;
    const body = rest.join('\n\n');
    if (/content-transfer-encoding:\s*base64/i.test(head)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    if (/content-transfer-encoding:\s*quoted-printable/i.test(head)) {
      return Buffer.from(body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
    }
    return body;
  }
  return '';
}

/** The local inbox, each e-mail as its recipient, subject and text without the per-send parts (link tokens, Ref.). */
async function inboxOf(data: string): Promise<string[]> {
  const dir = join(data, 'inbox');
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.eml'));
  const mails = await Promise.all(files.map(async (f) => {
    const raw = await readFile(join(dir, f), 'latin1');
    const head = raw.split(/\r?\n\r?\n/)[0] ?? '';
    const header = (name: string): string => decodeHeader(new RegExp(`^${name}: ((?:.*)(?:\\r?\\n[ \\t].*)*)`, 'mi').exec(head)?.[1] ?? '').trim();
    const body = plainText(raw).split(/\r?\n/).filter((l) => !/token=|^Ref\. /.test(l)).join('\n').replace(/\s+/g, ' ').trim();
    return JSON.stringify([header('To'), header('Subject'), body]);
  }));
  return mails.sort();
}

/** What `actual` has twice or lacks against `expected`, as multisets. */
function compare(expected: string[], actual: string[]): { lost: string[]; extra: string[] } {
  const count = (xs: string[]) => xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<string, number>());
  const e = count(expected);
  const a = count(actual);
  const lost = [...e].flatMap(([k, n]) => Array<string>(Math.max(0, n - (a.get(k) ?? 0))).fill(k));
  const extra = [...a].flatMap(([k, n]) => Array<string>(Math.max(0, n - (e.get(k) ?? 0))).fill(k));
  return { lost, extra };
}

interface Round { round: number; warm: boolean; killsAt: number[]; landed: boolean[]; changesLost: number; changesExtra: number; mailsLost: number; mailsExtra: number; detail?: string }

async function main(): Promise<void> {
  const rounds = option('rounds', DEFAULT_ROUNDS);
  const seed = option('seed', 20261126);
  const next = random(seed);
  const base = await mkdtemp(join(tmpdir(), 'fundwatch-kill-'));
  try {
    // The uninterrupted runs: what every killed folder must end up with, and how long a run takes with as many beside
    // it as the rounds will have (the kill window), so that kills reach the end of a run, where e-mails are sent.
    const parallel = option('parallel', 3);
    const references = Array.from({ length: parallel }, (_, i) => join(base, `reference-${i}`));
    const durations = await Promise.all(references.map(async (folder) => {
      const started = Date.now();
      await fullRun(folder);
      return Date.now() - started;
    }));
    const runMs = durations.sort((a, b) => a - b)[Math.floor(durations.length / 2)]!;
    const reference = references[0]!;
    await fullRun(reference);
    const expected = { changes: await changesOf(reference), inbox: await inboxOf(reference) };
    for (const other of references.slice(1)) {
      const same = compare(expected.changes, await changesOf(other));
      if (same.lost.length || same.extra.length) throw new Error(`two uninterrupted runs stored different changes: ${JSON.stringify(same).slice(0, 500)}`);
    }
    console.log(`reference: ${expected.changes.length} changes, ${expected.inbox.length} e-mails; a run takes ${runMs} ms with ${parallel} side by side`);

    // Rounds run `parallel` at a time: a run mostly waits on the politeness delay, so side by side they cost little more.
    const plans = Array.from({ length: rounds }, (_, r) => ({ r, warm: r % 2 === 1, killsAt: (r % 2 === 1 ? [next(), next()] : [next()]).map((x) => Math.round(x * runMs)) }));
    const results: Round[] = [];
    const playRound = async ({ r, warm, killsAt }: (typeof plans)[number]): Promise<void> => {
      const data = join(base, `round-${r}`);
      const landed: boolean[] = [];
      for (const ms of killsAt) landed.push(await killedRun(data, ms));
      await fullRun(data);
      await fullRun(data);
      const changes = compare(expected.changes, await changesOf(data));
      const inbox = compare(expected.inbox, await inboxOf(data));
      const round: Round = { round: r, warm, killsAt, landed, changesLost: changes.lost.length, changesExtra: changes.extra.length, mailsLost: inbox.lost.length, mailsExtra: inbox.extra.length,
        ...(changes.lost.length + changes.extra.length + inbox.lost.length + inbox.extra.length
          ? { detail: JSON.stringify({ changes, inbox }).slice(0, 2000) } : {}) };
      results.push(round);
      console.log(`round ${r} (${warm ? 'warm' : 'fresh'}, kill at ${killsAt.join(' + ')} ms${landed.some((l) => !l) ? ', a run ended before its kill' : ''}): `
        + `changes lost ${round.changesLost}, twice ${round.changesExtra}; e-mails lost ${round.mailsLost}, twice ${round.mailsExtra}`);
      await rm(data, { recursive: true, force: true });
    };
    const queue = [...plans];
    await Promise.all(Array.from({ length: parallel }, async () => {
      for (let plan = queue.shift(); plan; plan = queue.shift()) await playRound(plan);
    }));
    results.sort((a, b) => a.round - b.round);

    const sum = (k: keyof Round) => results.reduce((n, x) => n + (x[k] as number), 0);
    const kills = results.reduce((n, x) => n + x.landed.filter(Boolean).length, 0);
    const m = machine();
    const md = [
      '# Kill loop', '', machineLine(m), '',
      `${rounds} rounds (seed ${seed}): ${rounds - Math.floor(rounds / 2)} on a fresh data folder, ${Math.floor(rounds / 2)} on a warm one (killed twice); `
        + `${kills} SIGKILLs landed during a run (the others came after the run had ended). Each round then ran \`fundwatch run --offline\` twice in full `
        + `and was compared with one uninterrupted run (${expected.changes.length} changes, ${expected.inbox.length} e-mails).`, '',
      '| | count |', '| --- | ---: |',
      `| changes lost | ${sum('changesLost')} |`, `| changes stored twice | ${sum('changesExtra')} |`,
      `| e-mails lost | ${sum('mailsLost')} |`, `| e-mails sent twice | ${sum('mailsExtra')} |`, '',
      ...results.filter((x) => x.detail).map((x) => `- round ${x.round} (${x.warm ? 'warm' : 'fresh'}, kills at ${x.killsAt.join(', ')} ms): ${x.detail}`),
      '',
    ].join('\n');
    if (!process.argv.includes('--print')) await writeResults('kill-loop', { machine: m, seed, rounds, runMs, kills, expected: { changes: expected.changes.length, inbox: expected.inbox.length }, results }, md);
    else console.log(md);
  } finally {
    await rm(base, { recursive: true, force: true });
  }
}

await main();
