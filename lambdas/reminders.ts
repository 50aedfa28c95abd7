/** Reminders Lambda (schedule): sends the deadline reminders due now, by e-mail or to channels, through the same outbox as notify. */
import { sendDueReminders, type ReminderReport } from '#core/notification/send-reminders.ts';
import { upcomingDeadlines } from '#core/analyst/read-catalog.ts';
import { addCounts, instrumented, logger } from './telemetry.ts';
import { awsStore } from './wiring.ts';
import { awsMailer } from './mail-wiring.ts';
import { awsPoster, forThisRun, otherFailures } from './poster-wiring.ts';
import { linkSecret } from './secret-wiring.ts';

export const handler = instrumented(async (): Promise<Omit<ReminderReport, 'recipients'> & { recipients: number }> => {
  const now = new Date();
  const run = forThisRun(awsPoster, Date.now());
  // Signed preference and unsubscribe links once the subscription pages are deployed with their key.
  const links = process.env.PUBLIC_BASE_URL ? { secret: await linkSecret(), baseUrl: process.env.PUBLIC_BASE_URL } : undefined;
  const deadlines = await upcomingDeadlines(awsStore(), now);
  const report = await sendDueReminders({ store: awsStore(), mailer: awsMailer(), poster: run.poster, clock: () => now, ...(links ? { links } : {}) }, deadlines);
  // Subscriber ids only, never addresses, in logs.
  const summary = { ...report, recipients: report.recipients.length };
  logger[report.failures.length ? 'warn' : 'info']('reminders finished', { ...summary, deadlines: deadlines.length });
  addCounts({ RemindersSent: report.reminders, ReminderEmailsSent: report.emailsSent, ReminderFailures: otherFailures(report.failures, run.failed),
    ChannelFailures: run.failed.size, RecoveredSends: report.recovered.recorded + report.recovered.released });
  return summary;
});
