/**
 * A change that happens again is a new change, e-mailed again; a change seen once is e-mailed once.
 * A seeded fast-check property draws, for two pages, a history of which recorded version each cycle
 * finds (flips and reverts included: A B A B, A B B A, ...) and the cycle at which a late subscriber
 * confirms. Each history runs through the real cycle (parsers, diff, checkSource) and notifier on
 * dynalite, with a mailer that records what it is handed. At the end, past every digest's time:
 *
 *   - every stored change reached each subscriber whose filters it matches exactly once, and
 *   - a subscriber never received a change detected before they confirmed.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { checkSource } from '#core/monitoring/check-source.ts';
import { runCycle } from '#core/monitoring/cycle.ts';
import type { ChangeEvent } from '#core/domain/changes.ts';
import type { Subscriber } from '#core/domain/subscribers.ts';
import { notifyPending } from '#core/notification/notify.ts';
import type { Fetcher } from '#core/ports/fetcher.ts';
import type { Mailer } from '#core/ports/mailer.ts';
import type { Store } from '#core/ports/store.ts';
import { startDynalite, type LocalEngine } from '#io/local/dynalite.ts';
import { createDynamoStore, ensureTable } from '#io/store/dynamo-store.ts';
import { parsePage } from '#parsers/parse-page.ts';
import type { ParseResult } from '#parsers/schema.ts';
import { loadRegistry, type Source } from '#parsers/sources.ts';
import { FIXTURE_SITES } from '#cli/local-env.ts';
import { localClient } from '../helpers/engines.ts';

/** Two pages whose recorded versions differ by real changes (a deadline moved; eligibility reworded), of two agencies. */
const PAGES = {
  'jst-aspire-top-en': 'www.jst.go.jp/aspire/en/_index',
  'jsps-fellowships-en': 'www.jsps.go.jp/english/e-inv_researchers/_index',
} as const;
type PageId = keyof typeof PAGES;
type Version = 'v1' | 'v2';

const START = Date.parse('2025-04-01T00:00:00Z');
const HOUR = 3_600_000;

/** Who listens: everything at once, one agency, a daily digest, and two who confirm part-way (one of them a digest). */
function subscribers(lateAt: number, lateDigestAt: number): Array<{ subscriber: Subscriber; confirmsAt: number }> {
  const s = (id: string, filters: Subscriber['filters'], delivery?: Subscriber['delivery']): Subscriber =>
    ({ id, email: `${id}@example.org`, lang: 'en', status: 'pending', filters, ...(delivery ? { delivery } : {}) });
  return [
    { subscriber: s('s-all', {}), confirmsAt: 0 },
    { subscriber: s('s-jst', { agencies: ['JST'] }), confirmsAt: 0 },
    { subscriber: s('s-digest', {}, 'daily'), confirmsAt: 0 },
    { subscriber: s('s-late', {}), confirmsAt: lateAt },
    { subscriber: s('s-late-digest', { agencies: ['JSPS'] }, 'daily'), confirmsAt: lateDigestAt },
  ];
}

/** The test's own reading of the filters used above (not the notifier's `matches`). */
const wants = (s: Subscriber, e: ChangeEvent): boolean => !s.filters.agencies || s.filters.agencies.includes(e.agency);

interface History { pages: Record<PageId, Version[]>; lateAt: number; lateDigestAt: number }

const versions = fc.array(fc.constantFrom<Version>('v1', 'v2'), { minLength: 1, maxLength: 5 });
const histories: fc.Arbitrary<History> = fc.record({
  pages: fc.record({ 'jst-aspire-top-en': versions, 'jsps-fellowships-en': versions }),
  lateAt: fc.integer({ min: 0, max: 5 }),
  lateDigestAt: fc.integer({ min: 0, max: 5 }),
});

describe('change identity across a page history of flips and reverts', () => {
  let engine: LocalEngine;
  let client: DynamoDBClient;
  let sources: Source[];
  const bodies = new Map<string, Uint8Array>();
  /** Parsing is pure and the same few pages recur: parse each once, hand out copies. */
  const parsed = new Map<string, ParseResult>();
  let tables = 0;

  beforeAll(async () => {
    engine = await startDynalite({});
    client = localClient(engine.endpoint);
    const registry = await loadRegistry();
    sources = Object.keys(PAGES).map((id) => registry.find((s) => s.id === id)!);
    for (const [id, folder] of Object.entries(PAGES)) {
      for (const v of ['v1', 'v2']) bodies.set(`${id}/${v}`, await readFile(join(FIXTURE_SITES, folder, `${v}.html`)));
    }
  });
  afterAll(async () => {
    client.destroy();
    await engine.close();
  });

  /** The agency's server, in memory: each page answers with the version `serving` names for it now. */
  const fetcherOf = (serving: Map<string, Version>): Fetcher => ({
    async fetch(url) {
      const source = sources.find((s) => s.url === url)!;
      const body = bodies.get(`${source.id}/${serving.get(source.id)}`)!;
      return { kind: 'fetched', url, finalUrl: url, status: 200, body, mediaType: 'text/html', elapsedMs: 0 };
    },
    close: async () => {},
  });

  /** One history, on a table of its own; returns what each subscriber was e-mailed and what was stored. */
  async function live(history: History): Promise<{ store: Store; sent: Array<{ to: string; key: string }>; people: Subscriber[] }> {
    const table = `fw-identity-${(tables += 1)}`;
    await ensureTable(client, table);
    const store = createDynamoStore({ tableName: table, client });
    const serving = new Map<string, Version>();
    const fetcher = fetcherOf(serving);
    const parse: typeof parsePage = async (input) => {
      const key = `${input.source.id}/${serving.get(input.source.id)}`;
      if (!parsed.has(key)) parsed.set(key, await parsePage(input));
      return structuredClone(parsed.get(key)!);
    };
    const sent: Array<{ to: string; key: string }> = [];
    const mailer: Mailer = {
      async send(mail, key) {
        sent.push({ to: mail.to, key: key! });
        return { messageId: `m-${sent.length}` };
      },
      findSent: async (key) => (sent.some((m) => m.key === key) ? { messageId: key } : undefined),
    };
    const people = subscribers(history.lateAt, history.lateDigestAt);
    for (const { subscriber } of people) await store.putSubscriber(subscriber);

    const steps = Math.max(...Object.values(history.pages).map((v) => v.length), history.lateAt, history.lateDigestAt) + 1;
    for (let step = 0; step < steps; step += 1) {
      const at = START + step * HOUR;
      for (const { subscriber, confirmsAt } of people) {
        if (confirmsAt === step) await store.putSubscriber({ ...subscriber, status: 'confirmed', confirmedAt: new Date(at).toISOString() });
      }
      // A page's history ends at its last version: later cycles find it unchanged.
      for (const [id, seq] of Object.entries(history.pages)) serving.set(id, seq[Math.min(step, seq.length - 1)]!);
      await runCycle({ fetcher, store, clock: () => new Date(at + 10 * 60_000), parse }, sources, { concurrency: 1 });
      await notifyPending({ store, mailer, clock: () => new Date(at + 20 * 60_000) });
    }
    // Two days on, every daily digest is due: whatever is still owed goes out now.
    await notifyPending({ store, mailer, clock: () => new Date(START + (steps + 48) * HOUR) });
    return { store, sent, people: await store.listSubscribers() };
  }

  it('e-mails every stored change once to each matching subscriber, and nothing detected before they confirmed', async () => {
    await fc.assert(fc.asyncProperty(histories, async (history) => {
      const { store, sent, people } = await live(history);
      const stored = (await Promise.all(sources.map((s) => store.listChanges(s.id)))).flat();
      for (const person of people) {
        const claims = await store.listSendClaims(person.id);
        const received = sent.filter((m) => m.to === person.email)
          .flatMap((m) => claims.find((c) => c.key === m.key)?.eventIds ?? [`<unrecorded e-mail ${m.key}>`]);
        const owed = stored.filter((e) => wants(person, e) && e.detectedAt >= person.confirmedAt!).map((e) => e.id);
        expect({ subscriber: person.id, received: received.sort() }).toEqual({ subscriber: person.id, received: owed.sort() });
      }
      expect(await store.listPendingEvents()).toEqual([]);
    }), {
      seed: 1515,
      numRuns: 6,
      // The two histories the issue names, always tried first.
      examples: [
        [{ pages: { 'jst-aspire-top-en': ['v1', 'v2', 'v1', 'v2'], 'jsps-fellowships-en': ['v1'] }, lateAt: 0, lateDigestAt: 0 }],
        [{ pages: { 'jst-aspire-top-en': ['v1', 'v2', 'v2', 'v1'], 'jsps-fellowships-en': ['v1', 'v2', 'v1', 'v2'] }, lateAt: 3, lateDigestAt: 2 }],
      ],
    });
  }, 60_000);

  it('stores a change that happens again as a new event, and a retried check of the same two versions as the same one', async () => {
    const { store } = await live({ pages: { 'jst-aspire-top-en': ['v1', 'v2', 'v1', 'v2'], 'jsps-fellowships-en': ['v1'] }, lateAt: 0, lateDigestAt: 0 });
    const changes = await store.listChanges('jst-aspire-top-en');
    const what = (events: ChangeEvent[]) => events.map((e) => JSON.stringify(e.change)).sort();
    const first = changes.filter((e) => e.toVersion === 2);
    const again = changes.filter((e) => e.toVersion === 4);

    expect(first.length).toBeGreaterThan(0);
    expect(what(again)).toEqual(what(first));
    expect(again.map((e) => e.id).filter((id) => first.some((f) => f.id === id))).toEqual([]);

    // A run that stored version 4's events and died before moving the state on: its retry, hours later, compares
    // the same two versions again and must come to the same events, which the store then finds already written.
    let retriedEvents: ChangeEvent[] = [];
    const retried = await checkSource({ store: { ...store, getState: async (id) => ({ ...(await store.getState(id))!, snapshotVersion: 3 }),
      commitSnapshot: async (_snapshot, events) => { retriedEvents = events; } },
    fetcher: fetcherOf(new Map([['jst-aspire-top-en', 'v2']])), clock: () => new Date(START + 99 * HOUR), parse: parsePage }, sources[0]!);

    expect(retried.outcome).toBe('changed');
    expect(retriedEvents.map((e) => e.id).sort()).toEqual(again.map((e) => e.id).sort());
  }, 20_000);
});
