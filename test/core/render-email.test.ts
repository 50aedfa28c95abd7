import { describe, expect, it } from 'vitest';
import { renderChangeEmail } from '#core/render-email.ts';
import type { ChangeEvent, Subscriber } from '#core/model.ts';

const subscriber = (lang: 'en' | 'ja'): Subscriber => ({ id: 's1', email: 'r@example.org', lang, status: 'confirmed', filters: {} });

function event(overrides: Partial<ChangeEvent['change']> = {}, url = 'https://www.jst.go.jp/aspire/en/'): ChangeEvent {
  return {
    id: 'e1', sourceId: 'jst-aspire-top-en', agency: 'JST', url, detectedAt: '2025-04-01T00:00:00.000Z', fromVersion: 1, toVersion: 2,
    change: {
      programId: 'jst-aspire', callId: 'fy2025', category: 'deadline', kind: 'changed', severity: 'high',
      before: { date: '2025-05-12', time: '12:00' }, after: { date: '2025-05-19', time: '12:00' },
      summary: { en: 'Submission deadline moved to 2025-05-19 12:00 JST (7 days later)', ja: '提出締切が2025-05-19 12:00（JST）に変更（7日延期）' },
      evidence: { before: 'Deadline: May 12, 2025 12:00 noon JST', after: 'Deadline: May 19, 2025 12:00 noon JST' },
      ...overrides,
    },
  };
}

describe('renderChangeEmail', () => {
  it('puts the most severe change in the subject and quotes the page in both parts', () => {
    const low = event({ category: 'contact', severity: 'low', summary: { en: 'Contact added', ja: '連絡先追加' } });
    const mail = renderChangeEmail(subscriber('en'), [low, event()]);
    expect(mail.subject).toBe('jst-aspire: Submission deadline moved to 2025-05-19 12:00 JST (7 days later) (+1 more)');
    expect(mail.text).toContain('Before: "Deadline: May 12, 2025 12:00 noon JST"');
    expect(mail.html).toContain('Now: Deadline: May 19, 2025 12:00 noon JST');
    expect(mail.html).toContain('<a href="https://www.jst.go.jp/aspire/en/">');
  });

  it('writes in the subscriber\'s language', () => {
    const mail = renderChangeEmail(subscriber('ja'), [event()]);
    expect(mail.subject).toContain('提出締切');
    expect(mail.text).toContain('変更前');
    expect(mail.html).toContain('lang="ja"');
  });

  it('escapes hostile page text and never links anything but http(s) pages', () => {
    const hostile = event({ summary: { en: '<script>alert(1)</script> moved', ja: '<img src=x onerror=alert(1)>' },
      evidence: { after: '<a href="javascript:alert(1)">click</a>' } }, 'javascript:alert(1)');
    const mail = renderChangeEmail(subscriber('en'), [hostile]);
    expect(mail.html).not.toMatch(/<script|<a href="javascript|<img/i);
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).not.toContain('href="javascript');
  });

  it('keeps the subject on one line whatever the page says', () => {
    const mail = renderChangeEmail(subscriber('en'), [event({ summary: { en: 'moved\r\nBcc: victim@example.org', ja: 'x' } })]);
    expect(mail.subject).not.toMatch(/[\r\n]/);
  });
});
