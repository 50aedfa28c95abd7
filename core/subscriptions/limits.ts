/**
 * Abuse limits on the public subscribe form, so that it cannot be used to mail-bomb an inbox or to send
 * mail to many addresses from one machine. Both are counted in the store (an atomic counter per window,
 * expiring with it), so they hold across Lambda containers and concurrent requests:
 *
 * - per address: at most 3 e-mails (confirmation or "already subscribed") to one address a day, on top of
 *   the one-an-hour spacing in core/subscriptions/flow.ts;
 * - per client: at most 10 subscribe posts from one client an hour, whatever the addresses.
 *
 * Windows are fixed (aligned to the epoch: the UTC day, the hour), so a client straddling a boundary can
 * get up to twice a limit in a short while; that bounds the abuse all the same and costs one write a post.
 * No raw IP is stored: the client's key is an HMAC of its address made with the link secret.
 */
import { createHmac } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import type { SubscriberStore } from '../ports/store.ts';

export interface Limit {
  max: number;
  windowS: number;
}

export interface SubscribeLimits {
  /** E-mails the form sends to one address. */
  perAddress: Limit;
  /** Subscribe posts from one client (an IPv4 address, or an IPv6 /64). */
  perClient: Limit;
}

export const DEFAULT_SUBSCRIBE_LIMITS: SubscribeLimits = {
  perAddress: { max: 3, windowS: 86_400 },
  perClient: { max: 10, windowS: 3_600 },
};

/** A client over its limit; the page says when to try again (and the response carries Retry-After). */
export class TooManyRequestsError extends Error {
  override name = 'TooManyRequestsError';
  constructor(readonly retryAfterS: number) {
    super(`too many subscribe requests from this client: try again in ${retryAfterS} s`);
  }
}

/** The fixed window `now` falls in. */
export function windowAt(limit: Limit, now: Date): { start: Date; end: Date } {
  const start = Math.floor(now.getTime() / 1000 / limit.windowS) * limit.windowS;
  return { start: new Date(start * 1000), end: new Date((start + limit.windowS) * 1000) };
}

/**
 * Counts one e-mail to the address with this subscriber id (already a hash of the address); false when
 * the address has had its share for the window and this one must not be sent.
 */
export function countAddressUse(store: Pick<SubscriberStore, 'countUse'>, subscriberId: string, limit: Limit, now: Date): Promise<boolean> {
  const { start, end } = windowAt(limit, now);
  return store.countUse({ key: subscriberId, windowStart: start, windowEnd: end, limit: limit.max });
}

/**
 * Counts one subscribe post from a client; throws TooManyRequestsError, with the seconds until the
 * window ends, once the client has had its share.
 *
 * @example
 * await admitClient(store, secret, '203.0.113.7', DEFAULT_SUBSCRIBE_LIMITS.perClient, now); // or throws
 */
export async function admitClient(store: Pick<SubscriberStore, 'countUse'>, secret: string, ip: string, limit: Limit, now: Date): Promise<void> {
  const { start, end } = windowAt(limit, now);
  const admitted = await store.countUse({ key: `client#${clientKey(secret, ip)}`, windowStart: start, windowEnd: end, limit: limit.max });
  if (!admitted) throw new TooManyRequestsError(Math.max(1, Math.ceil((end.getTime() - now.getTime()) / 1000)));
}

/** An HMAC of the client's network, keyed with the link secret: unlike a plain hash, no one can undo it by trying every IPv4 address. */
export function clientKey(secret: string, ip: string): string {
  return createHmac('sha256', secret).update(`subscribe-client:${clientNetwork(ip)}`).digest('base64url').slice(0, 32);
}

/**
 * The unit a client is counted by: an IPv4 address as it is; an IPv6 address by its /64, the block one
 * household or host usually gets (counting single IPv6 addresses would let one machine take endless turns).
 */
export function clientNetwork(ip: string): string {
  const address = ip.trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped) return mapped[1]!;
  if (isIPv4(address) || !isIPv6(address)) return address;
  return `${ipv6Groups(address).slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, written out ("2001:db8::1" -> 2001, db8, 0, 0, 0, 0, 0, 1). */
function ipv6Groups(address: string): string[] {
  let text = address.split('%')[0]!;
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return groups.map((g) => g.replace(/^0+(?=.)/, ''));
}
