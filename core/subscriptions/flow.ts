/**
 * The subscription flow, over the Store and Mailer ports: subscribe (double opt-in), confirm, change
 * preferences, unsubscribe, and suppression on bounces and complaints. The HTTP pages
 * (web/subscription-pages/) and the SES event handler call these; nothing else changes a subscriber.
 *
 * What the person at the form sees never depends on the address's state (new, pending, confirmed,
 * suppressed): nobody can learn through the form whether an address is subscribed.
 */
import type { Subscriber } from '../domain/subscribers.ts';
import type { Clock } from '../ports/clock.ts';
import type { Mailer, OutgoingMail } from '../ports/mailer.ts';
import type { Poster } from '../ports/poster.ts';
import type { SubscriberStore } from '../ports/store.ts';
import { renderAlreadySubscribedEmail, renderConfirmationEmail } from '../notification/email/subscription-email.ts';
import { isValidEmail, normalizeEmail, subscriberIdFor } from './subscriber-id.ts';
import { InvalidRequestError, parsePreferences, type Preferences, type PreferencesInput } from './preferences.ts';
import { linkFor, type LinkConfig } from './links.ts';
import { admitClient, countAddressUse, DEFAULT_SUBSCRIBE_LIMITS, type SubscribeLimits } from './limits.ts';
import { TOKEN_LIFETIME_S, verifyToken, type TokenCheck, type TokenPurpose } from './tokens.ts';

export interface SubscriptionDeps {
  store: SubscriberStore;
  mailer: Mailer;
  clock: Clock;
  links: LinkConfig;
  /** The form's abuse limits; unset: DEFAULT_SUBSCRIBE_LIMITS (core/subscriptions/limits.ts). */
  limits?: SubscribeLimits;
  /**
   * Where the form hands a subscribe request to be done later (in AWS, an SQS queue read by the
   * subscription-requests function). Set, the form's answer waits for nothing that depends on the address;
   * unset (`fundwatch serve`), the form subscribes in the request and defers only the e-mail (afterAnswer).
   */
  requests?: SubscribeRequests;
  /** Posts a channel's confirmation request (channel-flow.ts); without one the pages offer no channels. */
  poster?: Poster;
  /** Local receivers' origins (`fundwatch serve`, tests) accepted as webhook URLs; set by code, never by a form. */
  channelOrigins?: string[];
}

/**
 * One subscribe form, as queued: the address and the preference fields exactly as the form sent them, parsed
 * again by the consumer with the same parsePreferences. No token, key or IP: nothing in it is a secret, and the
 * address in it is personal data, which nobody logs.
 */
export interface SubscribeRequest {
  email: string;
  preferences: PreferencesInput;
}

/** The port the form queues its requests through (io/queue/sqs-queue.ts in AWS). */
export interface SubscribeRequests {
  enqueue(request: SubscribeRequest): Promise<void>;
}

/** At most one confirmation (or reminder) e-mail per address per hour: the form cannot be used to flood an inbox. */
const RESEND_AFTER_MS = 3_600_000;

/**
 * 'limited': the address has had its e-mails for the day (DEFAULT_SUBSCRIBE_LIMITS.perAddress); nothing is
 * sent or changed. The caller answers it like any other outcome, so that a sender learns nothing either way.
 */
export type SubscribeOutcome = 'confirmation-sent' | 'reminder-sent' | 'throttled' | 'limited' | 'suppressed';

export interface SubscribeContext {
  /**
   * The caller's IP, when the adapter knows it: counted first, whatever the address. Over its limit the
   * request throws TooManyRequestsError before the address is even looked up, so the refusal cannot
   * depend on (nor reveal) the address's state.
   */
  client?: string;
  /**
   * Where the caller can run work after answering (HttpRequest.afterAnswer): the e-mail is handed to it
   * rather than awaited. Sending is by far the slowest step and happens only for some states, so an
   * answer that waited for it would time how the address stands.
   */
  afterAnswer?: (work: () => Promise<void>) => void;
}

export async function subscribe(deps: SubscriptionDeps, email: string, preferences: Preferences, context: SubscribeContext = {}): Promise<SubscribeOutcome> {
  await admitRequest(deps, email, context);
  return subscribeAddress(deps, email, preferences, context);
}

/**
 * What the form can check in its answer without learning anything about the address: that it is one, and that
 * the caller is under its own limit (throws InvalidRequestError or TooManyRequestsError).
 */
async function admitRequest(deps: SubscriptionDeps, email: string, context: SubscribeContext): Promise<void> {
  if (!isValidEmail(email)) throw new InvalidRequestError('that does not look like an e-mail address');
  const limits = deps.limits ?? DEFAULT_SUBSCRIBE_LIMITS;
  if (context.client !== undefined) await admitClient(deps.store, deps.links.secret, context.client, limits.perClient, deps.clock());
}

/**
 * The form's answer path where a queue exists: the checks that do not depend on the address, then the request
 * queued. The address is never looked up here, so every address gets the same answer in the same time.
 */
export async function requestSubscription(deps: SubscriptionDeps & { requests: SubscribeRequests }, email: string, input: PreferencesInput,
  context: Pick<SubscribeContext, 'client'> = {}): Promise<void> {
  parsePreferences(input);
  await admitRequest(deps, email, context);
  await deps.requests.enqueue({ email, preferences: input });
}

/**
 * A queued request, read back: throws InvalidRequestError when it is not one (a bug upstream, not a person's
 * typo), so the consumer reports it as failed and it ends in the dead-letter queue.
 */
export function readSubscribeRequest(text: string): { email: string; preferences: Preferences } {
  let value: unknown;
  try { value = JSON.parse(text); } catch { throw new InvalidRequestError('a queued subscribe request is not JSON'); }
  const request = value as Partial<SubscribeRequest> | null;
  if (typeof request?.email !== 'string' || !isValidEmail(request.email) || typeof request.preferences !== 'object' || request.preferences === null) {
    throw new InvalidRequestError('a queued subscribe request lacks an e-mail address or preferences');
  }
  return { email: request.email, preferences: parsePreferences(request.preferences) };
}

/**
 * Everything that depends on the address: its record, its daily count, the e-mail. Called by subscribe() in the
 * request, or by the subscription-requests consumer for a queued one. SQS delivers at least once; a redelivered
 * request finds confirmationSentAt set and is 'throttled' (one e-mail an hour per address), so it sends nothing twice.
 */
export async function subscribeAddress(deps: SubscriptionDeps, email: string, preferences: Preferences, context: SubscribeContext = {}): Promise<SubscribeOutcome> {
  if (!isValidEmail(email)) throw new InvalidRequestError('that does not look like an e-mail address');
  const now = deps.clock();
  const limits = deps.limits ?? DEFAULT_SUBSCRIBE_LIMITS;
  const id = subscriberIdFor(email);
  const existing = await deps.store.getSubscriber(id, now);
  const send = async (mail: OutgoingMail, saved: Subscriber): Promise<void> => {
    const sending = async (): Promise<void> => { await deps.mailer.send(mail); };
    if (context.afterAnswer) return context.afterAnswer(sending);
    try {
      await sending();
    } catch (err) {
      // A send that failed is not a send: put back what was there, so that the retry (the queue's redelivery) is
      // not throttled by confirmationSentAt. A new address stays pending, dated as if mailed an hour ago (its
      // expiry still near, and no resend throttle), rather than kept with no expiry at all.
      await save(deps, existing ?? { ...saved, confirmationSentAt: new Date(now.getTime() - RESEND_AFTER_MS).toISOString() });
      throw err;
    }
  };
  if (existing?.status === 'suppressed') return 'suppressed';
  if (existing?.confirmationSentAt && now.getTime() - Date.parse(existing.confirmationSentAt) < RESEND_AFTER_MS) return 'throttled';
  // Counted only when an e-mail would go: a double click (throttled above) does not use up the day's share.
  if (!(await countAddressUse(deps.store, id, limits.perAddress, now))) return 'limited';
  if (existing?.status === 'confirmed') {
    // Someone typed a subscribed address: its owner gets a link to their own preferences; the form changes nothing.
    const mailed = { ...existing, confirmationSentAt: now.toISOString() };
    await save(deps, mailed);
    await send(renderAlreadySubscribedEmail(existing, linkFor(deps.links, 'manage', existing, now)), mailed);
    return 'reminder-sent';
  }
  const subscriber: Subscriber = {
    id, email: normalizeEmail(email), status: 'pending', lang: preferences.lang, delivery: preferences.delivery, filters: preferences.filters,
    ...(preferences.reminderOffsets ? { reminders: { offsets: preferences.reminderOffsets } } : {}),
    createdAt: existing?.createdAt ?? now.toISOString(), confirmationSentAt: now.toISOString(),
  };
  await save(deps, subscriber);
  await send(renderConfirmationEmail(subscriber, linkFor(deps.links, 'confirm', subscriber, now)), subscriber);
  return 'confirmation-sent';
}

/**
 * When a pending subscriber is forgotten: when the confirmation link sent with it stops working (the
 * link is signed at confirmationSentAt and lives TOKEN_LIFETIME_S.confirm). An address someone else typed
 * and its owner never confirmed is not kept; any other status is kept.
 */
export function pendingExpiry(subscriber: Subscriber): Date | undefined {
  if (subscriber.status !== 'pending' || !subscriber.confirmationSentAt) return undefined;
  return new Date(Date.parse(subscriber.confirmationSentAt) + TOKEN_LIFETIME_S.confirm * 1000);
}

/** Every write of a subscriber goes through here, so a pending one always carries its expiry and no other does. */
function save(deps: Pick<SubscriptionDeps, 'store'>, subscriber: Subscriber): Promise<void> {
  return deps.store.putSubscriber(subscriber, pendingExpiry(subscriber));
}

/** `changed`: this very request changed the subscriber (confirm: it was pending until now), so a page may show what is shown once. */
export type TokenResult = { ok: true; subscriber: Subscriber; changed?: boolean } | { ok: false; reason: Exclude<TokenCheck, { ok: true }>['reason'] | 'unknown-subscriber' };

/** The subscriber a signed link speaks for; `purposes` lists the links accepted (a preferences link may also unsubscribe). */
export async function subscriberForToken(deps: SubscriptionDeps, token: string | undefined, purposes: TokenPurpose[]): Promise<TokenResult> {
  const now = deps.clock();
  let check: TokenCheck = { ok: false, reason: 'malformed' };
  for (const purpose of purposes) {
    check = verifyToken(deps.links.secret, token, purpose, now);
    if (check.ok || check.reason !== 'wrong-purpose') break;
  }
  if (!check.ok) return check;
  const subscriber = await deps.store.getSubscriber(check.subscriberId, now);
  return subscriber ? { ok: true, subscriber } : { ok: false, reason: 'unknown-subscriber' };
}

export async function confirm(deps: SubscriptionDeps, token: string | undefined): Promise<TokenResult> {
  const found = await subscriberForToken(deps, token, ['confirm']);
  if (!found.ok) return found;
  const { subscriber } = found;
  // Confirming twice is harmless; a suppressed or unsubscribed address is not revived by an old confirmation link.
  if (subscriber.status !== 'pending') return found;
  const confirmed: Subscriber = { ...subscriber, status: 'confirmed', confirmedAt: deps.clock().toISOString() };
  await save(deps, confirmed);
  return { ok: true, subscriber: confirmed, changed: true };
}

export async function updatePreferences(deps: SubscriptionDeps, token: string | undefined, preferences: Preferences): Promise<TokenResult> {
  const found = await subscriberForToken(deps, token, ['manage']);
  if (!found.ok) return found;
  const { subscriber } = found;
  // The form sets the offsets only; the programmes reminders are limited to (set elsewhere) stay.
  const reminders = preferences.reminderOffsets ? { ...subscriber.reminders, offsets: preferences.reminderOffsets } : subscriber.reminders;
  const updated: Subscriber = { ...subscriber, lang: preferences.lang, delivery: preferences.delivery, filters: preferences.filters, ...(reminders ? { reminders } : {}) };
  await save(deps, updated);
  return { ok: true, subscriber: updated };
}

export async function unsubscribe(deps: SubscriptionDeps, token: string | undefined): Promise<TokenResult> {
  const found = await subscriberForToken(deps, token, ['unsubscribe', 'manage']);
  if (!found.ok) return found;
  if (found.subscriber.status === 'unsubscribed' || found.subscriber.status === 'suppressed') return found;
  const gone: Subscriber = { ...found.subscriber, status: 'unsubscribed', unsubscribedAt: deps.clock().toISOString() };
  await save(deps, gone);
  return { ok: true, subscriber: gone };
}

/** An SES bounce (permanent) or complaint: the address is never mailed again. */
export async function suppress(deps: Pick<SubscriptionDeps, 'store'>, email: string, reason: string): Promise<boolean> {
  const subscriber = await deps.store.getSubscriber(subscriberIdFor(email));
  if (!subscriber || subscriber.status === 'suppressed') return false;
  await save(deps, { ...subscriber, status: 'suppressed', suppressedReason: reason.slice(0, 200) });
  return true;
}
