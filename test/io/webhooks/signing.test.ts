/**
 * Generic webhooks are signed per Standard Webhooks; the receiving server below verifies with the maintained
 * `standardwebhooks` package, as a subscriber's own receiver would. Slack and Teams authenticate by their URL and
 * get no signature headers. Each channel's secret is derived from the master key, never stored.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import type { ChannelKind, OutgoingPost } from '#core/domain/channels.ts';
import { NotDeliveredError, PermanentRefusalError } from '#core/ports/poster.ts';
import { startLocalReceiver } from '#io/webhooks/local-receiver.ts';
import { webhookSecretFor } from '#core/subscriptions/webhook-secret.ts';
import { posterFactory, rejection, startCountingServer } from './helpers.ts';

const MASTER_KEY = 'test-master-key-not-a-real-one';

const message = (url: string, kind: ChannelKind = 'webhook'): OutgoingPost => ({
  subscriberId: 'sub-1', destination: { kind, url, secretVersion: 1 }, body: JSON.stringify({ version: 1, events: [{ id: 'e1' }] }), messageId: 'delivery-key-1',
});

describe('signing generic webhooks', () => {
  const posters = posterFactory();
  afterEach(async () => { await posters.closeAll(); });

  /** A subscriber's receiver: 204 when Webhook.verify accepts the post, 401 otherwise. */
  const verifyingServer = (secret: string) => startCountingServer((req, res, body) => {
    try {
      new Webhook(secret).verify(body, req.headers as Record<string, string>);
      res.writeHead(204).end();
    } catch {
      res.writeHead(401).end('bad signature');
    }
  });

  it('signs a generic webhook so that standardwebhooks\' Webhook.verify accepts it in the receiving server', async () => {
    const secret = webhookSecretFor(MASTER_KEY, 'sub-1', 1);
    const server = await verifyingServer(secret);
    try {
      // The secret the pages showed the subscriber, derived again by the poster from the link key, the channel and its version.
      const sent = await posters.make({ localOrigins: [`http://127.0.0.1:${server.port}`], signingKey: MASTER_KEY }).post(message(`http://127.0.0.1:${server.port}/hook`));

      expect(sent).toEqual({ messageId: 'delivery-key-1' });
      const [request] = server.requests;
      expect(request?.headers['webhook-id']).toBe('delivery-key-1');
      expect(Number(request?.headers['webhook-timestamp'])).toBeCloseTo(Date.now() / 1000, -2);
      expect(request?.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    } finally {
      await server.close();
    }
  });

  it('is refused by a receiver holding another version of the secret (the rotation case)', async () => {
    const server = await verifyingServer(webhookSecretFor(MASTER_KEY, 'sub-1', 2));
    try {
      const poster = posters.make({ localOrigins: [`http://127.0.0.1:${server.port}`], signingKey: MASTER_KEY });

      const err = await rejection(poster.post(message(`http://127.0.0.1:${server.port}/hook`)));

      expect(err).toBeInstanceOf(PermanentRefusalError);
      expect((err as PermanentRefusalError).status).toBe(401);
    } finally {
      await server.close();
    }
  });

  it.each(['slack', 'teams'] as const)('sends %s no signature headers', async (kind) => {
    const receiver = await startLocalReceiver();
    try {
      await posters.make({ localOrigins: [receiver.origin], secretFor: () => webhookSecretFor(MASTER_KEY, 'sub-1', 1) }).post(message(receiver.urlFor(kind, 'office'), kind));

      const headers = Object.keys(receiver.received[0]?.headers ?? {});
      expect(headers).toContain('idempotency-key');
      expect(headers.filter((h) => h.startsWith('webhook-'))).toEqual([]);
    } finally {
      await receiver.close();
    }
  });

  it('sends nothing to a generic webhook when no secret is configured', async () => {
    const receiver = await startLocalReceiver();
    try {
      const err = await rejection(posters.make({ localOrigins: [receiver.origin] }).post(message(receiver.urlFor('webhook', 'lab'))));

      expect(err).toBeInstanceOf(NotDeliveredError);
      expect(err.message).toContain('no signing secret');
      expect(receiver.requests).toBe(0);
    } finally {
      await receiver.close();
    }
  });
});
