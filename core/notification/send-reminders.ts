/**
 * Sends the reminders due at the clock's time, one e-mail per subscriber per run, through the notifier's
 * outbox (core/notification/outbox.ts): claim under a key derived from the subscriber and the reminder keys, send,
 * record a delivery per reminder key, complete. Because deliveries are recorded per reminder, an e-mail
 * carrying A and B followed by a run where only B is due sends nothing; because the claim's key comes
 * from the reminders, a run that crashed is settled by the next one (mailer.findSent), never lost and
 * never doubled.
 */
import type { DeadlineView } from '../analyst/views.ts';
import type { Subscriber } from '../domain/subscribers.ts';
import type { NotifyDeps, NotifyOptions } from './notify.ts';
import { claimAndSend, countSent, DEFAULT_CLAIM_TIMEOUT_MS, recoverClaims, undelivered } from './outbox.ts';
import { dueReminders, type Reminder } from './reminders.ts';
import { renderReminderEmail } from './email/reminder-email.ts';
import { renderChannelReminders } from './channels/render.ts';
import { refusalDisabled } from './channel-refusals.ts';

export interface ReminderReport {
  emailsSent: number;
  /** Reminders in the e-mails sent this run. */
  reminders: number;
  /** Subscriber ids that got an e-mail this run (never addresses). */
  recipients: string[];
  /** Messages posted to channels this run, and the channels' subscriber ids (their reminders are counted in `reminders` too). */
  postsSent: number;
  channels: string[];
  /** Open claims of crashed runs found sent (recorded now) or not (released and sent again). */
  recovered: { recorded: number; released: number };
  failures: string[];
}

/**
 * @example
 * const deadlines = await upcomingDeadlines(store, now); // core/analyst/read-catalog.ts
 * await sendDueReminders({ store, mailer, clock: () => now, links }, deadlines); // { emailsSent: 2, reminders: 3, ... }
 */
export async function sendDueReminders(deps: NotifyDeps, deadlines: DeadlineView[], options: NotifyOptions = {}): Promise<ReminderReport> {
  const report: ReminderReport = { emailsSent: 0, reminders: 0, recipients: [], postsSent: 0, channels: [], recovered: { recorded: 0, released: 0 }, failures: [] };
  const now = deps.clock();
  const subscribers = await deps.store.listSubscribers();
  const due = groupBySubscriber(dueReminders(subscribers, deadlines, now));
  for (const subscriber of subscribers) {
    const reminders = due.get(subscriber.id);
    // Only subscribers with something due are looked at (one query each); a claim a crash left for anyone
    // else is settled by their next reminder run or by the notifier, which shares the outbox.
    if (!reminders) continue;
    try {
      // A crashed run's claim first: it may hold some of these very reminders.
      await recoverClaims(deps, subscriber, now, options.claimTimeoutMs ?? DEFAULT_CLAIM_TIMEOUT_MS, report);
      const fresh = await undelivered(deps.store, subscriber, reminders, (r) => r.key);
      if (fresh.length === 0) continue;
      if (await sendReminderEmail(deps, subscriber, fresh, now)) {
        report.reminders += fresh.length;
        countSent(report, subscriber);
      }
    } catch (err) {
      report.failures.push(`${subscriber.id}: ${(err as Error).message}`);
      // A channel whose webhook refused for good is counted, and disabled when it must be, as the notifier does.
      await refusalDisabled(deps, subscriber, err, now).catch((recordErr: Error) => report.failures.push(`${subscriber.id}: ${recordErr.message}`));
    }
  }
  return report;
}

function sendReminderEmail(deps: NotifyDeps, subscriber: Subscriber, reminders: Reminder[], now: Date): Promise<boolean> {
  return claimAndSend(deps, subscriber, reminders.map((r) => r.key), now, (reference, links) => {
    const options = { reference, ...(links ? { links } : {}) };
    return subscriber.channel ? { post: renderChannelReminders(subscriber, reminders, { ...options, now }) } : { mail: renderReminderEmail(subscriber, reminders, options) };
  });
}

function groupBySubscriber(reminders: Reminder[]): Map<string, Reminder[]> {
  const groups = new Map<string, Reminder[]>();
  for (const r of reminders) groups.set(r.subscriberId, [...(groups.get(r.subscriberId) ?? []), r]);
  return groups;
}
