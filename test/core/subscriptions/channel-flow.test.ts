/**
 * Adding a channel: double opt-in as for an address, on real local engines (dynalite, the local webhook receiver,
 * the real poster). The request posts one message, the confirm link, to the channel and nothing else; following
 * it confirms; a webhook that refuses or a URL of the wrong service is told to the person at the form.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import type { Store } from '#core/ports/store.ts';
import { subscribeChannel, type ChannelDeps } from '#core/subscriptions/channel-flow.ts';
import { channelIdFor } from '#core/subscriptions/channel-address.ts';
import { confirm } from '#core/subscriptions/flow.ts';
import { parsePreferences } from '#core/subscriptions/preferences.ts';
import { webhookSecretFor } from '#core/subscriptions/webhook-secret.ts';
import type { WebhookPoster } from '#io/webhooks/poster.ts';
import type { LocalReceiver } from '#io/webhooks/local-receiver.ts';
import { startChannelEngines, type ChannelEngines } from '../../helpers/channel-engines.ts';

const KEY = 'channel-flow-link-key-0123456789abcdef';
const HOUR = 3_600_000;

describe('adding a channel', () => {
  let engines: ChannelEngines;
  let receiver: LocalReceiver;
  let poster: WebhookPoster;
  let store: Store;
  let table = 0;
  let now = Date.parse('2026-04-01T00:00:00Z');
  const preferences = parsePreferences({ lang: 'ja', agencies: ['JST'], delivery: 'daily' });

  beforeAll(async () => { ({ receiver } = engines = await startChannelEngines()); });
  afterAll(async () => { await engines?.close(); });
  beforeEach(async () => {
    table += 1;
    store = await engines.freshStore('channel-flow');
    poster = engines.poster(KEY);
    now += 2 * HOUR;
  });
  afterEach(async () => { await poster?.close(); });

  const deps = (): ChannelDeps => ({ store, mailer: engines.mailer, poster, clock: () => new Date(now), links: { secret: KEY, baseUrl: 'https://fundwatch.example.org/' },
    channelOrigins: [receiver.origin] });
  const urlFor = (kind: 'slack' | 'teams' | 'webhook') => receiver.urlFor(kind, `lab-${table}`);
  const postsTo = (kind: string) => receiver.received.filter((p) => p.kind === kind && p.name === `lab-${table}`);
  const confirmLinkIn = (body: string): string => /https:\/\/fundwatch\.example\.org\/confirm\?token=[A-Za-z0-9_.-]+/.exec(body)![0];

  it('posts the confirm link to the channel, keeps the channel pending, and confirms it when the link is followed', async () => {
    const request = { kind: 'slack' as const, url: urlFor('slack'), label: '  #grants   office ', ownerEmail: 'Admin@Example.org' };

    expect(await subscribeChannel(deps(), request, preferences)).toBe('confirmation-posted');

    const id = channelIdFor('slack', urlFor('slack'));
    expect(await store.getSubscriber(id)).toMatchObject({ status: 'pending', email: 'admin@example.org', lang: 'ja', delivery: 'daily',
      filters: { agencies: ['JST'] }, channel: { kind: 'slack', url: urlFor('slack'), label: '#grants office' } });
    expect(postsTo('slack')).toHaveLength(1);
    const token = new URL(confirmLinkIn(postsTo('slack')[0]!.body)).searchParams.get('token')!;
    const confirmed = await confirm(deps(), token);
    expect(confirmed).toMatchObject({ ok: true, subscriber: { id, status: 'confirmed' } });
    expect(await engines.ses.emails().then((all) => all.filter((e) => e.destination.to.includes('admin@example.org')))).toEqual([]);
  });

  it('posts no second request within the hour, and none to a channel already confirmed', async () => {
    const request = { kind: 'teams' as const, url: urlFor('teams'), ownerEmail: 'admin@example.org' };
    await subscribeChannel(deps(), request, preferences);

    expect(await subscribeChannel(deps(), request, preferences)).toBe('throttled');
    await confirm(deps(), new URL(confirmLinkIn(postsTo('teams')[0]!.body)).searchParams.get('token')!);
    now += 2 * HOUR;
    expect(await subscribeChannel(deps(), request, preferences)).toBe('already-confirmed');
    expect(postsTo('teams')).toHaveLength(1);
  });

  it('signs a generic webhook\'s confirmation with its first secret, the one its owner is shown once confirmed', async () => {
    await subscribeChannel(deps(), { kind: 'webhook', url: urlFor('webhook'), ownerEmail: 'admin@example.org' }, preferences);

    const [post] = postsTo('webhook');
    const id = channelIdFor('webhook', urlFor('webhook'));
    expect(await store.getSubscriber(id)).toMatchObject({ channel: { secretVersion: 1 } });
    expect(JSON.parse(post!.body)).toMatchObject({ type: 'fundwatch.channel.confirm' });
    expect(() => new Webhook(webhookSecretFor(KEY, id, 1)).verify(post!.body, post!.headers)).not.toThrow();
  });

  it('tells the person that the webhook refused, and lets them try again at once', async () => {
    const request = { kind: 'slack' as const, url: urlFor('slack'), ownerEmail: 'admin@example.org' };
    receiver.answerNext(1, 404);

    await expect(subscribeChannel(deps(), request, preferences)).rejects.toThrow(/the webhook refused the confirmation message \(HTTP 404\): check that the URL/);
    expect(await subscribeChannel(deps(), request, preferences)).toBe('confirmation-posted');
    expect(postsTo('slack')).toHaveLength(1);
  });

  it.each([
    ['a Teams URL given as Slack', { kind: 'slack' as const, url: 'https://prod-1.japaneast.logic.azure.com/workflows/x', ownerEmail: 'admin@example.org' }, /not a Slack webhook URL/],
    ['a plain http URL', { kind: 'webhook' as const, url: 'http://hooks.example.org/x', ownerEmail: 'admin@example.org' }, /must start with https/],
    ['no owner address', { kind: 'webhook' as const, url: 'https://hooks.example.org/x', ownerEmail: 'nobody' }, /enter your e-mail address/],
  ])('refuses %s, saving and posting nothing', async (_name, request, reason) => {
    await expect(subscribeChannel(deps(), request, preferences)).rejects.toThrow(reason);
    expect(await store.listSubscribers()).toEqual([]);
    expect(receiver.received.filter((p) => p.name === `lab-${table}`)).toEqual([]);
  });
});
