/**
 * The filter form and the data it filters on. Rows carry their agency, page language and fields as data
 * attributes; assets/filter.js hides the rows that do not match. The form is rendered `hidden` and only
 * the script reveals it, so a reader without JavaScript sees every row and no controls that do nothing.
 */
import { AGENCIES, type Agency, type Lang } from '#parsers/schema.ts';
import fieldsData from '#parsers/data/fields.json' with { type: 'json' };
import { esc } from './html.ts';
import type { PageContext } from './layout.ts';

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;
// The Japanese name of a normalized field: the first alias the pages write in Japanese.
const JAPANESE_NAMES = new Map(fieldsData.fields.map((f) => [f.name, f.aliases.find((a) => JAPANESE.test(a))] as const));

/** A field's name for the reader: the normalized (English) name, or its Japanese name on the Japanese page. */
export function fieldLabel(name: string, lang: Lang): string {
  return (lang === 'ja' ? JAPANESE_NAMES.get(name) : undefined) ?? name;
}

// A field name can hold spaces and anything else: percent-encoding makes each one a single
// whitespace-free token, compared as it is on both sides (the option value and the row's list).
const token = (field: string): string => encodeURIComponent(field);

/** The attributes filter.js matches a row by. */
export function filterAttributes(agency: Agency, lang: Lang, fields: readonly string[]): string {
  return ` data-agency="${esc(agency)}" data-lang="${esc(lang)}" data-fields="${esc(fields.map(token).join(' '))}"`;
}

function select(id: string, label: string, all: string, options: Array<[value: string, text: string]>): string {
  const items = options.map(([value, text]) => `<option value="${esc(value)}">${esc(text)}</option>`).join('');
  return `<div class="filter"><label for="filter-${id}">${esc(label)}</label>
<select id="filter-${id}" name="${id}"><option value="">${esc(all)}</option>${items}</select></div>`;
}

/** The form, hidden until filter.js runs; the field list offers only fields some row names. */
export function filterForm(ctx: PageContext, fields: readonly string[]): string {
  const { t, lang } = ctx;
  const sorted = [...new Set(fields)].sort((a, b) => fieldLabel(a, lang).localeCompare(fieldLabel(b, lang), lang));
  return `<form class="filters" data-filters hidden>
<fieldset><legend>${esc(t.filtersLegend)}</legend>
${select('agency', t.agency, t.allAgencies, AGENCIES.map((a) => [a, a]))}
${select('lang', t.pageLanguage, t.allLanguages, (['en', 'ja'] as const).map((l) => [l, t.lang[l]]))}
${sorted.length ? select('field', t.field, t.allFields, sorted.map((f) => [token(f), fieldLabel(f, lang)])) : ''}
<div class="filter filter-reset"><button type="reset">${esc(t.showAll)}</button></div>
</fieldset>
${sorted.length ? `<p class="hint">${esc(t.filtersHint)}</p>` : ''}
</form>`;
}

/** A filterable block: the live status line and the "nothing matches" line that filter.js fills and shows. */
export function filterable(name: string, statusTemplate: string, emptyText: string, content: string): string {
  return `<div class="filterable" data-filterable="${esc(name)}" data-status-template="${esc(statusTemplate)}">
<p class="filter-status" role="status" aria-live="polite"></p>
${content}
<p class="filter-empty" hidden>${esc(emptyText)}</p>
</div>`;
}
