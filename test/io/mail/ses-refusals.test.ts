/**
 * SES names the recipient in full when it refuses a send; the mailer's error must not: its message and
 * its cause carry only the masked address, whoever logs them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createSesMailer, MailSendError } from '#io/mail/ses-mailer.ts';
import { FULL_ADDRESS, RECIPIENT, SES_REFUSALS, startRefusingSes, type RefusingSes } from '../../helpers/ses-refusals.ts';

describe('createSesMailer when SES refuses the send', () => {
  let ses: RefusingSes | undefined;
  afterEach(async () => { await ses?.close(); ses = undefined; });

  async function refusal(kind: keyof typeof SES_REFUSALS): Promise<MailSendError> {
    ses = await startRefusingSes(SES_REFUSALS[kind]);
    const mailer = createSesMailer({ from: 'alerts@fundwatch.example', client: ses.client, maxPerSecond: 1000 });
    return mailer.send({ to: RECIPIENT, subject: 'ASPIRE: deadline changed', text: 'body', html: '<p>body</p>' }).then(
      () => { throw new Error('SES was expected to refuse the send'); },
      (err: unknown) => err as MailSendError);
  }

  it.each(['sandbox', 'accessDenied'] as const)('keeps SES\'s reason but masks the recipient it names (%s)', async (kind) => {
    const err = await refusal(kind);

    expect(err).toBeInstanceOf(MailSendError);
    expect(err.message).toContain('s***@example.org');
    expect(err.message).toContain(kind === 'sandbox' ? 'failed the check in region AP-NORTHEAST-1' : 'identity/s***@example.org');
    expect(err.message).toMatch(/check the sender identity is verified/);
    expect(err.message).not.toMatch(FULL_ADDRESS);
  });

  it('gives a cause with SES\'s error name and masked text, so logging the cause leaks nothing either', async () => {
    const err = await refusal('sandbox');
    const cause = err.cause as Error & { $metadata?: { httpStatusCode?: number } };

    expect(cause.name).toBe('MessageRejected');
    expect(cause.$metadata?.httpStatusCode).toBe(400);
    expect(`${cause.message}\n${cause.stack}`).not.toMatch(FULL_ADDRESS);
    expect(JSON.stringify({ ...cause, message: cause.message, stack: cause.stack })).not.toMatch(FULL_ADDRESS);
  });
});
