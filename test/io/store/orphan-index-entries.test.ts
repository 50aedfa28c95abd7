/**
 * dynalite writes a put's index entries before its item (LevelDB has no transaction across them). A process
 * killed in between leaves index entries whose item was never written; the retry, in a later run, writes the
 * item with a new detectedAt (the retried check's clock), so its index entries land under other keys and the
 * orphans stay. These tests make the engine die exactly there, run again, and read every view the orphan could
 * haunt: the changes by time, the pending list, and the notifier's e-mails.
 */
import { createRequire } from 'node:module';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ChangeEvent } from '#core/domain/changes.ts';
import type { Subscriber } from '#core/domain/subscribers.ts';
import { notifyPending } from '#core/notification/notify.ts';
import type { Mailer, OutgoingMail } from '#core/ports/mailer.ts';
import type { Store } from '#core/ports/store.ts';
import { startDynalite, type LocalEngine } from '#io/local/dynalite.ts';
import { createDynamoStore, ensureTable } from '#io/store/dynamo-store.ts';
import { localClient } from '../../helpers/engines.ts';
import { event, snapshot, state } from '../../helpers/records.ts';

const TABLE = 'orphans';
const KILLED_AT = '2025-04-02T00:00:00.000Z';
const RETRIED_AT = '2025-04-02T00:15:00.000Z';

interface ItemDb { put(key: unknown, value: unknown, cb: (err?: Error) => void): void }
interface EngineStore { getItemDb(table: string): ItemDb }

/**
 * dynalite, started in this process with a hand on its item database: while `dying`, every change item's own
 * write fails after its index entries were written, as when the process is killed between the two.
 */
async function startMortalDynalite(): Promise<{ engine: LocalEngine; setDying: (dying: boolean) => void }> {
  const dbModule = createRequire(import.meta.url)('dynalite/db') as { create: (o: Record<string, unknown>) => EngineStore };
  const create = dbModule.create;
  let engineStore: EngineStore | undefined;
  dbModule.create = (options) => (engineStore = create(options));
  let engine: LocalEngine;
  try {
    engine = await startDynalite({});
  } finally {
    dbModule.create = create;
  }
  let dying = false;
  const itemDb = engineStore!.getItemDb(TABLE);
  const put = itemDb.put.bind(itemDb);
  itemDb.put = (key, value, cb) => {
    // An error with a status is answered as DynamoDB's InternalFailure (dynalite throws any other).
    if (dying && JSON.stringify(value).includes('"type":{"S":"change"}')) return cb(Object.assign(new Error('killed'), DIED));
    return put(key, value, cb);
  };
  return { engine, setDying: (d) => { dying = d; } };
}

const DIED = { statusCode: 500, body: { __type: 'com.amazonaws.dynamodb.v20120810#InternalFailure', message: 'killed between the index entries and the item' } };

function subscriber(id: string, confirmedAt: string): Subscriber {
  return { id, email: `${id}@example.org`, lang: 'en', status: 'confirmed', filters: {}, createdAt: confirmedAt, confirmedAt };
}

function inbox(): Mailer & { sent: OutgoingMail[] } {
  const sent: OutgoingMail[] = [];
  return { sent, async send(mail) { sent.push(mail); return { messageId: `m${sent.length}` }; }, findSent: async () => undefined };
}

describe('a change event whose put died between its index entries and its item (dynalite)', () => {
  let mortal: Awaited<ReturnType<typeof startMortalDynalite>>;
  let client: DynamoDBClient;
  let store: Store;

  beforeEach(async () => {
    mortal = await startMortalDynalite();
    client = localClient(mortal.engine.endpoint);
    await ensureTable(client, TABLE);
    store = createDynamoStore({ tableName: TABLE, client });
    await store.commitSnapshot(snapshot(1), [], state(1), 0);
    // The killed run: its check found the change at KILLED_AT; the engine wrote the index entries, then died.
    mortal.setDying(true);
    await expect(store.commitSnapshot(snapshot(2), [event('reworded', 2, KILLED_AT)], state(2), 1)).rejects.toThrow();
    mortal.setDying(false);
    // The next run checks again, finds the same change between the same versions, a quarter of an hour later.
    await store.commitSnapshot({ ...snapshot(2), takenAt: RETRIED_AT }, [event('reworded', 2, RETRIED_AT)], state(2), 1);
  });
  afterEach(async () => {
    client?.destroy();
    await mortal?.engine.close();
  });

  it('lists the change once, as the item the retry wrote', async () => {
    const changes = await store.listChangesBetween('2025-04-01T00:00:00.000Z', '2025-05-01T00:00:00.000Z');

    expect(changes.map((e: ChangeEvent) => [e.id, e.detectedAt])).toEqual([['reworded', RETRIED_AT]]);
    expect((await store.listChanges('jst-aspire-top-en')).map((e) => e.detectedAt)).toEqual([RETRIED_AT]);
  });

  it('lists it pending once, and not at all once notified', async () => {
    expect((await store.listPendingEvents()).map((e) => [e.id, e.detectedAt])).toEqual([['reworded', RETRIED_AT]]);

    await store.markEventsNotified(await store.listPendingEvents());

    expect(await store.listPendingEvents()).toEqual([]);
  });

  it('e-mails the change once to the subscriber of the time, and never to one who confirmed later', async () => {
    await store.putSubscriber(subscriber('s-early', '2025-04-01T00:00:00.000Z'));
    const mailer = inbox();
    await notifyPending({ store, mailer, clock: () => new Date('2025-04-02T00:20:00.000Z') });
    await store.putSubscriber(subscriber('s-later', '2025-04-03T00:00:00.000Z'));
    await notifyPending({ store, mailer, clock: () => new Date('2025-04-04T00:00:00.000Z') });

    expect(mailer.sent.map((m) => m.to)).toEqual(['s-early@example.org']);
    expect(mailer.sent[0]!.text.match(/moved/g)).toHaveLength(1);
    expect(await store.listPendingEvents()).toEqual([]);
  });
});
