/**
 * The programme chooser: a box per programme, named in the page's language, grouped by agency, with a
 * filter box once the list is long. One piece, so the e-mail form and the channel forms offer the same.
 */
import { AGENCIES } from '#parsers/schema.ts';
import { escapeHtml } from '#lib/escape.ts';
import type { ProgrammeChoice } from '#core/subscriptions/programme-choices.ts';
import { FILTER_SCRIPT, foldForMatch } from './filter-script.ts';
import { T, type Lang } from './strings.ts';

/** Past this many programmes the chooser gets its filter box; below, the whole list fits a screen or two. */
export const FILTER_AFTER = 12;

/**
 * The name to show: the page's language, else the other language, else the id.
 * @example nameIn({ id: 'jst-crest', names: { ja: '戦略的創造研究推進事業' } }, 'en') // '戦略的創造研究推進事業'
 */
export function nameIn(choice: Pick<ProgrammeChoice, 'id' | 'names'>, lang: Lang): string {
  return (lang === 'ja' ? choice.names.ja ?? choice.names.en : choice.names.en ?? choice.names.ja) ?? choice.id;
}

export interface ChooserOptions {
  /** The form field the ticked ids are sent as. */
  name: string;
  /** Ids ticked already (a subscriber's current filter). */
  chosen?: readonly string[];
}

/**
 * A fieldset of checkboxes named `options.name`: one fieldset per agency in AGENCIES' order, programmes by
 * name in `lang`. An id ticked before but no longer offered (a programme dropped from the registry) is still
 * shown, ticked, so saving the form does not drop it unnoticed.
 */
export function programmeChooser(lang: Lang, choices: readonly ProgrammeChoice[], options: ChooserOptions): string {
  const t = T[lang];
  const chosen = new Set(options.chosen ?? []);
  const offered = new Set(choices.map((c) => c.id));
  const gone = [...chosen].filter((id) => !offered.has(id)).map((id) => ({ id, names: {} }));
  const groups = [
    ...AGENCIES.map((agency) => ({ legend: agency, members: choices.filter((c) => c.agency === agency) })),
    { legend: t.otherProgrammes, members: gone },
  ].filter((g) => g.members.length > 0);
  const byName = (a: Pick<ProgrammeChoice, 'id' | 'names'>, b: Pick<ProgrammeChoice, 'id' | 'names'>): number =>
    nameIn(a, lang).localeCompare(nameIn(b, lang), lang) || a.id.localeCompare(b.id);
  const box = (c: Pick<ProgrammeChoice, 'id' | 'names'>): string =>
    `<label data-match="${escapeHtml(foldForMatch([c.names.en, c.names.ja, c.id].filter(Boolean).join(' ')))}">` +
    `<input type="checkbox" name="${escapeHtml(options.name)}" value="${escapeHtml(c.id)}"${chosen.has(c.id) ? ' checked' : ''}> ${escapeHtml(nameIn(c, lang))}</label>`;
  const fieldsets = groups.map((g) => `<fieldset><legend>${escapeHtml(g.legend)}</legend>${[...g.members].sort(byName).map(box).join('')}</fieldset>`).join('');
  const count = choices.length + gone.length;
  return `<fieldset class="chooser"><legend>${escapeHtml(t.programmes)}</legend>` +
    `${count > FILTER_AFTER ? filterBox(lang, options.name) : ''}${fieldsets}</fieldset>`;
}

/** Rendered hidden: only the script shows it, so without JavaScript there is no box that does nothing. */
function filterBox(lang: Lang, field: string): string {
  const t = T[lang];
  const id = `${escapeHtml(field)}-filter`;
  return `<p class="filter" hidden><label for="${id}">${escapeHtml(t.filterProgrammes)}</label>` +
    `<input type="search" id="${id}" autocomplete="off" aria-describedby="${id}-hint">` +
    `<span class="hint" id="${id}-hint">${escapeHtml(t.filterHint)}</span></p>` +
    `<p class="hint" role="status" data-none="${escapeHtml(t.noProgrammeMatches)}"></p><script>${FILTER_SCRIPT}</script>`;
}
