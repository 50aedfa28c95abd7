/** The subscribe and preferences forms' values, as the request sent them. */
import { parsePreferences, type Preferences, type PreferencesInput } from '#core/subscriptions/preferences.ts';

/** The request's form values for the preference fields. */
export function preferencesFrom(form: URLSearchParams): Preferences {
  return parsePreferences(preferenceFields(form));
}

/** The preference fields as the form sent them, unchecked (what a queued request carries). */
export function preferenceFields(form: URLSearchParams): PreferencesInput {
  return {
    lang: form.get('lang') ?? undefined, delivery: form.get('delivery') ?? undefined,
    agencies: form.getAll('agencies'), programs: form.getAll('programs'), categories: form.getAll('categories'),
    keywords: form.get('keywords') ?? '', fields: form.getAll('fields'), countries: form.getAll('countries'),
    // The form always sends an empty "reminders" value next to the boxes: none ticked then means off, not "not asked".
    ...(form.has('reminders') ? { reminders: form.getAll('reminders') } : {}),
  };
}
