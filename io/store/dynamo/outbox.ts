/**
 * The outbox on the table, under each subscriber: a claim on an e-mail before it is sent
 * (SUB#<id> / SEND#<key>), and one delivery per (subscriber, event) after (SUB#<id> / DELIVERY#<eventId>).
 */
import type { SendClaim } from '#core/domain/outbox.ts';
import type { Outbox } from '#core/ports/store.ts';
import { keys } from '../keys.ts';
import { TABLE_DESIGN } from '../table-design.ts';
import { epochSecondsAfter, itemsUnder, type Table } from './table.ts';

export function dynamoOutbox(table: Table): Outbox {
  return {
    claimSend: async (claim) => table.putIf({ ...keys.sendClaim(claim.subscriberId, claim.key), type: 'send', claim }, 'attribute_not_exists(PK)'),
    listSendClaims: async (subscriberId) =>
      (await itemsUnder(table, keys.subscriber(subscriberId).PK, 'SEND#', { ConsistentRead: true })).map((item) => item.claim as SendClaim),
    async completeSend(claim, messageId) {
      // A finished claim only has to outlive any retry of its run; after that the deliveries say it all.
      await table.put({ ...keys.sendClaim(claim.subscriberId, claim.key), type: 'send',
        claim: { ...claim, status: 'sent', messageId }, [TABLE_DESIGN.ttlAttribute]: epochSecondsAfter(claim.claimedAt, 90) });
    },
    releaseSend: async (claim) => table.delete(keys.sendClaim(claim.subscriberId, claim.key)),
    hasDelivery: async (subscriberId, eventId) => (await table.get(keys.delivery(subscriberId, eventId))) !== undefined,
    async recordDelivery(delivery) {
      for (const eventId of delivery.eventIds) {
        await table.put({ ...keys.delivery(delivery.subscriberId, eventId), type: 'delivery', ...delivery });
      }
    },
  };
}
