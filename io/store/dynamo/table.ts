/**
 * The one table every role module works on: the document client and the table name, behind the few
 * operations they need, each turning a missing table into MissingTableError (the SDK's
 * ResourceNotFoundException says nothing about how to create it).
 */
import { ConditionalCheckFailedException, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, type BatchGetCommandOutput, DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand,
  type QueryCommandInput, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { DAY_MS } from '#lib/japan-time.ts';

export type Item = Record<string, unknown>;
export type Key = Record<string, string>;

export class MissingTableError extends Error {
  override name = 'MissingTableError';
  constructor(table: string) {
    super(`the table ${table} does not exist: run \`fundwatch run\` (creates it locally) or deploy the stack`);
  }
}

export interface Table {
  /** A strongly consistent GetItem; given `attributes`, of those only. */
  get(key: Key, attributes?: string[]): Promise<Item | undefined>;
  /** Strongly consistent reads of many items, a hundred per BatchGetItem; the items found, in no set order. */
  getMany(keys: Key[]): Promise<Item[]>;
  put(item: Item): Promise<void>;
  /** A put that may lose its condition; returns false when it did. */
  putIf(item: Item, condition: string, values?: Record<string, unknown>): Promise<boolean>;
  update(input: Omit<UpdateCommandInput, 'TableName'>): Promise<void>;
  delete(key: Key): Promise<void>;
  /** Every page of a query. */
  queryAll(input: Omit<QueryCommandInput, 'TableName'>): Promise<Item[]>;
  /** The first page only: for queries that ask for a Limit. */
  queryPage(input: Omit<QueryCommandInput, 'TableName'>): Promise<Item[]>;
}

/** BatchGetItem's own limit of keys per request. */
const BATCH_GET_LIMIT = 100;

export function openTable(doc: DynamoDBDocumentClient, TableName: string): Table {
  const send = async <T>(op: () => Promise<T>): Promise<T> => {
    try {
      return await op();
    } catch (err) {
      if (err instanceof ResourceNotFoundException) throw new MissingTableError(TableName);
      throw err;
    }
  };
  const queryPage = (input: Omit<QueryCommandInput, 'TableName'>) => send(() => doc.send(new QueryCommand({ ...input, TableName })));
  return {
    async get(key, attributes) {
      return (await send(() => doc.send(new GetCommand({ TableName, Key: key, ConsistentRead: true, ...projection(attributes) })))).Item;
    },
    getMany: (keys) => getMany(keys, (Keys) => send(() => doc.send(new BatchGetCommand({ RequestItems: { [TableName]: { Keys, ConsistentRead: true } } }))), TableName),
    async put(Item) { await send(() => doc.send(new PutCommand({ TableName, Item }))); },
    putIf: (Item, ConditionExpression, values) => send(async () => {
      try {
        await doc.send(new PutCommand({ TableName, Item, ConditionExpression, ExpressionAttributeValues: values }));
        return true;
      } catch (err) {
        if (err instanceof ConditionalCheckFailedException) return false;
        throw err;
      }
    }),
    async update(input) { await send(() => doc.send(new UpdateCommand({ ...input, TableName }))); },
    async delete(Key) { await send(() => doc.send(new DeleteCommand({ TableName, Key }))); },
    async queryAll(input) {
      const items: Item[] = [];
      let ExclusiveStartKey: Item | undefined;
      do {
        const page = await queryPage({ ...input, ExclusiveStartKey });
        items.push(...(page.Items ?? []));
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return items;
    },
    async queryPage(input) { return (await queryPage(input)).Items ?? []; },
  };
}

/**
 * Many keys in batches of a hundred. DynamoDB answers what it can (16 MB a response, or less under throttling)
 * and returns the rest as UnprocessedKeys: asked again, with a growing pause, until none are left.
 */
async function getMany(keys: Key[], batchGet: (keys: Key[]) => Promise<BatchGetCommandOutput>, tableName: string): Promise<Item[]> {
  const items: Item[] = [];
  for (let i = 0; i < keys.length; i += BATCH_GET_LIMIT) {
    let pending: Key[] = keys.slice(i, i + BATCH_GET_LIMIT);
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt > 10) throw new Error(`DynamoDB left ${pending.length} reads of ${tableName} unprocessed after ${attempt} tries: retry the command later`);
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, 25 * 2 ** attempt)));
      const out = await batchGet(pending);
      items.push(...(out.Responses?.[tableName] ?? []));
      pending = (out.UnprocessedKeys?.[tableName]?.Keys ?? []) as Key[];
    }
  }
  return items;
}

/** A GetItem's ProjectionExpression for `attributes`, by placeholder names (any may be a reserved word). */
function projection(attributes: string[] | undefined): { ProjectionExpression?: string; ExpressionAttributeNames?: Record<string, string> } {
  if (!attributes) return {};
  return { ProjectionExpression: attributes.map((_, i) => `#a${i}`).join(', '),
    ExpressionAttributeNames: Object.fromEntries(attributes.map((a, i) => [`#a${i}`, a])) };
}

/** Every item on one of the fixed lists of the byTime index (LISTS in keys.ts): a Query, not a Scan. */
export const listed = (table: Table, list: string): Promise<Item[]> =>
  table.queryAll({ IndexName: 'byTime', KeyConditionExpression: 'gsi1pk = :p', ExpressionAttributeValues: { ':p': list } });

/** The items of one partition whose sort key starts with `prefix`, in sort-key order. */
export const itemsUnder = (table: Table, pk: string, prefix: string, more: Pick<QueryCommandInput, 'ConsistentRead' | 'ProjectionExpression'> = {}): Promise<Item[]> =>
  table.queryAll({ KeyConditionExpression: 'PK = :pk AND begins_with(SK, :s)', ExpressionAttributeValues: { ':pk': pk, ':s': prefix }, ...more });

/** DynamoDB's TTL attribute holds epoch seconds (a Number). */
export const epochSeconds = (at: Date): number => Math.ceil(at.getTime() / 1000);

/** The TTL, in epoch seconds (rounded down), `days` after an ISO time. */
export const epochSecondsAfter = (from: string, days: number): number => Math.floor((Date.parse(from) + days * DAY_MS) / 1000);
