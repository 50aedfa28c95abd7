/**
 * Each function's DynamoDB access, read off what its handler calls through the Store port
 * (the role modules in io/store/dynamo/ say which API each Store method uses), instead of grantReadWriteData:
 *
 *   GetItem     getState, getSnapshot, getSubscriber, hasDelivery, the re-read in commitSnapshot, countUse's read
 *   PutItem     every put*, commitSnapshot, claimSend, completeSend, recordDelivery, countUse (conditional or not)
 *   UpdateItem  markEventsNotified, markDigestSent
 *   DeleteItem  releaseSend
 *   Query       every list*, getLatestSnapshot; on an index where the method names one (byTime, byPending)
 *
 * Nothing calls Scan, BatchGetItem, BatchWriteItem, ConditionCheckItem or a transaction, so no role gets them.
 */
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { keys } from '#io/store/keys.ts';
import type { TABLE_DESIGN } from '#io/store/table-design.ts';

type ItemAction = 'GetItem' | 'PutItem' | 'UpdateItem' | 'DeleteItem' | 'Query';
type IndexName = keyof typeof TABLE_DESIGN.indexes;

export interface TableAccess {
  actions: ItemAction[];
  /** The indexes the role queries; the table itself is always a resource. */
  indexes: IndexName[];
  /** Partition-key prefixes the role is held to (dynamodb:LeadingKeys); unset: any item. */
  leadingKeys?: string[];
}

/**
 * The partition-key prefix of everything about one subscriber (profile, deliveries, outbox claims) and
 * of the subscribe form's rate-limit counters: `SUB#`, taken from the key layout itself so that policy
 * and layout cannot drift apart.
 */
export const SUBSCRIBER_PREFIX = subscriberPrefix();

function subscriberPrefix(): string {
  const prefixes = new Set([keys.subscriber('').PK, keys.delivery('', 'e').PK, keys.sendClaim('', 'k').PK, keys.limitCounter('', 'w').PK]);
  if (prefixes.size !== 1) throw new Error(`subscriber items no longer share one partition-key prefix (${[...prefixes].join(', ')}): update infra/constructs/table-access.ts`);
  return [...prefixes][0]!;
}

/**
 * Who needs what, by handler. The two subscriber-facing roles (the internet-facing pages and the SES
 * events) touch only SUB# items, by key: neither queries an index, so neither is granted one. That
 * matters because dynamodb:LeadingKeys is checked against the partition key of whatever is read, and
 * for a Query on an index that is the index's key (byTime's gsi1pk, e.g. LIST#SUBSCRIBERS), not PK: a
 * role that had to list subscribers would need a second statement on that one index held to the
 * LIST#SUBSCRIBERS key, never the SUB# condition widened.
 */
export const TABLE_ACCESS = {
  /** check-plan: listing states (get, put), found calls (put, listed on byTime), a found call's latest snapshot. */
  planner: { actions: ['GetItem', 'PutItem', 'Query'], indexes: ['byTime'] },
  /** check-chunk: state, snapshot and events of each source, the chunk's tally; the found calls on byTime. */
  worker: { actions: ['GetItem', 'PutItem', 'Query'], indexes: ['byTime'] },
  /** check-finish: the chunks' tallies and latest snapshots (queries), the cycle summary and disagreement events (puts). */
  finisher: { actions: ['PutItem', 'Query'], indexes: ['byTime'] },
  /** publish: reads only (states and changes on byTime, snapshots, histories, cycle summaries). */
  publisher: { actions: ['GetItem', 'Query'], indexes: ['byTime'] },
  /** notify: pending events (byPending), subscribers (byTime), the outbox: claim, settle, release (delete), mark notified. */
  notifier: { actions: ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query'], indexes: ['byPending', 'byTime'] },
  /** reminders: the catalogue (byTime), subscribers, the same outbox; recovering a digest claim marks the digest sent. */
  reminders: { actions: ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query'], indexes: ['byTime'] },
  /** subscription-api: one subscriber's profile and the form's rate-limit counters (countUse), read and written by key. */
  subscriptionPages: { actions: ['GetItem', 'PutItem'], indexes: [], leadingKeys: [SUBSCRIBER_PREFIX] },
  /** ses-events: suppress a profile (get, put), settle its outbox claim (query, put) and record the deliveries. */
  sesEvents: { actions: ['GetItem', 'PutItem', 'Query'], indexes: [], leadingKeys: [SUBSCRIBER_PREFIX] },
} as const satisfies Record<string, TableAccess>;

export type TableRole = keyof typeof TABLE_ACCESS;

/** The one statement that gives `grantee` the access of `role` on `table`. */
export function tableStatement(table: ITable, role: TableRole): PolicyStatement {
  const access: TableAccess = TABLE_ACCESS[role];
  return new PolicyStatement({
    actions: access.actions.map((action) => `dynamodb:${action}`),
    resources: [table.tableArn, ...access.indexes.map((index) => `${table.tableArn}/index/${index}`)],
    ...(access.leadingKeys ? { conditions: {
      'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': access.leadingKeys.map((prefix) => `${prefix}*`) },
      // ForAllValues holds on an empty set: require the key, so a request that names none is refused.
      Null: { 'dynamodb:LeadingKeys': 'false' },
    } } : {}),
  });
}

/**
 * Grants `grantee` exactly what its role uses on the table.
 * @example grantTableAccess(table, notify.fn, 'notifier');
 */
export function grantTableAccess(table: ITable, grantee: IGrantable, role: TableRole): void {
  grantee.grantPrincipal.addToPrincipalPolicy(tableStatement(table, role));
}
