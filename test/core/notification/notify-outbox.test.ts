/**
 * The outbox: every e-mail exactly once, whatever step a run dies at. Each test runs the notifier on
 * real local engines (dynalite, the SES emulator), kills it at one step (a fault that only a mock can
 * make: the process dying), then runs it again as the next scheduled run would, and counts what the
 * SES emulator received.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { notifyPending, type NotifyDeps } from '#core/notification/notify.ts';
import type { ChangeEvent } from '#core/domain/changes.ts';
import type { Subscriber } from '#core/domain/subscribers.ts';
import type { Mailer } from '#core/ports/mailer.ts';
import type { Store } from '#core/ports/store.ts';
import type { SesEmulator } from '#io/local/ses-emulator.ts';
import { createDynamoStore, ensureTable } from '#io/store/dynamo-store.ts';
import { startMailEngines, type MailEngines } from '../../helpers/mail-engines.ts';
import { event, snapshot, state } from '../../helpers/records.ts';

class Killed extends Error {}

/**
 * Store and mailer of a process that dies at the named step, after or before a real call: from then on
 * nothing it does reaches the store or SES any more.
 */
type Step = 'after-claim' | 'before-send' | 'after-send' | 'after-record' | 'after-complete' | 'before-mark-notified';
function dying(store: Store, mailer: Mailer, step: Step, occurrence = 1): { store: Store; mailer: Mailer } {
  let dead = false;
  let seen = 0;
  const die = (at: Step): void => {
    if (dead || (at === step && (seen += 1) === occurrence)) {
      dead = true;
      throw new Killed(`killed ${at}`);
    }
  };
  const alive = (): void => {
    if (dead) throw new Killed('dead');
  };
  return {
    store: {
      ...Object.fromEntries(Object.entries(store).map(([name, fn]) => [name, (...args: unknown[]) => { alive(); return (fn as (...a: unknown[]) => unknown)(...args); }])) as unknown as Store,
      claimSend: async (claim) => { alive(); const ok = await store.claimSend(claim); die('after-claim'); return ok; },
      recordDelivery: async (d) => { alive(); await store.recordDelivery(d); die('after-record'); },
      completeSend: async (c, id) => { alive(); await store.completeSend(c, id); die('after-complete'); },
      markEventsNotified: async (events) => { die('before-mark-notified'); await store.markEventsNotified(events); },
    },
    mailer: {
      ...mailer,
      send: async (mail, key) => { die('before-send'); const out = await mailer.send(mail, key); die('after-send'); return out; },
    },
  };
}

const subscribers: Subscriber[] = [
  { id: 's-all', email: 'all@example.org', lang: 'en', status: 'confirmed', filters: {} },
  { id: 's-jst', email: 'jst@example.org', lang: 'ja', status: 'confirmed', filters: { agencies: ['JST'] } },
  { id: 's-amed', email: 'amed@example.org', lang: 'en', status: 'confirmed', filters: { agencies: ['AMED'] } },
  { id: 's-gone', email: 'gone@example.org', lang: 'en', status: 'unsubscribed', filters: {} },
];

describe('the notifier as an outbox', () => {
  let client: DynamoDBClient;
  let ses: SesEmulator;
  let store: Store;
  let mailer: Mailer;
  let table = 0;
  let now = Date.parse('2025-04-02T01:00:00Z');
  const clock = () => new Date(now);

  let engines: MailEngines | undefined;
  beforeAll(async () => { ({ client, ses, mailer } = engines = await startMailEngines()); });
  afterAll(async () => { await engines?.close(); });

  beforeEach(async () => {
    const name = `outbox-${(table += 1)}`;
    await ensureTable(client, name);
    store = createDynamoStore({ tableName: name, client });
    // Each test its own subscribers (ids and addresses): the emulator, and its record of what went out, is shared.
    for (const s of subscribers) await store.putSubscriber({ ...s, id: `${s.id}-${table}`, email: s.email.replace('@', `+${table}@`) });
    const events: ChangeEvent[] = [event('e1'), event('e2'), { ...event('e3'), agency: 'AMED', sourceId: 'amed-aspire-en' }];
    await store.commitSnapshot(snapshot(2), events, state(2), 0);
  });

  /** What the emulator received for this test's table: recipient -> number of e-mails. */
  const received = async (): Promise<Record<string, number>> => {
    const counts: Record<string, number> = {};
    for (const e of await ses.emails()) for (const to of e.destination.to) if (to.includes(`+${table}@`)) counts[to.replace(`+${table}@`, '@')] = (counts[to.replace(`+${table}@`, '@')] ?? 0) + 1;
    return counts;
  };
  const deps = (): NotifyDeps => ({ store, mailer, clock });

  it('sends each subscriber one e-mail with the events that match, and nothing to the unsubscribed', async () => {
    const report = await notifyPending(deps());
    expect(report).toMatchObject({ pendingEvents: 3, emailsSent: 3, failures: [] });
    expect(await received()).toEqual({ 'all@example.org': 1, 'jst@example.org': 1, 'amed@example.org': 1 });
    expect(await store.listPendingEvents()).toEqual([]);
    expect(await notifyPending(deps())).toMatchObject({ pendingEvents: 0, emailsSent: 0 });
  });

  const STEPS: Step[] = ['after-claim', 'before-send', 'after-send', 'after-record', 'after-complete'];
  // The first e-mail of the run, or the second: a run that dies in the middle of sending.
  it.each<[Step, number]>([...STEPS.flatMap((step) => [[step, 1], [step, 2]] as Array<[Step, number]>), ['before-mark-notified', 1]])(
    'killed %s (e-mail %i), then run again: every e-mail delivered exactly once', async (step, occurrence) => {
      const first = dying(store, mailer, step, occurrence);
      await notifyPending({ store: first.store, mailer: first.mailer, clock }).catch((err) => { if (!(err instanceof Killed)) throw err; });
      // The next scheduled run, a quarter of an hour later, finds what the dead run left.
      now += 15 * 60_000;
      const second = await notifyPending(deps());

      expect(second.failures).toEqual([]);
      expect(await received()).toEqual({ 'all@example.org': 1, 'jst@example.org': 1, 'amed@example.org': 1 });
      for (const s of subscribers.slice(0, 3)) {
        const expected = s.id === 's-all' ? ['e1', 'e2', 'e3'] : s.id === 's-jst' ? ['e1', 'e2'] : ['e3'];
        for (const id of expected) expect(await store.hasDelivery(`${s.id}-${table}`, id), `${s.id} ${id}`).toBe(true);
      }
      expect(await store.listPendingEvents()).toEqual([]);
      expect(await notifyPending(deps())).toMatchObject({ emailsSent: 0 });
    });

  it('leaves a fresh claim alone: another run may be sending it right now', async () => {
    const first = dying(store, mailer, 'after-claim');
    await notifyPending({ store: first.store, mailer: first.mailer, clock }).catch(() => undefined);
    const overlapping = await notifyPending(deps());
    // The killed run's subscriber waits for the claim to time out; nobody gets anything twice.
    expect(overlapping.emailsSent).toBe(2);
    expect(Object.values(await received()).every((n) => n === 1)).toBe(true);
    expect((await store.listPendingEvents()).length).toBeGreaterThan(0);
  });

  it('sends nothing again while another run is still recording an e-mail it sent, some deliveries in, some not', async () => {
    // The other run claimed the JST subscriber's e-mail (e1, e2), sent it, and has recorded e1 so far.
    const subscriberId = `s-jst-${table}`;
    const claim = { key: 'other-run', subscriberId, eventIds: ['e1', 'e2'], claimedAt: clock().toISOString(), status: 'claimed' as const };
    await store.claimSend(claim);
    await store.recordDelivery({ subscriberId, eventIds: ['e1'], messageId: 'm-other', sentAt: clock().toISOString() });

    const overlapping = await notifyPending(deps());

    expect(overlapping.failures).toEqual([]);
    expect(await received()).toEqual({ 'all@example.org': 1, 'amed@example.org': 1 });
    // e2 stays pending until the other run marks it notified (or a later run recovers its claim).
    expect((await store.listPendingEvents()).map((e) => e.id)).toContain('e2');
  });

  it('holds a digest until its time and keeps its events pending meanwhile', async () => {
    await store.putSubscriber({ ...subscribers[0]!, id: `s-all-${table}`, email: `all+${table}@example.org`, delivery: 'daily' });
    await notifyPending(deps());
    expect((await received())['all@example.org']).toBe(1);

    await store.commitSnapshot(snapshot(3, 'hash-3'), [event('e4', 3)], state(3), 2);
    now += 3 * 3_600_000;
    const held = await notifyPending(deps());
    expect(held.digestsWaiting).toBe(1);
    expect((await received())['all@example.org']).toBe(1);
    expect((await store.listPendingEvents()).map((e) => e.id)).toEqual(['e4']);

    now += 21 * 3_600_000;
    await notifyPending(deps());
    expect((await received())['all@example.org']).toBe(2);
    expect(await store.listPendingEvents()).toEqual([]);
  });
});
