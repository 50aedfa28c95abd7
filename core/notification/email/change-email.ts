/**
 * Renders one change e-mail (plain text + HTML) for one subscriber, in their language: an immediate
 * alert or a daily/weekly digest. Pure: events in, message out. Every scraped string is escaped; the
 * only links are the watched pages and the subscriber's own signed links.
 *
 * Per programme: what changed (before -> after, highlighted), the page's own words as evidence, the
 * page, the programme and agency, and its upcoming deadlines; then the footer with preferences and
 * one-click unsubscribe (RFC 8058 headers).
 */
import type { Deadline } from '#parsers/schema.ts';
import type { OutgoingMail } from '../../ports/mailer.ts';
import type { ChangeEvent } from '../../domain/changes.ts';
import type { Subscriber } from '../../domain/subscribers.ts';
import { escapeHtml, oneLine, safeHref } from '#lib/escape.ts';
import { deadlineWord, headline } from '../../changes/summaries.ts';
import { unsubscribeHeaders, type SubscriberLinks } from '../../subscriptions/links.ts';
import { groupBy } from '#lib/group-by.ts';
import { byImportance, nameIn, quoteLabels } from '../change-order.ts';

const TEXT = {
  en: {
    intro: 'fundwatch found these changes on the pages you follow.',
    digestIntro: (n: number, period: string) => `Your ${period} fundwatch digest: ${n} change${n === 1 ? '' : 's'} on the pages you follow.`,
    daily: 'daily', weekly: 'weekly', digest: (period: string) => `fundwatch ${period} digest`,
    page: 'Page', was: 'Before', now: 'Now', pageIn: { en: 'English page', ja: 'Japanese page' }, upcoming: 'Upcoming deadlines', more: (n: number) => ` (+${n} more)`,
    footer: 'You receive this because you subscribed to fundwatch change alerts.', manage: 'Change what you receive', unsubscribe: 'Unsubscribe',
    tentative: 'planned',
  },
  ja: {
    intro: 'フォロー中のページで次の変更が見つかりました。',
    digestIntro: (n: number, period: string) => `fundwatch ${period}のまとめ: フォロー中のページで${n}件の変更がありました。`,
    daily: '毎日', weekly: '毎週', digest: (period: string) => `fundwatch ${period}のまとめ`,
    page: 'ページ', was: '変更前', now: '変更後', pageIn: { en: '英語版', ja: '日本語版' }, upcoming: '今後の締切', more: (n: number) => `（ほか${n}件）`,
    footer: 'fundwatch の変更通知に登録されているため、このメールをお送りしています。', manage: '配信内容の変更', unsubscribe: '配信停止',
    tentative: '予定',
  },
} as const;

/** What the notifier knows about a programme beyond its change events: its names and upcoming deadlines. */
export interface ProgrammeContext { names: { en?: string; ja?: string }; upcoming: Deadline[] }

export interface RenderOptions {
  /** The subscriber's signed links: the footer and the List-Unsubscribe headers. */
  links?: SubscriberLinks;
  /** Per programme id: its name and upcoming deadlines (from the latest snapshots). */
  programmes?: Map<string, ProgrammeContext>;
  /** A digest instead of an immediate alert. */
  digest?: 'daily' | 'weekly';
  /** The e-mail's delivery key, printed in the footer: a reference for support, and how a retry finds it. */
  reference?: string;
}

/** The footer line that carries an e-mail's reference. */
export const referenceLine = (reference: string): string => `Ref. ${reference}`;

/** "ASPIRE" from "Adopting Sustainable Partnerships for Innovative Research Ecosystem (ASPIRE)"; else the id. */
export function shortName(programId: string, name?: string): string {
  // "(ASPIRE)", "(Interstellar Initiative)": the short name a programme's long name ends with.
  const acronym = name && /\(([A-Za-z][A-Za-z0-9&. -]{1,29})\)\s*$/.exec(name)?.[1];
  return acronym ?? (name && name.length <= 40 ? name : programId);
}

export function renderChangeEmail(subscriber: Subscriber, events: ChangeEvent[], options: RenderOptions = {}): OutgoingMail {
  const lang = subscriber.lang;
  const t = TEXT[lang];
  const sorted = [...events].sort(byImportance);
  const top = sorted[0]!;
  const name = (programId: string): string => shortName(programId, nameIn(options.programmes?.get(programId), lang));
  const lead = `${name(top.change.programId)}: ${headline(top.change, lang)}`;
  const subject = oneLine(options.digest
    ? `${t.digest(t[options.digest])}: ${lead}${sorted.length > 1 ? t.more(sorted.length - 1) : ''}`
    : `${lead}${sorted.length > 1 ? t.more(sorted.length - 1) : ''}`, 150);
  const groups = groupBy(sorted, (e) => e.change.programId);
  const intro = options.digest ? t.digestIntro(sorted.length, t[options.digest]) : t.intro;
  const footer = mailFooter(lang, t.footer, options.links, options.reference);
  const text = [intro, '', ...[...groups.values()].flatMap((group) => textGroup(group, lang, options)), ...footer.text].join('\n');
  const html = htmlDocument(lang, subject, `<p>${escapeHtml(intro)}</p>${[...groups.values()].map((group) => htmlGroup(group, lang, options)).join('')}${footer.html}`);
  return { to: subscriber.email, subject, text, html, ...(options.links ? { headers: unsubscribeHeaders(options.links) } : {}) };
}

/** The frame of every subscriber e-mail's HTML part: language, viewport, a readable column. */
export function htmlDocument(lang: 'en' | 'ja', subject: string, body: string): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(subject)}</title></head>` +
    `<body style="font-family:sans-serif;max-width:640px;margin:auto;padding:0 12px;line-height:1.5;color:#222;overflow-wrap:anywhere">${body}</body></html>`;
}

/** Why the e-mail came, the subscriber's signed links and the e-mail's reference, as text lines and as HTML. */
export function mailFooter(lang: 'en' | 'ja', why: string, links: SubscriberLinks | undefined, reference: string | undefined): { text: string[]; html: string } {
  const t = TEXT[lang];
  const text = ['--', why, ...(links ? [`${t.manage}: ${links.manage}`, `${t.unsubscribe}: ${links.unsubscribe}`] : []), ...(reference ? [referenceLine(reference)] : [])];
  const html = `<hr><p style="color:#555;font-size:small">${escapeHtml(why)}</p>` +
    (links ? `<p style="font-size:small"><a href="${escapeHtml(links.manage)}">${escapeHtml(t.manage)}</a> · <a href="${escapeHtml(links.unsubscribe)}">${escapeHtml(t.unsubscribe)}</a></p>` : '') +
    (reference ? `<p style="color:#888;font-size:x-small">${escapeHtml(referenceLine(reference))}</p>` : '');
  return { text, html };
}

type DatedStep = Pick<Deadline, 'kind' | 'label' | 'date' | 'time' | 'tentative'>;

/** "Submission deadline (Call for proposals)": what kind of date it is, and what the page calls it. */
export const deadlineTitle = (d: DatedStep, lang: 'en' | 'ja'): string => {
  const word = deadlineWord(d.kind, lang);
  const name = lang === 'en' ? word[0]!.toUpperCase() + word.slice(1) : word;
  if (!d.label) return name;
  // "Start of research" says it already; "Call for proposals" does not say it is the submission deadline.
  return d.label.toLowerCase().includes(word.toLowerCase()) ? oneLine(d.label, 60) : `${name} (${oneLine(d.label, 60)})`;
};
/** "2026-12-10 12:00 JST", "2027-03 (planned)". */
export const deadlineWhen = (d: DatedStep, lang: 'en' | 'ja'): string => `${d.date}${d.time ? ` ${d.time} JST` : ''}${d.tentative ? ` (${TEXT[lang].tentative})` : ''}`;

function textGroup(events: ChangeEvent[], lang: 'en' | 'ja', options: RenderOptions): string[] {
  const t = TEXT[lang];
  const first = events[0]!;
  const context = options.programmes?.get(first.change.programId);
  const pages = [...new Set(events.map((e) => e.url))];
  const lines = [`== ${oneLine(nameIn(context, lang) ?? first.change.programId, 160)} (${first.agency})`, ...pages.map((url) => `${t.page}: ${url}`)];
  for (const { change } of events) {
    const [was, now] = quoteLabels(change, TEXT[lang]);
    lines.push(`* ${oneLine(change.summary[lang], 300)}`);
    if (change.evidence.before) lines.push(`  ${was}: "${oneLine(change.evidence.before, 300)}"`);
    if (change.evidence.after) lines.push(`  ${now}: "${oneLine(change.evidence.after, 300)}"`);
  }
  if (context?.upcoming.length) lines.push(`${t.upcoming}:`, ...context.upcoming.map((d) => `  - ${deadlineTitle(d, lang)}: ${deadlineWhen(d, lang)}`));
  return [...lines, ''];
}

function htmlGroup(events: ChangeEvent[], lang: 'en' | 'ja', options: RenderOptions): string {
  const t = TEXT[lang];
  const first = events[0]!;
  const context = options.programmes?.get(first.change.programId);
  const pages = [...new Set(events.map((e) => e.url))].map((url) => {
    const href = safeHref(url);
    return href ? `<a href="${href}">${escapeHtml(url)}</a>` : escapeHtml(url);
  });
  const items = events.map(({ change }) => {
    const quote = (label: string, text: string | undefined, colour: string, background: string): string => text
      ? `<blockquote style="margin:4px 0;padding:2px 8px;border-left:3px solid ${colour};background:${background}">${escapeHtml(label)}: ${escapeHtml(text)}</blockquote>`
      : '';
    const [was, now] = quoteLabels(change, TEXT[lang]);
    return `<li><strong>${escapeHtml(change.summary[lang])}</strong>${quote(was, change.evidence.before, '#b42318', '#fef3f2')}${quote(now, change.evidence.after, '#067647', '#ecfdf3')}</li>`;
  }).join('');
  const upcoming = context?.upcoming.length
    ? `<p style="margin-bottom:0">${escapeHtml(t.upcoming)}:</p><ul>${context.upcoming.map((d) => `<li>${escapeHtml(deadlineTitle(d, lang))}: ${escapeHtml(deadlineWhen(d, lang))}</li>`).join('')}</ul>`
    : '';
  return `<h2 style="font-size:1.1em">${escapeHtml(nameIn(context, lang) ?? first.change.programId)} (${escapeHtml(first.agency)})</h2>` +
    `<p>${escapeHtml(t.page)}: ${pages.join(', ')}</p><ul>${items}</ul>${upcoming}`;
}

