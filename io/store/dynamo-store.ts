/**
 * The Store port on DynamoDB: the real table in AWS, dynalite or DynamoDB Local on a machine. One module
 * per role under dynamo/ (snapshots, event log, subscribers, outbox, discovery, cycle log), each showing
 * which DynamoDB API its methods use, all on one table (dynamo/table.ts); this module creates the table
 * and composes the roles (store-on-table.ts) into the one Store that wiring passes around. snapshots.ts draws the order of
 * commitSnapshot's writes, which keeps a retried or overlapping run safe without transactions.
 */
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ResourceInUseException,
  type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Store } from '#core/ports/store.ts';
import { TABLE_DESIGN } from './table-design.ts';
import { openTable } from './dynamo/sdk-table.ts';
import { storeOnTable } from './store-on-table.ts';

export { MissingTableError } from './dynamo/table.ts';

export interface DynamoStoreOptions {
  tableName: string;
  client?: DynamoDBClient;
  endpoint?: string;
  region?: string;
}

export function createTableInput(tableName: string): CreateTableCommandInput {
  const { partitionKey, sortKey, indexes } = TABLE_DESIGN;
  const attrs = [partitionKey, sortKey, ...Object.values(indexes).flatMap((i) => [i.partitionKey, i.sortKey])];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: attrs.map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
    KeySchema: [{ AttributeName: partitionKey, KeyType: 'HASH' }, { AttributeName: sortKey, KeyType: 'RANGE' }],
    GlobalSecondaryIndexes: Object.entries(indexes).map(([IndexName, index]) => ({
      IndexName,
      KeySchema: [{ AttributeName: index.partitionKey, KeyType: 'HASH' }, { AttributeName: index.sortKey, KeyType: 'RANGE' }],
      Projection: { ProjectionType: 'ALL' },
    })),
  };
}

/** Creates the table if it is missing and waits until it is ACTIVE; safe to call from two processes. */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new CreateTableCommand(createTableInput(tableName)));
  } catch (err) {
    if (!(err instanceof ResourceInUseException)) throw err;
  }
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE') return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the table ${tableName} did not become ACTIVE; check the DynamoDB endpoint`);
}

export function createDynamoStore(options: DynamoStoreOptions): Store {
  const client = options.client ?? new DynamoDBClient(options.endpoint
    ? { endpoint: options.endpoint, region: options.region ?? 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
    : { region: options.region, maxAttempts: 8 });
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  return storeOnTable(openTable(doc, options.tableName));
}
