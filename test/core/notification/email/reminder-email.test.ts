/** The reminder e-mail: the deadline in Japan time, the page's own words, the page, and the same way out as every e-mail. */
import { describe, expect, it } from 'vitest';
import { renderReminderEmail } from '#core/notification/email/reminder-email.ts';
import type { Reminder } from '#core/notification/reminders.ts';
import type { Subscriber } from '#core/domain/subscribers.ts';
import { deadline, HOSTILE } from '../../../helpers/catalog.ts';

const subscriber = (lang: 'en' | 'ja'): Subscriber => ({ id: 's1', email: 'r@example.org', lang, status: 'confirmed', filters: {} });
const links = { manage: 'https://fundwatch.example.org/preferences?token=m', unsubscribe: 'https://fundwatch.example.org/unsubscribe?token=u' };
const reminder = (overrides: Partial<Reminder> = {}, page: Parameters<typeof deadline>[0] = {}): Reminder => ({
  key: 'rem-1', subscriberId: 's1', offset: 14, daysLeft: 14,
  deadline: deadline({ programName: { en: 'Adopting Sustainable Partnerships for Innovative Research Ecosystem (ASPIRE)', ja: '先端国際共同研究推進事業' }, ...page }),
  ...overrides,
});

describe('renderReminderEmail', () => {
  it('says in the subject what is due, when in Japan time, and how soon, in English and Japanese', () => {
    expect(renderReminderEmail(subscriber('en'), [reminder()]).subject).toBe('Reminder: ASPIRE submission deadline in 14 days (2026-12-10 12:00 JST)');
    expect(renderReminderEmail(subscriber('ja'), [reminder()]).subject).toBe('リマインダー: 先端国際共同研究推進事業 提出締切まであと14日（2026-12-10 12:00 JST）');
    expect(renderReminderEmail(subscriber('en'), [reminder({ daysLeft: 0, offset: 3 })]).subject).toBe('Reminder: ASPIRE submission deadline today (2026-12-10 12:00 JST)');
  });

  it('leads with the soonest deadline and counts the others', () => {
    const later = reminder({ key: 'rem-2', daysLeft: 10 }, { callTitle: 'FY2026 call', date: '2026-12-16', iso: '2026-12-16T12:00:00+09:00' });
    const mail = renderReminderEmail(subscriber('en'), [later, reminder({ daysLeft: 3, offset: 3 })]);
    expect(mail.subject).toBe('Reminder: ASPIRE submission deadline in 3 days (2026-12-10 12:00 JST) (+1 more)');
    expect(mail.text.indexOf('2026-12-10')).toBeLessThan(mail.text.indexOf('2026-12-16'));
  });

  it('quotes the page, links it, and carries the signed links, List-Unsubscribe and the reference', () => {
    const mail = renderReminderEmail(subscriber('en'), [reminder()], { links, reference: 'k123' });
    expect(mail.text).toContain('Submission deadline (Application deadline): 2026-12-10 12:00 JST (in 14 days)');
    expect(mail.text).toContain('The page says: "Application deadline: December 10, 2026 (Thu) 12:00 noon (JST)"');
    expect(mail.text).toContain('Page: https://www.jst.go.jp/aspire/en/program/call.html');
    expect(mail.text).toContain(`Unsubscribe: ${links.unsubscribe}`);
    expect(mail.text).toContain('Ref. k123');
    expect(mail.html).toContain('<a href="https://www.jst.go.jp/aspire/en/program/call.html">');
    expect(mail.headers).toEqual({ 'List-Unsubscribe': `<${links.unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
  });

  it('keeps hostile page text as text: escaped in HTML, one line in the subject, no link for a javascript: URL', () => {
    const mail = renderReminderEmail(subscriber('en'), [reminder({}, { programName: { en: HOSTILE }, callTitle: HOSTILE, label: HOSTILE, evidence: HOSTILE, url: 'javascript:alert(1)' })]);
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;');
    expect(mail.html).not.toContain('href="javascript:');
  });

  it('names the zone a page stated the time in when it was not Japan\'s', () => {
    const mail = renderReminderEmail(subscriber('ja'), [reminder({}, { statedTimezone: 'CET' })]);
    expect(mail.text).toContain('2026-12-10 12:00 JST（ページ上はCETで記載）（あと14日）');
  });
});
