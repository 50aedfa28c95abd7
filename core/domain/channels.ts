/**
 * Channels: a Slack incoming webhook, a Microsoft Teams workflow webhook or a generic HTTPS webhook that
 * receives what a subscriber's e-mail would, with the same filters, delivery mode and reminders. A channel is
 * a Subscriber whose `channel` is set: matching, digests, reminders and the outbox work on it unchanged, and
 * its `email` is the owner's address, told when the channel is disabled.
 */

export const CHANNEL_KINDS = ['slack', 'teams', 'webhook'] as const;

export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export interface ChannelDestination {
  kind: ChannelKind;
  /**
   * Where messages are posted. A secret (anyone who has a Slack or Teams webhook URL can post to the channel):
   * never logged in full (maskUrl), and only ever posted to after the address it resolves to is checked.
   */
  url: string;
  /** The owner's name for it ("#grants-office"), shown in the pages and the owner's e-mails. */
  label?: string;
  /**
   * The generic webhook's signing secret is derived from the deployment's master key and this version
   * (io/webhooks), never stored; rotating it means a new version. Unset for Slack and Teams.
   */
  secretVersion?: number;
  /** Permanent refusals (403, 404) in a row; reset by a delivery. A 410 Gone disables at once. */
  refusals?: number;
}

/** A message for one channel, rendered by core (Slack Block Kit, a Teams Adaptive Card, the generic JSON payload). */
export interface OutgoingPost {
  /** The channel's subscriber id: with destination.secretVersion, what a generic webhook's signing secret is derived from. */
  subscriberId: string;
  destination: ChannelDestination;
  /** The JSON body, already serialized: what is signed is exactly what is sent. */
  body: string;
  /** Standard Webhooks' `webhook-id` for generic webhooks: the outbox's delivery key, the same on every retry. */
  messageId: string;
}

/**
 * Refusals that will not go away by retrying: the webhook was deleted (404, 410) or the channel no longer
 * accepts it (403). `gone` (410) disables the channel at once; the others after PERMANENT_REFUSALS_TO_DISABLE in a row.
 */
export const PERMANENT_REFUSALS_TO_DISABLE = 3;
