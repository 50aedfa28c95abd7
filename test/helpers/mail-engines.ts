/**
 * The engines the notifier's tests share: dynalite for the store and the SES emulator for the mail, with a
 * mailer that finds a crashed run's e-mail by the reference line the change e-mails carry (as the SES
 * mailer does in AWS through its delivery tag). Each test still makes its own table.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Mailer } from '#core/ports/mailer.ts';
import { referenceLine } from '#core/notification/email/change-email.ts';
import { startDynalite } from '#io/local/dynalite.ts';
import { startSesEmulator, type SesEmulator } from '#io/local/ses-emulator.ts';
import { createSesMailer } from '#io/mail/ses-mailer.ts';
import { localClient } from './engines.ts';

export interface MailEngines {
  client: DynamoDBClient;
  ses: SesEmulator;
  mailer: Mailer;
  close(): Promise<void>;
}

export async function startMailEngines(): Promise<MailEngines> {
  const engine = await startDynalite({});
  const client = localClient(engine.endpoint);
  const ses = await startSesEmulator();
  const mailer = createSesMailer({ from: 'fundwatch <alerts@fundwatch.local>', endpoint: ses.endpoint, maxPerSecond: 200,
    lookup: (key) => ses.findByText(referenceLine(key)) });
  return {
    client, ses, mailer,
    async close() {
      client.destroy();
      await engine.close();
      await ses.close();
    },
  };
}
