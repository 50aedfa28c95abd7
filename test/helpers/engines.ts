/** The two DynamoDB-API engines the store's contract holds on, each started by the tests. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll } from 'vitest';
import type { Store } from '#core/ports/store.ts';
import { createDynamoStore, ensureTable } from '#io/store/dynamo-store.ts';
import { startDynalite, type LocalEngine } from '#io/local/dynalite.ts';
import { startDynamoDbLocal } from './dynamodb-local.ts';

export const ENGINES: Array<{ name: string; start: () => Promise<LocalEngine> }> = [
  { name: 'dynalite', start: () => startDynalite({}) },
  { name: 'DynamoDB Local', start: startDynamoDbLocal },
];

export function localClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
}

/**
 * The embedded engine for one describe block, started before its tests and closed after them, and a fresh table per
 * test (named `<prefix>-<n>`), so that every test stands alone whatever runs before it.
 * @example const tables = useDynaliteTables('limits'); ... const { store } = await tables.freshTable();
 */
export function useDynaliteTables(prefix: string): { freshTable: () => Promise<{ store: Store; tableName: string; client: DynamoDBClient }> } {
  let engine: LocalEngine | undefined;
  let client: DynamoDBClient | undefined;
  let count = 0;
  beforeAll(async () => {
    engine = await startDynalite({});
    client = localClient(engine.endpoint);
  });
  afterAll(async () => {
    client?.destroy();
    await engine?.close();
  });
  return {
    async freshTable() {
      if (!client) throw new Error('useDynaliteTables: call freshTable inside a test of the describe block that set it up');
      const tableName = `${prefix}-${(count += 1)}`;
      await ensureTable(client, tableName);
      return { store: createDynamoStore({ tableName, client }), tableName, client };
    },
  };
}
