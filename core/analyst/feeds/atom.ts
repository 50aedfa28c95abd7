/**
 * Change events as an Atom feed (RFC 4287), for feed readers and for people who would rather poll than
 * subscribe by e-mail.
 *
 * The feed package writes entry titles, summaries and contents as type="html" (inside CDATA), so every
 * page string is HTML-escaped here: a reader then shows `<script>` as text instead of running it.
 */
import { Feed, type Item } from 'feed';
import type { Lang } from '#parsers/schema.ts';
import { escapeHtml, oneLine, safeHref } from '#lib/escape.ts';
import type { ChangeView } from '../views.ts';

export interface AtomOptions {
  title: string;
  /** The feed's permanent id (a tag: URI), unchanged if the feed ever moves. */
  id: string;
  selfUrl: string;
  siteUrl: string;
  /** Used as the feed's updated time only when there are no changes. */
  updated: Date;
  lang?: Lang;
}

const WORDS = {
  en: { before: 'Before', after: 'After', enPage: 'English page', jaPage: 'Japanese page', none: '(none)',
    said: 'The page said', says: 'The page says', source: 'Source page', programme: 'Programme' },
  ja: { before: '変更前', after: '変更後', enPage: '英語版', jaPage: '日本語版', none: '（なし）',
    said: '変更前の記載', says: '現在の記載', source: '掲載ページ', programme: '事業' },
} as const;
type Words = (typeof WORDS)[Lang];

/** Characters XML 1.0 forbids even inside CDATA: one stray \u0001 on a page would make the feed unreadable. */
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/**
 * Renders changes (newest first, as the catalog keeps them) as one Atom document.
 *
 * The feed's updated time is the newest change's, not the render time, so regenerating an unchanged
 * feed yields the same bytes. A change whose page URL is not http(s) links to the site instead.
 *
 * @example
 * renderAtom(catalog.changes, { title: 'fundwatch: changes', id: 'tag:fundwatch,2026:changes',
 *   selfUrl: 'https://example.org/feeds/changes.atom', siteUrl: 'https://example.org/', updated: new Date() });
 */
export function renderAtom(changes: ChangeView[], options: AtomOptions): string {
  const lang = options.lang ?? 'en';
  // One unreadable timestamp is one missing entry, not a failed feed (toISOString would throw).
  const dated = changes.filter((c) => !Number.isNaN(Date.parse(c.detectedAt)));
  const feed = new Feed({
    id: options.id,
    title: options.title.replace(NOT_XML, ' '),
    updated: newest(dated) ?? options.updated,
    link: options.siteUrl,
    feed: options.selfUrl,
    author: { name: 'fundwatch', link: options.siteUrl },
    generator: 'fundwatch',
  });
  for (const change of dated) feed.addItem(entry(change, lang, options.siteUrl));
  return feed.atom1();
}

/** The entry id: permanent per change, and distinct per language, since each rendition has its own text. */
export function changeEntryId(changeId: string, lang: Lang = 'en'): string {
  return `tag:fundwatch,2026:change/${encodeURIComponent(changeId)}${lang === 'ja' ? '/ja' : ''}`;
}

function entry(c: ChangeView, lang: Lang, siteUrl: string): Item {
  const w = WORDS[lang];
  return {
    id: changeEntryId(c.id, lang),
    title: html(oneLine(c.summary[lang] || c.summary.en || c.summary.ja)),
    link: safeHref(c.url) ? c.url : siteUrl,
    date: new Date(c.detectedAt),
    description: html(oneLine(`${c.before || w.none} → ${c.after || w.none}`, 300)),
    content: content(c, lang, w),
    category: [{ term: c.category }],
    author: [{ name: c.agency }],
  };
}

function content(c: ChangeView, lang: Lang, w: Words): string {
  const name = c.programName[lang] ?? c.programName[lang === 'en' ? 'ja' : 'en'] ?? c.programId;
  // A disagreement's before/after are the English and Japanese pages, not two moments in time.
  const [beforeLabel, afterLabel] = c.disagreement ? [w.enPage, w.jaPage] : [w.before, w.after];
  const href = safeHref(c.url);
  const parts = [
    `<p>${html(c.summary[lang] || c.summary.en)}</p>`,
    `<p>${w.programme}: ${html(name)} (${html(c.agency)})</p>`,
    `<dl><dt>${beforeLabel}</dt><dd>${html(c.before || w.none)}</dd>`
      + `<dt>${afterLabel}</dt><dd>${html(c.after || w.none)}</dd></dl>`,
    quote(c.disagreement ? w.enPage : w.said, c.evidence.before),
    quote(c.disagreement ? w.jaPage : w.says, c.evidence.after),
    href ? `<p>${w.source}: <a href="${href}">${html(c.url)}</a></p>` : `<p>${w.source}: ${html(c.url)}</p>`,
  ];
  return parts.filter(Boolean).join('\n');
}

/** The page's own words, quoted. */
function quote(label: string, words: string | undefined): string {
  return words ? `<p>${label}:</p><blockquote>${html(words)}</blockquote>` : '';
}

function newest(changes: ChangeView[]): Date | undefined {
  const times = changes.map((c) => Date.parse(c.detectedAt));
  return times.length > 0 ? new Date(Math.max(...times)) : undefined;
}

/** Page text for an html-typed Atom element: XML-safe characters, HTML-escaped. */
function html(text: string): string {
  return escapeHtml(text.replace(NOT_XML, ' '));
}
