/**
 * What a channel's refusals do. A webhook that answers 410 Gone was removed: the channel is disabled at once.
 * 403 and 404 can be passing (a workspace admin's change undone, a flow briefly off), so they disable only after
 * PERMANENT_REFUSALS_TO_DISABLE refusals in a row; any delivery resets the count. The owner hears about a
 * disabled channel by e-mail, once, through the outbox, so nothing posts into the void unnoticed.
 */
import { PERMANENT_REFUSALS_TO_DISABLE } from '../domain/channels.ts';
import type { Subscriber } from '../domain/subscribers.ts';
import { PermanentRefusalError } from '../ports/poster.ts';
import type { SubscriberStore } from '../ports/store.ts';
import { renderChannelDisabledEmail } from './email/channel-disabled-email.ts';
import { claimAndSend, type OutboxDeps } from './outbox.ts';

export interface RefusalDeps extends OutboxDeps {
  store: OutboxDeps['store'] & Pick<SubscriberStore, 'getSubscriber' | 'putSubscriber'>;
}

/** Whether this refusal, after `refusalsBefore` in a row, ends the channel. */
export function disables(status: number, refusalsBefore: number): boolean {
  return status === 410 || refusalsBefore + 1 >= PERMANENT_REFUSALS_TO_DISABLE;
}

/**
 * Counts the refusal on the channel's record, and disables the channel when it must: the owner's e-mail
 * first, then the record, so that a crash in between finds the channel still enabled, posts, is refused
 * again and settles the same e-mail (its id is the same for this confirmation) instead of losing it.
 */
export async function noteRefusal(deps: RefusalDeps, subscriber: Subscriber, refusal: PermanentRefusalError, now: Date): Promise<'disabled' | 'counted'> {
  // Read again: a preference saved since the run listed subscribers must not be overwritten.
  const current = await deps.store.getSubscriber(subscriber.id);
  if (!current?.channel || current.status !== 'confirmed') return 'counted';
  const refusals = current.channel.refusals ?? 0;
  if (!disables(refusal.status, refusals)) {
    await deps.store.putSubscriber({ ...current, channel: { ...current.channel, refusals: refusals + 1 } });
    return 'counted';
  }
  const subscribePage = deps.links?.baseUrl ?? '';
  await claimAndSend(deps, current, [`channel-disabled:${current.confirmedAt ?? current.createdAt ?? ''}`], now,
    () => ({ mail: renderChannelDisabledEmail(current, refusal.status, subscribePage) }));
  await deps.store.putSubscriber({ ...current, status: 'suppressed', suppressedReason: `webhook answered HTTP ${refusal.status}`,
    channel: { ...current.channel, refusals: refusals + 1 } });
  return 'disabled';
}

/** A delivery ends a run of refusals: the next 404 starts counting from one again. */
export async function noteDelivered(deps: RefusalDeps, subscriber: Subscriber): Promise<void> {
  if (!subscriber.channel?.refusals) return;
  const current = await deps.store.getSubscriber(subscriber.id);
  if (current?.channel?.refusals) await deps.store.putSubscriber({ ...current, channel: { ...current.channel, refusals: 0 } });
}

/**
 * After a subscriber's send failed: a channel's permanent refusal is counted (and may disable it). True when
 * the channel is now disabled, so its events are no longer owed to it.
 */
export async function refusalDisabled(deps: RefusalDeps, subscriber: Subscriber, err: unknown, now: Date): Promise<boolean> {
  if (!(err instanceof PermanentRefusalError) || !subscriber.channel) return false;
  return (await noteRefusal(deps, subscriber, err, now)) === 'disabled';
}
