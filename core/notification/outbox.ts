/**
 * The outbox every message goes through (change alerts and reminders, e-mailed or posted to a channel), so
 * that each is delivered exactly once across crashes and retries: render, claim under a key derived from the subscriber and the ids it
 * carries, send, record a delivery per id, complete. A run that finds an open claim older than the claim
 * timeout (its run crashed somewhere between claiming and recording) asks the mailer whether that e-mail
 * went out: if so it records it, if not it releases the claim and the ids are sent again; younger open
 * claims are left alone and reported as held.
 */
import { sha256Hex } from '#lib/hash.ts';
import type { OutgoingPost } from '../domain/channels.ts';
import type { SendClaim } from '../domain/outbox.ts';
import type { Subscriber } from '../domain/subscribers.ts';
import type { Clock } from '../ports/clock.ts';
import type { Mailer, OutgoingMail } from '../ports/mailer.ts';
import { NotDeliveredError, PermanentRefusalError, type Poster } from '../ports/poster.ts';
import type { Outbox, SubscriberStore } from '../ports/store.ts';
import { subscriberLinks, type LinkConfig, type SubscriberLinks } from '../subscriptions/links.ts';

export interface OutboxDeps {
  /** The outbox, and the subscriber's digest time (a digest's claim marks it sent). */
  store: Outbox & Pick<SubscriberStore, 'markDigestSent'>;
  mailer: Mailer;
  /** Posts to channels (Slack, Teams, webhooks); a run without one fails channel subscribers and keeps their events owed. */
  poster?: Poster;
  clock: Clock;
  /** Signed links for the footer and List-Unsubscribe; without them e-mails carry neither. */
  links?: LinkConfig;
}

export interface OutboxOptions {
  /** How old an open claim must be before a run treats its sender as crashed (default 10 minutes). */
  claimTimeoutMs?: number;
}

/** How old an open claim must be before a run treats its sender as crashed, unless OutboxOptions says otherwise. */
export const DEFAULT_CLAIM_TIMEOUT_MS = 600_000;

export interface HeldClaims { claims: number; settledFrom?: string }

/** What recovery found, added to a run's report. */
export interface RecoveryTally {
  /** Open claims of crashed runs found sent (recorded now) or not (released and sent again). */
  recovered: { recorded: number; released: number };
  /** Open claims too young to settle, when the run reports them. */
  held?: HeldClaims;
}

/** What the outbox delivers: an e-mail, or a post to a channel's webhook. */
export type OutgoingMessage = { mail: OutgoingMail } | { post: OutgoingPost };

/** The e-mail's identity: the same subscriber and events give the same key, on every retry. */
export function deliveryKey(subscriberId: string, eventIds: string[]): string {
  return sha256Hex(`${subscriberId}\n${[...eventIds].sort().join('\n')}`, 32);
}

/**
 * Renders, claims, sends, records and completes one message. False when another run holds the claim for
 * this very message (it is sent, or being sent). Rendered before it is claimed: a message that cannot be
 * rendered (a base URL that is no URL) fails this run and holds nothing back, where a claim taken first
 * would keep the message from the corrected run until the claim timed out.
 */
export async function claimAndSend(deps: OutboxDeps, subscriber: Subscriber, ids: string[], now: Date,
  render: (reference: string, links: SubscriberLinks | undefined) => OutgoingMessage, options: { digest?: boolean } = {}): Promise<boolean> {
  const key = deliveryKey(subscriber.id, ids);
  const message = render(key, deps.links ? subscriberLinks(deps.links, subscriber, now) : undefined);
  const claim: SendClaim = { key, subscriberId: subscriber.id, eventIds: ids, claimedAt: now.toISOString(), status: 'claimed',
    ...(options.digest ? { digest: true } : {}), ...('post' in message ? { channel: true } : {}) };
  if (!(await deps.store.claimSend(claim))) return false;
  const { messageId } = await deliver(deps, claim, message);
  await settle(deps, claim, messageId, deps.clock().toISOString());
  return true;
}

/**
 * Sends the claimed message. If a send fails we cannot know that the message did not go out (a timeout after
 * SES or the webhook accepted it looks the same as a refusal), so the claim stays and a later run settles it;
 * only a failure that proves nothing went out (a refusal, a 429 or 5xx answer) releases it at once.
 */
async function deliver(deps: OutboxDeps, claim: SendClaim, message: OutgoingMessage): Promise<{ messageId: string }> {
  if ('mail' in message) return deps.mailer.send(message.mail, claim.key);
  try {
    return await posterOf(deps).post(message.post);
  } catch (err) {
    if (err instanceof NotDeliveredError || err instanceof PermanentRefusalError) await deps.store.releaseSend(claim);
    throw err;
  }
}

function posterOf(deps: OutboxDeps): Poster {
  if (!deps.poster) throw new Error('this run has no poster for channels (Slack, Teams, webhooks); their messages wait for a run that has one');
  return deps.poster;
}

/**
 * Records a sent claim's deliveries, marks a digest sent, then completes the claim: every step before
 * completeSend is repeatable, so a crash anywhere leaves an open claim that recovery settles the same way.
 */
async function settle(deps: OutboxDeps, claim: SendClaim, messageId: string, sentAt: string): Promise<void> {
  await deps.store.recordDelivery({ subscriberId: claim.subscriberId, eventIds: claim.eventIds, messageId, sentAt });
  if (claim.digest) await deps.store.markDigestSent(claim.subscriberId, claim.claimedAt);
  await deps.store.completeSend(claim, messageId);
}

/**
 * Settles the claims a crashed run left open (alerts or reminders alike), so their ids are neither lost nor
 * sent twice; counts in `report.held` (when given) those still too young to settle.
 */
export async function recoverClaims(deps: OutboxDeps, subscriber: Subscriber, now: Date, timeoutMs: number, report: RecoveryTally): Promise<void> {
  for (const claim of await deps.store.listSendClaims(subscriber.id)) {
    // A claim is marked sent only after its deliveries are recorded: nothing left to do for it.
    if (claim.status === 'sent') continue;
    if (now.getTime() - Date.parse(claim.claimedAt) < timeoutMs) {
      // A live run may be sending it right now: leave it, and say so, or "0 sent" hides e-mails that are only waiting.
      if (report.held) report.held = holding(report.held, new Date(Date.parse(claim.claimedAt) + timeoutMs));
      continue;
    }
    const sent = claim.channel ? await posterOf(deps).findSent(claim.key) : await deps.mailer.findSent(claim.key);
    if (sent && sent !== 'unknown') {
      await settle(deps, claim, sent.messageId, claim.claimedAt);
      report.recovered.recorded += 1;
    } else {
      // Never went out (or the mailer cannot tell: then at least once beats never).
      await deps.store.releaseSend(claim);
      report.recovered.released += 1;
    }
  }
}

function holding(held: HeldClaims, settledFrom: Date): HeldClaims {
  const later = held.settledFrom && held.settledFrom > settledFrom.toISOString() ? held.settledFrom : settledFrom.toISOString();
  return { claims: held.claims + 1, settledFrom: later };
}

/**
 * The ids in the subscriber's claims: open (being sent or recorded by another run right now) and sent.
 * Read after the deliveries, on purpose: a run records an e-mail's deliveries one id at a time after
 * claiming it, so a run that saw some of them recorded finds the claim here, and does not send the rest
 * again in a second, smaller e-mail under another key.
 */
export async function claimedIds(store: Pick<Outbox, 'listSendClaims'>, subscriberId: string): Promise<{ open: Set<string>; sent: Set<string> }> {
  const claims = await store.listSendClaims(subscriberId);
  const ids = (status: SendClaim['status']) => new Set(claims.filter((c) => c.status === status).flatMap((c) => c.eventIds));
  return { open: ids('claimed'), sent: ids('sent') };
}

/** The items not yet delivered to the subscriber, by the id each was (or will be) recorded under. */
export async function undelivered<T>(store: Pick<Outbox, 'hasDelivery'>, subscriber: Subscriber, items: T[], idOf: (item: T) => string): Promise<T[]> {
  const delivered = await Promise.all(items.map((item) => store.hasDelivery(subscriber.id, idOf(item))));
  return items.filter((_, i) => !delivered[i]);
}

/** What a run sent: e-mails and their recipients, posts and their channels (subscriber ids, never addresses or URLs). */
export interface SentTally { emailsSent: number; recipients: string[]; postsSent: number; channels: string[] }

/** Counts one message the outbox delivered to the subscriber: a post for a channel, an e-mail otherwise. */
export function countSent(tally: SentTally, subscriber: Pick<Subscriber, 'id' | 'channel'>): void {
  if (subscriber.channel) {
    tally.postsSent += 1;
    tally.channels.push(subscriber.id);
  } else {
    tally.emailsSent += 1;
    tally.recipients.push(subscriber.id);
  }
}
