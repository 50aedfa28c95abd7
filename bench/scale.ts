/**
 * Scale benchmark: a generated registry of 2,000 sources over 40 hosts, run the way AWS runs a cycle
 * (planCycle, executePlan with 8 hosts at once, the real check-chunk worker, finishCycle), here in one
 * process against one local server that answers for every host, with a dynalite store. Twice: a cold
 * cycle (everything new) and an unchanged one (the steady state: 304s).
 *
 * The politeness delay is 20 ms instead of 1000 ms so the run takes minutes; each chunk's duration is
 * then projected to the real delay (every wait between two requests, and the worker's closing wait,
 * become 1000 ms) and the cycle's wall time and AWS cost are computed from the projected durations.
 *
 * Run: npm run bench:scale (2-4 minutes). Writes bench/results/scale.{json,md}.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { executePlan } from '#core/monitoring/run-plan.ts';
import { planCycle } from '#core/monitoring/cycle-plan.ts';
import { type ChunkTask, type CyclePlan } from '#core/domain/cycles.ts';
import { finishCycle } from '#core/monitoring/fanned-cycle.ts';
import type { Store } from '#core/ports/store.ts';
import { createFetcher, DEFAULT_FETCHER_OPTIONS } from '../io/fetch/fetcher.ts';
import type { FetcherOptions } from '../io/fetch/options.ts';
import type { Source } from '../parsers/sources.ts';
import { createCheckChunkHandler } from '../lambdas/check-chunk.ts';
import { countingStore, diffCounts, machine, machineLine, quietWorkerLogs, round, snapshotCounts, startLocalDynamo, writeResults, type DynamoCounts, type LocalDynamo } from './support.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const SOURCES = 2000;
const HOSTS = 40;
const HOST_CONCURRENCY = 8;
const BENCH_DELAY_MS = 20;
const REAL_DELAY_MS = DEFAULT_FETCHER_OPTIONS.politenessDelayMs;
const CYCLES_PER_MONTH = 4 * 30;
/**
 * Prices as given in issue 8 (AWS price pages, ap-northeast-1 / Tokyo, read 2026-11): Lambda arm64 per
 * GB-second (first tier) and per request; Step Functions standard per state transition; DynamoDB on-demand
 * per million write and read request units. Check them on aws.amazon.com/lambda/pricing,
 * /step-functions/pricing and /dynamodb/pricing/on-demand before relying on the totals.
 */
const PRICES = { lambdaGbSecond: 0.0000133334, lambdaRequest: 0.2 / 1e6, sfnTransition: 0.025 / 1000, dynamoWru: 0.715 / 1e6, dynamoRru: 0.1425 / 1e6 };
const LAMBDA_GB = 1; // 1024 MB
const TRANSITIONS_PER_CHUNK = 3;
const TRANSITIONS_PER_CYCLE = 8;

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** One real fixture page per agency, so that the parser yields real records (programme, calls, deadlines). */
const TEMPLATES = [
  { agency: 'JST', domain: 'jst.go.jp', program: 'jst-crest', file: 'fixtures/sites/www.jst.go.jp/kisoken/crest/en/index.html/v1.html' },
  { agency: 'AMED', domain: 'amed.go.jp', program: 'amed-aspire', file: 'fixtures/sites/www.amed.go.jp/en/program/list/20/01/009.html/v2.html' },
  { agency: 'JSPS', domain: 'jsps.go.jp', program: 'jsps-international-fellowships', file: 'fixtures/sites/www.jsps.go.jp/english/e-inv_researchers/_index/v2.html' },
] as const;

interface Page { body: Buffer; etag: string }

/** 2,000 sources, host by host h01..h40 under the three allowlisted domains, each page its own programme. */
function generateRegistry(): Source[] {
  return Array.from({ length: SOURCES }, (_, k) => {
    const h = k % HOSTS;
    const t = TEMPLATES[h % TEMPLATES.length]!;
    const n = String(k).padStart(4, '0');
    return { id: `gen-h${String(h + 1).padStart(2, '0')}-p${n}`, agency: t.agency, lang: 'en', kind: 'html', program: `${t.program}-g${n}`,
      url: `https://h${String(h + 1).padStart(2, '0')}.${t.domain}/programs/p${n}.html` };
  });
}

interface SiteStats { requests: number; bytes: number; notModified: number; byHost: Map<string, number> }

/** One server for every generated host, answering by Host header; robots.txt allows everything; conditional GET by ETag. */
async function startGeneratedSites(sources: Source[]): Promise<{ origin: string; server: Server; stats: SiteStats }> {
  const bodies = await Promise.all(TEMPLATES.map((t) => readFile(join(ROOT, t.file))));
  const pages = new Map<string, Page>();
  for (const s of sources) {
    const body = bodies[TEMPLATES.findIndex((t) => s.url.includes(`.${t.domain}/`))]!;
    pages.set(s.url.replace(/^https:\/\//, ''), { body, etag: `"${createHash('sha256').update(s.url).update(body).digest('hex').slice(0, 32)}"` });
  }
  const robots = Buffer.from('User-agent: *\nAllow: /\n');
  const stats: SiteStats = { requests: 0, bytes: 0, notModified: 0, byHost: new Map() };
  const server = createServer((req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    stats.requests += 1;
    stats.byHost.set(host, (stats.byHost.get(host) ?? 0) + 1);
    if (req.url === '/robots.txt') {
      stats.bytes += robots.length;
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': robots.length }).end(robots);
      return;
    }
    const page = pages.get(`${host}${req.url}`);
    if (!page) return void res.writeHead(404).end();
    if (req.headers['if-none-match'] === page.etag) {
      stats.notModified += 1;
      return void res.writeHead(304, { ETag: page.etag }).end();
    }
    stats.bytes += page.body.length;
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': page.body.length, ETag: page.etag }).end(page.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, stats };
}

interface ChunkRun { host: string; chunk: number; checked: number; requests: number; ms: number; projectedMs: number; heapStartMB: number; heapPeakGrowthMB: number; heapEndMB: number }

interface CycleRun {
  label: string;
  wallMs: number;
  finishMs: number;
  chunks: ChunkRun[];
  requests: number;
  bytes: number;
  notModified: number;
  dynamo: DynamoCounts;
  storeCalls: Record<string, number>;
  outcomes: Record<string, number>;
  chunksReported: number;
  heapStartMB: number;
  processPeakHeapMB: number;
  processPeakRssMB: number;
}

const mb = (bytes: number): number => round(bytes / 2 ** 20, 1);

/** Samples heap and RSS every 20 ms; each running chunk keeps its own peak. */
function memorySampler(): { peakHeap: number; peakRss: number; active: Set<{ peak: number }>; stop(): void } {
  const state = { peakHeap: 0, peakRss: 0, active: new Set<{ peak: number }>(), stop: () => clearInterval(timer) };
  const sample = (): void => {
    const m = process.memoryUsage();
    state.peakHeap = Math.max(state.peakHeap, m.heapUsed);
    state.peakRss = Math.max(state.peakRss, m.rss);
    for (const c of state.active) c.peak = Math.max(c.peak, m.heapUsed);
  };
  const timer = setInterval(sample, 20);
  return state;
}

/** A chunk's duration at the real delay: each gap between its requests and the worker's closing wait grow to 1000 ms. */
const project = (ms: number, requests: number): number => ms + requests * (REAL_DELAY_MS - BENCH_DELAY_MS);

async function runCycle(label: string, db: LocalDynamo, store: Store, sources: Source[], origin: string, stats: SiteStats): Promise<CycleRun> {
  const options: FetcherOptions = { ...DEFAULT_FETCHER_OPTIONS, route: { origin }, politenessDelayMs: BENCH_DELAY_MS };
  const storeCalls: Record<string, number> = {};
  const counted = countingStore(store, storeCalls);
  const worker = createCheckChunkHandler({ store: () => counted, fetcher: () => createFetcher(options), sources: async () => sources, fetcherOptions: options });
  gc();
  const before = { requests: stats.requests, bytes: stats.bytes, notModified: stats.notModified, dynamo: snapshotCounts(db.counts), heap: process.memoryUsage().heapUsed };
  const sampler = memorySampler();
  const chunks: ChunkRun[] = [];
  const started = Date.now();
  const plan: CyclePlan = planCycle(sources, new Date());
  await executePlan(plan, HOST_CONCURRENCY, async (task: ChunkTask) => {
    const requestsBefore = stats.byHost.get(task.host) ?? 0; // one host's chunks run one after another: the delta is this chunk's
    const heapStart = process.memoryUsage().heapUsed;
    const mark = { peak: heapStart };
    sampler.active.add(mark);
    const t = Date.now();
    const summary = await worker(JSON.parse(JSON.stringify(task))); // the state machine hands over JSON
    const ms = Date.now() - t;
    sampler.active.delete(mark);
    const requests = (stats.byHost.get(task.host) ?? 0) - requestsBefore;
    chunks.push({ host: task.host, chunk: task.chunk, checked: summary.checked, requests, ms, projectedMs: project(ms, requests),
      heapStartMB: mb(heapStart), heapPeakGrowthMB: mb(mark.peak - heapStart), heapEndMB: mb(process.memoryUsage().heapUsed) });
  });
  const finishStarted = Date.now();
  const { summary } = await finishCycle({ store: counted, clock: () => new Date() }, sources, plan);
  const wallMs = Date.now() - started;
  sampler.stop();
  return { label, wallMs, finishMs: Date.now() - finishStarted, chunks, requests: stats.requests - before.requests, bytes: stats.bytes - before.bytes,
    notModified: stats.notModified - before.notModified, dynamo: diffCounts(db.counts, before.dynamo), storeCalls, outcomes: summary.outcomes,
    chunksReported: summary.chunksReported, heapStartMB: mb(before.heap), processPeakHeapMB: mb(sampler.peakHeap), processPeakRssMB: mb(sampler.peakRss) };
}

/**
 * One chunk alone, as a Lambda container runs it: the busiest host's chunks one after another on a fresh
 * store, a GC before each, the heap sampled while it runs. Cleaner than the in-cycle figures, where up to
 * 8 chunks share the heap.
 */
async function isolatedChunks(db: LocalDynamo, sources: Source[], origin: string): Promise<Array<{ chunk: number; heapStartMB: number; heapPeakGrowthMB: number; heapEndMB: number; rssMB: number }>> {
  const options: FetcherOptions = { ...DEFAULT_FETCHER_OPTIONS, route: { origin }, politenessDelayMs: BENCH_DELAY_MS };
  const store = await db.freshStore('bench-scale-isolated');
  const worker = createCheckChunkHandler({ store: () => store, fetcher: () => createFetcher(options), sources: async () => sources, fetcherOptions: options });
  const plan = planCycle(sources, new Date());
  const { host, chunks } = plan.hosts[0]!;
  const out = [];
  for (const chunk of chunks) {
    gc();
    const sampler = memorySampler();
    const start = process.memoryUsage();
    const mark = { peak: start.heapUsed };
    sampler.active.add(mark);
    await worker({ cycleId: plan.cycleId, host, chunk, chunkSize: plan.chunkSize });
    sampler.stop();
    out.push({ chunk, heapStartMB: mb(start.heapUsed), heapPeakGrowthMB: mb(mark.peak - start.heapUsed), heapEndMB: mb(process.memoryUsage().heapUsed), rssMB: mb(sampler.peakRss) });
  }
  return out;
}

/** The state machine's schedule replayed with the projected durations: 8 lanes, each host's chunks in a row. */
function projectedWallMs(plan: CyclePlan, chunks: ChunkRun[], finishMs: number): number {
  const duration = new Map(chunks.map((c) => [`${c.host}#${c.chunk}`, c.projectedMs]));
  const lanes = Array<number>(HOST_CONCURRENCY).fill(0);
  for (const { host, chunks: numbers } of plan.hosts) {
    const lane = lanes.indexOf(Math.min(...lanes));
    lanes[lane]! += numbers.reduce((n, c) => n + (duration.get(`${host}#${c}`) ?? 0), 0);
  }
  return Math.max(...lanes) + finishMs;
}

function cost(run: CycleRun): Record<string, number> {
  const gbSeconds = (run.chunks.reduce((n, c) => n + c.projectedMs, 0) + run.finishMs) / 1000 * LAMBDA_GB;
  const invocations = run.chunks.length + 2; // the workers, the planner, the finisher
  const lambda = gbSeconds * PRICES.lambdaGbSecond + invocations * PRICES.lambdaRequest;
  const stepFunctions = (run.chunks.length * TRANSITIONS_PER_CHUNK + TRANSITIONS_PER_CYCLE) * PRICES.sfnTransition;
  const dynamo = run.dynamo.writeUnits * PRICES.dynamoWru + run.dynamo.readUnits * PRICES.dynamoRru;
  const perCycle = lambda + stepFunctions + dynamo;
  return { gbSeconds: round(gbSeconds, 0), lambda: round(lambda, 4), stepFunctions: round(stepFunctions, 4), dynamo: round(dynamo, 4), perCycle: round(perCycle, 4), perMonth: round(perCycle * CYCLES_PER_MONTH, 2) };
}

async function main(): Promise<void> {
  const sources = generateRegistry();
  const sites = await startGeneratedSites(sources);
  const db = await startLocalDynamo();
  const restore = quietWorkerLogs();
  let runs: CycleRun[];
  let isolated: Awaited<ReturnType<typeof isolatedChunks>>;
  try {
    const store = await db.freshStore('bench-scale');
    const cold = await runCycle('cold cycle (empty store: every page new)', db, store, sources, sites.origin, sites.stats);
    console.error(`cold cycle: ${round(cold.wallMs / 1000)} s`);
    const steady = await runCycle('unchanged cycle (steady state: 304s)', db, store, sources, sites.origin, sites.stats);
    console.error(`unchanged cycle: ${round(steady.wallMs / 1000)} s`);
    runs = [cold, steady];
    isolated = await isolatedChunks(db, sources, sites.origin);
  } finally {
    restore();
    await new Promise<void>((resolve) => { sites.server.closeAllConnections(); sites.server.close(() => resolve()); });
    await db.close();
  }
  await report(sources, runs, isolated);
}

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function report(sources: Source[], runs: CycleRun[], isolated: Awaited<ReturnType<typeof isolatedChunks>>): Promise<void> {
  const plan = planCycle(sources, new Date());
  const m = machine();
  const rows = runs.map((r) => {
    const c = cost(r);
    return { run: r, cost: c, projectedWallMs: projectedWallMs(plan, r.chunks, r.finishMs),
      chunkMs: { median: median(r.chunks.map((x) => x.ms)), max: Math.max(...r.chunks.map((x) => x.ms)) },
      projectedChunkMs: { median: median(r.chunks.map((x) => x.projectedMs)), max: Math.max(...r.chunks.map((x) => x.projectedMs)) },
      maxChunkHeapGrowthMB: Math.max(...r.chunks.map((x) => x.heapPeakGrowthMB)) };
  });
  const s = (ms: number) => round(ms / 1000, 1);
  const outcomes = (o: Record<string, number>) => Object.entries(o).filter(([, n]) => n).map(([k, n]) => `${k} ${n}`).join(', ');
  const md = [
    '# Scale benchmark', '', machineLine(m), '',
    `${SOURCES} generated sources on ${HOSTS} hosts (h01..h40 under jst.go.jp, amed.go.jp, jsps.go.jp; ${SOURCES / HOSTS} pages each, real fixture pages as templates), ` +
      `planned in chunks of ${plan.chunkSize} (${plan.hosts.reduce((n, h) => n + h.chunks.length, 0)} chunks), ${HOST_CONCURRENCY} hosts at once, the check-chunk worker, finishCycle; dynalite store; ` +
      `politeness ${BENCH_DELAY_MS} ms between requests to a host (production: ${REAL_DELAY_MS} ms), 2 per host. One Node.js process runs every worker.`, '',
    '## Measured (politeness 20 ms)', '',
    '| cycle | wall s | chunk s median / max | requests | 304 | body MB | DynamoDB reads / writes | est. RRU / WRU | snapshot writes | outcomes |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows.map(({ run: r, chunkMs }) => `| ${r.label} | ${s(r.wallMs)} | ${s(chunkMs.median)} / ${s(chunkMs.max)} | ${r.requests.toLocaleString('en')} | ${r.notModified.toLocaleString('en')} | ${round(r.bytes / 1e6, 1)} | ` +
      `${r.dynamo.reads.toLocaleString('en')} / ${r.dynamo.writes.toLocaleString('en')} | ${r.dynamo.readUnits.toLocaleString('en')} / ${r.dynamo.writeUnits.toLocaleString('en')} | ${r.storeCalls.commitSnapshot ?? 0} | ${outcomes(r.outcomes)} |`),
    '',
    '## Memory (one process, up to 8 chunks in flight at once)', '',
    '| cycle | heap at start MB | max heap growth during one chunk MB | process peak heap MB | process peak RSS MB |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...rows.map(({ run: r, maxChunkHeapGrowthMB }) => `| ${r.label} | ${r.heapStartMB} | ${maxChunkHeapGrowthMB} | ${r.processPeakHeapMB} | ${r.processPeakRssMB} |`),
    '',
    'A chunk\'s heap growth is the highest heap sampled while it ran minus the heap when it started; the other chunks in flight and uncollected garbage count in it, so it is an upper bound for one worker. A Lambda worker runs one chunk alone, as here (one host\'s chunks one after another on a fresh store, a GC before each, every page new):', '',
    '| chunk alone | heap at start MB | heap growth, peak MB | heap after MB | process RSS peak MB |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...isolated.map((c) => `| ${c.chunk} | ${c.heapStartMB} | ${c.heapPeakGrowthMB} | ${c.heapEndMB} | ${c.rssMB} |`),
    '',
    'The RSS is this whole process (the dynalite engine and the page server included), not one worker\'s.', '',
    `## Projected to the real politeness delay (${REAL_DELAY_MS} ms)`, '',
    `Each chunk: measured time + requests x ${REAL_DELAY_MS - BENCH_DELAY_MS} ms (every gap between two requests to the host, plus the worker's closing wait, grows from ${BENCH_DELAY_MS} to ${REAL_DELAY_MS} ms). ` +
      'Conservative: here up to 8 chunks share 2 CPUs, and in the real run the parsing overlaps the waits. Wall time: the state machine\'s schedule (8 lanes, each host\'s chunks in a row) replayed with those durations.', '',
    '| cycle | chunk s median / max | wall s | Lambda GB-s | Lambda $ | Step Functions $ | DynamoDB $ | per cycle $ | per month $ (4 cycles a day) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(({ run: r, cost: c, projectedChunkMs, projectedWallMs: w }) => `| ${r.label} | ${s(projectedChunkMs.median)} / ${s(projectedChunkMs.max)} | ${s(w)} (${round(w / 60000, 1)} min) | ${c.gbSeconds} | ${c.lambda} | ${c.stepFunctions} | ${c.dynamo} | ${c.perCycle} | ${c.perMonth} |`),
    '',
    `Prices (ap-northeast-1, as given in issue 8; check aws.amazon.com/lambda/pricing, /step-functions/pricing, /dynamodb/pricing/on-demand before relying on them): Lambda arm64 1024 MB $${PRICES.lambdaGbSecond} per GB-s + $0.20 per million requests; ` +
      `Step Functions $0.025 per 1,000 transitions (${TRANSITIONS_PER_CHUNK} per chunk + ${TRANSITIONS_PER_CYCLE} per cycle); DynamoDB on-demand $0.715 per million WRU, $0.1425 per million RRU (units estimated from item sizes). ` +
      'Not counted: CloudWatch Logs, data transfer, the free tier. A month of steady state is about the unchanged cycle\'s cost: most pages do not change between two cycles.', '',
  ].join('\n');
  const json = { machine: m, config: { sources: SOURCES, hosts: HOSTS, chunkSize: plan.chunkSize, hostConcurrency: HOST_CONCURRENCY, benchDelayMs: BENCH_DELAY_MS, realDelayMs: REAL_DELAY_MS, prices: PRICES, cyclesPerMonth: CYCLES_PER_MONTH },
    cycles: rows.map(({ run, ...rest }) => ({ ...rest, ...run, totalChunkMs: sum(run.chunks.map((c) => c.ms)) })), isolatedChunks: isolated };
  await writeResults('scale', json, md);
}

await main();
