/**
 * Channels through the notifier's outbox, on real local engines (dynalite, the SES emulator, the local webhook
 * receiver, the real poster): each channel gets each change once, in its own format, signed when it is a generic
 * webhook; a run killed after its post landed does not post again; a webhook that is gone disables its channel
 * and its owner is e-mailed once; one that is only busy is waited for.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { notifyPending, type NotifyDeps } from '#core/notification/notify.ts';
import { sendDueReminders } from '#core/notification/send-reminders.ts';
import type { ChannelKind } from '#core/domain/channels.ts';
import type { Subscriber } from '#core/domain/subscribers.ts';
import type { Poster } from '#core/ports/poster.ts';
import type { Store } from '#core/ports/store.ts';
import { webhookSecretFor } from '#core/subscriptions/webhook-secret.ts';
import type { WebhookPoster } from '#io/webhooks/poster.ts';
import type { LocalReceiver } from '#io/webhooks/local-receiver.ts';
import { startChannelEngines, type ChannelEngines } from '../../helpers/channel-engines.ts';
import { event, snapshot, state } from '../../helpers/records.ts';
import { deadline } from '../../helpers/catalog.ts';

const KEY = 'channel-test-link-key-0123456789abcdef';

describe('the notifier posting to channels', () => {
  let engines: ChannelEngines;
  let receiver: LocalReceiver;
  let poster: WebhookPoster;
  let store: Store;
  let table = 0;
  let now = Date.parse('2025-04-02T01:00:00Z');
  const clock = () => new Date(now);
  const waits: number[] = [];

  beforeAll(async () => { ({ receiver } = engines = await startChannelEngines()); });
  afterAll(async () => { await engines?.close(); });
  afterEach(async () => { await poster?.close(); });

  const channel = (kind: ChannelKind, extra: Partial<Subscriber> = {}): Subscriber => ({
    id: `c-${kind}-${table}`, email: `owner-${kind}-${table}@example.org`, lang: 'en', status: 'confirmed', filters: {},
    channel: { kind, url: receiver.urlFor(kind, `office-${table}`), ...(kind === 'webhook' ? { secretVersion: 1 } : {}) }, ...extra,
  });
  const postsTo = (kind: ChannelKind) => receiver.received.filter((p) => p.kind === kind && p.name === `office-${table}`);
  const mailsTo = async (address: string) => (await engines.ses.emails()).filter((e) => e.destination.to.includes(address));
  const deps = (overrides: Partial<NotifyDeps> = {}): NotifyDeps => ({ store, mailer: engines.mailer, poster, clock, links: { secret: KEY, baseUrl: 'https://fundwatch.example.org/' }, ...overrides });

  beforeEach(async () => {
    table += 1;
    store = await engines.freshStore('channels');
    waits.length = 0;
    poster = engines.poster(KEY, { findSent: receiver.findSent, sleep: async (ms) => { waits.push(ms); } });
    await store.commitSnapshot(snapshot(2), [event('e1'), event('e2')], state(2), 0);
  });

  it('posts each channel one message with every change, in its own format, and nothing on the next run', async () => {
    for (const kind of ['slack', 'teams', 'webhook'] as const) await store.putSubscriber(channel(kind));

    const first = await notifyPending(deps());
    const again = await notifyPending(deps());

    expect(first).toMatchObject({ emailsSent: 0, postsSent: 3, failures: [], channelsDisabled: [] });
    expect(first.channels.sort()).toEqual([`c-slack-${table}`, `c-teams-${table}`, `c-webhook-${table}`]);
    expect(again).toMatchObject({ pendingEvents: 0, postsSent: 0 });
    expect([postsTo('slack').length, postsTo('teams').length, postsTo('webhook').length]).toEqual([1, 1, 1]);
    expect(JSON.parse(postsTo('slack')[0]!.body)).toHaveProperty('blocks');
    expect(JSON.parse(postsTo('teams')[0]!.body)).toMatchObject({ type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive' }] });
    const payload = JSON.parse(postsTo('webhook')[0]!.body) as { type: string; events: Array<{ id: string }> };
    expect(payload.type).toBe('fundwatch.changes');
    expect(payload.events.map((e) => e.id).sort()).toEqual(['e1', 'e2']);
    for (const kind of ['slack', 'teams', 'webhook'] as const) expect(await store.hasDelivery(`c-${kind}-${table}`, 'e1')).toBe(true);
  });

  it('signs a generic webhook\'s post with the secret its owner was shown, derived from the link key, the channel and its version', async () => {
    await store.putSubscriber(channel('webhook'));
    await notifyPending(deps());

    const [post] = postsTo('webhook');
    const verifier = new Webhook(webhookSecretFor(KEY, `c-webhook-${table}`, 1));
    const signedAt = Number(post!.headers['webhook-timestamp']) * 1000;
    expect(() => verifier.verify(post!.body, post!.headers)).not.toThrow();
    expect(signedAt).toBeGreaterThan(0);
    expect(() => new Webhook(webhookSecretFor(KEY, `c-webhook-${table}`, 2)).verify(post!.body, post!.headers)).toThrow();
  });

  it('killed after the post landed and before recording it: the next run finds the post and sends nothing again', async () => {
    await store.putSubscriber(channel('slack'));
    const dying: Poster = { ...poster, post: async (message) => { await poster.post(message); throw new Error('killed after the post'); } };
    const killed = await notifyPending(deps({ poster: dying }));
    expect(killed.failures).toHaveLength(1);
    // The next scheduled run, past the claim timeout, asks the receiver whether that message arrived.
    now += 15 * 60_000;
    const next = await notifyPending(deps());

    expect(next).toMatchObject({ failures: [], recovered: { recorded: 1, released: 0 } });
    expect(postsTo('slack')).toHaveLength(1);
    expect(await store.listPendingEvents()).toEqual([]);
  });

  it('disables a channel whose webhook is gone (410) and e-mails its owner once; the changes are no longer owed to it', async () => {
    const gone = channel('teams', { confirmedAt: '2025-04-01T00:00:00.000Z' });
    await store.putSubscriber(gone);
    receiver.answerNext(1, 410);

    const report = await notifyPending(deps());
    const later = await notifyPending(deps());

    expect(report.channelsDisabled).toEqual([gone.id]);
    expect(await store.getSubscriber(gone.id)).toMatchObject({ status: 'suppressed', suppressedReason: 'webhook answered HTTP 410' });
    const mails = await mailsTo(gone.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('fundwatch stopped posting to your Microsoft Teams channel');
    expect(mails[0]!.body.text).toContain('HTTP 410 (Gone: the webhook was removed)');
    // The owner's e-mail never carries the webhook's secret path.
    expect(mails[0]!.body.text).not.toContain(`office-${table}`);
    expect(postsTo('teams')).toEqual([]);
    expect(later).toMatchObject({ pendingEvents: 0, emailsSent: 0 });
  });

  it('counts 404s and disables only at the third in a row; a delivery in between starts the count again', async () => {
    const flaky = channel('slack');
    await store.putSubscriber(flaky);
    const refuseOnce = async () => { receiver.answerNext(1, 404); return notifyPending(deps()); };

    await refuseOnce();
    await refuseOnce();
    expect((await store.getSubscriber(flaky.id))?.channel?.refusals).toBe(2);
    // A third run is delivered (e1, e2): the count starts again.
    expect((await notifyPending(deps())).failures).toEqual([]);
    expect((await store.getSubscriber(flaky.id))?.channel?.refusals).toBe(0);

    await store.commitSnapshot(snapshot(3), [event('e3', 3)], state(3), 2);
    for (let i = 0; i < 3; i += 1) await refuseOnce();
    expect(await store.getSubscriber(flaky.id)).toMatchObject({ status: 'suppressed', suppressedReason: 'webhook answered HTTP 404' });
    expect(await mailsTo(flaky.email)).toHaveLength(1);
  });

  it('waits the Retry-After of a webhook that answers 429, then delivers', async () => {
    await store.putSubscriber(channel('webhook'));
    receiver.answerNext(1, 429, '2');

    const report = await notifyPending(deps());

    expect(report).toMatchObject({ postsSent: 1, failures: [] });
    expect(waits).toContain(2000);
    expect(postsTo('webhook')).toHaveLength(1);
  });

  it('posts a channel its reminders before a deadline, once, in its own format', async () => {
    await store.putSubscriber(channel('webhook', { reminders: { offsets: [3] } }));
    const remindAt = Date.parse('2026-12-07T01:00:00Z');
    const remind = () => sendDueReminders({ ...deps(), clock: () => new Date(remindAt) }, [deadline()]);

    const first = await remind();
    const again = await remind();

    expect(first).toMatchObject({ emailsSent: 0, postsSent: 1, reminders: 1, failures: [] });
    expect(again).toMatchObject({ postsSent: 0 });
    const [post] = postsTo('webhook');
    expect(JSON.parse(post!.body)).toMatchObject({ type: 'fundwatch.reminders' });
    expect(post!.body).toContain('2026-12-10');
  });

  it('keeps a channel\'s changes owed, with a reason, when the run has no poster', async () => {
    await store.putSubscriber(channel('slack'));

    const report = await notifyPending(deps({ poster: undefined }));

    expect(report.failures).toEqual([expect.stringContaining('this run has no poster for channels')]);
    expect((await store.listPendingEvents()).map((e) => e.id).sort()).toEqual(['e1', 'e2']);
  });
});
