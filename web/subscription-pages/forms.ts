/** The forms: subscribe, and the preferences a subscriber chooses (also part of the subscribe form). */
import { AGENCIES } from '#parsers/schema.ts';
import { escapeHtml } from '#lib/escape.ts';
import { CHANGE_CATEGORIES, type ChangeCategory } from '#core/domain/changes.ts';
import { DEFAULT_REMINDER_OFFSETS, type Subscriber } from '#core/domain/subscribers.ts';
import { COUNTRY_CHOICES, FIELD_CHOICES, REMINDER_CHOICES } from '#core/subscriptions/filter-choices.ts';
import { offsetsOf } from '#core/notification/reminders.ts';
import type { ProgrammeChoice } from '#core/subscriptions/programme-choices.ts';
import type { HttpResponse } from './http.ts';
import { programmeChooser } from './programme-chooser.ts';
import { T, type Lang } from './strings.ts';
import { page } from './views.ts';

export interface PagesConfig {
  /**
   * Programmes offered as filters, with their agency and names: a list, or a function the forms ask each
   * time they render (a cached read of the store, so the names and calls a cycle finds show up).
   */
  programmes: readonly ProgrammeChoice[] | (() => Promise<readonly ProgrammeChoice[]>);
}

/** The programmes to offer now. */
export async function offeredProgrammes(config: PagesConfig): Promise<readonly ProgrammeChoice[]> {
  return typeof config.programmes === 'function' ? config.programmes() : config.programmes;
}

/** The preference fields shared by every form: language, delivery, filters, reminders (ticked from `current`). */
export function preferencesFields(lang: Lang, programmes: readonly ProgrammeChoice[], current?: Subscriber): string {
  const t = T[lang];
  const checked = (on: boolean | undefined): string => (on ? ' checked' : '');
  const box = (name: string, value: string, label: string, on: boolean | undefined): string =>
    `<label><input type="checkbox" name="${name}" value="${escapeHtml(value)}"${checked(on)}> ${escapeHtml(label)}</label>`;
  const mode = current?.delivery ?? 'immediate';
  // A new subscriber starts from the default reminders (14 and 3 days), ticked.
  const offsets = current ? offsetsOf(current) : [...DEFAULT_REMINDER_OFFSETS];
  const mailLang = current?.lang ?? lang;
  return `<fieldset><legend>${escapeHtml(t.language)}</legend>` +
    `<label><input type="radio" name="lang" value="en"${checked(mailLang === 'en')}> English</label><label><input type="radio" name="lang" value="ja"${checked(mailLang === 'ja')}> 日本語</label></fieldset>` +
    `<fieldset><legend>${escapeHtml(t.delivery)}</legend>${(['immediate', 'daily', 'weekly'] as const).map((m) =>
      `<label><input type="radio" name="delivery" value="${m}"${checked(mode === m)}> ${escapeHtml(t[m])}</label>`).join('')}</fieldset>` +
    `<fieldset><legend>${escapeHtml(t.agencies)}</legend>${AGENCIES.map((a) => box('agencies', a, a, current?.filters.agencies?.includes(a))).join('')}</fieldset>` +
    programmeChooser(lang, programmes, { name: 'programs', chosen: current?.filters.programs ?? [] }) +
    `<fieldset><legend>${escapeHtml(t.fields)}</legend>${FIELD_CHOICES.map((f) => box('fields', f.id, f[lang], current?.filters.fields?.includes(f.id))).join('')}</fieldset>` +
    countrySelect(lang, current?.filters.countries ?? []) +
    `<label for="keywords">${escapeHtml(t.keywords)}</label><p class="hint" id="keywords-hint">${escapeHtml(t.keywordsHint)}</p>` +
    `<textarea id="keywords" name="keywords" rows="2" maxlength="1500" aria-describedby="keywords-hint">${escapeHtml((current?.filters.keywords ?? []).join(', '))}</textarea>` +
    `<fieldset><legend>${escapeHtml(t.categories)}</legend>${CHANGE_CATEGORIES.map((c) => box('categories', c, t.categoryNames[c as ChangeCategory], current?.filters.categories?.includes(c))).join('')}</fieldset>` +
    `<fieldset><legend>${escapeHtml(t.reminders)}</legend><input type="hidden" name="reminders" value="">` +
    `${REMINDER_CHOICES.map((n) => box('reminders', String(n), t.daysBefore(n), offsets.includes(n))).join('')}</fieldset>`;
}

function countrySelect(lang: Lang, chosen: string[]): string {
  const t = T[lang];
  const options = [...COUNTRY_CHOICES].sort((a, b) => a[lang].localeCompare(b[lang], lang)).map((c) =>
    `<option value="${escapeHtml(c.id)}"${chosen.includes(c.id) ? ' selected' : ''}>${escapeHtml(`${c[lang]} (${c.id})`)}</option>`).join('');
  return `<label for="countries">${escapeHtml(t.countries)}</label><p class="hint" id="countries-hint">${escapeHtml(t.countriesHint)}</p>` +
    `<select id="countries" name="countries" multiple size="6" aria-describedby="countries-hint">${options}</select>`;
}

export async function subscribeForm(lang: Lang, config: PagesConfig, error?: string, email = ''): Promise<string> {
  const t = T[lang];
  return `<p>${escapeHtml(t.lead)}</p>${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}` +
    `<form method="post" action="subscribe"><input type="hidden" name="ui" value="${lang}">` +
    `<label for="email">${escapeHtml(t.email)}</label><input id="email" type="email" name="email" required autocomplete="email" maxlength="254" value="${escapeHtml(email)}">` +
    `${preferencesFields(lang, await offeredProgrammes(config))}<button type="submit">${escapeHtml(t.subscribe)}</button></form>` +
    `<p><a href="?lang=${lang === 'en' ? 'ja' : 'en'}">${escapeHtml(t.other)}</a></p>`;
}

/** `intro`: what the page is about beyond the status (a channel's kind and name: channel-forms.ts). */
export async function preferencesPage(subscriber: Subscriber, token: string, config: PagesConfig, intro = ''): Promise<HttpResponse> {
  const l = subscriber.lang;
  const t = T[l];
  return page(l, 200, t.preferences, `${intro}<p>${escapeHtml(t.current)}: ${escapeHtml(t.status[subscriber.status])}</p>` +
    `<form method="post" action="preferences"><input type="hidden" name="token" value="${escapeHtml(token)}"><input type="hidden" name="ui" value="${l}">` +
    `${preferencesFields(l, await offeredProgrammes(config), subscriber)}<button type="submit">${escapeHtml(t.save)}</button></form>` +
    `<p><a href="unsubscribe?token=${encodeURIComponent(token)}">${escapeHtml(t.unsubscribeTitle)}</a></p>`);
}
