/**
 * A subscriber: an address, its language, what it follows (filters), how often it hears (immediate or a
 * digest) and its reminders.
 */
import type { Agency } from '#parsers/schema.ts';
import type { ChangeCategory } from './changes.ts';
import type { ChannelDestination } from './channels.ts';

export const DELIVERY_MODES = ['immediate', 'daily', 'weekly'] as const;

export type DeliveryMode = (typeof DELIVERY_MODES)[number];

export type SubscriberStatus = 'pending' | 'confirmed' | 'unsubscribed' | 'suppressed';

/** What a subscriber hears about; every set filter must match (an empty or missing one matches all). */
export interface SubscriberFilters {
  agencies?: Agency[];
  programs?: string[];
  categories?: ChangeCategory[];
  /** Words that must appear (any of them, case- and width-insensitive) in the call's title or the change's summary, English or Japanese. */
  keywords?: string[];
  /** Normalized research fields (parsers/data/fields.json) the call must name one of. */
  fields?: string[];
  /** Partner countries (ISO 3166-1 alpha-2, or EU) the call must name one of. */
  countries?: string[];
}

export const DEFAULT_REMINDER_OFFSETS = [14, 3] as const;

export interface ReminderPreferences {
  /** Days before a deadline (Asia/Tokyo) to be reminded; [] turns reminders off. */
  offsets: number[];
  /** Only these programmes' deadlines; unset: every deadline matching the subscriber's filters. */
  programs?: string[];
}

export interface Subscriber {
  /** Derived from the address (core/subscriptions/subscriber-id.ts), so an address has one record whoever types it. */
  id: string;
  /** Where e-mails go; for a channel, its owner's address (told when the channel is disabled). */
  email: string;
  /** Set for a Slack, Teams or webhook channel (core/domain/channels.ts): its messages go there instead of `email`. */
  channel?: ChannelDestination;
  lang: 'en' | 'ja';
  status: SubscriberStatus;
  filters: SubscriberFilters;
  /** Reminders before deadlines; unset means the defaults (14 and 3 days, every matching programme). */
  reminders?: ReminderPreferences;
  /** immediate (default): an e-mail per run with changes; daily or weekly: one digest per period. */
  delivery?: DeliveryMode;
  createdAt?: string;
  confirmedAt?: string;
  unsubscribedAt?: string;
  /** Why the address may not be mailed again (an SES bounce or complaint). */
  suppressedReason?: string;
  /** When the last confirmation e-mail went out: at most one per address per hour. */
  confirmationSentAt?: string;
  /** When the last digest went out. */
  lastDigestAt?: string;
}
