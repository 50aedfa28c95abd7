/**
 * The deadlines table: one row per dated step, soonest first. The date is the page's Japan date and
 * time, labelled JST; a month-only date and a tentative one say so in words; the page's own sentence is
 * one click away. Under ~600px the stylesheet turns each row into a card, labelled by data-label.
 */
import { deadlineSortKey, isUpcoming } from '#core/analyst/catalog.ts';
import type { DeadlineView } from '#core/analyst/views.ts';
import { daysUntil, formatDate } from './dates.ts';
import { filterAttributes } from './filters-view.ts';
import { badge, esc, externalLink, inLang, nameIn, quote, siteLink } from './html.ts';
import { to, type PageContext } from './layout.ts';
import { programmePath } from './paths.ts';

/** The deadlines still ahead at `now`, soonest first (a month-only date after the month's days). */
export function upcomingDeadlines(deadlines: readonly DeadlineView[], now: Date): DeadlineView[] {
  return deadlines.filter((d) => isUpcoming(d, now))
    .sort((a, b) => deadlineSortKey(a).localeCompare(deadlineSortKey(b)) || a.uid.localeCompare(b.uid));
}

const isMonthOnly = (d: DeadlineView): boolean => d.date.length === 7;

/** The date, the time with "JST", and in words what the page leaves open (no day, no time, only planned). */
function dateCell(ctx: PageContext, d: DeadlineView): string {
  const { t } = ctx;
  const timed = Boolean(d.iso && d.time);
  // filter.js adds the reader's own time after a <time data-local>, only when their zone is not Japan's.
  const time = `<time datetime="${esc(timed ? d.iso! : d.date)}"${timed ? ' data-local' : ''}>${esc(formatDate(d.date, ctx.lang))}${d.time ? ` <span class="clock">${esc(d.time)} JST</span>` : ''}</time>`;
  const days = daysUntil(d.date, ctx.now);
  const notes = [
    isMonthOnly(d) ? `<span>${badge(esc(t.monthOnly), 'month')} <span class="note">${esc(t.monthOnlyHint)}</span></span>` : '',
    d.tentative ? badge(esc(t.tentative), 'tentative') : '',
    !d.time && !isMonthOnly(d) ? `<span class="note">${esc(t.noTime)}</span>` : '',
    d.statedTimezone ? `<span class="note">${esc(t.statedIn(d.statedTimezone))}</span>` : '',
    days !== undefined ? `<span class="relative">${esc(t.inDays(days))}</span>` : '',
  ].filter(Boolean);
  return `<td role="cell" class="when" data-label="${esc(t.colDate)}">${time}${notes.length ? `<span class="notes">${notes.join(' ')}</span>` : ''}</td>`;
}

function programmeCell(ctx: PageContext, d: DeadlineView, showProgramme: boolean): string {
  const { t } = ctx;
  const name = nameIn(d.programName, ctx.lang, d.programId);
  const programme = !showProgramme ? '' : ctx.withPage.has(d.programId)
    ? `<span class="programme">${siteLink(to(ctx, programmePath(d.programId, ctx.lang)), name)}</span>`
    : `<span class="programme">${name}</span>`;
  const status = t.callStatus[d.callStatus] ?? d.callStatus;
  const call = `<span class="call">${inLang(d.callTitle, d.lang, ctx.lang)}${d.track ? ` · ${inLang(d.track, d.lang, ctx.lang)}` : ''} · <span class="status">${esc(status)}</span></span>`;
  return `<th scope="row" role="rowheader" data-label="${esc(showProgramme ? t.colProgramme : t.call)}">${programme}${call}</th>`;
}

function stepCell(ctx: PageContext, d: DeadlineView): string {
  const { t } = ctx;
  const kind = t.kind[d.kind] ?? d.kind;
  // The normalized kind helps when the page's label is in the other language or says something else.
  const sameWords = kind.toLowerCase() === d.label.trim().toLowerCase();
  return `<td role="cell" class="step" data-label="${esc(t.colStep)}"><span class="label">${inLang(d.label, d.lang, ctx.lang)}</span>${sameWords ? '' : ` <span class="kind">${esc(kind)}</span>`}
<details><summary>${esc(t.pagesWords)}</summary>${quote(d.evidence, d.lang)}</details></td>`;
}

function row(ctx: PageContext, d: DeadlineView, showProgramme: boolean): string {
  const { t } = ctx;
  const language = t.lang[d.lang] ?? d.lang;
  return `<tr role="row"${filterAttributes(d.agency, d.lang, d.fields)}>
${dateCell(ctx, d)}
${programmeCell(ctx, d, showProgramme)}
${stepCell(ctx, d)}
<td role="cell" class="agency nowrap" data-label="${esc(t.colAgency)}"><abbr title="${esc(t.agencyName[d.agency] ?? d.agency)}">${esc(d.agency)}</abbr></td>
<td role="cell" class="source nowrap" data-label="${esc(t.colSource)}">${externalLink(d.url, esc(t.pageIn(language)), d.lang)}</td>
</tr>`;
}

/**
 * The table of the given deadlines (already upcoming and sorted), or a sentence when there are none.
 * On a programme's own page the programme column shows only the call.
 */
export function deadlinesTable(ctx: PageContext, deadlines: readonly DeadlineView[], options: { showProgramme: boolean }): string {
  const { t } = ctx;
  if (deadlines.length === 0) return `<p class="empty">${esc(t.noDeadlines)}</p>`;
  const heads = [t.colDate, options.showProgramme ? t.colProgramme : t.call, t.colStep, t.colAgency, t.colSource];
  // The explicit roles keep the table a table for screen readers when the phone layout turns rows into
  // cards (some browsers drop table semantics once a row is no longer display: table-row).
  return `<table class="cards deadlines" role="table">
<caption>${esc(t.deadlinesCaption)}</caption>
<thead role="rowgroup"><tr role="row">${heads.map((h) => `<th scope="col" role="columnheader">${esc(h)}</th>`).join('')}</tr></thead>
<tbody role="rowgroup">
${deadlines.map((d) => row(ctx, d, options.showProgramme)).join('\n')}
</tbody>
</table>`;
}
