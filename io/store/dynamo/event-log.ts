/**
 * The change log on the table: each event under its source (SOURCE#<id> / CHANGE#<toVersion>#<id>), on the
 * sparse byPending index until the notifier has it, and on byTime by month for the analysts.
 */
import type { ChangeEvent } from '#core/domain/changes.ts';
import type { EventLog } from '#core/ports/store.ts';
import { keys, LISTS } from '../keys.ts';
import { itemsUnder, type Item, type Table } from './table.ts';

/** The item of a change event; also written by commitSnapshot, before its snapshot. */
export const eventItem = (e: ChangeEvent): Item => ({ ...keys.change(e.sourceId, e.toVersion, e.id), type: 'change', event: e,
  pendingPk: LISTS.pending, pendingSk: `${e.detectedAt}#${e.id}`, gsi1pk: `CHANGES#${e.detectedAt.slice(0, 7)}`, gsi1sk: `${e.detectedAt}#${e.id}` });

export function dynamoEventLog(table: Table): EventLog {
  return {
    async putChangeEvents(events) {
      const fresh: ChangeEvent[] = [];
      for (const event of events) if (await table.putIf(eventItem(event), 'attribute_not_exists(PK)')) fresh.push(event);
      return fresh;
    },
    async listPendingEvents() {
      const hits = await table.queryAll({ IndexName: 'byPending', KeyConditionExpression: 'pendingPk = :p', ExpressionAttributeValues: { ':p': LISTS.pending } });
      return (await confirmedHits(table, hits, 'pendingPk', 'pendingSk')).map((item) => item.event as ChangeEvent);
    },
    async markEventsNotified(events) {
      for (const e of events) {
        await table.update({ Key: keys.change(e.sourceId, e.toVersion, e.id), UpdateExpression: 'REMOVE pendingPk, pendingSk' });
      }
    },
    listChanges: async (sourceId) => (await itemsUnder(table, keys.state(sourceId).PK, 'CHANGE#')).map((item) => item.event as ChangeEvent),
    async listChangesBetween(since, until) {
      const events: ChangeEvent[] = [];
      for (const month of monthsBetween(since, until)) {
        const hits = await table.queryAll({ IndexName: 'byTime', KeyConditionExpression: 'gsi1pk = :p AND gsi1sk BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':p': `CHANGES#${month}`, ':from': since, ':to': until } });
        const items = await confirmedHits(table, hits, 'gsi1pk', 'gsi1sk');
        // BETWEEN includes `until` itself; the range is half-open.
        events.push(...items.map((item) => item.event as ChangeEvent).filter((e) => e.detectedAt < until));
      }
      return events;
    },
  };
}

/**
 * The index hits whose item, read from the table, still carries the same index key. dynalite writes a put's
 * index entries before its item, in separate LevelDB writes: a process killed in between leaves entries with
 * no item, and the retry (a later run, a later detectedAt) writes the item under other index keys, so the
 * orphans would be listed (and e-mailed) beside it, and stay pending for ever (markEventsNotified updates the
 * item, which never had them). DynamoDB keeps its indexes itself, but they lag the table: this check also drops
 * a pending hit whose event another run has just marked notified. Strongly consistent reads of the keys and the
 * two index attributes only, a hundred per BatchGetItem (a year of changes was 24,000 GetItems); the hits' own
 * copies are returned, in their order, verified equal in the key that can differ.
 */
async function confirmedHits(table: Table, hits: Item[], pk: string, sk: string): Promise<Item[]> {
  const id = (item: Item) => `${item.PK as string}\u0000${item.SK as string}`;
  const wanted = new Map(hits.map((hit) => [id(hit), { PK: hit.PK as string, SK: hit.SK as string }]));
  const current = new Map((await table.getMany([...wanted.values()], ['PK', 'SK', pk, sk])).map((item) => [id(item), item]));
  return hits.filter((hit) => current.get(id(hit))?.[pk] === hit[pk] && current.get(id(hit))?.[sk] === hit[sk]);
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
