import { describe, expect, it } from 'vitest';
import { buildRawMessage, encodeHeaderText, HeaderInjectionError } from '#io/mail/mime.ts';

describe('buildRawMessage', () => {
  it('builds a multipart/alternative message with both parts base64-encoded in UTF-8', () => {
    const raw = buildRawMessage({ to: 'a@example.org', subject: '締切', text: 'テキスト', html: '<p>html</p>' }, 'f@example.org', 'B');
    expect(raw).toContain('Content-Type: multipart/alternative; boundary="B"');
    expect(raw).toContain(`Subject: =?UTF-8?B?${Buffer.from('締切').toString('base64')}?=`);
    expect(raw).toContain(Buffer.from('テキスト').toString('base64'));
    expect(raw.endsWith('--B--\r\n')).toBe(true);
  });

  it('refuses a header value with a line break (header injection)', () => {
    expect(() => buildRawMessage({ to: 'a@example.org\r\nBcc: x@example.org', subject: 's', text: '', html: '' }, 'f@example.org'))
      .toThrow(HeaderInjectionError);
  });

  it('folds line breaks out of the subject instead of sending them', () => {
    const raw = buildRawMessage({ to: 'a@example.org', subject: 'moved\r\nBcc: x@example.org', text: '', html: '' }, 'f@example.org');
    expect(raw).toContain('Subject: moved Bcc: x@example.org\r\n');
  });
});

describe('encodeHeaderText', () => {
  it('leaves ASCII alone and encodes everything else', () => {
    expect(encodeHeaderText('ASPIRE deadline')).toBe('ASPIRE deadline');
    expect(encodeHeaderText('ＡＳＰＩＲＥ')).toMatch(/^=\?UTF-8\?B\?/);
  });
});
