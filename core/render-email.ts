/**
 * Renders one change e-mail (plain text + HTML) for one subscriber, in their language. Pure: events
 * in, message out. Every scraped string is escaped; the only links are the watched pages themselves.
 */
import type { OutgoingMail } from './ports.ts';
import type { ChangeEvent, Severity, Subscriber } from './model.ts';
import { escapeHtml, oneLine, safeHref } from './escape.ts';

const SEVERITY_RANK: Record<Severity, number> = { high: 0, medium: 1, low: 2 };

const TEXT = {
  en: { intro: 'fundwatch found these changes on the pages you follow.', page: 'Page', was: 'Before', now: 'Now',
    more: (n: number) => ` (+${n} more)`, footer: 'You receive this because you subscribed to fundwatch change alerts.' },
  ja: { intro: 'フォロー中のページで次の変更が見つかりました。', page: 'ページ', was: '変更前', now: '変更後',
    more: (n: number) => `（ほか${n}件）`, footer: 'fundwatch の変更通知に登録されているため、このメールをお送りしています。' },
} as const;

export interface RenderOptions {
  /** Where the subscriber manages preferences (the subscription pages come in a later issue). */
  manageUrl?: string;
}

export function renderChangeEmail(subscriber: Subscriber, events: ChangeEvent[], options: RenderOptions = {}): OutgoingMail {
  const lang = subscriber.lang;
  const t = TEXT[lang];
  const sorted = [...events].sort((a, b) => SEVERITY_RANK[a.change.severity] - SEVERITY_RANK[b.change.severity]);
  const top = sorted[0]!;
  const subject = oneLine(`${top.change.programId}: ${top.change.summary[lang]}${sorted.length > 1 ? t.more(sorted.length - 1) : ''}`, 150);
  const groups = groupBy(sorted, (e) => e.sourceId);
  const text = [t.intro, '', ...[...groups.values()].flatMap((group) => textGroup(group, lang)), t.footer,
    ...(options.manageUrl ? [options.manageUrl] : [])].join('\n');
  const html = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>` +
    `<body style="font-family:sans-serif;max-width:640px;margin:auto;line-height:1.5">` +
    `<p>${escapeHtml(t.intro)}</p>${[...groups.values()].map((group) => htmlGroup(group, lang)).join('')}` +
    `<hr><p style="color:#555;font-size:small">${escapeHtml(t.footer)}</p></body></html>`;
  return { to: subscriber.email, subject, text, html };
}

function textGroup(events: ChangeEvent[], lang: 'en' | 'ja'): string[] {
  const t = TEXT[lang];
  const first = events[0]!;
  const lines = [`== ${first.change.programId} (${first.agency})`, `${t.page}: ${first.url}`];
  for (const { change } of events) {
    lines.push(`* ${oneLine(change.summary[lang], 300)}`);
    if (change.evidence.before) lines.push(`  ${t.was}: "${oneLine(change.evidence.before, 300)}"`);
    if (change.evidence.after) lines.push(`  ${t.now}: "${oneLine(change.evidence.after, 300)}"`);
  }
  return [...lines, ''];
}

function htmlGroup(events: ChangeEvent[], lang: 'en' | 'ja'): string {
  const t = TEXT[lang];
  const first = events[0]!;
  const href = safeHref(first.url);
  const page = href ? `<a href="${href}">${escapeHtml(first.url)}</a>` : escapeHtml(first.url);
  const items = events.map(({ change }) => {
    const quote = (label: string, text: string | undefined, colour: string): string => text
      ? `<blockquote style="margin:4px 0;padding-left:8px;border-left:3px solid ${colour}">${escapeHtml(label)}: ${escapeHtml(text)}</blockquote>`
      : '';
    return `<li><strong>${escapeHtml(change.summary[lang])}</strong>${quote(t.was, change.evidence.before, '#c33')}${quote(t.now, change.evidence.after, '#3a3')}</li>`;
  }).join('');
  return `<h2 style="font-size:1.1em">${escapeHtml(first.change.programId)} (${escapeHtml(first.agency)})</h2>` +
    `<p>${escapeHtml(t.page)}: ${page}</p><ul>${items}</ul>`;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) map.set(key(item), [...(map.get(key(item)) ?? []), item]);
  return map;
}
