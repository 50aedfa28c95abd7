/**
 * The channel pages on real local engines (dynalite, the SES emulator, the local webhook receiver): a person
 * adds a Slack, Teams or webhook channel with the same choices as the e-mail form, the channel gets the confirm
 * link, the confirmation page shows a webhook's signing secret once, and a preferences link manages the channel.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '#core/ports/store.ts';
import { channelIdFor } from '#core/subscriptions/channel-address.ts';
import type { SubscriptionDeps } from '#core/subscriptions/flow.ts';
import { linkFor } from '#core/subscriptions/links.ts';
import { webhookSecretFor } from '#core/subscriptions/webhook-secret.ts';
import { createSubscriptionPages } from '#web/subscription-pages/handler.ts';
import type { HttpRequest, HttpResponse } from '#web/subscription-pages/http.ts';
import type { WebhookPoster } from '#io/webhooks/poster.ts';
import type { LocalReceiver } from '#io/webhooks/local-receiver.ts';
import { startChannelEngines, type ChannelEngines } from '../../helpers/channel-engines.ts';

const KEY = 'channel-pages-link-key-0123456789abcdef';
const PROGRAMMES = [{ id: 'jst-aspire', agency: 'JST' as const, names: { en: 'ASPIRE', ja: 'ASPIRE（日本語）' } }];

describe('the channel pages', () => {
  let engines: ChannelEngines;
  let receiver: LocalReceiver;
  let poster: WebhookPoster;
  let store: Store;
  let table = 0;
  let now = Date.parse('2026-04-01T00:00:00Z');

  beforeAll(async () => { ({ receiver } = engines = await startChannelEngines()); });
  afterAll(async () => { await engines?.close(); });
  beforeEach(async () => {
    table += 1;
    store = await engines.freshStore('channel-pages');
    poster = engines.poster(KEY);
    now += 2 * 3_600_000;
  });
  afterEach(async () => { await poster?.close(); });

  const deps = (withPoster = true): SubscriptionDeps => ({ store, mailer: engines.mailer, clock: () => new Date(now),
    links: { secret: KEY, baseUrl: 'https://fundwatch.example.org/' }, ...(withPoster ? { poster, channelOrigins: [receiver.origin] } : {}) });
  const pages = (withPoster = true) => createSubscriptionPages(deps(withPoster), { programmes: PROGRAMMES });
  const get = (path: string, query: Record<string, string> = {}, withPoster = true): Promise<HttpResponse> =>
    pages(withPoster)({ method: 'GET', path, query: new URLSearchParams(query) } satisfies HttpRequest);
  const post = (path: string, fields: Array<[string, string]>): Promise<HttpResponse> =>
    pages()({ method: 'POST', path, query: new URLSearchParams(), form: new URLSearchParams(fields) });
  const urlFor = (kind: 'slack' | 'teams' | 'webhook') => receiver.urlFor(kind, `pages-${table}`);
  const postsTo = (kind: string) => receiver.received.filter((p) => p.kind === kind && p.name === `pages-${table}`);
  const tokenIn = (body: string): string => new URL(/https:\/\/fundwatch\.example\.org\/confirm\?token=[A-Za-z0-9_.-]+/.exec(body)![0]).searchParams.get('token')!;
  const addChannel = (kind: 'slack' | 'teams' | 'webhook', extra: Array<[string, string]> = []) =>
    post('/channels', [['kind', kind], ['url', urlFor(kind)], ['owner', 'office@example.org'], ['lang', 'en'], ['programs', 'jst-aspire'], ...extra]);

  it('are offered only where a poster can send the confirmation: the form links to them, and they have the e-mail form\'s choices', async () => {
    expect((await get('/channels', {}, false)).status).toBe(404);
    expect((await get('/', {}, false)).body).not.toContain('href="channels');
    expect((await get('/')).body).toContain('href="channels?lang=en"');

    const form = await get('/channels', { lang: 'ja' });

    expect(form.status).toBe(200);
    for (const field of ['name="kind" value="slack"', 'name="kind" value="teams"', 'name="kind" value="webhook"', 'name="url"', 'name="owner"', 'name="programs"', 'name="delivery"']) {
      expect(form.body).toContain(field);
    }
    expect(form.body).toContain('ASPIRE（日本語）');
  });

  it('post the confirm link to the channel and confirm it with the button, with the choices the form made', async () => {
    const answer = await addChannel('slack', [['label', '#grants']]);

    expect(answer.status).toBe(200);
    expect(answer.body).toContain('A message with a confirmation link was posted to the channel');
    expect(postsTo('slack')).toHaveLength(1);
    const token = tokenIn(postsTo('slack')[0]!.body);
    expect((await get('/confirm', { token })).body).toContain('name="token"');
    expect((await post('/confirm', [['token', token]])).status).toBe(200);
    expect(await store.getSubscriber(channelIdFor('slack', urlFor('slack')))).toMatchObject({
      status: 'confirmed', email: 'office@example.org', filters: { programs: ['jst-aspire'] }, channel: { kind: 'slack', label: '#grants' } });
  });

  it('show a webhook\'s signing secret on the confirmation that confirms it, and never again', async () => {
    await addChannel('webhook');
    const token = tokenIn(postsTo('webhook')[0]!.body);
    const secret = webhookSecretFor(KEY, channelIdFor('webhook', urlFor('webhook')), 1);

    const first = await post('/confirm', [['token', token]]);
    const second = await post('/confirm', [['token', token]]);

    expect(first.body).toContain(secret);
    expect(second.status).toBe(200);
    expect(second.body).not.toContain('whsec_');
  });

  it('make a new signing secret from the preferences link, shown once, and name the channel without its secret path', async () => {
    await addChannel('webhook', [['label', '<b>lab</b>']]);
    await post('/confirm', [['token', tokenIn(postsTo('webhook')[0]!.body)]]);
    const channel = (await store.getSubscriber(channelIdFor('webhook', urlFor('webhook'))))!;
    const manage = new URL(linkFor(deps().links, 'manage', channel, new Date(now))).searchParams.get('token')!;

    const preferences = await get('/preferences', { token: manage });
    const rotated = await post('/rotate-secret', [['token', manage]]);

    expect(preferences.body).toContain('Webhook (signed JSON) “&lt;b&gt;lab&lt;/b&gt;” (127.0.0.1:');
    expect(preferences.body).not.toContain(`pages-${table}`);
    expect(preferences.body).toContain('action="rotate-secret"');
    expect(rotated.body).toContain(webhookSecretFor(KEY, channel.id, 2));
    expect(await store.getSubscriber(channel.id)).toMatchObject({ channel: { secretVersion: 2 } });
  });

  it('say what to fix, keeping what was typed (escaped), and post nothing', async () => {
    const answer = await post('/channels', [['kind', 'slack'], ['url', 'https://example.org/"><script>alert(1)</script>'], ['owner', 'office@example.org']]);

    expect(answer.status).toBe(400);
    expect(answer.body).toContain('that is not a Slack webhook URL');
    expect(answer.body).toContain('&quot;&gt;&lt;script&gt;');
    expect(answer.body).not.toContain('<script>alert');
    expect((await post('/channels', [['kind', 'pager'], ['url', urlFor('slack')], ['owner', 'office@example.org']])).body).toContain('choose Slack, Microsoft Teams or a webhook');
    expect(postsTo('slack')).toEqual([]);
  });

  it('refuse a new signing secret for a Slack channel', async () => {
    await addChannel('slack');
    await post('/confirm', [['token', tokenIn(postsTo('slack')[0]!.body)]]);
    const channel = (await store.getSubscriber(channelIdFor('slack', urlFor('slack'))))!;
    const manage = new URL(linkFor(deps().links, 'manage', channel, new Date(now))).searchParams.get('token')!;

    const refused = await post('/rotate-secret', [['token', manage]]);

    expect(refused.status).toBe(400);
    expect(refused.body).toContain('only a webhook channel has a signing secret');
  });
});
