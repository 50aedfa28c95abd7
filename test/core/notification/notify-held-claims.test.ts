/**
 * The outbox's claims, seen from the next run: an e-mail is claimed only once it is rendered, so a
 * mistake that stops rendering (a bad base URL for the links) fails that run and holds nothing back;
 * and a run that finds claims another run still holds says how many and from when a run settles them,
 * instead of reporting "0 sent" without a word.
 */
import { describe, expect, it } from 'vitest';
import { notifyPending, type NotifyDeps } from '#core/notification/notify.ts';
import { DEFAULT_CLAIM_TIMEOUT_MS } from '#core/notification/outbox.ts';
import type { Subscriber } from '#core/domain/subscribers.ts';
import type { Mailer, OutgoingMail } from '#core/ports/mailer.ts';
import type { Store } from '#core/ports/store.ts';
import { useDynaliteTables } from '../../helpers/engines.ts';
import { event } from '../../helpers/records.ts';

const SUBSCRIBER: Subscriber = { id: 's-all', email: 'all@example.org', lang: 'en', status: 'confirmed', filters: {} };
const CHANGE = event('ev-deadline', 2, '2025-04-02T00:00:00.000Z');
const AT = Date.parse('2025-04-02T01:00:00.000Z');
const minutes = (n: number): Date => new Date(AT + n * 60_000);
const LINKS = { secret: 'k'.repeat(32), baseUrl: 'https://fundwatch.example.org' };

describe('claims the next run finds', () => {
  const tables = useDynaliteTables('held');

  /** A table with one subscriber and one pending change, and a mailer that keeps what it is given. */
  async function world(): Promise<{ store: Store; outbox: OutgoingMail[]; deps: (at: Date, links?: NotifyDeps['links']) => NotifyDeps }> {
    const { store } = await tables.freshTable();
    await store.putSubscriber(SUBSCRIBER);
    await store.putChangeEvents([CHANGE]);
    const outbox: OutgoingMail[] = [];
    const mailer: Mailer = {
      send: async (mail) => { outbox.push(mail); return { messageId: `m-${outbox.length}` }; },
      findSent: async () => undefined,
    };
    return { store, outbox, deps: (at, links) => ({ store, mailer, clock: () => at, ...(links ? { links } : {}) }) };
  }

  it('holds no claim when the e-mail cannot be rendered (a bad base URL), so the corrected run sends it at once', async () => {
    const { store, outbox, deps } = await world();

    const broken = await notifyPending(deps(minutes(0), { ...LINKS, baseUrl: 'fundwatch.example.org' }));

    expect(broken.emailsSent).toBe(0);
    expect(broken.failures).toEqual([expect.stringMatching(/^s-all: .*URL/i)]);
    expect(await store.listSendClaims(SUBSCRIBER.id)).toEqual([]);
    expect((await store.listPendingEvents()).map((e) => e.id)).toEqual([CHANGE.id]);

    const fixed = await notifyPending(deps(minutes(1), LINKS));

    expect(fixed.emailsSent).toBe(1);
    expect(outbox.map((m) => m.to)).toEqual([SUBSCRIBER.email]);
    expect(await store.listPendingEvents()).toEqual([]);
  });

  it('says how many e-mails another run holds and from when a run settles them, then settles them then', async () => {
    const { store, outbox, deps } = await world();
    // A run that claimed the e-mail and was killed before sending it.
    await store.claimSend({ key: 'crashed-run', subscriberId: SUBSCRIBER.id, eventIds: [CHANGE.id], claimedAt: minutes(0).toISOString(), status: 'claimed' });

    const early = await notifyPending(deps(minutes(3)));

    expect(early.emailsSent).toBe(0);
    expect(early.held).toEqual({ claims: 1, settledFrom: new Date(AT + DEFAULT_CLAIM_TIMEOUT_MS).toISOString() });

    const late = await notifyPending(deps(new Date(AT + DEFAULT_CLAIM_TIMEOUT_MS)));

    expect(late.held).toEqual({ claims: 0 });
    expect(late.recovered).toEqual({ recorded: 0, released: 1 });
    expect(late.emailsSent).toBe(1);
    expect(outbox).toHaveLength(1);
  });

  it('reports nothing held when no run holds anything', async () => {
    const { deps } = await world();

    const report = await notifyPending(deps(minutes(0)));

    expect(report.emailsSent).toBe(1);
    expect(report.held).toEqual({ claims: 0 });
  });
});
