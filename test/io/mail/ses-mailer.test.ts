import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSesEmulator, type SesEmulator } from '#io/local/ses-emulator.ts';
import { createSesMailer, maskEmail } from '#io/mail/ses-mailer.ts';

describe('createSesMailer against the local SES emulator', () => {
  let ses: SesEmulator;
  beforeAll(async () => { ses = await startSesEmulator(); });
  afterAll(async () => { await ses.close(); });

  it('delivers the text and HTML parts with a Japanese subject', async () => {
    const mailer = createSesMailer({ from: 'fundwatch <alerts@fundwatch.local>', endpoint: ses.endpoint });
    const { messageId } = await mailer.send({ to: 'kenkyusha@example.jp', subject: 'ASPIRE: 提出締切が変更されました', text: '本文', html: '<p>本文</p>' });
    const received = (await ses.emails()).find((e) => e.messageId === messageId);
    expect(received?.destination.to).toEqual(['kenkyusha@example.jp']);
    expect(received?.subject).toBe('ASPIRE: 提出締切が変更されました');
    expect(received?.body.text?.trim()).toBe('本文');
    expect(received?.body.html).toBe('<p>本文</p>');
  });
});

describe('maskEmail', () => {
  it('keeps only the first letter of the local part', () => {
    expect(maskEmail('researcher@example.org')).toBe('r***@example.org');
  });
});
