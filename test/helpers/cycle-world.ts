/**
 * A whole fundwatch on local engines for the concurrency and crash tests: one dynalite, one SES
 * emulator and one fixture server shared by many tables. Each table gets its own subscribers (ids and
 * addresses carry the table's tag), so delivery keys and inbox counts never mix between tables.
 */
import { readFile } from 'node:fs/promises';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { runCycle, type CycleOptions, type CycleReport } from '#core/monitoring/cycle.ts';
import type { ChangeCategory } from '#core/domain/changes.ts';
import type { Subscriber } from '#core/domain/subscribers.ts';
import type { Clock } from '#core/ports/clock.ts';
import type { Mailer } from '#core/ports/mailer.ts';
import type { Store } from '#core/ports/store.ts';
import { referenceLine } from '#core/notification/email/change-email.ts';
import { createFetcher, DEFAULT_FETCHER_OPTIONS } from '#io/fetch/fetcher.ts';
import { startDynalite } from '#io/local/dynalite.ts';
import { startFixtureServer, type FixtureServer } from '#io/local/fixture-server.ts';
import { startSesEmulator, type EmulatedEmail, type SesEmulator } from '#io/local/ses-emulator.ts';
import { createSesMailer } from '#io/mail/ses-mailer.ts';
import { createDynamoStore, ensureTable } from '#io/store/dynamo-store.ts';
import { parsePage } from '#parsers/parse-page.ts';
import type { Source } from '#parsers/sources.ts';
import { FIXTURE_SITES } from '#cli/local-env.ts';

type Manifest = Record<string, { expect?: Record<string, string[]> }>;

/** The change categories fixtures/versions.json expects at step 2 (undefined: the page has no v2). */
export async function expectedAtStep2(): Promise<Map<string, ChangeCategory[] | undefined>> {
  const manifest = JSON.parse(await readFile(new URL('../../fixtures/versions.json', import.meta.url), 'utf8')) as Manifest;
  return new Map(Object.entries(manifest).filter(([id]) => id !== '$comment').map(([id, m]) => [id, m.expect?.v2 as ChangeCategory[] | undefined]));
}

/** The subscribers every table gets: all changes, one agency each, and a daily digest. */
export const SUBSCRIBERS: Subscriber[] = [
  { id: 'all', email: 'all@example.org', lang: 'en', status: 'confirmed', filters: {} },
  { id: 'jst', email: 'jst@example.jp', lang: 'ja', status: 'confirmed', filters: { agencies: ['JST'] } },
  { id: 'amed', email: 'amed@example.org', lang: 'en', status: 'confirmed', filters: { agencies: ['AMED'] } },
  { id: 'digest', email: 'digest@example.org', lang: 'en', status: 'confirmed', filters: {}, delivery: 'daily' },
  { id: 'gone', email: 'gone@example.org', lang: 'en', status: 'unsubscribed', filters: {} },
];

export const subscriberOf = (s: Subscriber, tag: string): Subscriber => ({ ...s, id: `${s.id}-${tag}`, email: s.email.replace('@', `+${tag}@`) });

export interface World {
  /** The dynalite endpoint, for clients of one's own. */
  endpoint: string;
  client: DynamoDBClient;
  ses: SesEmulator;
  server: FixtureServer;
  /** A fresh table with this tag's subscribers. */
  table(tag: string, client?: DynamoDBClient): Promise<Store>;
  /** A mailer on the emulator that finds sent messages by their reference line, as the CLI wires it. */
  mailer(): Mailer;
  cycle(store: Store, sources: Source[], clock: Clock, options?: CycleOptions): Promise<CycleReport>;
  /** The e-mails the tag's subscribers received. */
  inbox(tag: string): Promise<EmulatedEmail[]>;
  close(): Promise<void>;
}

export async function startWorld(): Promise<World> {
  const engine = await startDynalite({});
  const client = localClient(engine.endpoint);
  const ses = await startSesEmulator();
  const server = await startFixtureServer({ root: FIXTURE_SITES, step: 1 });
  return {
    endpoint: engine.endpoint, client, ses, server,
    async table(tag, tableClient = client) {
      await ensureTable(client, `fw-${tag}`);
      const store = createDynamoStore({ tableName: `fw-${tag}`, client: tableClient });
      for (const s of SUBSCRIBERS) await store.putSubscriber(subscriberOf(s, tag));
      return store;
    },
    mailer: () => createSesMailer({ from: 'fundwatch <alerts@fundwatch.local>', endpoint: ses.endpoint, maxPerSecond: 1000,
      lookup: (key) => ses.findByText(referenceLine(key)) }),
    async cycle(store, sources, clock, options = {}) {
      // A fetcher per run, as two Lambda invocations would each have their own.
      const fetcher = createFetcher({ ...DEFAULT_FETCHER_OPTIONS, route: { origin: server.origin }, politenessDelayMs: 0 });
      try {
        return await runCycle({ fetcher, store, clock, parse: parsePage }, sources, options);
      } finally {
        await fetcher.close();
      }
    },
    inbox: async (tag) => (await ses.emails()).filter((e) => e.destination.to.some((to) => to.includes(`+${tag}@`))),
    async close() {
      await server.close();
      await ses.close();
      client.destroy();
      await engine.close();
    },
  };
}

export function localClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
}

/** The delivery reference of an e-mail (the "Ref. <key>" line notify puts in every message). */
export function referenceOf(email: EmulatedEmail): string | undefined {
  return email.body.text?.split(/\r?\n/).map((l) => l.trim()).find((l) => l.startsWith('Ref. '))?.slice('Ref. '.length);
}

/** "recipient|reference" -> how many such e-mails arrived. */
export function countByRecipientAndReference(emails: EmulatedEmail[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of emails) for (const to of e.destination.to) {
    const key = `${to}|${referenceOf(e) ?? '?'}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
