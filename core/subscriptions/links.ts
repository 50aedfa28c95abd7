/** The signed links of one subscriber, as full URLs under the subscription pages' base URL. */
import type { Subscriber } from '../domain/subscribers.ts';
import { signToken, type TokenPurpose } from './tokens.ts';

export interface LinkConfig {
  /** HMAC key for signed links: generated at deploy (AWS) or on first run (local), never in code. */
  secret: string;
  /** Public base URL of the subscription pages, e.g. https://fundwatch.example.org or http://127.0.0.1:8787. */
  baseUrl: string;
}

export function linkFor(config: LinkConfig, purpose: TokenPurpose, subscriber: Pick<Subscriber, 'id'>, now: Date): string {
  const path = purpose === 'confirm' ? 'confirm' : purpose === 'manage' ? 'preferences' : 'unsubscribe';
  const url = new URL(path, config.baseUrl.endsWith('/') ? config.baseUrl : `${config.baseUrl}/`);
  url.searchParams.set('token', signToken(config.secret, purpose, subscriber.id, now));
  return url.href;
}

export interface SubscriberLinks { manage: string; unsubscribe: string }

export function subscriberLinks(config: LinkConfig, subscriber: Pick<Subscriber, 'id'>, now: Date): SubscriberLinks {
  return { manage: linkFor(config, 'manage', subscriber, now), unsubscribe: linkFor(config, 'unsubscribe', subscriber, now) };
}

/** RFC 8058 one-click unsubscribe: the mail client POSTs "List-Unsubscribe=One-Click" to the https URL. */
export function unsubscribeHeaders(links: SubscriberLinks): Record<string, string> {
  return { 'List-Unsubscribe': `<${links.unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}
