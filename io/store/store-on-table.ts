/**
 * The Store port composed from its role modules on one table, whichever way the table is reached (the
 * SDK in dynamo-store.ts, or dynalite in this process for the CLI's queries). No SDK import here.
 */
import type { Store } from '#core/ports/store.ts';
import { dynamoCycleLog } from './dynamo/cycle-log.ts';
import { dynamoDiscovery } from './dynamo/discovery.ts';
import { dynamoEventLog } from './dynamo/event-log.ts';
import { dynamoOutbox } from './dynamo/outbox.ts';
import { dynamoSnapshots } from './dynamo/snapshots.ts';
import { dynamoSubscribers } from './dynamo/subscribers.ts';
import type { Table } from './dynamo/table.ts';

export function storeOnTable(table: Table): Store {
  return { ...dynamoSnapshots(table), ...dynamoEventLog(table), ...dynamoSubscribers(table), ...dynamoOutbox(table),
    ...dynamoDiscovery(table), ...dynamoCycleLog(table) };
}
