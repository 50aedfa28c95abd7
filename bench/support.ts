/**
 * What the cycle and scale benchmarks share: the machine note, a local DynamoDB (dynalite) whose every
 * request is counted, a Store wrapper that counts calls by method, and writing results.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Store } from '#core/ports/store.ts';
import { startDynalite, type LocalEngine } from '../io/local/dynalite.ts';
import { createDynamoStore, ensureTable } from '../io/store/dynamo-store.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const OUT = join(ROOT, 'bench', 'results');

export interface Machine { cpu: string; cpus: number; memoryGb: number; os: string; node: string; date: string }

export function machine(): Machine {
  return { cpu: os.cpus()[0]?.model ?? 'unknown', cpus: os.cpus().length, memoryGb: Math.round(os.totalmem() / 1e9), os: `${os.platform()} ${os.release()}`,
    node: process.version, date: new Date().toISOString() };
}

export const machineLine = (m: Machine): string => `Machine: ${m.cpu}, ${m.cpus} CPUs, ${m.memoryGb} GB, ${m.os}, Node ${m.node}, ${m.date}`;

export async function writeResults(name: string, json: unknown, md: string): Promise<void> {
  await mkdir(OUT, { recursive: true });
  await writeFile(join(OUT, `${name}.json`), `${JSON.stringify(json, null, 2)}\n`);
  await writeFile(join(OUT, `${name}.md`), md);
  console.log(md);
}

/**
 * DynamoDB requests by kind, with request units estimated from item sizes the way DynamoDB bills
 * on-demand tables: a write is ceil(item KB) WRU (a failed conditional write too), a strongly consistent
 * read ceil(item size / 4 KB) RRU, a query the summed size of its items / 4 KB (at least 1).
 */
export interface DynamoCounts {
  reads: number;
  writes: number;
  readUnits: number;
  writeUnits: number;
  byCommand: Record<string, number>;
}

const WRITES = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'BatchWriteItemCommand', 'TransactWriteItemsCommand']);
const READS = new Set(['GetItemCommand', 'QueryCommand', 'ScanCommand', 'BatchGetItemCommand']);

export const emptyCounts = (): DynamoCounts => ({ reads: 0, writes: 0, readUnits: 0, writeUnits: 0, byCommand: {} });

export function diffCounts(after: DynamoCounts, before: DynamoCounts): DynamoCounts {
  const byCommand: Record<string, number> = {};
  for (const [k, n] of Object.entries(after.byCommand)) if (n - (before.byCommand[k] ?? 0)) byCommand[k] = n - (before.byCommand[k] ?? 0);
  return { reads: after.reads - before.reads, writes: after.writes - before.writes, readUnits: after.readUnits - before.readUnits,
    writeUnits: after.writeUnits - before.writeUnits, byCommand };
}

export const snapshotCounts = (c: DynamoCounts): DynamoCounts => ({ ...c, byCommand: { ...c.byCommand } });

/**
 * DynamoDB's item size rules, on the plain values the document client sees before it marshals them:
 * names plus values; a number about 1 byte per two digits; a map or list 3 bytes plus 1 per element.
 */
function valueSize(v: unknown): number {
  if (v === undefined) return 0;
  if (v === null || typeof v === 'boolean') return 1;
  if (typeof v === 'string') return Buffer.byteLength(v);
  if (typeof v === 'number' || typeof v === 'bigint') return Math.ceil(String(v).length / 2) + 1;
  if (v instanceof Uint8Array) return v.byteLength;
  if (Array.isArray(v) || v instanceof Set) return 3 + [...v].reduce((n: number, e) => n + valueSize(e) + 1, 0);
  if (typeof v === 'object') return 3 + itemSize(v as Record<string, unknown>) + Object.keys(v).length;
  return 0;
}
const itemSize = (item: Record<string, unknown>): number =>
  Object.entries(item).reduce((n, [name, v]) => n + (v === undefined ? 0 : Buffer.byteLength(name) + valueSize(v)), 0);

/** Counting must never break the request it counts. */
function safeSize(item: Record<string, unknown>): number {
  try {
    return itemSize(item);
  } catch {
    return 0;
  }
}

/**
 * Counts every request the client sends. The store's document client shares this middleware stack, and at the
 * initialize step its items are still plain values (it marshals them just before serializing).
 */
export function countRequests(client: DynamoDBClient, counts: DynamoCounts): void {
  client.middlewareStack.add((next, context) => async (args) => {
    const name = context.commandName ?? 'unknown';
    const input = (args as { input: { Item?: Record<string, unknown> } }).input;
    counts.byCommand[name] = (counts.byCommand[name] ?? 0) + 1;
    if (WRITES.has(name)) {
      counts.writes += 1;
      // An update or delete is billed on the item's size too; without reading it back, count the minimum of 1.
      counts.writeUnits += input.Item ? Math.max(1, Math.ceil(safeSize(input.Item) / 1024)) : 1;
    }
    const out = await next(args);
    if (READS.has(name)) {
      counts.reads += 1;
      const o = out.output as { Item?: Record<string, unknown>; Items?: Array<Record<string, unknown>> };
      const bytes = o.Item ? safeSize(o.Item) : (o.Items ?? []).reduce((n, i) => n + safeSize(i), 0);
      counts.readUnits += Math.max(1, Math.ceil(bytes / 4096));
    }
    return out;
  }, { step: 'initialize', name: 'benchCountRequests' });
}

/** A Store that counts calls per method (commitSnapshot = snapshot writes). */
export function countingStore(store: Store, calls: Record<string, number>): Store {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function' || typeof prop !== 'string') return value;
      return (...args: unknown[]) => {
        calls[prop] = (calls[prop] ?? 0) + 1;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

export interface LocalDynamo {
  counts: DynamoCounts;
  client: DynamoDBClient;
  /** A new table (an empty store: a cold cache). */
  freshStore(name: string): Promise<Store>;
  close(): Promise<void>;
}

export async function startLocalDynamo(): Promise<LocalDynamo> {
  const engine: LocalEngine = await startDynalite({});
  const client = new DynamoDBClient({ endpoint: engine.endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const counts = emptyCounts();
  countRequests(client, counts);
  return {
    counts,
    client,
    async freshStore(name) {
      await ensureTable(client, name);
      return createDynamoStore({ tableName: name, client });
    },
    async close() {
      client.destroy();
      await engine.close();
    },
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
export const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;

/** The check-chunk worker logs one JSON line per chunk: kept out of the benchmark's own output. Returns the undo. */
export function quietWorkerLogs(): () => void {
  const original = console.log;
  console.log = (...args: unknown[]) => { if (!(typeof args[0] === 'string' && args[0].startsWith('{"level"'))) original(...args); };
  return () => { console.log = original; };
}
