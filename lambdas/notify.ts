/** Notify Lambda (schedule): sends pending change events to matching subscribers through SES. */
import { notifyPending, type NotifyReport } from '#core/notify.ts';
import { awsMailer, awsStore } from './wiring.ts';

export const handler = async (): Promise<Omit<NotifyReport, 'recipients'> & { recipients: number }> => {
  const report = await notifyPending({ store: awsStore(), mailer: awsMailer(), clock: () => new Date() });
  // Subscriber ids only, never addresses, in logs.
  const summary = { ...report, recipients: report.recipients.length };
  console.log(JSON.stringify({ message: 'notify finished', ...summary }));
  return summary;
};
