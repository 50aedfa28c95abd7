/**
 * The generic webhook's JSON payload, version 1: what an office's own tools receive, signed by io/webhooks
 * per Standard Webhooks. Documented in docs/webhooks.md and by the JSON Schema
 * docs/schemas/webhook-payload.v1.json, which the tests hold every payload to: a field is only ever added
 * (optional) within a version; renaming or removing one is version 2.
 *
 * Unlike Slack and Teams, nothing here is markup: the page's words travel as JSON strings, and escaping
 * them for display is the receiver's job (docs/webhooks.md says so).
 */
import type { Agency, DeadlineKind } from '#parsers/schema.ts';
import type { ChangeCategory, ChangeEvent, ChangeKind, Severity } from '../../domain/changes.ts';
import type { DeliveryMode, Subscriber } from '../../domain/subscribers.ts';
import type { SubscriberLinks } from '../../subscriptions/links.ts';
import type { Reminder } from '../reminders.ts';
import { httpUrl, type ChannelOptions } from './message.ts';
import { STRINGS } from './strings.ts';

export const WEBHOOK_PAYLOAD_VERSION = 1;

type Names = { en: string | null; ja: string | null };

interface Envelope {
  version: typeof WEBHOOK_PAYLOAD_VERSION;
  /** The delivery key: equal to the webhook-id header, the same on every retry of this message. */
  id: string;
  /** When the message was rendered (ISO 8601, UTC). */
  timestamp: string;
  /** The subscriber's language: what `summary` a receiver would show first. */
  lang: 'en' | 'ja';
  subscription: { id: string };
}

export interface WebhookChangeEvent {
  id: string; sourceId: string; programId: string; programName: Names; callId: string | null; agency: Agency;
  category: ChangeCategory; kind: ChangeKind; severity: Severity; summary: { en: string; ja: string };
  before: unknown; after: unknown; evidence: { before: string | null; after: string | null };
  /** True when the change is a disagreement between the English (before) and Japanese (after) pages, not a change over time. */
  disagreement: boolean; url: string | null; detectedAt: string;
}

export interface WebhookReminder {
  key: string; programId: string; programName: Names; agency: Agency; callId: string; callTitle: string;
  kind: DeadlineKind; label: string; date: string; time: string | null; iso: string | null; tentative: boolean;
  statedTimezone: string | null; daysLeft: number; offset: number; evidence: string; url: string | null; lang: 'en' | 'ja';
}

export type WebhookPayload =
  | Envelope & { type: 'fundwatch.changes'; delivery: DeliveryMode; events: WebhookChangeEvent[]; links?: SubscriberLinks }
  | Envelope & { type: 'fundwatch.reminders'; reminders: WebhookReminder[]; links?: SubscriberLinks }
  | Envelope & { type: 'fundwatch.channel.confirm'; message: string; confirm: { url: string } };

type Identity = Pick<ChannelOptions, 'reference' | 'now'>;

const envelope = (subscriber: Pick<Subscriber, 'id' | 'lang'>, options: Identity): Envelope => ({
  version: WEBHOOK_PAYLOAD_VERSION, id: options.reference, timestamp: options.now.toISOString(), lang: subscriber.lang, subscription: { id: subscriber.id },
});

const names = (n: { en?: string | undefined; ja?: string | undefined } | undefined): Names => ({ en: n?.en ?? null, ja: n?.ja ?? null });

/**
 * Changes, in the order they were detected.
 *
 * @example
 * webhookChanges(subscriber, events, { reference: 'k1', now }).events[0].summary.en // 'Submission deadline moved from …'
 */
export function webhookChanges(subscriber: Pick<Subscriber, 'id' | 'lang'>, events: ChangeEvent[], options: ChannelOptions): WebhookPayload {
  const ordered = [...events].sort((a, b) => a.detectedAt.localeCompare(b.detectedAt) || a.id.localeCompare(b.id));
  return {
    // What this message is (a digest or not), whatever the subscription says now: it may have changed since the events were gathered.
    type: 'fundwatch.changes', ...envelope(subscriber, options), delivery: options.digest ?? 'immediate',
    events: ordered.map((e) => changeEvent(e, options)), ...(options.links ? { links: options.links } : {}),
  };
}

function changeEvent(e: ChangeEvent, options: ChannelOptions): WebhookChangeEvent {
  const c = e.change;
  return {
    id: e.id, sourceId: e.sourceId, programId: c.programId, programName: names(options.programmes?.get(c.programId)?.names), callId: c.callId,
    agency: e.agency, category: c.category, kind: c.kind, severity: c.severity, summary: { en: c.summary.en, ja: c.summary.ja },
    // undefined would drop the key from the JSON: "no value" is null in the payload.
    before: c.before ?? null, after: c.after ?? null, evidence: { before: c.evidence.before ?? null, after: c.evidence.after ?? null },
    disagreement: c.disagreement === true, url: httpUrl(e.url) ?? null, detectedAt: e.detectedAt,
  };
}

/** Reminders, soonest first. */
export function webhookReminders(subscriber: Pick<Subscriber, 'id' | 'lang'>, reminders: Reminder[], options: Pick<ChannelOptions, 'reference' | 'now' | 'links'>): WebhookPayload {
  const sorted = [...reminders].sort((a, b) => a.daysLeft - b.daysLeft || a.key.localeCompare(b.key));
  return { type: 'fundwatch.reminders', ...envelope(subscriber, options), reminders: sorted.map(reminder), ...(options.links ? { links: options.links } : {}) };
}

function reminder(r: Reminder): WebhookReminder {
  const d = r.deadline;
  return {
    key: r.key, programId: d.programId, programName: names(d.programName), agency: d.agency, callId: d.callId, callTitle: d.callTitle,
    kind: d.kind, label: d.label, date: d.date, time: d.time, iso: d.iso, tentative: d.tentative === true,
    statedTimezone: d.statedTimezone ?? null, daysLeft: r.daysLeft, offset: r.offset, evidence: d.evidence, url: httpUrl(d.url) ?? null, lang: d.lang,
  };
}

/** The first message to a webhook: the link that confirms the subscription; nothing else is sent before it is followed. */
export function webhookConfirmation(subscriber: Pick<Subscriber, 'id' | 'lang'>, confirmLink: string, options: Identity): WebhookPayload {
  return { type: 'fundwatch.channel.confirm', ...envelope(subscriber, options), message: STRINGS[subscriber.lang].confirmBody, confirm: { url: confirmLink } };
}
