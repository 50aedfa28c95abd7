/**
 * What a subscriber can pick beyond agencies and programmes: the research fields and partner countries
 * the parsers normalize to (so a pick can match a call), and the reminder offsets offered. One list
 * for the form (web/subscription-pages/) and its validation (core/subscriptions/flow.ts).
 */
import fieldsData from '#parsers/data/fields.json' with { type: 'json' };
import { COUNTRY_NAMES } from '#parsers/extract/countries.ts';

export interface Choice { id: string; en: string; ja: string }

const japanese = (names: string[]): string | undefined => names.find((n) => /[^\x00-\x7f]/.test(n));

/** Research fields by their normalized name (what calls carry), with the pages' Japanese name. */
export const FIELD_CHOICES: Choice[] = fieldsData.fields.map((f) => ({ id: f.name, en: f.name, ja: japanese(f.aliases) ?? f.name }));

/** Partner countries by ISO 3166-1 alpha-2 code (and EU), the ones the parser recognizes on a page. */
export const COUNTRY_CHOICES: Choice[] = Object.entries(COUNTRY_NAMES)
  .map(([code, names]) => ({ id: code, en: names[0]!, ja: japanese(names) ?? names[0]! }))
  .sort((a, b) => a.en.localeCompare(b.en));

/** Days before a deadline a subscriber can be reminded. */
export const REMINDER_CHOICES = [30, 14, 7, 3, 1] as const;

export const MAX_KEYWORDS = 20;
export const MAX_KEYWORD_LENGTH = 60;
