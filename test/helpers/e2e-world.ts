/**
 * What the end-to-end tests start: the recorded agency pages on a local server, dynalite with a table, the SES
 * emulator with a mailer that finds a crashed run's e-mail by its reference line, and the registry; `cycle()` runs
 * one monitoring cycle over the pages at the server's current step.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { runCycle } from '#core/monitoring/cycle.ts';
import { referenceLine } from '#core/notification/email/change-email.ts';
import type { Mailer } from '#core/ports/mailer.ts';
import type { Store } from '#core/ports/store.ts';
import { createFetcher, DEFAULT_FETCHER_OPTIONS } from '#io/fetch/fetcher.ts';
import { startDynalite } from '#io/local/dynalite.ts';
import { startFixtureServer, type FixtureServer } from '#io/local/fixture-server.ts';
import { startSesEmulator, type SesEmulator } from '#io/local/ses-emulator.ts';
import { createSesMailer } from '#io/mail/ses-mailer.ts';
import { createDynamoStore, ensureTable } from '#io/store/dynamo-store.ts';
import { parsePage } from '#parsers/parse-page.ts';
import { loadRegistry, type Source } from '#parsers/sources.ts';
import { FIXTURE_SITES } from '#cli/local-env.ts';

export interface E2eWorld {
  sources: Source[];
  store: Store;
  ses: SesEmulator;
  mailer: Mailer;
  fixtures: FixtureServer;
  /** One monitoring cycle over the recorded pages, as `fundwatch run --offline` runs it. */
  cycle(): Promise<void>;
  close(): Promise<void>;
}

export async function startE2eWorld(tableName: string): Promise<E2eWorld> {
  const sources = await loadRegistry();
  const engine = await startDynalite({});
  const client = new DynamoDBClient({ endpoint: engine.endpoint, region: 'local', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  await ensureTable(client, tableName);
  const store = createDynamoStore({ tableName, client });
  const ses = await startSesEmulator();
  const mailer = createSesMailer({ from: 'fundwatch <alerts@fundwatch.local>', endpoint: ses.endpoint, maxPerSecond: 100, lookup: (key) => ses.findByText(referenceLine(key)) });
  const fixtures = await startFixtureServer({ root: FIXTURE_SITES, step: 1 });
  return {
    sources, store, ses, mailer, fixtures,
    async cycle() {
      const fetcher = createFetcher({ ...DEFAULT_FETCHER_OPTIONS, route: { origin: fixtures.origin }, politenessDelayMs: 5 });
      try {
        await runCycle({ fetcher, store, clock: () => new Date(), parse: parsePage }, sources);
      } finally {
        await fetcher.close();
      }
    },
    async close() {
      await fixtures.close();
      await ses.close();
      client.destroy();
      await engine.close();
    },
  };
}
