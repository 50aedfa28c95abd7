/**
 * Standard Webhooks signatures for generic webhooks (https://www.standardwebhooks.com): `webhook-id` (the outbox's
 * delivery key, the same on every retry, so a receiver can drop a repeat), `webhook-timestamp` (Unix seconds of
 * this attempt) and `webhook-signature` (`v1,<base64 HMAC-SHA256 of id.timestamp.body>`), made by the maintained
 * `standardwebhooks` package so that its Webhook.verify on the receiver's side agrees by construction.
 *
 * Each channel's secret is derived from the deployment's link key, never stored (core/subscriptions/webhook-secret.ts): the subscription pages show it
 * once, and a new `secretVersion` rotates it. Slack and Teams authenticate by their secret URL and get no headers.
 */
import { Webhook } from 'standardwebhooks';
import type { OutgoingPost } from '#core/domain/channels.ts';

export type SignatureHeaders = Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string>;

/** The three Standard Webhooks headers for one attempt at `nowMs`, over exactly the body that is sent. */
export function signatureHeaders(message: OutgoingPost, secret: string, nowMs: number): SignatureHeaders {
  const seconds = Math.floor(nowMs / 1000);
  // The package signs at a Date's whole seconds: giving it the same second keeps header and signature in step.
  const signature = new Webhook(secret).sign(message.messageId, new Date(seconds * 1000), message.body);
  return { 'webhook-id': message.messageId, 'webhook-timestamp': String(seconds), 'webhook-signature': signature };
}
