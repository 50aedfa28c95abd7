/**
 * The fault matrix (issue 8): each fault is one row, and each row runs three whole cycles over a small
 * registry on a local HTTP server, dynalite and the SES emulator: a healthy baseline, a cycle with the
 * fault, a healthy cycle again. For every fault: the other sources come out as they would without it,
 * the faulty source is recorded with a reason a maintainer can act on, no snapshot is damaged, no
 * subscriber gets a false e-mail, and the next healthy cycle recovers by itself.
 *
 * Faults a real engine cannot make on demand (DynamoDB throttling, SES throttling) come from wrappers
 * around the real store and mailer; network faults a single routed origin cannot make (DNS failure,
 * connection refused) come from routing one host elsewhere: to an unresolvable `.invalid` name
 * (RFC 6761: a reserved name that never resolves) or to a closed local port.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { SESServiceException } from '@aws-sdk/client-ses';
import iconv from 'iconv-lite';
import { runCycle, type CycleReport } from '#core/monitoring/cycle.ts';
import type { SourceOutcome } from '#core/domain/snapshots.ts';
import { notifyPending, type NotifyReport } from '#core/notification/notify.ts';
import type { Fetcher } from '#core/ports/fetcher.ts';
import type { Mailer } from '#core/ports/mailer.ts';
import type { Store } from '#core/ports/store.ts';
import { createFetcher, DEFAULT_FETCHER_OPTIONS, type FetcherOptions } from '#io/fetch/fetcher.ts';
import { startDynalite, type LocalEngine } from '#io/local/dynalite.ts';
import { startSesEmulator, type SesEmulator } from '#io/local/ses-emulator.ts';
import { createSesMailer } from '#io/mail/ses-mailer.ts';
import { createDynamoStore, ensureTable } from '#io/store/dynamo-store.ts';
import { parsePage } from '#parsers/parse-page.ts';
import { loadRegistry, type Source } from '#parsers/sources.ts';
import { sitePath } from '../../fixtures/scripts/site-path.ts';
import { startTestServer, type Route, type TestServer } from '../helpers/http-server.ts';

/** Small timeouts and waits: a faulty source costs a few seconds at most, never a production minute. */
const FETCH: Partial<FetcherOptions> = { politenessDelayMs: 5, retries: 2, retryBaseMs: 5, maxRetryWaitMs: 50, connectTimeoutMs: 1_000, totalTimeoutMs: 1_500 };
/** Cycles an hour apart, as scheduled: a claim left open by a failed send is stale by the next run. */
const T0 = Date.parse('2025-04-01T00:00:00Z');
const HOUR = 3_600_000;

/** The registry: three hosts, HTML in English and Japanese, and a PDF. */
const REGISTRY = ['jst-aspire-about-en', 'jst-aspire-about-ja', 'jst-aspire-fy2025-briefing-ja', 'amed-aspire-en', 'jsps-fellowships-en'];
const JSPS = 'jsps-fellowships-en';
const JA_PAGE = 'jst-aspire-about-ja';
const PDF = 'jst-aspire-fy2025-briefing-ja';
const REDESIGNED = 'amed-aspire-en';

interface Page { body: Buffer; type: string }

/** What a fault may do to the world for one cycle. */
interface FaultWorld {
  victim: Source;
  /** The victim's page as the healthy cycles serve it. */
  page: Page;
  /** "host path" of the victim. */
  key: string;
  serve(key: string, handler: Route): void;
  /** Sends every request for a host to another origin (an unresolvable name, a closed port). */
  routeHost(host: string, origin: string): void;
  /** Wraps the store the cycle uses. */
  wrapStore(wrap: (store: Store) => Store): void;
  /** Wraps the mailer the notifier uses. */
  wrapMailer(wrap: (mailer: Mailer) => Mailer): void;
  /** Serves a later recorded version of a source from now on (this cycle and the recovery). */
  serveVersion(sourceId: string, version: number): Promise<void>;
  /** Bytes the fault streamed, for faults that must be cut short. */
  streamed: { bytes: number };
}

interface Fault {
  /** The `it` title (docs/faults.md quotes it). */
  title: string;
  victim: string;
  inject(world: FaultWorld): void | Promise<void>;
  /** The victim's outcome in the faulty cycle, and the reason it gives. */
  outcome: SourceOutcome;
  reason?: RegExp;
  /** Where the reason is recorded: the source state (default), or only the cycle report (the store itself failed). */
  recordedIn?: 'state' | 'report';
  /** The victim's outcome in the healthy cycle after the fault. */
  recovery?: SourceOutcome[];
  /** For faults around a real change: the e-mails it owes, and in which cycle they must arrive. */
  realChange?: { snapshotIn: 'faulty' | 'recovery' };
  /** The notifier's failure in the faulty cycle, if the fault is in the mail (none otherwise). */
  mailFailure?: RegExp;
  /** Extra checks on the faulty cycle. */
  assess?: (world: FaultWorld, server: TestServer, requestsBefore: number) => void;
}

const shiftJis = (page: Page, withDeclaration: boolean): Buffer => {
  const text = page.body.toString('utf8');
  return iconv.encode(withDeclaration ? text : text.replace(/<meta charset="UTF-8">\n?/i, ''), 'Shift_JIS');
};
const send = (body: Buffer | string, type: string): Route => (_req, res) => { res.writeHead(200, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) }).end(body); };
const pageRequests = (server: TestServer, key: string, since: number): number =>
  server.requests.slice(since).filter((r) => `${r.host} ${r.path}` === key).length;

/** Streams `total` bytes of page-like filler without ever holding more than one chunk, stopping when the client hangs up. */
function stream(total: number, counter: { bytes: number }): Route {
  return (_req, res: ServerResponse) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    const chunk = Buffer.from('<p>filler</p>\n'.repeat(4096));
    const pump = (): void => {
      while (counter.bytes < total && !res.destroyed) {
        counter.bytes += chunk.length;
        if (!res.write(chunk)) { res.once('drain', pump); return; }
      }
      if (!res.destroyed) res.end();
    };
    pump();
  };
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const THROUGHPUT = 'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.';

const FAULTS: Fault[] = [
  {
    title: 'a DNS failure: the host does not resolve',
    victim: JSPS,
    inject: (w) => w.routeHost('www.jsps.go.jp', 'http://www.jsps.go.jp.invalid'),
    outcome: 'failed', reason: /ENOTFOUND www\.jsps\.go\.jp\.invalid/,
  },
  {
    title: 'connection refused',
    victim: JSPS,
    inject: async (w) => w.routeHost('www.jsps.go.jp', `http://127.0.0.1:${await closedPort()}`),
    outcome: 'failed', reason: /ECONNREFUSED/,
  },
  {
    title: 'the connection reset in the middle of the body',
    victim: JSPS,
    inject: (w) => w.serve(w.key, (req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': w.page.body.length });
      res.write(w.page.body.subarray(0, w.page.body.length >> 1), () => req.socket.resetAndDestroy());
    }),
    outcome: 'failed', reason: /network error/,
  },
  {
    title: 'a timeout: the server never answers',
    victim: JSPS,
    inject: (w) => w.serve(w.key, () => { /* holds the request open */ }),
    outcome: 'failed', reason: /no complete answer within the time limit/,
  },
  {
    title: 'a 5xx storm: every attempt answers 503',
    victim: JSPS,
    inject: (w) => w.serve(w.key, (_req, res) => { res.writeHead(503, { 'Content-Type': 'text/plain' }).end('maintenance'); }),
    outcome: 'failed', reason: /HTTP 503/,
    assess: (w, server, since) => expect(pageRequests(server, w.key, since)).toBe(1 + FETCH.retries!),
  },
  {
    title: 'a 429 whose Retry-After is longer than a cycle waits',
    victim: JSPS,
    inject: (w) => w.serve(w.key, (_req, res) => { res.writeHead(429, { 'Retry-After': '3600' }).end(); }),
    outcome: 'failed', reason: /asked to wait 3600 s/,
  },
  {
    title: 'a 429 with Retry-After: 0, then the page',
    victim: JSPS,
    inject: (w) => {
      let refused = false;
      w.serve(w.key, (req, res, hit) => {
        if (refused) return send(w.page.body, 'text/html; charset=utf-8')(req, res, hit);
        refused = true;
        res.writeHead(429, { 'Retry-After': '0' }).end();
      });
    },
    outcome: 'unchanged',
    assess: (w, server, since) => expect(pageRequests(server, w.key, since)).toBe(2),
  },
  {
    // Cut where the record still passes the health check but has lost its contact: read as is, a false "removed".
    title: 'truncated HTML: the page stops before its end, with a matching Content-Length',
    victim: JSPS,
    inject: (w) => w.serve(w.key, send(w.page.body.subarray(0, Math.floor(w.page.body.length * 0.8)), 'text/html; charset=utf-8')),
    outcome: 'failed', reason: /cut short/,
  },
  {
    title: 'an HTML page served as application/pdf',
    victim: JSPS,
    inject: (w) => w.serve(w.key, send(w.page.body, 'application/pdf')),
    outcome: 'unchanged',
  },
  {
    title: 'a PDF served as text/html',
    victim: PDF,
    inject: (w) => w.serve(w.key, send(w.page.body, 'text/html; charset=utf-8')),
    outcome: 'unchanged',
  },
  {
    title: 'a corrupt PDF',
    victim: PDF,
    inject: (w) => {
      const corrupt = Buffer.concat([w.page.body.subarray(0, 1024), Buffer.alloc(w.page.body.length - 1024, 0x5a)]);
      w.serve(w.key, send(corrupt, 'application/pdf'));
    },
    outcome: 'failed', reason: /PDF/,
  },
  {
    title: 'Shift_JIS bytes declared as UTF-8',
    victim: JA_PAGE,
    inject: (w) => w.serve(w.key, send(shiftJis(w.page, true), 'text/html; charset=UTF-8')),
    outcome: 'unchanged',
  },
  {
    title: 'Shift_JIS bytes with no charset declared anywhere',
    victim: JA_PAGE,
    inject: (w) => w.serve(w.key, send(shiftJis(w.page, false), 'text/html')),
    outcome: 'unchanged',
  },
  {
    title: 'a 50 MB body streamed past the size cap',
    victim: JSPS,
    inject: (w) => w.serve(w.key, stream(50 * 1024 * 1024, w.streamed)),
    outcome: 'failed', reason: /grew past the \d+-byte cap/,
    assess: (w) => expect(w.streamed.bytes).toBeLessThan(50 * 1024 * 1024),
  },
  {
    title: 'a redirect loop',
    victim: JSPS,
    inject: (w) => {
      w.serve(w.key, (_req, res) => { res.writeHead(302, { Location: '/english/moved/' }).end(); });
      w.serve('www.jsps.go.jp /english/moved/', (_req, res) => { res.writeHead(301, { Location: 'https://www.jsps.go.jp/english/e-inv_researchers/' }).end(); });
    },
    outcome: 'failed', reason: /redirects loop back/,
  },
  {
    title: 'a redirect off the allowlist, to the cloud metadata address',
    victim: JSPS,
    inject: (w) => w.serve(w.key, (_req, res) => { res.writeHead(302, { Location: 'http://169.254.169.254/latest/meta-data/' }).end(); }),
    outcome: 'failed', reason: /redirected to 169\.254\.169\.254, which is not on the allowlist/,
  },
  {
    title: 'robots.txt disallows the page',
    victim: JSPS,
    inject: (w) => w.serve('www.jsps.go.jp /robots.txt', send('User-agent: *\nDisallow: /english/\n', 'text/plain')),
    outcome: 'failed', reason: /robots\.txt disallows this page/,
  },
  {
    title: 'a site redesign that empties the record',
    victim: REDESIGNED,
    inject: async (w) => w.serve(w.key, send(await readFile(new URL('../../fixtures/collapsed/amed-aspire-en.v3.html', import.meta.url)), 'text/html; charset=utf-8')),
    outcome: 'unhealthy', reason: /no longer yields any programme data/,
  },
  {
    title: 'DynamoDB throttling (ProvisionedThroughputExceededException) while a real change is stored',
    victim: JA_PAGE,
    inject: async (w) => {
      await w.serveVersion(JA_PAGE, 2);
      // Past the SDK's own retries: the write of this one source keeps being throttled for the whole cycle.
      w.wrapStore((store) => new Proxy(store, {
        get: (target, name, receiver) => name !== 'commitSnapshot' ? Reflect.get(target, name, receiver)
          : async (...args: Parameters<Store['commitSnapshot']>) => {
            if (args[0].sourceId === JA_PAGE) throw new ProvisionedThroughputExceededException({ message: THROUGHPUT, $metadata: { httpStatusCode: 400 } });
            return target.commitSnapshot(...args);
          },
      }));
    },
    outcome: 'failed', reason: /provisioned throughput for the table was exceeded/, recordedIn: 'report',
    recovery: ['changed'], realChange: { snapshotIn: 'recovery' },
  },
  {
    title: 'SES throttling while a real change is e-mailed',
    victim: JA_PAGE,
    inject: async (w) => {
      await w.serveVersion(JA_PAGE, 2);
      // Past the SDK's own retries: every send of this run is refused as SES refuses when throttling.
      w.wrapMailer((mailer) => ({
        send: async () => { throw new SESServiceException({ name: 'Throttling', $fault: 'client', message: 'Maximum sending rate exceeded.', $metadata: { httpStatusCode: 400 } }); },
        findSent: (key) => mailer.findSent(key),
      }));
    },
    outcome: 'changed', realChange: { snapshotIn: 'faulty' }, mailFailure: /Maximum sending rate exceeded/,
  },
];

describe('the fault matrix: a whole cycle with one fault, and the next healthy cycle', () => {
  let registry: Source[];
  let engine: LocalEngine;
  let client: DynamoDBClient;
  let ses: SesEmulator;
  let server: TestServer;
  const healthy = new Map<string, Page>();

  const pageOf = async (source: Source, version: number): Promise<Page> => {
    const ext = source.kind === 'pdf' ? 'pdf' : 'html';
    return { body: await readFile(join(sitePath(source.url), `v${version}.${ext}`)), type: ext === 'pdf' ? 'application/pdf' : 'text/html; charset=utf-8' };
  };
  const keyOf = (url: string): string => { const u = new URL(url); return `${u.host} ${u.pathname}`; };
  /** A well-run server: ETags, 304 for a matching If-None-Match, robots.txt absent (404 allows all). */
  const servePage = (page: Page): Route => {
    const etag = `"${createHash('sha256').update(page.body).digest('hex').slice(0, 16)}"`;
    return (req, res) => {
      if (req.headers['if-none-match'] === etag) res.writeHead(304, { ETag: etag }).end();
      else res.writeHead(200, { 'Content-Type': page.type, 'Content-Length': page.body.length, ETag: etag }).end(page.body);
    };
  };
  const serveHealthy = (): void => {
    for (const source of registry) {
      server.route(keyOf(source.url), servePage(healthy.get(source.id)!));
      server.route(`${new URL(source.url).host} /robots.txt`, (_req, res) => { res.writeHead(404).end(); });
    }
  };

  /** One production fetcher per origin, chosen by the URL's host: how a host can be unreachable while the others answer. */
  const routedFetcher = (hosts: Map<string, string>): Fetcher => {
    const fetchers = new Map<string, Fetcher>();
    const forOrigin = (origin: string): Fetcher => {
      if (!fetchers.has(origin)) fetchers.set(origin, createFetcher({ ...DEFAULT_FETCHER_OPTIONS, ...FETCH, route: { origin } }));
      return fetchers.get(origin)!;
    };
    return {
      fetch: (url, validators) => forOrigin(hosts.get(new URL(url).host) ?? server.origin).fetch(url, validators),
      close: async () => { await Promise.all([...fetchers.values()].map((f) => f.close())); },
    };
  };

  beforeAll(async () => {
    const all = await loadRegistry();
    registry = REGISTRY.map((id) => all.find((s) => s.id === id)!);
    for (const source of registry) healthy.set(source.id, await pageOf(source, 1));
    engine = await startDynalite({});
    client = new DynamoDBClient({ endpoint: engine.endpoint, region: 'local', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    ses = await startSesEmulator();
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
    await ses?.close();
    client?.destroy();
    await engine?.close();
  });

  it.each(FAULTS.map((fault, i) => [fault.title, fault, i] as const))('%s', async (_title, fault, row) => {
    // Prepare: a fresh table, one subscriber who wants everything, every page healthy.
    const table = `faults-${row}`;
    await ensureTable(client, table);
    const store = createDynamoStore({ tableName: table, client });
    const email = `watcher-${row}@example.org`;
    await store.putSubscriber({ id: `s-${row}`, email, lang: 'en', status: 'confirmed', filters: {} });
    const mailer = createSesMailer({ from: 'fundwatch <alerts@fundwatch.local>', endpoint: ses.endpoint });
    const inbox = async () => (await ses.emails()).filter((e) => e.destination.to.some((to) => to.includes(email)));
    for (const source of registry) healthy.set(source.id, await pageOf(source, 1));
    serveHealthy();
    const victim = registry.find((s) => s.id === fault.victim)!;
    const hosts = new Map<string, string>();
    let cycleStore: Store = store;
    let notifyMailer: Mailer = mailer;
    const world: FaultWorld = {
      victim, key: keyOf(victim.url), streamed: { bytes: 0 },
      get page() { return healthy.get(victim.id)!; },
      serve: (key, handler) => server.route(key, handler),
      routeHost: (host, origin) => { hosts.set(host, origin); },
      wrapStore: (wrap) => { cycleStore = wrap(store); },
      wrapMailer: (wrap) => { notifyMailer = wrap(mailer); },
      serveVersion: async (id, version) => {
        const source = registry.find((s) => s.id === id)!;
        healthy.set(id, await pageOf(source, version));
        server.route(keyOf(source.url), servePage(healthy.get(id)!));
      },
    };
    const cycle = async (at: number): Promise<{ report: CycleReport; notified: NotifyReport }> => {
      const fetcher = routedFetcher(hosts);
      try {
        const report = await runCycle({ fetcher, store: cycleStore, clock: () => new Date(at), parse: parsePage }, registry);
        const notified = await notifyPending({ store, mailer: notifyMailer, clock: () => new Date(at) });
        return { report, notified };
      } finally {
        await fetcher.close();
      }
    };
    const outcomes = (report: CycleReport) => Object.fromEntries(report.results.map((r) => [r.sourceId, r.outcome]));
    const others = (outcome: SourceOutcome) => Object.fromEntries(registry.filter((s) => s !== victim).map((s) => [s.id, outcome]));
    const resultOf = (report: CycleReport) => report.results.find((r) => r.sourceId === victim.id)!;

    const baseline = await cycle(T0);
    expect(Object.values(outcomes(baseline.report))).toEqual(registry.map(() => 'new'));
    expect(baseline.notified.emailsSent).toBe(0);
    const snapshots = new Map(await Promise.all(registry.map(async (s) => [s.id, await store.getLatestSnapshot(s.id)] as const)));
    const requestsBefore = server.requests.length;

    // Act: the faulty cycle.
    await fault.inject(world);
    const faulty = await cycle(T0 + HOUR);

    // Assess: the others as without the fault, the victim recorded with its reason.
    expect(outcomes(faulty.report)).toEqual({ ...others('not-modified'), [victim.id]: fault.outcome });
    const failed = resultOf(faulty.report);
    if (fault.reason) expect(failed.error).toMatch(fault.reason);
    const state = await store.getState(victim.id);
    if (fault.outcome === 'failed' || fault.outcome === 'unhealthy') {
      if (fault.recordedIn === 'report') expect(state?.lastOutcome).toBe('new');
      else expect([state?.lastOutcome, state?.consecutiveFailures, state?.lastError]).toEqual([fault.outcome, 1, expect.stringMatching(fault.reason!)]);
    }
    if (fault.outcome === 'unhealthy') expect((await store.listHealthEvents(victim.id)).map((h) => h.reason)).toEqual([expect.stringMatching(fault.reason!)]);
    for (const source of registry) {
      if (source === victim && fault.realChange?.snapshotIn === 'faulty') continue;
      expect(await store.getLatestSnapshot(source.id), source.id).toEqual(snapshots.get(source.id));
    }
    expect((await store.listChanges(victim.id)).filter((c) => c.change.kind === 'removed')).toEqual([]);
    expect(faulty.notified.emailsSent).toBe(0);
    expect(faulty.notified.failures).toEqual(fault.mailFailure ? [expect.stringMatching(fault.mailFailure)] : []);
    expect(await inbox()).toEqual([]);
    fault.assess?.(world, server, requestsBefore);

    // Act: the fault is gone; the next cycle runs as scheduled.
    serveHealthy();
    hosts.clear();
    cycleStore = store;
    notifyMailer = mailer;
    const recovered = await cycle(T0 + 2 * HOUR);

    // Assess: back to normal by itself, and any real change e-mailed exactly once.
    expect(outcomes(recovered.report)).toEqual({ ...others('not-modified'), [victim.id]: resultOf(recovered.report).outcome });
    expect(fault.recovery ?? ['not-modified', 'unchanged']).toContain(resultOf(recovered.report).outcome);
    expect(await store.getState(victim.id)).toMatchObject({ consecutiveFailures: 0, lastOutcome: resultOf(recovered.report).outcome });
    expect((await store.getState(victim.id))?.lastError).toBeUndefined();
    const latest = await store.getLatestSnapshot(victim.id);
    if (fault.realChange) {
      expect(latest?.version).toBe(2);
      const mails = await inbox();
      expect(mails).toHaveLength(1);
      expect(mails[0]!.body.text).toContain(victim.url);
      // The claim the refused send left open is stale an hour later: released, then sent once.
      expect(recovered.notified.recovered.released).toBe(fault.mailFailure ? 1 : 0);
      expect((await notifyPending({ store, mailer, clock: () => new Date(T0 + 3 * HOUR) })).emailsSent).toBe(0);
    } else {
      expect(latest).toEqual(snapshots.get(victim.id));
      expect(await inbox()).toEqual([]);
    }
    expect(await store.listPendingEvents()).toEqual([]);
  });
});
