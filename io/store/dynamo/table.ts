/**
 * The one table every role module works on, behind the few operations they need, each turning a missing
 * table into MissingTableError (the SDK's ResourceNotFoundException says nothing about how to create it).
 * Two implementations: the SDK's document client (sdk-table.ts: DynamoDB, DynamoDB Local, dynalite over
 * HTTP) and dynalite called in this process (io/local/dynalite-table.ts: the CLI's queries). This module
 * imports no SDK code at run time (types only), so the second loads none.
 */
import type { QueryCommandInput, UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
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
  /** Strongly consistent reads of many items, a hundred per BatchGetItem; the items found, in no set order; given `attributes`, of those only. */
  getMany(keys: Key[], attributes?: string[]): Promise<Item[]>;
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

/** A GetItem's ProjectionExpression for `attributes`, by placeholder names (any may be a reserved word). */
export function projection(attributes: string[] | undefined): { ProjectionExpression?: string; ExpressionAttributeNames?: Record<string, string> } {
  if (!attributes) return {};
  return { ProjectionExpression: attributes.map((_, i) => `#a${i}`).join(', '),
    ExpressionAttributeNames: Object.fromEntries(attributes.map((a, i) => [`#a${i}`, a])) };
}

/** BatchGetItem's own limit of keys per request. */
const BATCH_GET_LIMIT = 100;

/** What one BatchGetItem answers for the table: the items found and the keys left for later. */
export interface BatchGetAnswer { items: Item[]; unprocessed: Key[] }

/**
 * Many keys in batches of a hundred. DynamoDB answers what it can (16 MB a response, or less under throttling)
 * and returns the rest as UnprocessedKeys: asked again, with a growing pause, until none are left.
 */
export async function getMany(keys: Key[], batchGet: (keys: Key[]) => Promise<BatchGetAnswer>, tableName: string): Promise<Item[]> {
  const items: Item[] = [];
  for (let i = 0; i < keys.length; i += BATCH_GET_LIMIT) {
    let pending: Key[] = keys.slice(i, i + BATCH_GET_LIMIT);
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt > 10) throw new Error(`DynamoDB left ${pending.length} reads of ${tableName} unprocessed after ${attempt} tries: retry the command later`);
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, 25 * 2 ** attempt)));
      const out = await batchGet(pending);
      items.push(...out.items);
      pending = out.unprocessed;
    }
  }
  return items;
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
