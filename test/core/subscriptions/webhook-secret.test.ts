/** Generic webhooks' signing secrets: one per channel and version, in the Standard Webhooks format, from the one link key. */
import { describe, expect, it, vi } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { webhookSecretFor } from '#core/subscriptions/webhook-secret.ts';

const KEY = 'link-key-of-at-least-thirty-two-characters';

describe('a webhook\'s signing secret', () => {
  it('is the same for a channel and version every time, and another for another channel, version or key', () => {
    const secret = webhookSecretFor(KEY, 'c-1', 1);
    expect(webhookSecretFor(KEY, 'c-1', 1)).toBe(secret);
    expect(new Set([secret, webhookSecretFor(KEY, 'c-2', 1), webhookSecretFor(KEY, 'c-1', 2), webhookSecretFor(`${KEY}x`, 'c-1', 1)]).size).toBe(4);
  });

  it('is a Standard Webhooks secret: 32 random-looking bytes that the package signs and verifies with', () => {
    const secret = webhookSecretFor(KEY, 'c-1', 1);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const webhook = new Webhook(secret);
    const at = new Date('2026-04-01T00:00:00Z');
    const body = '{"type":"fundwatch.changes"}';
    const headers = { 'webhook-id': 'msg_1', 'webhook-timestamp': String(at.getTime() / 1000), 'webhook-signature': webhook.sign('msg_1', at, body) };
    // The package refuses timestamps more than five minutes from its clock.
    const clock = vi.spyOn(Date, 'now').mockReturnValue(at.getTime());
    try {
      expect(webhook.verify(body, headers)).toEqual({ type: 'fundwatch.changes' });
    } finally {
      clock.mockRestore();
    }
  });
});
