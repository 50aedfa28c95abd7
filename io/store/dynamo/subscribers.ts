/**
 * Subscribers on the table (SUB#<id> / PROFILE, listed on byTime LIST#SUBSCRIBERS) and the counters of
 * the subscribe form's rate limits beside them (SUB#<key> / LIMIT#<windowStart>).
 */
import type { Subscriber } from '#core/domain/subscribers.ts';
import type { LimitWindow, SubscriberStore } from '#core/ports/store.ts';
import { keys, LISTS } from '../keys.ts';
import { TABLE_DESIGN } from '../table-design.ts';
import { epochSeconds, listed, type Item, type Table } from './table.ts';

export function dynamoSubscribers(table: Table): SubscriberStore {
  return {
    async putSubscriber(subscriber, expiresAt) {
      await table.put({ ...keys.subscriber(subscriber.id), type: 'subscriber', gsi1pk: LISTS.subscribers, gsi1sk: subscriber.id, subscriber,
        ...(expiresAt ? { [TABLE_DESIGN.ttlAttribute]: epochSeconds(expiresAt) } : {}) });
    },
    async getSubscriber(id, now) {
      const item = await table.get(keys.subscriber(id));
      return item && !(now && isExpired(item, now)) ? item.subscriber as Subscriber : undefined;
    },
    async markDigestSent(subscriberId, at) {
      await table.update({ Key: keys.subscriber(subscriberId), UpdateExpression: 'SET subscriber.lastDigestAt = :at',
        ConditionExpression: 'attribute_exists(PK)', ExpressionAttributeValues: { ':at': at } });
    },
    listSubscribers: async () => (await listed(table, LISTS.subscribers)).map((item) => item.subscriber as Subscriber),
    countUse: (window) => countUse(table, window),
  };
}

/**
 * Read the count, then write the next one on the condition that it is still the one read (optimistic
 * concurrency): two requests racing for the last use cannot both have it. GetItem and PutItem only, as
 * the internet-facing role has on SUB# items; over the limit it costs a read and no write. The window is
 * in the key, so a stale counter that TTL has not deleted yet is never read.
 */
async function countUse(table: Table, { key, windowStart, windowEnd, limit }: LimitWindow): Promise<boolean> {
  const Key = keys.limitCounter(key, windowStart.toISOString());
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const uses = ((await table.get(Key))?.uses as number | undefined) ?? 0;
    if (uses >= limit) return false;
    const next = { ...Key, type: 'limit', uses: uses + 1, [TABLE_DESIGN.ttlAttribute]: epochSeconds(windowEnd) };
    // One condition for the first use and the next ones (no item yet, or still the count read). Also what keeps
    // DynamoDB Local steady: with two condition shapes racing, its expression parser failed about one run in three
    // with "Invalid ConditionExpression: Index 0 out of bounds" (a ValidationException real DynamoDB never gives).
    if (await table.putIf(next, 'attribute_not_exists(PK) OR uses = :uses', { ':uses': uses })) return true;
  }
  // Five writers in a row beat this one to the same counter: that is a flood on one key, so refuse.
  return false;
}

/**
 * An item whose TTL has passed (DynamoDB's rule: its time is less than now): DynamoDB may not have deleted
 * it yet, but it is no longer there for the reader.
 */
function isExpired(item: Item, now: Date): boolean {
  const expiresAt = item[TABLE_DESIGN.ttlAttribute];
  return typeof expiresAt === 'number' && expiresAt * 1000 < now.getTime();
}
