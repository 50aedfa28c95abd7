/** The Mailer port on Amazon SES (SendRawEmail): the real service in AWS, the local emulator otherwise. */
import { SESClient, SendRawEmailCommand } from '@aws-sdk/client-ses';
import type { Mailer, OutgoingMail } from '#core/ports/mailer.ts';
import { maskEmail } from '#core/subscriptions/subscriber-id.ts';
import { redactEmails } from '#core/subscriptions/redact-emails.ts';
import { buildRawMessage } from './mime.ts';

export { maskEmail };

export interface SesMailerOptions {
  from: string;
  client?: SESClient;
  /** Local emulator endpoint, e.g. http://127.0.0.1:8005 (dummy credentials are used with it). */
  endpoint?: string;
  region?: string;
  /** SES sending rate (messages per second) to stay under; the account's quota in production. */
  maxPerSecond?: number;
  /** The SES configuration set whose event destinations receive send, bounce and complaint events. */
  configurationSet?: string;
  /**
   * Finds a message by its delivery key. SES has no API to list what it sent: in AWS the answer comes
   * from SES send events recorded by the event handler; locally, from the emulator's inbox.
   * Without it the mailer answers 'unknown'.
   */
  lookup?: (deliveryKey: string) => Promise<{ messageId: string } | undefined | 'unknown'>;
  /**
   * Hands over each raw message SES accepted, before send() returns (so before the caller records it): the local
   * inbox folder saves it there. A send whose copy cannot be kept fails, as if SES had refused it.
   */
  keep?: (raw: string, deliveryKey: string | undefined, messageId: string) => Promise<void>;
}

/** The header that carries a message's delivery key. */
export const DELIVERY_HEADER = 'X-Fundwatch-Delivery';

export class MailSendError extends Error {
  override name = 'MailSendError';
}

/**
 * SES names the recipient in its refusals (the sandbox's "identities failed the check in region ...:
 * someone@example.org", AccessDenied on ".../identity/someone@example.org"): the error this mailer throws
 * masks every address in SES's text, and its cause is a copy of SES's error with the same masked text,
 * so whoever logs the error or its cause logs no address.
 */
function sesRefusal(err: unknown, to: string): MailSendError {
  const original = err instanceof Error ? err : new Error(String(err));
  const detail = redactEmails(original.message);
  const cause = Object.assign(new Error(detail), { name: original.name,
    ...('$metadata' in original ? { $metadata: original.$metadata } : {}) });
  return new MailSendError(`SES refused the e-mail to ${maskEmail(to)}: ${detail}; ` +
    'check the sender identity is verified and the account is out of the SES sandbox', { cause });
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
    async send(mail: OutgoingMail, deliveryKey?: string): Promise<{ messageId: string }> {
      // Pace sends to the SES rate; throttling that still happens is retried by the SDK (maxAttempts). Paced on
      // the monotonic clock: a wall clock stepped back (NTP, a VM restored) must not hold every send for the step.
      const now = performance.now();
      const wait = nextSlot - now;
      nextSlot = Math.max(now, nextSlot) + gapMs;
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      let out: { MessageId?: string };
      const raw = buildRawMessage(deliveryKey ? { ...mail, headers: { ...mail.headers, [DELIVERY_HEADER]: deliveryKey } } : mail, options.from);
      try {
        out = await client.send(new SendRawEmailCommand({ RawMessage: { Data: Buffer.from(raw, 'utf8') },
          ...(options.configurationSet ? { ConfigurationSetName: options.configurationSet } : {}),
          ...(deliveryKey ? { Tags: [{ Name: 'delivery', Value: deliveryKey }] } : {}) }));
      } catch (err) {
        throw sesRefusal(err, mail.to);
      }
      await options.keep?.(raw, deliveryKey, out.MessageId ?? '');
      return { messageId: out.MessageId ?? '' };
    },
    findSent: (deliveryKey) => options.lookup?.(deliveryKey) ?? Promise.resolve('unknown' as const),
  };
}
