/**
 * What every change message (the e-mail, each channel's format) presents the same way: which change comes first,
 * what a programme is called in the reader's language, and how a change's two quotes are labelled.
 */
import type { ChangeCategory, ChangeEvent, Severity } from '../domain/changes.ts';

type Lang = 'en' | 'ja';

const SEVERITY_RANK: Record<Severity, number> = { high: 0, medium: 1, low: 2 };
/** Of two changes as severe, the one a researcher acts on first: dates before calls before terms before the rest. */
const CATEGORY_RANK: Record<ChangeCategory, number> = { deadline: 0, 'new-call': 1, status: 1, eligibility: 2, agency: 3, funding: 4, period: 5, countries: 6, fields: 7, contact: 8, other: 9 };

/** Most important first: severity, then agreement between the languages, the category, the programme and the id (a total order). */
export const byImportance = (a: ChangeEvent, b: ChangeEvent): number => SEVERITY_RANK[a.change.severity] - SEVERITY_RANK[b.change.severity]
  || Number(Boolean(a.change.disagreement)) - Number(Boolean(b.change.disagreement)) || CATEGORY_RANK[a.change.category] - CATEGORY_RANK[b.change.category]
  || a.change.programId.localeCompare(b.change.programId) || a.id.localeCompare(b.id);

/** A programme's name in the reader's language, else the other one. */
export const nameIn = (context: { names: { en?: string; ja?: string } } | undefined, lang: Lang): string | undefined =>
  context ? context.names[lang] ?? context.names.en ?? context.names.ja : undefined;

export interface QuoteWords { was: string; now: string; pageIn: Record<Lang, string> }

/**
 * The labels of a change's two quotes: before and after for a change over time; for a disagreement between the
 * languages, the two quotes are the English and the Japanese page at once, so each is named by its page's language.
 */
export function quoteLabels(change: ChangeEvent['change'], t: QuoteWords): [string, string] {
  if (!change.disagreement) return [t.was, t.now];
  const langOf = (side: unknown, fallback: Lang): Lang => {
    const l = (side as { lang?: unknown } | undefined)?.lang;
    return l === 'en' || l === 'ja' ? l : fallback;
  };
  return [t.pageIn[langOf(change.before, 'en')], t.pageIn[langOf(change.after, 'ja')]];
}
