/**
 * Renders one reminder e-mail (plain text + HTML) for one subscriber, in their language: the deadlines
 * due for a reminder, soonest first, each with its date in Japan time, the page's own words and the
 * page. Pure. The frame, footer and signed links are the change e-mail's (core/notification/email/change-email.ts), so
 * every subscriber e-mail unsubscribes the same way; every scraped string is escaped or one-lined.
 */
import { escapeHtml, oneLine, safeHref } from '#lib/escape.ts';
import type { Subscriber } from '../../domain/subscribers.ts';
import type { OutgoingMail } from '../../ports/mailer.ts';
import type { Reminder } from '../reminders.ts';
import { deadlineTitle, deadlineWhen, htmlDocument, mailFooter, shortName } from './change-email.ts';
import { deadlineWord } from '../../changes/summaries.ts';
import { unsubscribeHeaders, type SubscriberLinks } from '../../subscriptions/links.ts';

const TEXT = {
  en: {
    subject: (what: string, left: string, when: string) => `Reminder: ${what} ${left} (${when})`,
    left: (days: number) => (days === 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days`),
    due: (days: number) => ` (${days === 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days`})`,
    more: (n: number) => ` (+${n} more)`,
    intro: (n: number) => (n === 1 ? 'A deadline you follow is coming up.' : `${n} deadlines you follow are coming up.`),
    call: 'Call', page: 'Page', says: 'The page says',
    stated: (zone: string) => ` (the page states it in ${zone})`,
    footer: 'You receive this because you asked fundwatch for reminders before deadlines; change the days, or turn them off, on your preferences page.',
  },
  ja: {
    subject: (what: string, left: string, when: string) => `リマインダー: ${what}${left}（${when}）`,
    left: (days: number) => (days === 0 ? 'は本日' : days === 1 ? 'は明日' : `まであと${days}日`),
    due: (days: number) => `（${days === 0 ? '本日' : days === 1 ? '明日' : `あと${days}日`}）`,
    more: (n: number) => `（ほか${n}件）`,
    intro: (n: number) => (n === 1 ? 'フォロー中の公募の締切が近づいています。' : `フォロー中の公募の締切が${n}件近づいています。`),
    call: '公募', page: 'ページ', says: 'ページの記載',
    stated: (zone: string) => `（ページ上は${zone}で記載）`,
    footer: 'fundwatch の締切リマインダーに登録されているため、このメールをお送りしています。日数の変更や停止は設定ページから行えます。',
  },
} as const;

export interface ReminderRenderOptions {
  /** The subscriber's signed links: the footer and the List-Unsubscribe headers. */
  links?: SubscriberLinks;
  /** The e-mail's delivery key, printed in the footer (how a retry finds it). */
  reference?: string;
}

const programmeName = (r: Reminder, lang: 'en' | 'ja'): string => r.deadline.programName[lang] ?? r.deadline.programName.en ?? r.deadline.programName.ja ?? r.deadline.programId;
const when = (r: Reminder, lang: 'en' | 'ja'): string =>
  `${deadlineWhen(r.deadline, lang)}${r.deadline.statedTimezone ? TEXT[lang].stated(oneLine(r.deadline.statedTimezone, 60)) : ''}`;

/**
 * @example
 * renderReminderEmail(subscriber, reminders, { links, reference: 'k' }).subject
 * // 'Reminder: ASPIRE submission deadline in 14 days (2026-12-10 12:00 JST)'
 */
export function renderReminderEmail(subscriber: Subscriber, reminders: Reminder[], options: ReminderRenderOptions = {}): OutgoingMail {
  const lang = subscriber.lang;
  const t = TEXT[lang];
  const sorted = [...reminders].sort((a, b) => a.daysLeft - b.daysLeft || (a.deadline.iso ?? a.deadline.date).localeCompare(b.deadline.iso ?? b.deadline.date));
  const first = sorted[0]!;
  const what = `${shortName(first.deadline.programId, programmeName(first, lang))} ${deadlineWord(first.deadline.kind, lang)}`;
  const subject = oneLine(`${t.subject(what, t.left(first.daysLeft), deadlineWhen(first.deadline, lang))}${sorted.length > 1 ? t.more(sorted.length - 1) : ''}`, 150);
  const footer = mailFooter(lang, t.footer, options.links, options.reference);
  const text = [t.intro(sorted.length), '', ...sorted.flatMap((r) => textItem(r, lang)), ...footer.text].join('\n');
  const html = htmlDocument(lang, subject, `<p>${escapeHtml(t.intro(sorted.length))}</p>${sorted.map((r) => htmlItem(r, lang)).join('')}${footer.html}`);
  return { to: subscriber.email, subject, text, html, ...(options.links ? { headers: unsubscribeHeaders(options.links) } : {}) };
}

function textItem(r: Reminder, lang: 'en' | 'ja'): string[] {
  const t = TEXT[lang];
  const d = r.deadline;
  return [
    `== ${oneLine(programmeName(r, lang), 160)} (${d.agency})`,
    `${t.call}: ${oneLine(d.callTitle, 200)}`,
    `${oneLine(deadlineTitle(d, lang), 120)}: ${when(r, lang)}${t.due(r.daysLeft)}`,
    `${t.says}: "${oneLine(d.evidence, 300)}"`,
    `${t.page}: ${d.url}`,
    '',
  ];
}

function htmlItem(r: Reminder, lang: 'en' | 'ja'): string {
  const t = TEXT[lang];
  const d = r.deadline;
  const href = safeHref(d.url);
  const page = href ? `<a href="${href}">${escapeHtml(d.url)}</a>` : escapeHtml(d.url);
  return `<h2 style="font-size:1.1em">${escapeHtml(programmeName(r, lang))} (${escapeHtml(d.agency)})</h2>` +
    `<p>${escapeHtml(t.call)}: ${escapeHtml(d.callTitle)}</p>` +
    `<p><strong>${escapeHtml(deadlineTitle(d, lang))}: ${escapeHtml(when(r, lang))}</strong>${escapeHtml(t.due(r.daysLeft))}</p>` +
    `<blockquote style="margin:4px 0;padding:2px 8px;border-left:3px solid #1a56a6;background:#eff4fb">${escapeHtml(t.says)}: ${escapeHtml(d.evidence)}</blockquote>` +
    `<p>${escapeHtml(t.page)}: ${page}</p>`;
}
