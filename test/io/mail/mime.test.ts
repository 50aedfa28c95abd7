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

describe('long and hostile subjects', () => {
  /** The encoded-words of a header value, unfolded. */
  const words = (value: string): string[] => value.split(/\r\n /).flatMap((line) => line.split(' ')).filter((w) => w.startsWith('=?'));
  const decode = (value: string): string => words(value).map((w) => Buffer.from(w.slice('=?UTF-8?B?'.length, -2), 'base64').toString('utf8')).join('');
  const subjectOf = (raw: string): string => /\r\nSubject: ((?:.*)(?:\r\n .*)*)\r\n/.exec(`\r\n${raw}`)![1]!;

  it('splits a long Japanese subject into encoded-words of at most 75 characters, each whole characters, folded', () => {
    const subject = 'ASPIRE: 提出締切が2025-05-12 12:00 JSTから2025-05-19 12:00 JSTに変更されました（7日延期）ほか3件の変更があります';
    const encoded = encodeHeaderText(subject);
    expect(words(encoded).length).toBeGreaterThan(1);
    for (const w of words(encoded)) expect(w.length).toBeLessThanOrEqual(75);
    // Each word decodes on its own (no character cut between two words), and together they are the subject.
    for (const w of words(encoded)) expect(decode(w)).not.toContain('\ufffd');
    expect(decode(encoded)).toBe(subject);
    const raw = buildRawMessage({ to: 'a@example.org', subject, text: '', html: '' }, 'f@example.org', 'B');
    const [first, ...folded] = subjectOf(raw).split('\r\n');
    expect(`Subject: ${first}`.length).toBeLessThanOrEqual(78);
    for (const line of folded) expect(line).toMatch(/^ \S{1,77}$/);
    expect(decode(subjectOf(raw))).toBe(subject);
  });

  it('drops bidirectional and other invisible format characters a page may carry into a subject', () => {
    const raw = buildRawMessage({ to: 'a@example.org', subject: 'ASPIRE\u200f: deadline\u202e moved\u2066', text: '', html: '' }, 'f@example.org', 'B');
    expect(subjectOf(raw)).toBe('ASPIRE: deadline moved');
    const ja = buildRawMessage({ to: 'a@example.org', subject: '締切\u200fが変更\u200b', text: '', html: '' }, 'f@example.org', 'B');
    expect(decode(subjectOf(ja))).toBe('締切が変更');
  });
});
