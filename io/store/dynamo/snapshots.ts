/**
 * The sources' side of the table: each source's state (SOURCE#<id> / STATE, listed on byTime LIST#STATES),
 * its snapshots (SNAP#<version>, the record gzip-compressed JSON) and its health events (HEALTH#<at>#<id>).
 *
 * Only single-item conditional writes are used (no transactions: dynalite has none), so commitSnapshot
 * writes in an order that is safe to retry and safe against an overlapping run:
 *
 *   1. change events   put if absent        (deterministic ids: a retry rewrites nothing)
 *   2. snapshot        put if absent        (present with the same recordHash = a retry: fine)
 *   3. source state    put if it still points at the expected version (else ConcurrentUpdateError)
 *
 * A crash after 1 or 2 leaves the state pointing at the old snapshot, so the next run computes the
 * same diff, finds its events and snapshot already written, and completes step 3.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import type { ParseResult } from '#parsers/schema.ts';
import type { ChangeEvent } from '#core/domain/changes.ts';
import type { HealthEvent, Snapshot, SourceState } from '#core/domain/snapshots.ts';
import { ConcurrentUpdateError, type SnapshotStore } from '#core/ports/store.ts';
import { keys, LISTS } from '../keys.ts';
import { eventItem } from './event-log.ts';
import { itemsUnder, listed, type Item, type Table } from './table.ts';

export function dynamoSnapshots(table: Table): SnapshotStore {
  return {
    getState: async (sourceId) => toState(await table.get(keys.state(sourceId))),
    listStates: async () => (await listed(table, LISTS.states)).map((item) => toState(item)!),
    async putState(state) {
      // A late write from an older run must not roll the state back to an older snapshot: the
      // condition lets a state replace only one that points at the same or an older version.
      await table.putIf(stateItem(state), 'attribute_not_exists(PK) OR snapshotVersion <= :v', { ':v': state.snapshotVersion });
    },
    getSnapshot: async (sourceId, version) => toSnapshot(await table.get(keys.snapshot(sourceId, version))),
    getSnapshots: async (wanted) => (await table.getMany(wanted.map((w) => keys.snapshot(w.sourceId, w.version)))).map((item) => toSnapshot(item)!),
    async getLatestSnapshot(sourceId) {
      const items = await table.queryPage({ KeyConditionExpression: 'PK = :pk AND begins_with(SK, :s)',
        ExpressionAttributeValues: { ':pk': keys.state(sourceId).PK, ':s': 'SNAP#' }, ScanIndexForward: false, Limit: 1, ConsistentRead: true });
      return toSnapshot(items[0]);
    },
    commitSnapshot: (snapshot, events, state, expectedVersion) => commitSnapshot(table, snapshot, events, state, expectedVersion),
    async listSnapshotVersions(sourceId) {
      const items = await itemsUnder(table, keys.state(sourceId).PK, 'SNAP#', { ProjectionExpression: 'sourceId, version, takenAt, recordHash, contentHash' });
      return items.map((item) => ({ sourceId: item.sourceId as string, version: item.version as number, takenAt: item.takenAt as string,
        recordHash: item.recordHash as string, contentHash: item.contentHash as string }));
    },
    async putHealthEvent(event) {
      await table.put({ ...keys.health(event.sourceId, event.at, event.id), type: 'health', event });
    },
    listHealthEvents: async (sourceId) => (await itemsUnder(table, keys.state(sourceId).PK, 'HEALTH#')).map((item) => item.event as HealthEvent),
  };
}

/** The three writes of the module comment, in their order. */
async function commitSnapshot(table: Table, snapshot: Snapshot, events: ChangeEvent[], state: SourceState, expectedVersion: number): Promise<void> {
  for (const event of events) await table.putIf(eventItem(event), 'attribute_not_exists(PK)');
  if (!(await table.putIf(snapshotItem(snapshot), 'attribute_not_exists(PK)'))) {
    const existing = await table.get(keys.snapshot(snapshot.sourceId, snapshot.version));
    if (existing?.recordHash !== snapshot.recordHash) throw new ConcurrentUpdateError(snapshot.sourceId);
  }
  const moved = await table.putIf(stateItem(state),
    'attribute_not_exists(PK) OR snapshotVersion = :expected OR (snapshotVersion = :version AND recordHash = :hash)',
    { ':expected': expectedVersion, ':version': snapshot.version, ':hash': snapshot.recordHash });
  if (!moved) throw new ConcurrentUpdateError(snapshot.sourceId);
}

const stateItem = (state: SourceState): Item => ({ ...keys.state(state.sourceId), type: 'state', gsi1pk: LISTS.states, gsi1sk: state.sourceId, ...state });

const snapshotItem = (s: Snapshot): Item => ({ ...keys.snapshot(s.sourceId, s.version), type: 'snapshot', sourceId: s.sourceId, version: s.version,
  takenAt: s.takenAt, recordHash: s.recordHash, contentHash: s.contentHash, result: gzipSync(JSON.stringify(s.result)) });

function toState(item: Item | undefined): SourceState | undefined {
  if (!item) return undefined;
  const { PK: _pk, SK: _sk, type: _type, gsi1pk: _g, gsi1sk: _s, ...state } = item;
  return state as unknown as SourceState;
}

function toSnapshot(item: Item | undefined): Snapshot | undefined {
  if (!item) return undefined;
  const result = JSON.parse(gunzipSync(item.result as Uint8Array).toString('utf8')) as ParseResult;
  return { sourceId: item.sourceId as string, version: item.version as number, takenAt: item.takenAt as string,
    recordHash: item.recordHash as string, contentHash: item.contentHash as string, result };
}
