/**
 * The single-table design, as plain data shared by the store adapter, the local engines and the CDK
 * stack, so that all three agree on keys and indexes.
 *
 * Items (PK / SK):
 *   SOURCE#<id> / STATE                      current state of a source (validators, outcome, snapshot version)
 *   SOURCE#<id> / DISCOVERY                  a source found on a listing: its registry entry (byTime: LIST#DISCOVERED, id)
 *   SOURCE#<id> / SNAP#<version, 10 digits>  one normalized snapshot (gzip-compressed JSON)
 *   SOURCE#<id> / CHANGE#<toVersion, 10 digits>#<id>   one change event (deterministic id; the key holds no clock
 *                                            value, so a retried run writes the very same key)
 *   SOURCE#<id> / HEALTH#<at>#<id>           one parser-health event
 *   SUB#<id>    / PROFILE                    a subscriber (a pending one expires with its confirmation link, 7 days)
 *   SUB#<id>    / DELIVERY#<eventId>         one delivered (subscriber, event) pair
 *   SUB#<id>    / SEND#<key>                 the outbox: a claim on one e-mail before it is sent, then its message id
 *   SUB#<id>    / LIMIT#<windowStart>        the subscribe form's count of e-mails to this address in one window
 *   SUB#client#<HMAC of the IP> / LIMIT#<windowStart>   the form's count of posts from one client in one window
 *                                            (both expire with their window; under SUB#, the prefix the
 *                                            internet-facing role is held to)
 *   CYCLE#<startedAt> / CHUNK#<host>#<n>     one worker's tally in a fanned-out cycle (expires after 35 days)
 *   CYCLE#<startedAt> / SUMMARY              a finished cycle's tally (byTime: LIST#CYCLES, startedAt)
 *
 * Indexes:
 *   byPending  (pendingPk, pendingSk)  sparse: only change events not yet handed to the notifier
 *   byTime     (gsi1pk, gsi1sk)        change events by month (CHANGES#YYYY-MM, detectedAt) for analysts; the
 *                                      fixed lists LIST#STATES, LIST#SUBSCRIBERS, LIST#CYCLES and LIST#DISCOVERED
 */
export const TABLE_DESIGN = {
  partitionKey: 'PK',
  sortKey: 'SK',
  indexes: {
    byPending: { partitionKey: 'pendingPk', sortKey: 'pendingSk' },
    byTime: { partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  },
  /** Attribute holding an epoch-seconds expiry, for records that may age out. */
  ttlAttribute: 'expiresAt',
} as const;

export const DEFAULT_TABLE_NAME = 'fundwatch';
