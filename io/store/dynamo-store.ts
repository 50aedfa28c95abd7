/**
 * The Store port on DynamoDB: the real table in AWS, dynalite or DynamoDB Local on a machine. Only
 * single-item conditional writes are used (no transactions: dynalite has none), in an order that is
 * safe to retry and safe against an overlapping run:
 *
 *   1. change events   put if absent        (deterministic ids: a retry rewrites nothing)
 *   2. snapshot        put if absent        (present with the same recordHash = a retry: fine)
 *   3. source state    put if it still points at the expected version (else ConcurrentUpdateError)
 *
 * A crash after 1 or 2 leaves the state pointing at the old snapshot, so the next run computes the
 * same diff, finds its events and snapshot already written, and completes step 3.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { ConditionalCheckFailedException, CreateTableCommand, DescribeTableCommand, DynamoDBClient,
  ResourceInUseException, ResourceNotFoundException, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { ParseResult } from '#parsers/schema.ts';
import type { ChangeEvent } from '#core/domain/changes.ts';
import type { Delivery, SendClaim } from '#core/domain/outbox.ts';
import type { HealthEvent, Snapshot, SourceState } from '#core/domain/snapshots.ts';
import type { Subscriber } from '#core/domain/subscribers.ts';
import type { ChunkSummary, CycleSummary } from '#core/domain/cycles.ts';
import type { Source } from '#parsers/sources.ts';
import { ConcurrentUpdateError, type Store } from '#core/ports/store.ts';
import { TABLE_DESIGN } from './table-design.ts';
import { keys, LISTS } from './keys.ts';

export interface DynamoStoreOptions {
  tableName: string;
  client?: DynamoDBClient;
  endpoint?: string;
  region?: string;
}

export class MissingTableError extends Error {
  override name = 'MissingTableError';
  constructor(table: string) {
    super(`the table ${table} does not exist: run \`fundwatch run\` (creates it locally) or deploy the stack`);
  }
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
  const TableName = options.tableName;

  const send = async <T>(op: () => Promise<T>): Promise<T> => {
    try {
      return await op();
    } catch (err) {
      if (err instanceof ResourceNotFoundException) throw new MissingTableError(TableName);
      throw err;
    }
  };
  /** A put that may lose its condition; returns false when it did. */
  const putIf = (Item: Record<string, unknown>, ConditionExpression: string, values?: Record<string, unknown>): Promise<boolean> =>
    send(async () => {
      try {
        await doc.send(new PutCommand({ TableName, Item, ConditionExpression, ExpressionAttributeValues: values }));
        return true;
      } catch (err) {
        if (err instanceof ConditionalCheckFailedException) return false;
        throw err;
      }
    });
  const queryAll = async (input: Omit<QueryCommandInput, 'TableName'>): Promise<Record<string, unknown>[]> => {
    const items: Record<string, unknown>[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await send(() => doc.send(new QueryCommand({ ...input, TableName, ExclusiveStartKey })));
      items.push(...(page.Items ?? []));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return items;
  };
  const get = async (key: Record<string, string>, attributes?: string[]): Promise<Record<string, unknown> | undefined> =>
    (await send(() => doc.send(new GetCommand({ TableName, Key: key, ConsistentRead: true,
      ...(attributes ? { ProjectionExpression: attributes.map((_, i) => `#a${i}`).join(', '),
        ExpressionAttributeNames: Object.fromEntries(attributes.map((a, i) => [`#a${i}`, a])) } : {}) })))).Item;
  /**
   * The index hits whose item, read from the table, still carries the same index key. dynalite writes a put's
   * index entries before its item, in separate LevelDB writes: a process killed in between leaves entries with
   * no item, and the retry (a later run, a later detectedAt) writes the item under other index keys, so the
   * orphans would be listed (and e-mailed) beside it, and stay pending for ever (markEventsNotified updates the
   * item, which never had them). DynamoDB keeps its indexes itself, but they lag the table: this check also drops
   * a pending hit whose event another run has just marked notified. One strongly consistent GetItem per hit, of
   * the two key attributes only; the hits' own copies are returned, verified equal in the key that can differ.
   */
  const confirmedHits = async (hits: Record<string, unknown>[], pk: string, sk: string): Promise<Record<string, unknown>[]> => {
    const kept: Record<string, unknown>[] = [];
    for (let i = 0; i < hits.length; i += 16) {
      const batch = hits.slice(i, i + 16);
      const items = await Promise.all(batch.map((hit) => get({ PK: hit.PK as string, SK: hit.SK as string }, [pk, sk])));
      batch.forEach((hit, j) => { if (items[j]?.[pk] === hit[pk] && items[j]?.[sk] === hit[sk]) kept.push(hit); });
    }
    return kept;
  };

  const stateItem = (state: SourceState) => ({ ...keys.state(state.sourceId), type: 'state', gsi1pk: LISTS.states, gsi1sk: state.sourceId, ...state });
  const snapshotItem = (s: Snapshot) => ({ ...keys.snapshot(s.sourceId, s.version), type: 'snapshot', sourceId: s.sourceId, version: s.version,
    takenAt: s.takenAt, recordHash: s.recordHash, contentHash: s.contentHash, result: gzipSync(JSON.stringify(s.result)) });
  const eventItem = (e: ChangeEvent) => ({ ...keys.change(e.sourceId, e.toVersion, e.id), type: 'change', event: e,
    pendingPk: LISTS.pending, pendingSk: `${e.detectedAt}#${e.id}`, gsi1pk: `CHANGES#${e.detectedAt.slice(0, 7)}`, gsi1sk: `${e.detectedAt}#${e.id}` });

  return {
    async getState(sourceId) {
      return toState(await get(keys.state(sourceId)));
    },
    async listStates() {
      const items = await queryAll({ IndexName: 'byTime', KeyConditionExpression: 'gsi1pk = :p', ExpressionAttributeValues: { ':p': LISTS.states } });
      return items.map((item) => toState(item)!);
    },
    async putState(state) {
      // A late write from an older run must not roll the state back to an older snapshot: the
      // condition lets a state replace only one that points at the same or an older version.
      await putIf(stateItem(state), 'attribute_not_exists(PK) OR snapshotVersion <= :v', { ':v': state.snapshotVersion });
    },
    async getSnapshot(sourceId, version) {
      return toSnapshot(await get(keys.snapshot(sourceId, version)));
    },
    async getLatestSnapshot(sourceId) {
      const page = await send(() => doc.send(new QueryCommand({ TableName, KeyConditionExpression: 'PK = :pk AND begins_with(SK, :s)',
        ExpressionAttributeValues: { ':pk': keys.state(sourceId).PK, ':s': 'SNAP#' }, ScanIndexForward: false, Limit: 1, ConsistentRead: true })));
      return toSnapshot(page.Items?.[0]);
    },
    async commitSnapshot(snapshot, events, state, expectedVersion) {
      for (const event of events) await putIf(eventItem(event), 'attribute_not_exists(PK)');
      if (!(await putIf(snapshotItem(snapshot), 'attribute_not_exists(PK)'))) {
        const existing = await get(keys.snapshot(snapshot.sourceId, snapshot.version));
        if (existing?.recordHash !== snapshot.recordHash) throw new ConcurrentUpdateError(snapshot.sourceId);
      }
      const moved = await putIf(stateItem(state),
        'attribute_not_exists(PK) OR snapshotVersion = :expected OR (snapshotVersion = :version AND recordHash = :hash)',
        { ':expected': expectedVersion, ':version': snapshot.version, ':hash': snapshot.recordHash });
      if (!moved) throw new ConcurrentUpdateError(snapshot.sourceId);
    },
    async putChangeEvents(events) {
      const fresh: ChangeEvent[] = [];
      for (const event of events) if (await putIf(eventItem(event), 'attribute_not_exists(PK)')) fresh.push(event);
      return fresh;
    },
    async listPendingEvents() {
      const hits = await queryAll({ IndexName: 'byPending', KeyConditionExpression: 'pendingPk = :p', ExpressionAttributeValues: { ':p': LISTS.pending } });
      return (await confirmedHits(hits, 'pendingPk', 'pendingSk')).map((item) => item.event as ChangeEvent);
    },
    async markEventsNotified(events) {
      for (const e of events) {
        await send(() => doc.send(new UpdateCommand({ TableName, Key: keys.change(e.sourceId, e.toVersion, e.id), UpdateExpression: 'REMOVE pendingPk, pendingSk' })));
      }
    },
    async listChanges(sourceId) {
      const items = await queryAll({ KeyConditionExpression: 'PK = :pk AND begins_with(SK, :c)', ExpressionAttributeValues: { ':pk': keys.state(sourceId).PK, ':c': 'CHANGE#' } });
      return items.map((item) => item.event as ChangeEvent);
    },
    async listChangesBetween(since, until) {
      const events: ChangeEvent[] = [];
      for (const month of monthsBetween(since, until)) {
        const hits = await queryAll({ IndexName: 'byTime', KeyConditionExpression: 'gsi1pk = :p AND gsi1sk BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':p': `CHANGES#${month}`, ':from': since, ':to': until } });
        const items = await confirmedHits(hits, 'gsi1pk', 'gsi1sk');
        // BETWEEN includes `until` itself; the range is half-open.
        events.push(...items.map((item) => item.event as ChangeEvent).filter((e) => e.detectedAt < until));
      }
      return events;
    },
    async listSnapshotVersions(sourceId) {
      const items = await queryAll({ KeyConditionExpression: 'PK = :pk AND begins_with(SK, :s)', ExpressionAttributeValues: { ':pk': keys.state(sourceId).PK, ':s': 'SNAP#' },
        ProjectionExpression: 'sourceId, version, takenAt, recordHash, contentHash' });
      return items.map((item) => ({ sourceId: item.sourceId as string, version: item.version as number, takenAt: item.takenAt as string,
        recordHash: item.recordHash as string, contentHash: item.contentHash as string }));
    },
    async putHealthEvent(event) {
      await send(() => doc.send(new PutCommand({ TableName, Item: { ...keys.health(event.sourceId, event.at, event.id), type: 'health', event } })));
    },
    async listHealthEvents(sourceId) {
      const items = await queryAll({ KeyConditionExpression: 'PK = :pk AND begins_with(SK, :h)', ExpressionAttributeValues: { ':pk': keys.state(sourceId).PK, ':h': 'HEALTH#' } });
      return items.map((item) => item.event as HealthEvent);
    },
    async putSubscriber(subscriber, expiresAt) {
      await send(() => doc.send(new PutCommand({ TableName, Item: { ...keys.subscriber(subscriber.id), type: 'subscriber', gsi1pk: LISTS.subscribers, gsi1sk: subscriber.id, subscriber,
        ...(expiresAt ? { [TABLE_DESIGN.ttlAttribute]: epochSeconds(expiresAt) } : {}) } })));
    },
    async getSubscriber(id, now) {
      const item = await get(keys.subscriber(id));
      return item && !(now && isExpired(item, now)) ? item.subscriber as Subscriber : undefined;
    },
    async countUse({ key, windowStart, windowEnd, limit }) {
      const Key = keys.limitCounter(key, windowStart.toISOString());
      // Read the count, then write the next one on the condition that it is still the one read (optimistic
      // concurrency): two requests racing for the last use cannot both have it. GetItem and PutItem only, as
      // the internet-facing role has on SUB# items; over the limit it costs a read and no write. The window is
      // in the key, so a stale counter that TTL has not deleted yet is never read.
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const uses = ((await get(Key))?.uses as number | undefined) ?? 0;
        if (uses >= limit) return false;
        const next = { ...Key, type: 'limit', uses: uses + 1, [TABLE_DESIGN.ttlAttribute]: epochSeconds(windowEnd) };
        if (await putIf(next, uses === 0 ? 'attribute_not_exists(PK)' : 'uses = :uses', uses === 0 ? undefined : { ':uses': uses })) return true;
      }
      // Five writers in a row beat this one to the same counter: that is a flood on one key, so refuse.
      return false;
    },
    async claimSend(claim) {
      return putIf({ ...keys.sendClaim(claim.subscriberId, claim.key), type: 'send', claim }, 'attribute_not_exists(PK)');
    },
    async listSendClaims(subscriberId) {
      const items = await queryAll({ KeyConditionExpression: 'PK = :pk AND begins_with(SK, :s)', ExpressionAttributeValues: { ':pk': keys.subscriber(subscriberId).PK, ':s': 'SEND#' }, ConsistentRead: true });
      return items.map((item) => item.claim as SendClaim);
    },
    async completeSend(claim, messageId) {
      // A finished claim only has to outlive any retry of its run; after that the deliveries say it all.
      const expiresAt = Math.floor(Date.parse(claim.claimedAt) / 1000) + 90 * 86_400;
      await send(() => doc.send(new PutCommand({ TableName, Item: { ...keys.sendClaim(claim.subscriberId, claim.key), type: 'send',
        claim: { ...claim, status: 'sent', messageId }, [TABLE_DESIGN.ttlAttribute]: expiresAt } })));
    },
    async markDigestSent(subscriberId, at) {
      await send(() => doc.send(new UpdateCommand({ TableName, Key: keys.subscriber(subscriberId), UpdateExpression: 'SET subscriber.lastDigestAt = :at',
        ConditionExpression: 'attribute_exists(PK)', ExpressionAttributeValues: { ':at': at } })));
    },
    async releaseSend(claim) {
      await send(() => doc.send(new DeleteCommand({ TableName, Key: keys.sendClaim(claim.subscriberId, claim.key) })));
    },
    async listSubscribers() {
      const items = await queryAll({ IndexName: 'byTime', KeyConditionExpression: 'gsi1pk = :p', ExpressionAttributeValues: { ':p': LISTS.subscribers } });
      return items.map((item) => item.subscriber as Subscriber);
    },
    async hasDelivery(subscriberId, eventId) {
      return (await get(keys.delivery(subscriberId, eventId))) !== undefined;
    },
    async recordDelivery(delivery: Delivery) {
      for (const eventId of delivery.eventIds) {
        await send(() => doc.send(new PutCommand({ TableName, Item: { ...keys.delivery(delivery.subscriberId, eventId), type: 'delivery', ...delivery } })));
      }
    },
    async putDiscoveredSource(source) {
      return putIf({ ...keys.discovery(source.id), type: 'discovery', gsi1pk: LISTS.discovered, gsi1sk: source.id, source }, 'attribute_not_exists(PK)');
    },
    async updateDiscoveredSource(source) {
      await send(() => doc.send(new PutCommand({ TableName, Item: { ...keys.discovery(source.id), type: 'discovery', gsi1pk: LISTS.discovered, gsi1sk: source.id, source } })));
    },
    async listDiscoveredSources() {
      const items = await queryAll({ IndexName: 'byTime', KeyConditionExpression: 'gsi1pk = :p', ExpressionAttributeValues: { ':p': LISTS.discovered } });
      return items.map((item) => item.source as Source);
    },
    async putCycleChunk(summary) {
      // Only the finishing step reads these; the cycle summary keeps the totals for good.
      const expiresAt = Math.floor(Date.parse(summary.cycleId) / 1000) + 35 * 86_400;
      await send(() => doc.send(new PutCommand({ TableName, Item: { ...keys.cycleChunk(summary.cycleId, summary.host, summary.chunk), type: 'cycle-chunk',
        summary, [TABLE_DESIGN.ttlAttribute]: expiresAt } })));
    },
    async listCycleChunks(cycleId) {
      const items = await queryAll({ KeyConditionExpression: 'PK = :pk AND begins_with(SK, :c)', ConsistentRead: true,
        ExpressionAttributeValues: { ':pk': keys.cycleSummary(cycleId).PK, ':c': 'CHUNK#' } });
      return items.map((item) => item.summary as ChunkSummary);
    },
    async putCycleSummary(summary) {
      await send(() => doc.send(new PutCommand({ TableName, Item: { ...keys.cycleSummary(summary.cycleId), type: 'cycle',
        gsi1pk: LISTS.cycles, gsi1sk: summary.startedAt, summary } })));
    },
    async listCycleSummaries(limit = 20) {
      const page = await send(() => doc.send(new QueryCommand({ TableName, IndexName: 'byTime', KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': LISTS.cycles }, ScanIndexForward: false, Limit: limit })));
      return (page.Items ?? []).map((item) => item.summary as CycleSummary);
    },
  };
}

/** DynamoDB's TTL attribute holds epoch seconds (a Number). */
const epochSeconds = (at: Date): number => Math.ceil(at.getTime() / 1000);

/**
 * An item whose TTL has passed (DynamoDB's rule: its time is less than now): DynamoDB may not have deleted
 * it yet, but it is no longer there for the reader.
 */
function isExpired(item: Record<string, unknown>, now: Date): boolean {
  const expiresAt = item[TABLE_DESIGN.ttlAttribute];
  return typeof expiresAt === 'number' && expiresAt * 1000 < now.getTime();
}

/** The YYYY-MM partitions a time range touches, in order. */
export function monthsBetween(since: string, until: string): string[] {
  const months: string[] = [];
  let [year, month] = since.slice(0, 7).split('-').map(Number) as [number, number];
  const last = until.slice(0, 7);
  for (let guard = 0; guard < 1200; guard += 1) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    if (key > last) break;
    months.push(key);
    month += 1;
    if (month > 12) { month = 1; year += 1; }
  }
  return months;
}

function toState(item: Record<string, unknown> | undefined): SourceState | undefined {
  if (!item) return undefined;
  const { PK: _pk, SK: _sk, type: _type, gsi1pk: _g, gsi1sk: _s, ...state } = item;
  return state as unknown as SourceState;
}

function toSnapshot(item: Record<string, unknown> | undefined): Snapshot | undefined {
  if (!item) return undefined;
  const result = JSON.parse(gunzipSync(item.result as Uint8Array).toString('utf8')) as ParseResult;
  return { sourceId: item.sourceId as string, version: item.version as number, takenAt: item.takenAt as string,
    recordHash: item.recordHash as string, contentHash: item.contentHash as string, result };
}
