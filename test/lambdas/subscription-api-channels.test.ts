/**
 * Channels through the subscription pages' Lambda: the API Gateway event in, the confirmation request posted to the
 * channel (a local receiver) while the person waits, and the page out; with no poster wired, no channel pages.
 * The real store (dynalite) and the real poster; the queue is the one fake (no SQS engine runs here), and the
 * channel form never uses it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubscribeRequests } from '#core/subscriptions/flow.ts';
import { channelIdFor } from '#core/subscriptions/channel-address.ts';
import { createWebhookPoster } from '#io/webhooks/poster.ts';
import { startLocalReceiver, type LocalReceiver } from '#io/webhooks/local-receiver.ts';
import { createSubscriptionApiHandler, type HttpApiEvent } from '../../lambdas/subscription-api.ts';
import { PAGES_POSTER_BOUNDS } from '../../lambdas/poster-wiring.ts';
import { useDynaliteTables } from '../helpers/engines.ts';

const SECRET = 'api-channels-secret-0123456789abcdef0123';

describe('the pages Lambda and channels', () => {
  const tables = useDynaliteTables('api-channels');
  let receiver: LocalReceiver;
  beforeAll(async () => { receiver = await startLocalReceiver(); });
  afterAll(async () => { await receiver?.close(); });

  const queue: SubscribeRequests = { enqueue: async () => { throw new Error('the channel form never queues'); } };
  const event = (method: string, path: string, fields?: Record<string, string>): HttpApiEvent => ({
    requestContext: { http: { method, path, sourceIp: '203.0.113.9' }, domainName: 'fundwatch.example.org' },
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    ...(fields ? { body: new URLSearchParams(fields).toString() } : {}),
  });

  it('posts a channel\'s confirmation request through the pages\' bounds and answers with the page', async () => {
    const { store } = await tables.freshTable();
    const poster = createWebhookPoster({ ...PAGES_POSTER_BOUNDS, localOrigins: [receiver.origin], signingKey: SECRET });
    try {
      const api = createSubscriptionApiHandler({ store: () => store, requests: () => queue, secret: async () => SECRET,
        poster: async () => poster, channelOrigins: [receiver.origin] });
      const url = receiver.urlFor('slack', 'api-office');

      const form = await api(event('GET', '/channels'));
      const added = await api(event('POST', '/channels', { ui: 'en', kind: 'slack', url, owner: 'office@example.org', lang: 'en' }));

      expect(form.statusCode).toBe(200);
      expect(added.statusCode).toBe(200);
      expect(added.body).toContain('posted to the channel');
      expect(receiver.received.filter((p) => p.name === 'api-office')).toHaveLength(1);
      expect(await store.getSubscriber(channelIdFor('slack', url))).toMatchObject({ status: 'pending', channel: { kind: 'slack' } });
    } finally {
      await poster.close();
    }
  });

  it('tells the person at once when the webhook is busy, rather than holding the page through a retry', async () => {
    const { store } = await tables.freshTable();
    const poster = createWebhookPoster({ ...PAGES_POSTER_BOUNDS, localOrigins: [receiver.origin], signingKey: SECRET });
    try {
      const api = createSubscriptionApiHandler({ store: () => store, requests: () => queue, secret: async () => SECRET,
        poster: async () => poster, channelOrigins: [receiver.origin] });
      receiver.answerNext(1, 503);
      const before = receiver.requests;

      const answer = await api(event('POST', '/channels', { ui: 'en', kind: 'teams', url: receiver.urlFor('teams', 'busy'), owner: 'office@example.org' }));

      expect(answer.statusCode).toBe(400);
      expect(answer.body).toContain('could not be delivered');
      expect(receiver.requests - before).toBe(1);
    } finally {
      await poster.close();
    }
  });

  it('offers no channel pages without a poster', async () => {
    const { store } = await tables.freshTable();
    const api = createSubscriptionApiHandler({ store: () => store, requests: () => queue, secret: async () => SECRET });

    expect((await api(event('GET', '/channels'))).statusCode).toBe(404);
  });
});
