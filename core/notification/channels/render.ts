/**
 * A channel's messages, whatever its kind: the change alert or digest, the reminders, and the confirmation
 * request that comes first. Each returns the OutgoingPost the poster sends as is (the body is what is
 * signed), with the outbox's delivery key as its messageId, so every retry carries the same webhook-id.
 *
 * One renderer per kind, chosen from an explicit map: a new kind of channel is a new entry, and the type
 * checker names every map that lacks it.
 */
import type { ChannelDestination, ChannelKind, OutgoingPost } from '../../domain/channels.ts';
import type { ChangeEvent } from '../../domain/changes.ts';
import type { Subscriber } from '../../domain/subscribers.ts';
import type { Reminder } from '../reminders.ts';
import { changeMessage, type ChannelOptions } from './message.ts';
import { confirmationMessage, reminderMessage } from './reminder-message.ts';
import { slackChanges, slackConfirmation, slackReminders } from './slack.ts';
import { teamsChanges, teamsConfirmation, teamsReminders } from './teams.ts';
import { webhookChanges, webhookConfirmation, webhookReminders } from './webhook.ts';

export type { ChannelOptions } from './message.ts';

type Render<A> = (subscriber: Subscriber, input: A, options: ChannelOptions) => unknown;

const CHANGES: Record<ChannelKind, Render<ChangeEvent[]>> = {
  slack: (s, events, o) => slackChanges(changeMessage(s, events, o)),
  teams: (s, events, o) => teamsChanges(changeMessage(s, events, o)),
  webhook: (s, events, o) => webhookChanges(s, events, o),
};

const REMINDERS: Record<ChannelKind, Render<Reminder[]>> = {
  slack: (s, reminders, o) => slackReminders(reminderMessage(s, reminders, o)),
  teams: (s, reminders, o) => teamsReminders(reminderMessage(s, reminders, o)),
  webhook: (s, reminders, o) => webhookReminders(s, reminders, o),
};

const CONFIRMATIONS: Record<ChannelKind, Render<string>> = {
  slack: (s, link) => slackConfirmation(confirmationMessage(s, link)),
  teams: (s, link) => teamsConfirmation(confirmationMessage(s, link)),
  webhook: (s, link, o) => webhookConfirmation(s, link, o),
};

/** The subscriber's channel, or an error that says the subscriber is an e-mail address (so the mailer is the way). */
function channelOf(subscriber: Subscriber): ChannelDestination {
  if (!subscriber.channel) throw new Error(`Subscriber ${subscriber.id} has no channel: send it e-mail (core/notification/email/) instead.`);
  return subscriber.channel;
}

function post<A>(renderers: Record<ChannelKind, Render<A>>, subscriber: Subscriber, input: A, options: ChannelOptions): OutgoingPost {
  const destination = channelOf(subscriber);
  const render = renderers[destination.kind];
  if (!render) throw new Error(`Unknown channel kind "${String(destination.kind)}": expected one of ${Object.keys(renderers).join(', ')}.`);
  return { subscriberId: subscriber.id, destination, body: JSON.stringify(render(subscriber, input, options)), messageId: options.reference };
}

/**
 * The post for a change alert or digest to the subscriber's channel.
 *
 * @example
 * renderChannelChanges(slackSubscriber, events, { reference: 'k1', now, links }).body // '{"text":"ASPIRE: …","blocks":[…]}'
 */
export function renderChannelChanges(subscriber: Subscriber, events: ChangeEvent[], options: ChannelOptions): OutgoingPost {
  return post(CHANGES, subscriber, events, options);
}

/** The post for reminders before deadlines (programmes and digest are not used). */
export function renderChannelReminders(subscriber: Subscriber, reminders: Reminder[], options: ChannelOptions): OutgoingPost {
  return post(REMINDERS, subscriber, reminders, options);
}

/** The first post to a channel: someone asked for alerts here, and the confirm link; nothing else is sent until it is followed. */
export function renderChannelConfirmation(subscriber: Subscriber, confirmLink: string, options: Pick<ChannelOptions, 'reference' | 'now'>): OutgoingPost {
  return post(CONFIRMATIONS, subscriber, confirmLink, options);
}
