/**
 * Which subscriber wants which change event: their filters (agency, programme, kind of change, keywords,
 * field, country), and whether the event was found after they confirmed.
 */
import type { ChangeEvent } from '../domain/changes.ts';
import type { Subscriber } from '../domain/subscribers.ts';

/**
 * Case and width folded, so "ＡＩ", "ai" and "AI" are one keyword. Not parsers/document/text.ts `fold`:
 * that one keeps case, collapses whitespace (a keyword could then span the title and a summary, which are
 * joined by line ends here), and charges the page's parse-time budget, which means nothing outside a parse.
 */
const fold = (text: string): string => text.normalize('NFKC').toLowerCase();

/** Whether any keyword appears in the texts (case- and width-insensitive); no keywords match everything. */
export function mentionsKeyword(keywords: string[] | undefined, texts: string[]): boolean {
  if (!keywords?.length) return true;
  const text = fold(texts.join('\n'));
  return keywords.some((k) => fold(k).trim() !== '' && text.includes(fold(k).trim()));
}

export function matches(subscriber: Subscriber, event: ChangeEvent): boolean {
  const { agencies, programs, categories, keywords, fields, countries } = subscriber.filters;
  // An event without tags (stored before they existed) cannot show a field or country: it does not match those filters.
  const tags = event.tags;
  return (!agencies?.length || agencies.includes(event.agency))
    && (!programs?.length || programs.includes(event.change.programId))
    && (!categories?.length || categories.includes(event.change.category))
    && mentionsKeyword(keywords, [tags?.title ?? '', event.change.summary.en, event.change.summary.ja])
    && (!fields?.length || (tags?.fields ?? []).some((f) => fields.includes(f)))
    && (!countries?.length || (tags?.countries ?? []).some((c) => countries.includes(c)));
}

/**
 * Whether the event is the subscriber's to receive: it matches their filters and was detected once they
 * had confirmed. An event still pending for someone else (a digest not yet due) is not news to a
 * subscriber who confirmed after it was found. Subscribers stored without confirmedAt receive every match.
 */
export function owedTo(subscriber: Subscriber, event: ChangeEvent): boolean {
  return matches(subscriber, event) && (!subscriber.confirmedAt || event.detectedAt >= subscriber.confirmedAt);
}
