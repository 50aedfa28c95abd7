/**
 * Cycle benchmark, on the seed registry (parsers/sources.json) against the fixture server, with the
 * production fetcher and a dynalite store:
 *
 *  A. An unchanged cycle: the same replay step twice with conditional GET. The second cycle's bytes
 *     and store writes, against the same pages fetched without validators. Targets: at least 95% fewer
 *     bytes, zero snapshot writes.
 *  B. A cold cycle (fresh store) with 100 ms added to every response and the real politeness settings
 *     (2 per host, 1000 ms between starts), against the bound those limits set: per host
 *     (requests - 1) * 1000 ms + latency, the cycle's bound being the busiest host's. Target: within 1.3x.
 *     Measured for `fundwatch run` (runCycle) and for the AWS fan-out run locally (planCycle + executePlan).
 *
 * Run: npm run bench:cycle (about a minute). Writes bench/results/cycle.{json,md}.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runCycle } from '#core/monitoring/cycle.ts';
import { executePlan } from '#core/monitoring/run-plan.ts';
import { planCycle } from '#core/monitoring/cycle-plan.ts';
import { finishCycle } from '#core/monitoring/fanned-cycle.ts';
import type { Fetcher } from '#core/ports/fetcher.ts';
import type { Store } from '#core/ports/store.ts';
import { createFetcher, DEFAULT_FETCHER_OPTIONS } from '../io/fetch/fetcher.ts';
import { startFixtureServer, type FixtureServer, type FixtureStats } from '../io/local/fixture-server.ts';
import { parsePage } from '../parsers/parse-page.ts';
import { loadRegistry, type Source } from '../parsers/sources.ts';
import { createCheckChunkHandler } from '../lambdas/check-chunk.ts';
import { countingStore, diffCounts, machine, machineLine, quietWorkerLogs, round, snapshotCounts, startLocalDynamo, writeResults, type DynamoCounts, type LocalDynamo } from './support.ts';

const STEP = 2; // the newest recorded version of every page
const LATENCY_MS = 100;
const TARGET_BYTES_SAVED = 0.95;
const TARGET_RATIO = 1.3;
const POLITENESS = DEFAULT_FETCHER_OPTIONS.politenessDelayMs;

interface CycleMeasure {
  label: string;
  elapsedMs: number;
  requests: number;
  bytes: number;
  notModified: number;
  dynamo: DynamoCounts;
  storeCalls: Record<string, number>;
  outcomes: Record<string, number>;
}

const statsNow = (s: FixtureStats): FixtureStats => ({ ...s });

/** Drops the validators: the unconditional fetch of the same pages. */
function unconditional(fetcher: Fetcher): Fetcher {
  return { fetch: (url) => fetcher.fetch(url), close: () => fetcher.close() };
}

/** One runCycle, with its deltas of fixture-server traffic, DynamoDB requests and Store calls. */
async function measureRun(label: string, db: LocalDynamo, server: FixtureServer, store: Store, sources: Source[], fetcher: Fetcher): Promise<CycleMeasure> {
  const before = statsNow(server.stats);
  const dynamoBefore = snapshotCounts(db.counts);
  const storeCalls: Record<string, number> = {};
  const started = Date.now();
  try {
    const report = await runCycle({ fetcher, store: countingStore(store, storeCalls), clock: () => new Date(), parse: parsePage }, sources);
    return { label, elapsedMs: Date.now() - started, requests: server.stats.requests - before.requests, bytes: server.stats.bytes - before.bytes,
      notModified: server.stats.notModified - before.notModified, dynamo: diffCounts(db.counts, dynamoBefore), storeCalls, outcomes: report.outcomes };
  } finally {
    await fetcher.close();
  }
}

/** A proxy that holds every request LATENCY_MS before passing it on: a far-away server, as seen from the fetcher. */
async function startDelayProxy(target: string, delayMs: number): Promise<{ origin: string; server: Server }> {
  const to = new URL(target);
  const server = createServer((req, res) => {
    setTimeout(() => {
      const upstream = httpRequest({ host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      upstream.on('error', () => { res.writeHead(502).end(); });
      req.pipe(upstream);
    }, delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

interface LatencyMeasure {
  label: string;
  elapsedMs: number;
  boundMs: number;
  ratio: number;
  busiestHost: string;
  hosts: Array<{ host: string; requests: number; boundMs: number; firstMs: number; lastMs: number }>;
  outcomes: Record<string, number>;
}

/** Per host: (requests - 1) gaps plus one latency; the cycle cannot end before its busiest host does. */
function bound(requests: Array<{ host: string; at: number }>, started: number): Pick<LatencyMeasure, 'boundMs' | 'busiestHost' | 'hosts'> {
  const byHost = new Map<string, number[]>();
  for (const r of requests) byHost.set(r.host, [...(byHost.get(r.host) ?? []), r.at - started]);
  const hosts = [...byHost].map(([host, at]) => ({ host, requests: at.length, boundMs: (at.length - 1) * POLITENESS + LATENCY_MS,
    firstMs: Math.min(...at), lastMs: Math.max(...at) })).sort((a, b) => b.boundMs - a.boundMs);
  return { boundMs: hosts[0]?.boundMs ?? 0, busiestHost: hosts[0]?.host ?? '', hosts };
}

async function latencyRun(label: string, requests: Array<{ host: string; at: number }>, run: () => Promise<Record<string, number>>): Promise<LatencyMeasure> {
  requests.length = 0;
  const started = Date.now();
  const outcomes = await run();
  const elapsedMs = Date.now() - started;
  const b = bound(requests, started);
  return { label, elapsedMs, ...b, ratio: elapsedMs / b.boundMs, outcomes };
}

async function main(): Promise<void> {
  const sources = await loadRegistry();
  const db = await startLocalDynamo();
  const requests: Array<{ host: string; path: string; at: number }> = [];
  const server = await startFixtureServer({ step: STEP, onRequest: (r) => requests.push(r) });
  const proxy = await startDelayProxy(server.origin, LATENCY_MS);
  const direct = () => createFetcher({ ...DEFAULT_FETCHER_OPTIONS, route: { origin: server.origin } });
  const delayed = { ...DEFAULT_FETCHER_OPTIONS, route: { origin: proxy.origin } };
  try {
    // A. first cycle fills the store; the second sees the same pages (304s); the third fetches them unconditionally.
    const store = await db.freshStore('bench-unchanged');
    const first = await measureRun('first cycle (cold store)', db, server, store, sources, direct());
    const second = await measureRun('second cycle, conditional GET', db, server, store, sources, direct());
    const third = await measureRun('same pages, validators dropped', db, server, store, sources, unconditional(direct()));

    // B. cold cycles through the 100 ms proxy with the real politeness settings.
    const cliRun = (concurrency: number | undefined, table: string) => async () => {
      const fetcher = createFetcher(delayed);
      try {
        return (await runCycle({ fetcher, store: await db.freshStore(table), clock: () => new Date(), parse: parsePage }, sources,
          concurrency ? { concurrency } : {})).outcomes;
      } finally {
        await fetcher.close();
      }
    };
    const cli = await latencyRun('fundwatch run (runCycle, default 6 sources in flight, hosts in turn)', requests, cliRun(undefined, 'bench-latency-cli'));
    // What-if, not a target: as many sources in flight as the fetcher has host slots (2 per host x 3 hosts).
    const hostSlots = DEFAULT_FETCHER_OPTIONS.perHostConcurrency * new Set(sources.map((s) => new URL(s.url).host)).size;
    const wide = await latencyRun(`what-if: runCycle with ${hostSlots} sources in flight (2 per host x hosts)`, requests, cliRun(hostSlots, 'bench-latency-wide'));
    const restore = quietWorkerLogs();
    const fanned = await latencyRun('AWS fan-out, run locally (plan, 8 hosts at once, worker, finish)', requests, async () => {
      const fanStore = await db.freshStore('bench-latency-fanned');
      const worker = createCheckChunkHandler({ store: () => fanStore, fetcher: () => createFetcher(delayed), sources: async () => sources, fetcherOptions: delayed });
      const plan = planCycle(sources, new Date());
      await executePlan(plan, 8, async (task) => { await worker(task); });
      return (await finishCycle({ store: fanStore, clock: () => new Date() }, sources, plan)).summary.outcomes;
    }).finally(restore);
    await report(sources.length, [first, second, third], [cli, fanned, wide]);
  } finally {
    await new Promise<void>((resolve) => { proxy.server.closeAllConnections(); proxy.server.close(() => resolve()); });
    await server.close();
    await db.close();
  }
}

async function report(sources: number, runs: [CycleMeasure, CycleMeasure, CycleMeasure], latency: LatencyMeasure[]): Promise<void> {
  const [first, second, third] = runs;
  const saved = 1 - second.bytes / third.bytes;
  const snapshotWrites = second.storeCalls.commitSnapshot ?? 0;
  const verdicts = [
    `${saved >= TARGET_BYTES_SAVED ? 'PASS' : 'MISS'}: an unchanged cycle transfers ${(saved * 100).toFixed(1)}% fewer body bytes than fetching the same pages unconditionally (${second.bytes.toLocaleString('en')} vs ${third.bytes.toLocaleString('en')} bytes; target at least 95% fewer)`,
    `${snapshotWrites === 0 ? 'PASS' : 'MISS'}: an unchanged cycle writes ${snapshotWrites} snapshots (Store.commitSnapshot calls; target 0). It still sends ${second.dynamo.writes} write requests: ${second.storeCalls.putState ?? 0} source states (last checked, outcome) and ${second.dynamo.writes - (second.storeCalls.putState ?? 0)} put-if-absent of already stored events (bilingual disagreements, compared every cycle)`,
    ...latency.filter((l) => !l.label.startsWith('what-if')).map((l) => `${l.ratio <= TARGET_RATIO ? 'PASS' : 'MISS'}: ${l.label}: ${round(l.elapsedMs / 1000, 2)} s with ${LATENCY_MS} ms latency, ${round(l.ratio, 2)}x the politeness bound of ${round(l.boundMs / 1000, 2)} s (${l.busiestHost}; target within ${TARGET_RATIO}x)`),
  ];
  const m = machine();
  const cmds = (c: CycleMeasure) => Object.entries(c.dynamo.byCommand).map(([k, n]) => `${k.replace(/Command$/, '')} ${n}`).join(', ');
  const md = [
    '# Cycle benchmark', '', machineLine(m), '',
    `Seed registry: ${sources} sources, fixture server at replay step ${STEP}, production fetcher (perHostConcurrency ${DEFAULT_FETCHER_OPTIONS.perHostConcurrency}, politenessDelayMs ${POLITENESS}, robots.txt), dynalite store.`, '',
    '## A. Unchanged cycle', '',
    'Bytes: response bodies served by the fixture server (robots.txt included: the fetcher reads it once per cycle, without validators). Writes: DynamoDB write requests (PutItem, UpdateItem, DeleteItem); WRU estimated from item sizes.', '',
    '| cycle | s | requests | 304 | body bytes | DynamoDB reads | DynamoDB writes | est. WRU | snapshot writes | requests by command | Store calls | outcomes |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |',
    ...runs.map((c) => `| ${c.label} | ${round(c.elapsedMs / 1000, 2)} | ${c.requests} | ${c.notModified} | ${c.bytes.toLocaleString('en')} | ${c.dynamo.reads} | ${c.dynamo.writes} | ${c.dynamo.writeUnits} | ${c.storeCalls.commitSnapshot ?? 0} | ${cmds(c)} | ${outcomeText(c.storeCalls)} | ${outcomeText(c.outcomes)} |`),
    '',
    '## B. Cold cycle with 100 ms latency per request', '',
    `Every response held ${LATENCY_MS} ms by a proxy in front of the fixture server; a fresh store, so every page is fetched. Bound per host: (requests - 1) x ${POLITENESS} ms + ${LATENCY_MS} ms.`, '',
    '| run | s | bound s | ratio | busiest host | per host: requests, bound s, last request at s | outcomes |',
    '| --- | ---: | ---: | ---: | --- | --- | --- |',
    ...latency.map((l) => `| ${l.label} | ${round(l.elapsedMs / 1000, 2)} | ${round(l.boundMs / 1000, 2)} | ${round(l.ratio, 2)} | ${l.busiestHost} | ${l.hosts.map((h) => `${h.host}: ${h.requests}, ${round(h.boundMs / 1000, 1)}, ${round(h.lastMs / 1000, 1)}`).join('; ')} | ${outcomeText(l.outcomes)} |`),
    '', '## Targets', '', ...verdicts.map((v) => `- ${v}`), '',
  ].join('\n');
  await writeResults('cycle', { machine: m, config: { step: STEP, latencyMs: LATENCY_MS, fetcher: { perHostConcurrency: DEFAULT_FETCHER_OPTIONS.perHostConcurrency, politenessDelayMs: POLITENESS } },
    unchanged: { first, second, unconditional: third, bytesSaved: saved, snapshotWrites }, latency, verdicts }, md);
}

const outcomeText = (o: Record<string, number>): string => Object.entries(o).filter(([, n]) => n).map(([k, n]) => `${k} ${n}`).join(', ');

await main();
