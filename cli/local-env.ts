/**
 * The local stand-ins for AWS, started by the program itself: an embedded DynamoDB-API engine
 * (dynalite, persisted under the data folder), the SES emulator, and for offline runs the fixture
 * server that replays recorded agency pages. The cycle code that runs on them is the Lambda's.
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DEFAULT_TABLE_NAME } from '#io/store/table-design.ts';
import { createDynamoStore, ensureTable } from '#io/store/dynamo-store.ts';
import { startDynalite } from '#io/local/dynalite.ts';
import { startSesEmulator, type SesEmulator } from '#io/local/ses-emulator.ts';
import { inboxFolder } from '#io/local/inbox-folder.ts';
import { startFixtureServer, type FixtureServer } from '#io/local/fixture-server.ts';
import { createSesMailer } from '#io/mail/ses-mailer.ts';
import type { Mailer } from '#core/ports/mailer.ts';
import type { Store } from '#core/ports/store.ts';
import { referenceLine } from '#core/notification/email/change-email.ts';
import { makeDataFolder, storeFolder } from './data-folder.ts';

export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const FIXTURE_SITES = join(PROJECT_ROOT, 'fixtures', 'sites');
export const DEFAULT_DATA_DIR = 'data';
export const LOCAL_SENDER = 'fundwatch <alerts@fundwatch.local>';

export interface LocalStore {
  store: Store;
  endpoint: string;
  dbPath: string;
  close(): Promise<void>;
}

/** The store on dynalite, persisted at <data>/dynamodb so the next run compares against this one. */
export async function openLocalStore(dataDir: string): Promise<LocalStore> {
  const dbPath = storeFolder(resolve(dataDir));
  await makeDataFolder(dbPath);
  const engine = await startDynalite({ path: dbPath });
  const client = new DynamoDBClient({ endpoint: engine.endpoint, region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    await ensureTable(client, DEFAULT_TABLE_NAME);
  } catch (err) {
    client.destroy();
    await engine.close();
    throw err;
  }
  const store = createDynamoStore({ tableName: DEFAULT_TABLE_NAME, client });
  return { store, endpoint: engine.endpoint, dbPath, close: async () => { client.destroy(); await engine.close(); } };
}

export interface LocalMail {
  mailer: Mailer;
  emulator: SesEmulator;
  close(): Promise<void>;
}

/**
 * The local SES and its mailer. With `inboxDir` (the data folder's inbox) every message is saved there, raw,
 * before the send returns, and a crashed run's e-mail is looked up there: the emulator forgets with its process.
 */
export async function startLocalMail(port?: number, inboxDir?: string): Promise<LocalMail> {
  const emulator = await startSesEmulator({ port });
  const inbox = inboxDir ? inboxFolder(inboxDir) : undefined;
  const mailer = createSesMailer({ from: LOCAL_SENDER, endpoint: emulator.endpoint, maxPerSecond: 50,
    ...(inbox ? { keep: inbox.keep, lookup: inbox.find } : { lookup: (key: string) => emulator.findByText(referenceLine(key)) }) });
  return { mailer, emulator, close: () => emulator.close() };
}

export async function startReplay(step: number): Promise<FixtureServer> {
  return startFixtureServer({ root: FIXTURE_SITES, step });
}
