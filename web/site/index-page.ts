/**
 * The index, one per language: upcoming deadlines across the agencies with the filters, the recent
 * changes, and the ways to follow (calendar and change feeds, the same as JSON, e-mail).
 */
import { AGENCIES } from '#parsers/schema.ts';
import { safeHref } from '#lib/escape.ts';
import type { ChangeView, DeadlineView, ProgrammeView } from '#core/analyst/views.ts';
import { changesList } from './changes-view.ts';
import { deadlinesTable } from './deadlines-view.ts';
import { filterable, filterForm } from './filters-view.ts';
import { esc } from './html.ts';
import { layout, to, type PageContext } from './layout.ts';
import { FEED_PATHS, indexPath } from './paths.ts';

/** How many changes the index lists; every change stays on its programme's page. */
export const RECENT_CHANGES = 20;

export interface IndexInput {
  /** Upcoming, soonest first. */
  deadlines: readonly DeadlineView[];
  /** Newest first. */
  changes: readonly ChangeView[];
  programmes: readonly ProgrammeView[];
  subscribeUrl?: string;
}

/** The subscription page in the reader's language (the subscription pages read ?lang=ja). */
function subscribeHref(url: string | undefined, lang: PageContext['lang']): string | undefined {
  if (!url) return undefined;
  try {
    const target = new URL(url);
    if (lang !== 'en') target.searchParams.set('lang', lang);
    return safeHref(target.href);
  } catch {
    return undefined;
  }
}

function follow(ctx: PageContext, subscribeUrl: string | undefined): string {
  const { t } = ctx;
  // Each link reads as its file name ("deadlines-jst.ics"): unique on the page, and what a calendar app asks for.
  const link = (path: string): string => `<a href="${esc(to(ctx, path))}">${esc(path.split('/').pop()!)}</a>`;
  const rows = [
    [t.allAgenciesFeeds, FEED_PATHS.deadlines(), FEED_PATHS.changes(ctx.lang)],
    ...AGENCIES.map((a) => [a, FEED_PATHS.agencyDeadlines(a), FEED_PATHS.agencyChanges(a)]),
  ].map(([who, ics, atom]) => `<tr><th scope="row">${esc(who!)}</th><td>${link(ics!)}</td><td>${link(atom!)}</td></tr>`);
  const subscribe = subscribeHref(subscribeUrl, ctx.lang);
  return `<section id="follow" aria-labelledby="follow-heading">
<h2 id="follow-heading">${esc(t.followHeading)}</h2>
<p>${esc(t.followLead)}</p>
<table class="feeds">
<thead><tr><th scope="col">${esc(t.agency)}</th><th scope="col">${esc(t.calendarFeed)}</th><th scope="col">${esc(t.changesFeed)}</th></tr></thead>
<tbody>${rows.join('\n')}</tbody>
</table>
<p class="data-feeds">${esc(t.dataFeeds)} ${link(FEED_PATHS.deadlinesJson())} (${link(FEED_PATHS.schema('deadlines'))}) · ${link(FEED_PATHS.changesJson())} (${link(FEED_PATHS.schema('changes'))})</p>
${subscribe ? `<p class="subscribe"><a class="button" href="${subscribe}">${esc(t.subscribe)}</a> <span>${esc(t.subscribeLead)}</span></p>` : ''}
</section>`;
}

function changesSection(ctx: PageContext, input: IndexInput): string {
  const { t } = ctx;
  const recent = input.changes.slice(0, RECENT_CHANGES);
  const fields = new Map(input.programmes.map((p) => [p.id, p.fields]));
  const list = changesList(ctx, recent, { withProgramme: true, fieldsOf: (id) => fields.get(id) ?? [] });
  return `<section id="changes" aria-labelledby="changes-heading">
<h2 id="changes-heading">${esc(t.changesHeading)}</h2>
${recent.length ? filterable('changes', t.changesStatus, t.changesEmpty, list) : `<p class="empty">${esc(t.noChanges)}</p>`}
${input.changes.length > recent.length ? `<p class="note">${esc(t.olderChanges)}</p>` : ''}
</section>`;
}

/** The whole index document for ctx.lang. */
export function indexPage(ctx: PageContext, input: IndexInput): string {
  const { t } = ctx;
  const fields = [...input.deadlines.flatMap((d) => d.fields), ...input.programmes.flatMap((p) => p.fields)];
  const table = deadlinesTable(ctx, input.deadlines, { showProgramme: true });
  const main = `<h1>${esc(t.indexTitle)}</h1>
<p class="lead">${esc(t.indexLead)}</p>
${filterForm(ctx, fields)}
<section id="deadlines" aria-labelledby="deadlines-heading">
<h2 id="deadlines-heading">${esc(t.deadlinesHeading)}</h2>
${input.deadlines.length ? filterable('deadlines', t.deadlinesStatus, t.deadlinesEmpty, table) : table}
</section>
${changesSection(ctx, input)}
${follow(ctx, input.subscribeUrl)}`;
  return layout(ctx, {
    title: `${t.indexTitle} · ${t.siteName}`, description: t.indexLead, alternatePath: indexPath(ctx.lang === 'en' ? 'ja' : 'en'), main,
    sections: [{ id: 'deadlines', label: t.deadlinesHeading }, { id: 'changes', label: t.changesHeading }, { id: 'follow', label: t.followHeading }],
    feeds: [{ path: FEED_PATHS.changes(ctx.lang), type: 'application/atom+xml', title: t.changesFeed }],
  });
}
