/**
 * A generic webhook's signing secret (Standard Webhooks: `whsec_` and base64 key bytes). Derived, never stored:
 * an HMAC of the channel's id and secret version under the deployment's link key, with a label no signed link
 * uses, so the one key in Secrets Manager (or the local data folder) covers every channel and a table dump
 * reveals no secret. The subscription page shows it once, when the channel is confirmed or its secret rotated
 * (a new version); io/webhooks signs every post with it.
 */
import { createHmac } from 'node:crypto';

export function webhookSecretFor(linkSecret: string, subscriberId: string, version: number): string {
  const key = createHmac('sha256', linkSecret).update(`webhook-signing-secret\n${subscriberId}\n${version}`).digest();
  return `whsec_${key.toString('base64')}`;
}
