/** SES events Lambda (SNS): bounces and complaints suppress addresses; send events settle the outbox. */
import { handleSesEvent } from '#core/notification/ses-events.ts';
import { addCounts, instrumented, logger } from './telemetry.ts';
import { awsStore } from './wiring.ts';

interface SnsEvent { Records: Array<{ Sns: { Message: string } }> }

export const handler = instrumented(async (event: SnsEvent): Promise<{ suppressed: number; settled: number }> => {
  let suppressed = 0;
  let settled = 0;
  for (const record of event.Records ?? []) {
    const report = await handleSesEvent(awsStore(), record.Sns.Message);
    suppressed += report.suppressed.length;
    settled += report.settled;
    // Masked addresses only (and the logger masks any other).
    logger.info('ses event', { ...report });
  }
  addCounts({ AddressesSuppressed: suppressed });
  return { suppressed, settled };
});
