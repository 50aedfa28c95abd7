/**
 * The few HTML pieces every view uses. Each takes untrusted text and escapes it here, so a view that
 * builds from these cannot forget to.
 */
import type { Lang } from '#parsers/schema.ts';
import { escapeHtml, safeHref } from '#lib/escape.ts';
import type { LocalizedName } from '#core/analyst/views.ts';

export { escapeHtml as esc };

/** A link to a page of the agencies when the URL is http(s); anything else (javascript:, data:) stays plain text. */
export function externalLink(url: string, textHtml: string, lang?: string): string {
  const href = safeHref(url);
  const hreflang = lang ? ` hreflang="${escapeHtml(lang)}"` : '';
  return href ? `<a href="${href}"${hreflang} rel="noopener noreferrer">${textHtml}</a>` : textHtml;
}

/** A link inside the site; `href` is built by paths.ts from ids already checked, and escaped all the same. */
export function siteLink(href: string, textHtml: string, attributes = ''): string {
  return `<a href="${escapeHtml(href)}"${attributes}>${textHtml}</a>`;
}

/** Text in the language it is written in, so a screen reader pronounces a Japanese name as Japanese. */
export function inLang(text: string, lang: string, pageLang: Lang): string {
  return lang === pageLang ? escapeHtml(text) : `<span lang="${escapeHtml(lang)}">${escapeHtml(text)}</span>`;
}

/** A programme's name in the page's language, else in the other one (marked as such), else its id. */
export function nameIn(name: LocalizedName, pageLang: Lang, fallback: string): string {
  const other: Lang = pageLang === 'en' ? 'ja' : 'en';
  if (name[pageLang]) return escapeHtml(name[pageLang]);
  if (name[other]) return inLang(name[other], other, pageLang);
  return escapeHtml(fallback);
}

/** A short label with a visible border: its meaning is in its words, the colour only repeats it. */
export function badge(textHtml: string, variant: string): string {
  return `<span class="badge badge-${variant}">${textHtml}</span>`;
}

/** A quotation of a page, in the page's language. */
export function quote(text: string, lang: string): string {
  return `<blockquote lang="${escapeHtml(lang)}">${escapeHtml(text)}</blockquote>`;
}
