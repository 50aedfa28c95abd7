/**
 * Changes as a list of short articles: what changed in one sentence, the value before and after, and
 * the page's own words before and after. A disagreement between the English and Japanese pages is not a
 * change over time, so its two sides are labelled by page rather than by before/after.
 */
import type { ChangeView } from '#core/analyst/views.ts';
import { formatMoment } from './dates.ts';
import { filterAttributes } from './filters-view.ts';
import { badge, esc, externalLink, nameIn, quote, siteLink } from './html.ts';
import { to, type PageContext } from './layout.ts';
import { programmePath } from './paths.ts';

/** Changes newest first (the catalog promises it; the page does not rely on it). */
export function newestFirst(changes: readonly ChangeView[]): ChangeView[] {
  return [...changes].sort((a, b) => b.detectedAt.localeCompare(a.detectedAt) || a.id.localeCompare(b.id));
}

function sides(ctx: PageContext, c: ChangeView): [before: string, after: string, beforeLang: string, afterLang: string] {
  const { t } = ctx;
  return c.disagreement ? [t.englishPage, t.japanesePage, 'en', 'ja'] : [t.before, t.after, c.lang, c.lang];
}

/** The values themselves: normalized short text ("2026-12-10 12:00"), so not marked with the page's language. */
function values(ctx: PageContext, c: ChangeView): string {
  const [beforeLabel, afterLabel] = sides(ctx, c);
  // Struck through and bold for a change over time; two pages that disagree are neither old nor new.
  const value = (text: string, tag: 'del' | 'ins' | 'span'): string =>
    (text ? `<${tag}>${esc(text)}</${tag}>` : `<span class="none">${esc(ctx.t.none)}</span>`);
  return `<dl class="before-after">
<div><dt>${esc(beforeLabel)}</dt><dd>${value(c.before, c.disagreement ? 'span' : 'del')}</dd></div>
<div><dt>${esc(afterLabel)}</dt><dd>${value(c.after, c.disagreement ? 'span' : 'ins')}</dd></div>
</dl>`;
}

function words(ctx: PageContext, c: ChangeView): string {
  const [beforeLabel, afterLabel, beforeLang, afterLang] = sides(ctx, c);
  const quoted = [
    c.evidence.before ? `<dt>${esc(beforeLabel)}</dt><dd>${quote(c.evidence.before, beforeLang)}</dd>` : '',
    c.evidence.after ? `<dt>${esc(afterLabel)}</dt><dd>${quote(c.evidence.after, afterLang)}</dd>` : '',
  ].join('');
  const link = `<p>${externalLink(c.url, esc(ctx.t.openPage), c.lang)}</p>`;
  return `<details><summary>${esc(ctx.t.pagesWords)}</summary>${quoted ? `<dl class="words">${quoted}</dl>` : ''}${link}</details>`;
}

function programmeOf(ctx: PageContext, c: ChangeView): string {
  const name = nameIn(c.programName, ctx.lang, c.programId);
  const linked = ctx.withPage.has(c.programId) ? siteLink(to(ctx, programmePath(c.programId, ctx.lang)), name) : name;
  return `<span class="programme">${linked}</span> · `;
}

function item(ctx: PageContext, c: ChangeView, withProgramme: boolean, fields: readonly string[]): string {
  const { t } = ctx;
  const summary = c.summary[ctx.lang] || c.summary[ctx.lang === 'en' ? 'ja' : 'en'];
  const what = `${t.category[c.category] ?? c.category}: ${t.changeKind[c.kind] ?? c.kind}`;
  const importance = badge(esc(t.importance(t.severity[c.severity] ?? c.severity)), `severity-${esc(c.severity)}`);
  return `<li class="change"${filterAttributes(c.agency, c.lang, fields)}><article>
<h3>${esc(summary)}</h3>
<p class="meta">${withProgramme ? programmeOf(ctx, c) : ''}<abbr title="${esc(t.agencyName[c.agency] ?? c.agency)}">${esc(c.agency)}</abbr> · <time datetime="${esc(c.detectedAt)}">${esc(formatMoment(c.detectedAt, ctx.lang))}</time> · ${esc(what)} · ${importance}${c.disagreement ? ` ${badge(esc(t.disagreement), 'disagreement')}` : ''}</p>
${values(ctx, c)}
${words(ctx, c)}
</article></li>`;
}

/**
 * The list of the given changes. On the index each names its programme, and carries the programme's
 * fields (a change has none of its own) so that the field filter applies to it too.
 */
export function changesList(ctx: PageContext, changes: readonly ChangeView[], options: { withProgramme: boolean; fieldsOf: (programId: string) => readonly string[] }): string {
  if (changes.length === 0) return '';
  return `<ol class="changes">
${changes.map((c) => item(ctx, c, options.withProgramme, options.fieldsOf(c.programId))).join('\n')}
</ol>`;
}
