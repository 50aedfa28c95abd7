/**
 * Adding a channel (Slack, Teams, a generic webhook) with the same double opt-in as an address: the request
 * saves a pending channel and posts one message to it, carrying the confirm link; nothing else is posted
 * until someone in that channel follows it (confirm() in flow.ts confirms channels and addresses alike).
 *
 * Unlike an address, a webhook URL is a secret its holder controls, so the form may say what went wrong
 * (the webhook refused, cannot be reached): nobody learns anything about someone else's subscription.
 */
import type { ChannelKind } from '../domain/channels.ts';
import type { Subscriber } from '../domain/subscribers.ts';
import { NotDeliveredError, PermanentRefusalError, type Poster } from '../ports/poster.ts';
import { renderChannelConfirmation } from '../notification/channels/render.ts';
import { channelAddress, channelIdFor } from './channel-address.ts';
import { admitClient, countAddressUse, DEFAULT_SUBSCRIBE_LIMITS } from './limits.ts';
import { linkFor } from './links.ts';
import { InvalidRequestError, type Preferences } from './preferences.ts';
import { isValidEmail, normalizeEmail } from './subscriber-id.ts';
import { pendingExpiry, subscriberForToken, type SubscribeContext, type SubscriptionDeps, type TokenResult } from './flow.ts';

export interface ChannelRequest {
  kind: ChannelKind;
  /** The webhook URL as typed. */
  url: string;
  /** The owner's name for the channel, shown back to them. */
  label?: string;
  /** Told when the channel is disabled (its webhook refused for good). */
  ownerEmail: string;
}

export interface ChannelDeps extends SubscriptionDeps {
  poster: Poster;
}

/** A channel asks at most once an hour for confirmation, like an address. */
const RESEND_AFTER_MS = 3_600_000;
const MAX_LABEL = 80;

export type ChannelOutcome = 'confirmation-posted' | 'throttled' | 'limited' | 'already-confirmed';

/**
 * Saves the channel as pending and posts its confirmation request. Throws InvalidRequestError saying what to
 * fix (the URL, the owner's address, a webhook that refused or cannot be reached) or TooManyRequestsError.
 */
export async function subscribeChannel(deps: ChannelDeps, request: ChannelRequest, preferences: Preferences, context: Pick<SubscribeContext, 'client'> = {}): Promise<ChannelOutcome> {
  const url = channelAddress(request.kind, request.url, { localOrigins: deps.channelOrigins ?? [] });
  if (!isValidEmail(request.ownerEmail)) throw new InvalidRequestError('enter your e-mail address: you are told there if the channel stops accepting messages');
  const label = (request.label ?? '').replace(/\s+/g, ' ').trim().slice(0, MAX_LABEL);
  const now = deps.clock();
  const limits = deps.limits ?? DEFAULT_SUBSCRIBE_LIMITS;
  if (context.client !== undefined) await admitClient(deps.store, deps.links.secret, context.client, limits.perClient, now);
  const id = channelIdFor(request.kind, url);
  const existing = await deps.store.getSubscriber(id, now);
  if (existing?.status === 'confirmed') return 'already-confirmed';
  if (existing?.confirmationSentAt && existing.status === 'pending' && now.getTime() - Date.parse(existing.confirmationSentAt) < RESEND_AFTER_MS) return 'throttled';
  if (!(await countAddressUse(deps.store, id, limits.perAddress, now))) return 'limited';
  const channel: Subscriber = {
    id, email: normalizeEmail(request.ownerEmail), status: 'pending', lang: preferences.lang, delivery: preferences.delivery, filters: preferences.filters,
    channel: { kind: request.kind, url, ...(label ? { label } : {}), ...(request.kind === 'webhook' ? { secretVersion: (existing?.channel?.secretVersion ?? 0) + 1 } : {}) },
    ...(preferences.reminderOffsets ? { reminders: { offsets: preferences.reminderOffsets } } : {}),
    createdAt: existing?.createdAt ?? now.toISOString(), confirmationSentAt: now.toISOString(),
  };
  await deps.store.putSubscriber(channel, pendingExpiry(channel));
  try {
    await deps.poster.post(renderChannelConfirmation(channel, linkFor(deps.links, 'confirm', channel, now), { reference: `confirm-${id}-${now.getTime()}`, now }));
  } catch (err) {
    // Not posted, or not known to be: the channel is not left waiting for a confirmation that may never come.
    if (existing) await deps.store.putSubscriber(existing, pendingExpiry(existing));
    else await deps.store.putSubscriber({ ...channel, confirmationSentAt: new Date(now.getTime() - RESEND_AFTER_MS).toISOString() }, pendingExpiry(channel));
    throw explained(err);
  }
  return 'confirmation-posted';
}

/** A failed confirmation post, as the person at the form can act on it. */
function explained(err: unknown): Error {
  if (err instanceof PermanentRefusalError) return new InvalidRequestError(`the webhook refused the confirmation message (HTTP ${err.status}): check that the URL is the channel's current webhook`);
  if (err instanceof NotDeliveredError) return new InvalidRequestError('the confirmation message could not be delivered: the webhook is busy or cannot be reached now; try again in a few minutes');
  return err instanceof Error ? err : new Error(String(err));
}

/**
 * A new signing secret for a generic webhook, from a preferences link: the secret version goes up by one, so the
 * old secret stops verifying from the next post and the page can show the new one, once.
 */
export async function rotateWebhookSecret(deps: SubscriptionDeps, token: string | undefined): Promise<TokenResult> {
  const found = await subscriberForToken(deps, token, ['manage']);
  if (!found.ok) return found;
  const channel = found.subscriber.channel;
  if (channel?.kind !== 'webhook') throw new InvalidRequestError('only a webhook channel has a signing secret');
  const rotated: Subscriber = { ...found.subscriber, channel: { ...channel, secretVersion: (channel.secretVersion ?? 0) + 1 } };
  await deps.store.putSubscriber(rotated, pendingExpiry(rotated));
  return { ok: true, subscriber: rotated, changed: true };
}
