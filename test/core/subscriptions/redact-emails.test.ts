import { describe, expect, it } from 'vitest';
import { redactEmails } from '#core/subscriptions/redact-emails.ts';

describe('redactEmails', () => {
  it('masks the address in SES\'s sandbox refusal, keeping its domain and the rest of the text', () => {
    expect(redactEmails('Email address is not verified. The following identities failed the check in region AP-NORTHEAST-1: someone@example.org'))
      .toBe('Email address is not verified. The following identities failed the check in region AP-NORTHEAST-1: s***@example.org');
  });

  it('masks an identity ARN\'s address and keeps the ARN readable', () => {
    expect(redactEmails("on resource `arn:aws:ses:ap-northeast-1:123456789012:identity/someone@example.org'"))
      .toBe("on resource `arn:aws:ses:ap-northeast-1:123456789012:identity/s***@example.org'");
  });

  it('masks every address, however it is quoted or punctuated', () => {
    expect(redactEmails('{"to":"a.b+fund@example.jp","cc":["kenkyusha@mail.example.ac.jp"]} <x@example.org>, sent to y@example.org.'))
      .toBe('{"to":"a***@example.jp","cc":["k***@mail.example.ac.jp"]} <x***@example.org>, sent to y***@example.org.');
  });

  it('masks the whole local part, including characters a sentence might end on', () => {
    expect(redactEmails("o'brien/lab@example.org")).toBe('o***@example.org');
  });

  it('leaves a masked address, package paths and text without addresses as they are', () => {
    const text = 'r***@example.org at /var/task/node_modules/@aws-sdk/client-ses/dist-cjs/index.js:12 (cycle 2026-05-01T00:00:00Z)';
    expect(redactEmails(text)).toBe(text);
  });
});
