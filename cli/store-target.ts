/**
 * Which store a query reads: the local one (dynalite under --data) by default, or a DynamoDB table
 * (--table, with --region and the standard AWS credential chain; --endpoint for DynamoDB Local).
 */
import { resolve } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Store } from '#core/ports/store.ts';
import { openLocalReader } from './local-reader.ts';
import { requireStore } from './data-folder.ts';

export interface StoreTargetOptions {
  data: string;
  table?: string;
  region?: string;
  endpoint?: string;
}

export interface OpenStore {
  store: Store;
  /** Where the data came from, for the reader. */
  label: string;
  close(): Promise<void>;
}

export async function openStoreTarget(options: StoreTargetOptions): Promise<OpenStore> {
  if (!options.table) {
    if (options.region || options.endpoint) throw new Error('--region and --endpoint need --table <name>: the DynamoDB table to read');
    // A query never makes a store: a mistyped --data would otherwise answer "(nothing)".
    requireStore(resolve(options.data));
    const local = await openLocalReader(resolve(options.data));
    return { store: local.store, label: `local store ${local.dbPath}`, close: local.close };
  }
  // Loaded here only: the local store is read without the SDK.
  const [{ DynamoDBClient }, { createDynamoStore }] = await Promise.all([import('@aws-sdk/client-dynamodb'), import('#io/store/dynamo-store.ts')]);
  const client = new DynamoDBClient({ maxAttempts: 8, ...(options.region ? { region: options.region } : {}), ...(options.endpoint ? { endpoint: options.endpoint } : {}) });
  await requireRegion(client, options.table);
  return {
    store: createDynamoStore({ tableName: options.table, client }),
    label: `DynamoDB table ${options.table}${options.region ? ` (${options.region})` : ''}`,
    close: async () => client.destroy(),
  };
}

/** The SDK says only "Region is missing", at the first request; this says it before, with the ways to give one. */
async function requireRegion(client: DynamoDBClient, table: string): Promise<void> {
  try {
    await client.config.region();
  } catch {
    client.destroy();
    throw new Error(`no AWS region for --table ${table}: add --region (the stack's region, e.g. --region ap-northeast-1), or set AWS_REGION or a region in your AWS profile`);
  }
}
