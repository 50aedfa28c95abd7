/**
 * The local store: the DynamoDB API on an embedded engine (dynalite), persisted under the data folder.
 * Its own module so that the queries load only this, not the SES emulator or the fixture server.
 */
import { resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DEFAULT_TABLE_NAME } from '#io/store/table-design.ts';
import { createDynamoStore, ensureTable } from '#io/store/dynamo-store.ts';
import { startDynalite } from '#io/local/dynalite.ts';
import type { Store } from '#core/ports/store.ts';
import { makeDataFolder, storeFolder } from './data-folder.ts';

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
