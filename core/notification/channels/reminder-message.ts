/**
 * What a channel's reminder and its confirmation request say, before any format: the reminder e-mail's
 * content (core/notification/email/reminder-email.ts) as plain values. Strings from pages are raw here.
 */
import { oneLine } from '#lib/escape.ts';
import type { Subscriber } from '../../domain/subscribers.ts';
import { deadlineWord } from '../../changes/summaries.ts';
import type { Reminder } from '../reminders.ts';
import { deadlineTitle, deadlineWhen, shortName } from '../email/change-email.ts';
import { footer, type ChannelOptions, type Footer } from './message.ts';
import { STRINGS, type Lang } from './strings.ts';

export interface ReminderItem {
  key: string;
  programme: string;
  agency: string;
  call: string;
  /** "Submission deadline (Application deadline): 2026-12-10 12:00 JST (in 14 days)". */
  due: string;
  says: string;
  url: string;
}
export interface ReminderMessage { lang: Lang; title: string; intro: string; items: ReminderItem[]; footer: Footer }

export interface ConfirmationMessage { lang: Lang; title: string; body: string; button: string; ignore: string; link: string }

const programmeName = (r: Reminder, lang: Lang): string => r.deadline.programName[lang] ?? r.deadline.programName.en ?? r.deadline.programName.ja ?? r.deadline.programId;

/**
 * The reminder e-mail's content for a channel: the soonest deadline leads the title, then each deadline
 * with its date in Japan time, how soon, the page's own words and the page.
 *
 * @example
 * reminderMessage(subscriber, [reminder], options).title // 'Reminder: ASPIRE submission deadline in 14 days (2026-12-10 12:00 JST)'
 */
export function reminderMessage(subscriber: Pick<Subscriber, 'lang'>, reminders: Reminder[], options: Pick<ChannelOptions, 'links' | 'reference'>): ReminderMessage {
  const lang = subscriber.lang;
  const t = STRINGS[lang];
  const sorted = [...reminders].sort((a, b) => a.daysLeft - b.daysLeft || (a.deadline.iso ?? a.deadline.date).localeCompare(b.deadline.iso ?? b.deadline.date));
  const first = sorted[0];
  const title = first
    ? oneLine(`${t.reminderTitle(`${shortName(first.deadline.programId, programmeName(first, lang))} ${deadlineWord(first.deadline.kind, lang)}`, t.left(first.daysLeft), deadlineWhen(first.deadline, lang))}${sorted.length > 1 ? t.more(sorted.length - 1) : ''}`, 150)
    : t.reminderIntro(0);
  return { lang, title, intro: t.reminderIntro(sorted.length), items: sorted.map((r) => reminderItem(r, lang)), footer: footer(lang, t.reminderWhy, options) };
}

function reminderItem(r: Reminder, lang: Lang): ReminderItem {
  const t = STRINGS[lang];
  const d = r.deadline;
  const stated = d.statedTimezone ? t.stated(oneLine(d.statedTimezone, 60)) : '';
  return {
    key: r.key,
    programme: oneLine(programmeName(r, lang), 160),
    agency: d.agency,
    call: oneLine(d.callTitle, 200),
    due: `${oneLine(deadlineTitle(d, lang), 120)}: ${deadlineWhen(d, lang)}${stated}${t.due(r.daysLeft)}`,
    says: oneLine(d.evidence, 300),
    url: d.url,
  };
}

/** The first message to a channel: someone asked for alerts here, and the link that confirms it; nothing else. */
export function confirmationMessage(subscriber: Pick<Subscriber, 'lang'>, confirmLink: string): ConfirmationMessage {
  const t = STRINGS[subscriber.lang];
  return { lang: subscriber.lang, title: t.confirmTitle, body: t.confirmBody, button: t.confirmButton, ignore: t.confirmIgnore, link: confirmLink };
}
