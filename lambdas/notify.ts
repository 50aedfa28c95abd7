/** Notify Lambda (schedule): sends pending change events to matching subscribers through SES, and to their channels. */
import { notifyPending, type NotifyReport } from '#core/notification/notify.ts';
import { addCounts, instrumented, logger } from './telemetry.ts';
import { awsStore } from './wiring.ts';
import { awsMailer } from './mail-wiring.ts';
import { awsPoster, forThisRun, otherFailures } from './poster-wiring.ts';
import { linkSecret } from './secret-wiring.ts';

export const handler = instrumented(async (): Promise<Omit<NotifyReport, 'recipients'> & { recipients: number }> => {
  const run = forThisRun(awsPoster, Date.now());
  // Signed preference and unsubscribe links once the subscription pages are deployed with their key.
  const links = process.env.PUBLIC_BASE_URL ? { secret: await linkSecret(), baseUrl: process.env.PUBLIC_BASE_URL } : undefined;
  const report = await notifyPending({ store: awsStore(), mailer: awsMailer(), poster: run.poster, clock: () => new Date(), ...(links ? { links } : {}) });
  // Subscriber ids only, never addresses, in logs.
  const summary = { ...report, recipients: report.recipients.length };
  logger[report.failures.length ? 'warn' : 'info']('notify finished', summary);
  // Channel failures apart from e-mail ones: a webhook that is down for a while is the owner's matter until it persists.
  addCounts({ EmailsSent: report.emailsSent, PostsSent: report.postsSent, DeliveryFailures: otherFailures(report.failures, run.failed), ChannelFailures: run.failed.size,
    ChannelsDisabled: report.channelsDisabled.length, DigestsWaiting: report.digestsWaiting, RecoveredSends: report.recovered.recorded + report.recovered.released });
  return summary;
});
