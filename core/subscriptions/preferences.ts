/**
 * What a subscriber asks for, as the forms send it: checked and normalized here (language, delivery,
 * agencies, programmes, categories, keywords, fields, countries, reminder days), so that every flow that
 * takes preferences (subscribe, update, a queued request) reads them the same way.
 */
import { AGENCIES, type Agency } from '#parsers/schema.ts';
import { CHANGE_CATEGORIES, type ChangeCategory } from '../domain/changes.ts';
import { DELIVERY_MODES, type DeliveryMode, type Subscriber } from '../domain/subscribers.ts';
import { COUNTRY_CHOICES, FIELD_CHOICES, MAX_KEYWORD_LENGTH, MAX_KEYWORDS, REMINDER_CHOICES } from './filter-choices.ts';

export interface Preferences {
  lang: 'en' | 'ja';
  delivery: DeliveryMode;
  filters: Subscriber['filters'];
  /** Days before deadlines to be reminded ([] = off); absent: the defaults for a new subscriber, unchanged for an update. */
  reminderOffsets?: number[];
}

export class InvalidRequestError extends Error {
  override name = 'InvalidRequestError';
}

export interface PreferencesInput {
  lang?: string;
  delivery?: string;
  agencies?: string[];
  programs?: string[];
  categories?: string[];
  /** One text: words separated by commas or line breaks. */
  keywords?: string;
  fields?: string[];
  countries?: string[];
  /** Offsets in days, as the form sends them; absent (not []) when the form had no reminder field. */
  reminders?: string[];
}

/** Checks and normalizes what a form sent; throws InvalidRequestError naming the field. */
export function parsePreferences(input: PreferencesInput): Preferences {
  const lang = input.lang ?? 'en';
  if (lang !== 'en' && lang !== 'ja') throw new InvalidRequestError('language must be en or ja');
  const delivery = input.delivery ?? 'immediate';
  if (!(DELIVERY_MODES as readonly string[]).includes(delivery)) throw new InvalidRequestError('delivery must be immediate, daily or weekly');
  const agencies = input.agencies ?? [];
  if (agencies.some((a) => !(AGENCIES as readonly string[]).includes(a))) throw new InvalidRequestError('agencies must be among JST, AMED, JSPS');
  const categories = input.categories ?? [];
  if (categories.some((c) => !(CHANGE_CATEGORIES as readonly string[]).includes(c))) throw new InvalidRequestError(`categories must be among ${CHANGE_CATEGORIES.join(', ')}`);
  const programs = (input.programs ?? []).map((p) => p.trim()).filter(Boolean);
  if (programs.length > 50 || programs.some((p) => !/^[a-z0-9][a-z0-9-]{0,80}$/.test(p))) throw new InvalidRequestError('programmes must be programme ids such as jst-aspire (at most 50)');
  const keywords = parseKeywords(input.keywords ?? '');
  const fields = input.fields ?? [];
  if (fields.some((f) => !FIELD_CHOICES.some((c) => c.id === f))) throw new InvalidRequestError(`research fields must be among ${FIELD_CHOICES.map((c) => c.id).join(', ')}`);
  const countries = (input.countries ?? []).map((c) => c.trim().toUpperCase()).filter(Boolean);
  const unknown = countries.filter((c) => !COUNTRY_CHOICES.some((k) => k.id === c));
  if (unknown.length) throw new InvalidRequestError(`partner countries must be ISO codes such as US, GB or DE, among those fundwatch recognizes (not ${unknown.slice(0, 3).join(', ')})`);
  const reminderOffsets = input.reminders === undefined ? undefined : parseOffsets(input.reminders);
  return {
    lang, delivery: delivery as DeliveryMode,
    filters: {
      ...(agencies.length ? { agencies: [...new Set(agencies)] as Agency[] } : {}),
      ...(programs.length ? { programs: [...new Set(programs)] } : {}),
      ...(categories.length ? { categories: [...new Set(categories)] as ChangeCategory[] } : {}),
      ...(keywords.length ? { keywords } : {}),
      ...(fields.length ? { fields: [...new Set(fields)] } : {}),
      ...(countries.length ? { countries: [...new Set(countries)] } : {}),
    },
    ...(reminderOffsets ? { reminderOffsets } : {}),
  };
}

/** "quantum, 量子\nAI" -> ["quantum", "量子", "AI"]: commas (also Japanese ones) or line breaks separate. */
export function parseKeywords(text: string): string[] {
  const words = text.split(/[,\n\r、，]+/).map((w) => w.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim()).filter(Boolean);
  const unique = [...new Map(words.map((w) => [w.normalize('NFKC').toLowerCase(), w] as const)).values()];
  if (unique.length > MAX_KEYWORDS || unique.some((w) => w.length > MAX_KEYWORD_LENGTH)) {
    throw new InvalidRequestError(`keywords: at most ${MAX_KEYWORDS}, each at most ${MAX_KEYWORD_LENGTH} characters, separated by commas or line breaks`);
  }
  return unique;
}

function parseOffsets(values: string[]): number[] {
  const offsets = values.filter((v) => v !== '').map(Number);
  if (offsets.some((o) => !(REMINDER_CHOICES as readonly number[]).includes(o))) throw new InvalidRequestError(`reminders must be among ${REMINDER_CHOICES.join(', ')} days before a deadline`);
  return [...new Set(offsets)].sort((a, b) => b - a);
}
