/**
 * One programme's page, per language: its names in both languages, the facts the pages state, its
 * calendar feed, its next deadlines, its calls, the pages it is read from, and every change seen on them.
 */
import type { ChangeView, DeadlineView, ProgrammeView } from '#core/analyst/views.ts';
import { changesList } from './changes-view.ts';
import { formatMoment } from './dates.ts';
import { deadlinesTable } from './deadlines-view.ts';
import { fieldLabel } from './filters-view.ts';
import { esc, externalLink, inLang, nameIn } from './html.ts';
import { layout, to, type PageContext } from './layout.ts';
import { FEED_PATHS, indexPath, programmePath } from './paths.ts';

export interface ProgrammeInput {
  programme: ProgrammeView;
  /** Its upcoming deadlines, soonest first. */
  deadlines: readonly DeadlineView[];
  /** Its changes, newest first. */
  changes: readonly ChangeView[];
}

/** A country code as a name ("US" -> "United States"), or the code when it is not one. */
function countryName(code: string, lang: PageContext['lang']): string {
  try {
    return new Intl.DisplayNames([lang], { type: 'region', fallback: 'code' }).of(code) ?? code;
  } catch {
    return code;
  }
}

function fact(label: string, valueHtml: string): string {
  return `<div><dt>${esc(label)}</dt><dd>${valueHtml}</dd></div>`;
}

function facts(ctx: PageContext, p: ProgrammeView): string {
  const { t, lang } = ctx;
  const names = (['en', 'ja'] as const).filter((l) => p.name[l]).map((l) => `<span class="name">${inLang(p.name[l]!, l, lang)}</span>`);
  const list = (items: string[]): string => esc(items.join(lang === 'ja' ? '、' : ', '));
  return `<dl class="facts">
${names.length ? fact(t.programmeNames, names.join('')) : ''}
${fact(t.agency, esc(t.agencyName[p.agency] ? `${p.agency} · ${t.agencyName[p.agency]}` : p.agency))}
${p.partners.length ? fact(t.partners, list(p.partners)) : ''}
${p.fields.length ? fact(t.fields, list(p.fields.map((f) => fieldLabel(f, lang)))) : ''}
${p.countries.length ? fact(t.countries, list(p.countries.map((c) => countryName(c, lang)))) : ''}
${p.lastChangedAt ? fact(t.lastChanged, `<time datetime="${esc(p.lastChangedAt)}">${esc(formatMoment(p.lastChangedAt, lang))}</time>`) : ''}
</dl>`;
}

function calls(ctx: PageContext, p: ProgrammeView): string {
  const { t } = ctx;
  if (p.calls.length === 0) return `<p class="empty">${esc(t.noCalls)}</p>`;
  // The track column only when some call has one: an empty column is noise on a phone.
  const tracks = p.calls.some((c) => c.track);
  const cell = (html: string): string => `<td>${html}</td>`;
  const rows = p.calls.map((c) => `<tr><th scope="row">${esc(c.title)}</th>${cell(esc(t.callStatus[c.status] ?? c.status))}${tracks ? cell(esc(c.track ?? '')) : ''}</tr>`);
  const heads = [t.call, t.status, ...(tracks ? [t.track] : [])].map((h) => `<th scope="col">${esc(h)}</th>`).join('');
  return `<table class="calls"><thead><tr>${heads}</tr></thead>
<tbody>${rows.join('\n')}</tbody></table>`;
}

function pages(ctx: PageContext, p: ProgrammeView): string {
  const items = p.pages.map((page) => {
    const language = ctx.t.lang[page.lang] ?? page.lang;
    return `<li>${externalLink(page.url, esc(ctx.t.pageIn(language)), page.lang)} <span class="url">${esc(page.url)}</span></li>`;
  });
  return `<ul class="pages">${items.join('\n')}</ul>`;
}

function section(id: string, heading: string, content: string): string {
  return `<section id="${id}" aria-labelledby="${id}-heading">\n<h2 id="${id}-heading">${esc(heading)}</h2>\n${content}\n</section>`;
}

/** The whole programme document for ctx.lang. */
export function programmePage(ctx: PageContext, input: ProgrammeInput): string {
  const { t } = ctx;
  const p = input.programme;
  const name = nameIn(p.name, ctx.lang, p.id);
  const history = input.changes.length
    ? changesList(ctx, input.changes, { withProgramme: false, fieldsOf: () => p.fields })
    : `<p class="empty">${esc(t.noHistory)}</p>`;
  const main = `<nav class="breadcrumb" aria-label="${esc(t.breadcrumb)}"><ol><li><a href="${esc(to(ctx, indexPath(ctx.lang)))}">${esc(t.backToIndex)}</a></li><li aria-current="page">${name}</li></ol></nav>
<h1>${name}</h1>
${facts(ctx, p)}
<p class="feed-link"><a href="${esc(to(ctx, FEED_PATHS.programmeDeadlines(p.id)!))}">${esc(t.programmeFeed)}</a></p>
${section('next', t.nextDeadlines, deadlinesTable(ctx, input.deadlines, { showProgramme: false }))}
${section('calls', t.calls, calls(ctx, p))}
${section('pages', t.pages, pages(ctx, p))}
${section('history', t.history, history)}`;
  const plainName = p.name[ctx.lang] ?? p.name.en ?? p.name.ja ?? p.id;
  return layout(ctx, {
    title: `${plainName} (${p.agency}) · ${t.siteName}`, description: `${plainName}: ${t.nextDeadlines}, ${t.history}`,
    alternatePath: programmePath(p.id, ctx.lang === 'en' ? 'ja' : 'en'), main,
    feeds: [{ path: FEED_PATHS.programmeDeadlines(p.id)!, type: 'text/calendar', title: t.programmeFeed }],
  });
}
