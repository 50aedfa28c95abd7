/** The change e-mail: what changed, the page's words, the programme's next deadlines, and a way out; hostile text stays text. */
import { describe, expect, it } from 'vitest';
import { renderChangeEmail, shortName, type ProgrammeContext } from '#core/notification/email/change-email.ts';
import type { ChangeEvent } from '#core/domain/changes.ts';
import type { Subscriber } from '#core/domain/subscribers.ts';

const subscriber = (lang: 'en' | 'ja'): Subscriber => ({ id: 's1', email: 'r@example.org', lang, status: 'confirmed', filters: {} });
const links = { manage: 'https://fundwatch.example.org/preferences?token=m', unsubscribe: 'https://fundwatch.example.org/unsubscribe?token=u' };
const programmes = new Map<string, ProgrammeContext>([['jst-aspire', {
  names: { en: 'Adopting Sustainable Partnerships for Innovative Research Ecosystem (ASPIRE)' },
  upcoming: [{ kind: 'submission', label: 'Call for proposals', date: '2025-05-19', time: '12:00', timezone: 'Asia/Tokyo', iso: '2025-05-19T12:00:00+09:00', evidence: '' },
    { kind: 'start', label: 'Start of research', date: '2025-12', time: null, timezone: 'Asia/Tokyo', iso: null, tentative: true, evidence: '' }],
}]]);

function event(overrides: Partial<ChangeEvent['change']> = {}, url = 'https://www.jst.go.jp/aspire/en/', id = 'e1'): ChangeEvent {
  return {
    id, sourceId: 'jst-aspire-top-en', agency: 'JST', url, detectedAt: '2025-04-01T00:00:00.000Z', fromVersion: 1, toVersion: 2,
    change: {
      programId: 'jst-aspire', callId: 'fy2025', category: 'deadline', kind: 'changed', severity: 'high',
      before: { kind: 'submission', date: '2025-05-12', time: '12:00', iso: '2025-05-12T12:00:00+09:00' },
      after: { kind: 'submission', date: '2025-05-19', time: '12:00', iso: '2025-05-19T12:00:00+09:00' },
      summary: { en: 'Submission deadline moved from 2025-05-12 12:00 JST to 2025-05-19 12:00 JST (7 days later)', ja: '提出締切が2025-05-12 12:00 JSTから2025-05-19 12:00 JSTに変更されました（7日延期）' },
      evidence: { before: 'Deadline: May 12, 2025 12:00 noon JST', after: 'Deadline: May 19, 2025 12:00 noon JST' },
      ...overrides,
    },
  };
}

describe('renderChangeEmail', () => {
  it('leads the subject with the most important change, in a few words', () => {
    const low = event({ category: 'contact', kind: 'added', severity: 'low', summary: { en: 'Contact added: a@jst.go.jp', ja: '問い合わせ先追加: a@jst.go.jp' } }, undefined, 'e2');
    const mail = renderChangeEmail(subscriber('en'), [low, event()], { programmes });
    expect(mail.subject).toBe('ASPIRE: submission deadline moved to 2025-05-19 12:00 JST (+1 more)');
    expect(renderChangeEmail(subscriber('ja'), [event()], { programmes }).subject).toBe('ASPIRE: 提出締切が2025-05-19 12:00 JSTに変更');
  });

  it('quotes the page before and after, links the page, and lists the programme\'s next deadlines', () => {
    const mail = renderChangeEmail(subscriber('en'), [event()], { programmes });
    expect(mail.text).toContain('Before: "Deadline: May 12, 2025 12:00 noon JST"');
    expect(mail.text).toContain('Now: "Deadline: May 19, 2025 12:00 noon JST"');
    expect(mail.text).toContain('Upcoming deadlines:\n  - Submission deadline (Call for proposals): 2025-05-19 12:00 JST\n  - Start of research: 2025-12 (planned)');
    expect(mail.html).toContain('<a href="https://www.jst.go.jp/aspire/en/">');
    expect(mail.html).toContain('Adopting Sustainable Partnerships for Innovative Research Ecosystem (ASPIRE) (JST)');
  });

  it('writes in the subscriber\'s language', () => {
    const mail = renderChangeEmail(subscriber('ja'), [event()], { programmes });
    expect(mail.text).toContain('変更前: "Deadline: May 12, 2025 12:00 noon JST"');
    expect(mail.text).toContain('今後の締切:');
    expect(mail.html).toContain('lang="ja"');
  });

  it('quotes a disagreement between the languages under each page\'s language, not as a before and after', () => {
    const disagreement = event({ category: 'funding', severity: 'low', disagreement: true,
      before: { lang: 'en', values: ['69000000'], url: 'https://www.jst.go.jp/aspire/en/' }, after: { lang: 'ja', values: ['75000000'], url: 'https://www.jst.go.jp/aspire/' },
      summary: { en: 'The English and Japanese pages state different funding ceilings: 69,000,000 yen (English) / 75,000,000 yen (Japanese)',
        ja: '英語版と日本語版で研究費の上限が異なります: 69,000,000円（英語版）/ 75,000,000円（日本語版）' },
      evidence: { before: 'Up to 69 million yen', after: '最大7,500万円' } });
    const en = renderChangeEmail(subscriber('en'), [disagreement], { programmes });
    expect(en.text).toContain('English page: "Up to 69 million yen"\n  Japanese page: "最大7,500万円"');
    expect(en.text).not.toContain('Before:');
    expect(en.html).toContain('English page: Up to 69 million yen');
    const ja = renderChangeEmail(subscriber('ja'), [disagreement], { programmes });
    expect(ja.text).toContain('英語版: "Up to 69 million yen"\n  日本語版: "最大7,500万円"');
    expect(ja.text).not.toContain('変更前');
  });

  it('carries the preferences and unsubscribe links, and the RFC 8058 one-click headers', () => {
    const mail = renderChangeEmail(subscriber('en'), [event()], { links });
    expect(mail.headers).toEqual({ 'List-Unsubscribe': '<https://fundwatch.example.org/unsubscribe?token=u>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
    expect(mail.text).toContain('Unsubscribe: https://fundwatch.example.org/unsubscribe?token=u');
    expect(mail.html).toContain('<a href="https://fundwatch.example.org/preferences?token=m">Change what you receive</a>');
  });

  it('groups a digest by programme and says what period it covers', () => {
    const other = { ...event({ programId: 'amed-aspire', category: 'agency', kind: 'added', severity: 'medium',
      summary: { en: 'Partner agency added: NHGRI (US)', ja: '参加機関追加: NHGRI (US)' }, evidence: { after: 'NIH/NHGRI | Existing grant' } }, 'https://www.amed.go.jp/en/program/list/20/01/009.html', 'e3'), agency: 'AMED' as const };
    const mail = renderChangeEmail(subscriber('en'), [event(), other], { programmes, digest: 'weekly' });
    expect(mail.subject).toBe('fundwatch weekly digest: ASPIRE: submission deadline moved to 2025-05-19 12:00 JST (+1 more)');
    expect(mail.text.startsWith('Your weekly fundwatch digest: 2 changes on the pages you follow.')).toBe(true);
    expect(mail.text.indexOf('== Adopting Sustainable')).toBeLessThan(mail.text.indexOf('== amed-aspire (AMED)'));
  });

  it('escapes hostile page text and never links anything but http(s) pages', () => {
    const hostile = event({ summary: { en: '<script>alert(1)</script> moved', ja: '<img src=x onerror=alert(1)>' },
      evidence: { after: '<a href="javascript:alert(1)">click</a><td onmouseover="x()">cell</td>' } }, 'javascript:alert(1)');
    const mail = renderChangeEmail(subscriber('en'), [hostile], { programmes: new Map([['jst-aspire', { names: { en: '<b onclick="x()">ASPIRE</b>' }, upcoming: [] }]]) });
    expect(mail.html).not.toMatch(/<script|<a href="javascript|<img|<td|<b /i);
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).not.toContain('href="javascript');
  });

  it('keeps the subject on one line whatever the page says', () => {
    const mail = renderChangeEmail(subscriber('en'), [event({ category: 'other', kind: 'changed', summary: { en: 'moved\r\nBcc: victim@example.org', ja: 'x' } })]);
    expect(mail.subject).not.toMatch(/[\r\n]/);
  });

  it('names a programme by its acronym when it has one', () => {
    expect(shortName('jst-aspire', 'Adopting Sustainable Partnerships for Innovative Research Ecosystem (ASPIRE)')).toBe('ASPIRE');
    expect(shortName('jst-crest', 'CREST: Core Research for Evolutionary Science and Technology')).toBe('jst-crest');
    expect(shortName('jsps-x', 'JSPS Fellowships')).toBe('JSPS Fellowships');
    expect(shortName('amed-interstellar', 'International Collaborative Research Program on Medical Science and Technology (Interstellar Initiative)')).toBe('Interstellar Initiative');
  });
});
