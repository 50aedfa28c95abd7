/** The Mailer port on Amazon SES (SendRawEmail): the real service in AWS, the local emulator otherwise. */
import { SESClient, SendRawEmailCommand } from '@aws-sdk/client-ses';
import type { Mailer, OutgoingMail } from '#core/ports.ts';
import { buildRawMessage } from './mime.ts';

export interface SesMailerOptions {
  from: string;
  client?: SESClient;
  /** Local emulator endpoint, e.g. http://127.0.0.1:8005 (dummy credentials are used with it). */
  endpoint?: string;
  region?: string;
  /** SES sending rate (messages per second) to stay under; the account's quota in production. */
  maxPerSecond?: number;
}

export class MailSendError extends Error {
  override name = 'MailSendError';
}

export function createSesClient(endpoint?: string, region = 'ap-northeast-1'): SESClient {
  return endpoint
    ? new SESClient({ endpoint, region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 5 })
    : new SESClient({ region, maxAttempts: 5 });
}

export function createSesMailer(options: SesMailerOptions): Mailer {
  const client = options.client ?? createSesClient(options.endpoint, options.region);
  const gapMs = 1000 / (options.maxPerSecond ?? 10);
  let nextSlot = 0;
  return {
    async send(mail: OutgoingMail): Promise<{ messageId: string }> {
      // Pace sends to the SES rate; throttling that still happens is retried by the SDK (maxAttempts).
      const wait = nextSlot - Date.now();
      nextSlot = Math.max(Date.now(), nextSlot) + gapMs;
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const raw = buildRawMessage(mail, options.from);
      try {
        const out = await client.send(new SendRawEmailCommand({ RawMessage: { Data: Buffer.from(raw, 'utf8') } }));
        return { messageId: out.MessageId ?? '' };
      } catch (err) {
        throw new MailSendError(`SES refused the e-mail to ${maskEmail(mail.to)}: ${(err as Error).message}; ` +
          'check the sender identity is verified and the account is out of the SES sandbox', { cause: err });
      }
    },
  };
}

/** Addresses are never logged in full: r***@example.org. */
export function maskEmail(email: string): string {
  const [user = '', domain = ''] = email.split('@');
  return `${user.slice(0, 1)}***@${domain}`;
}
