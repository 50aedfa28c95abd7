import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
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

  it('keeps sending at its pace when the wall clock is stepped back a day between two sends', async () => {
    const mailer = createSesMailer({ from: 'fundwatch <alerts@fundwatch.local>', endpoint: ses.endpoint, maxPerSecond: 10 });
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2026-04-02T00:00:00Z'));
      await mailer.send({ to: 'before@example.jp', subject: 'one', text: '1', html: '<p>1</p>' });
      vi.setSystemTime(new Date('2026-04-01T00:00:00Z'));
      // Paced on the wall clock, this send waited until the clock came back round: a day.
      const second = mailer.send({ to: 'after@example.jp', subject: 'two', text: '2', html: '<p>2</p>' });
      const outcome = await Promise.race([second.then(() => 'sent'), new Promise((resolve) => { setTimeout(resolve, 10_000, 'held'); })]);
      expect(outcome).toBe('sent');
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('maskEmail', () => {
  it('keeps only the first letter of the local part', () => {
    expect(maskEmail('researcher@example.org')).toBe('r***@example.org');
  });
});
