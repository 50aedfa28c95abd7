/**
 * What a listing entry announces, from its title alone, by the ordered rules in
 * parsers/data/listing-rules.json: the first rule that matches decides, so the order carries the
 * edge cases (a 公募説明会 is an event, 研究員の公募 a job, 公募の採択課題 a result). Pure.
 */
import { z } from 'zod';
import rulesData from '../data/listing-rules.json' with { type: 'json' };

export const LISTING_KINDS = ['call', 'tender', 'job', 'award', 'event', 'result', 'other'] as const;
export const ListingKind = z.enum(LISTING_KINDS);
export type ListingKind = z.infer<typeof ListingKind>;

const Rule = z.object({
  kind: ListingKind,
  reason: z.string().min(1),
  words: z.array(z.string().min(1)).default([]),
  patterns: z.array(z.string().min(1)).default([]),
}).refine((r) => r.words.length + r.patterns.length > 0, 'a rule needs at least one word or pattern');
const RulesFile = z.object({ rules: z.array(Rule), fallback: z.object({ kind: ListingKind, reason: z.string().min(1) }) }).loose();

export interface Classification {
  kind: ListingKind;
  /** The rule's sentence and the words that matched, so a surprising kind can be traced to its rule. */
  reason: string;
}

interface CompiledRule { kind: ListingKind; reason: string; matcher: RegExp }
export interface ListingRules { rules: CompiledRule[]; fallback: Classification }

/** How titles and words are compared: NFKC (full-width to plain), lower case, single spaces. */
const foldTitle = (text: string): string => text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** English words stand as whole words ("bid" is not in "morbidity"); Japanese has no word boundaries. */
const wordSource = (word: string): string => {
  const w = escape(foldTitle(word));
  return /^[\x00-\x7f]+$/.test(word) ? `(?<![a-z0-9])${w}(?![a-z0-9])` : w;
};

/** Validates and compiles a rules file's JSON; a bad rule or pattern is an error naming it. */
export function compileRules(json: unknown): ListingRules {
  const parsed = RulesFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`listing rules: ${issue.path.join('.')}: ${issue.message}; fix parsers/data/listing-rules.json`);
  }
  const rules = parsed.data.rules.map((rule, i) => {
    const sources = [...rule.words.map(wordSource), ...rule.patterns];
    try {
      return { kind: rule.kind, reason: rule.reason, matcher: new RegExp(sources.join('|'), 'iu') };
    } catch (err) {
      throw new Error(`listing rules: rules.${i} (${rule.kind}) has a bad pattern (${(err as Error).message}); fix parsers/data/listing-rules.json`);
    }
  });
  return { rules, fallback: parsed.data.fallback };
}

export const LISTING_RULES: ListingRules = compileRules(rulesData);

/**
 * The kind of entry a title announces, and why.
 * @example classifyEntry('令和8年度 公募説明会の開催について') // { kind: 'event', reason: 'a briefing, … (matched "説明会")' }
 */
export function classifyEntry(title: string, rules: ListingRules = LISTING_RULES): Classification {
  const folded = foldTitle(title);
  for (const rule of rules.rules) {
    const m = rule.matcher.exec(folded);
    if (m) return { kind: rule.kind, reason: `${rule.reason} (matched "${m[0]}")` };
  }
  return rules.fallback;
}
