/**
 * The local store's table with dynalite called in this process: its request checks and actions, the
 * same code its HTTP server runs, without the server, the SDK client, SigV4 signing, or the JSON and
 * base64 round trip of every request. For the CLI's reads (the queries, export, publish): a query on
 * 2,000 sources reads its snapshots in a fraction of the time, and loads no AWS SDK at all.
 * Items go in and out as the SDK's document client gives them (attribute-values.ts).
 */
import { createRequire } from 'node:module';
import { getMany, MissingTableError, projection, type Item, type Key, type Table } from '#io/store/dynamo/table.ts';
import { fromAttributes, toAttributes, type AttributeValue } from './attribute-values.ts';
import { openDatabase, type LevelDb } from './level-store.ts';

type Callback = (err: EngineError | null, out?: Answer) => void;
type Answer = Record<string, unknown>;
interface EngineError extends Error { statusCode?: number; body?: { __type?: string; message?: string } }
interface EngineStore { db: LevelDb; getTable(name: string, checkStatus: boolean, cb: (err: unknown) => void): void }
interface Check { types: unknown; custom?: unknown }
interface Validations {
  checkTypes(data: Answer, types: unknown): Answer;
  checkValidations(data: Answer, types: unknown, custom: unknown, store: EngineStore): void;
}

const load = createRequire(import.meta.url);

export interface DynaliteTable { table: Table; close(): Promise<void> }

/** The table in the store at `path`; undefined when the store has no such table yet. */
export async function openDynaliteTable(path: string, tableName: string): Promise<DynaliteTable | undefined> {
  const dbModule = load('dynalite/db') as { create(options: Record<string, unknown>): EngineStore };
  const store = dbModule.create({ path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await openDatabase(store.db, path);
  const exists = await new Promise<boolean>((resolve) => store.getTable(tableName, false, (err) => resolve(!err)));
  if (!exists) {
    await store.db.close();
    return undefined;
  }
  return { table: engineTable(engineCall(store, tableName), tableName), close: () => store.db.close() };
}

type Call = (action: string, data: Answer) => Promise<Answer>;

/** One DynamoDB operation through dynalite's checks and action, as its HTTP handler runs them. */
function engineCall(store: EngineStore, tableName: string): Call {
  const validations = load('dynalite/validations') as Validations;
  const actions = new Map<string, { run: (store: EngineStore, data: Answer, cb: Callback) => void; check: Check }>();
  return (action, data) => new Promise<Answer>((resolve, reject) => {
    if (!actions.has(action)) actions.set(action, { run: load(`dynalite/actions/${action}`), check: load(`dynalite/validations/${action}`) });
    const { run, check } = actions.get(action)!;
    try {
      const checked = validations.checkTypes(defined(data), check.types);
      validations.checkValidations(checked, check.types, check.custom, store);
      run(store, checked, (err, out) => (err ? reject(engineError(err, tableName)) : resolve(out ?? {})));
    } catch (err) {
      reject(engineError(err as EngineError, tableName));
    }
  });
}

/** The engine's answer to a bad request, as the SDK would raise it: the error's name is DynamoDB's type. */
function engineError(err: EngineError, tableName: string): Error {
  if (!err.statusCode || !err.body) return err;
  const type = (err.body.__type ?? '').split('#').pop() ?? 'DynamoDBError';
  if (type === 'ResourceNotFoundException') return new MissingTableError(tableName);
  return Object.assign(new Error(err.body.message ?? type), { name: type });
}

function engineTable(call: Call, TableName: string): Table {
  const items = (list: unknown) => ((list ?? []) as Record<string, AttributeValue>[]).map(fromAttributes);
  const queryPage = async (input: Record<string, unknown>) => {
    const out = await call('query', withValues({ ...input, TableName, ExclusiveStartKey: input.ExclusiveStartKey && toAttributes(input.ExclusiveStartKey as Item) }));
    return { items: items(out.Items), next: out.LastEvaluatedKey ? fromAttributes(out.LastEvaluatedKey as Record<string, AttributeValue>) : undefined };
  };
  const batchGet = async (keys: Key[], attributes?: string[]) => {
    const out = await call('batchGetItem', { RequestItems: { [TableName]: { Keys: keys.map(toAttributes), ConsistentRead: true, ...projection(attributes) } } });
    const unprocessed = (out.UnprocessedKeys as Record<string, { Keys: Record<string, AttributeValue>[] }> | undefined)?.[TableName]?.Keys ?? [];
    return { items: items((out.Responses as Record<string, unknown> | undefined)?.[TableName]), unprocessed: items(unprocessed) as Key[] };
  };
  return {
    async get(key, attributes) {
      const out = await call('getItem', { TableName, Key: toAttributes(key), ConsistentRead: true, ...projection(attributes) });
      return out.Item ? fromAttributes(out.Item as Record<string, AttributeValue>) : undefined;
    },
    getMany: (keys, attributes) => getMany(keys, (batch) => batchGet(batch, attributes), TableName),
    async put(item) { await call('putItem', { TableName, Item: toAttributes(item) }); },
    async putIf(item, ConditionExpression, values) {
      try {
        await call('putItem', withValues({ TableName, Item: toAttributes(item), ConditionExpression, ExpressionAttributeValues: values }));
        return true;
      } catch (err) {
        if ((err as Error).name === 'ConditionalCheckFailedException') return false;
        throw err;
      }
    },
    async update(input) { await call('updateItem', withValues({ ...input, TableName, Key: toAttributes(input.Key as Item) })); },
    async delete(key) { await call('deleteItem', { TableName, Key: toAttributes(key) }); },
    async queryAll(input) {
      const all: Item[] = [];
      let start: Item | undefined;
      do {
        const page = await queryPage({ ...input, ExclusiveStartKey: start });
        all.push(...page.items);
        start = page.next;
      } while (start);
      return all;
    },
    async queryPage(input) { return (await queryPage(input)).items; },
  };
}

/** A request's ExpressionAttributeValues as attribute values. */
function withValues(data: Answer): Answer {
  const values = data.ExpressionAttributeValues as Item | undefined;
  return values ? { ...data, ExpressionAttributeValues: toAttributes(values) } : data;
}

/** The request without its undefined members, as its JSON on the wire would be. */
function defined(data: Answer): Answer {
  return Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined));
}
