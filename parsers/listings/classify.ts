/**
 * What a listing entry announces, from its title, by the ordered rules in
 * parsers/data/listing-rules.json: the first rule that matches decides, so the order carries the
 * edge cases (a 公募説明会 is an event, 研究員の公募 a job, 公募の採択課題 a result, 公募要領の訂正 a
 * call-update). A title no rule matches may still be told by its lede (the summary rules). Pure.
 */
// The namespace import lets the bundler keep only the parts of zod used (the named `z` export pulls all of it in).
import * as z from 'zod';
import rulesData from '../data/listing-rules.json' with { type: 'json' };

/** `call-update`: news about a call already announced (extension, correction, closing, added material, Q&A). */
export const LISTING_KINDS = ['call', 'call-update', 'tender', 'job', 'award', 'event', 'result', 'other'] as const;
export const ListingKind = z.enum(LISTING_KINDS);
export type ListingKind = z.infer<typeof ListingKind>;

const Words = {
  words: z.array(z.string().min(1)).default([]),
  patterns: z.array(z.string().min(1)).default([]),
};
const Rule = z.object({
  kind: ListingKind,
  reason: z.string().min(1),
  ...Words,
  /** What the kind becomes when the entry stands in a call page's update log (a call there is an update to it). */
  inUpdateLog: ListingKind.optional(),
}).refine((r) => r.words.length + r.patterns.length > 0, 'a rule needs at least one word or pattern');
const RulesFile = z.object({
  rules: z.array(Rule),
  summary: z.object({ rules: z.array(Rule) }).loose().default({ rules: [] }),
  fallback: z.object({ kind: ListingKind, reason: z.string().min(1), inUpdateLog: ListingKind.optional() }),
  /** The headings that name an update log (更新履歴, History of Updates), and the call headlines that stay calls there. */
  updateLog: z.object({ ...Words, keeps: z.array(z.string().min(1)).default([]) }).loose().default({ words: [], patterns: [], keeps: [] }),
}).loose();

export interface Classification {
  kind: ListingKind;
  /** The rule's sentence and the words that matched, so a surprising kind can be traced to its rule. */
  reason: string;
}

interface CompiledRule { kind: ListingKind; reason: string; matcher: RegExp; inUpdateLog?: ListingKind }
export interface ListingRules {
  rules: CompiledRule[];
  /** Tried on an entry's lede only when no rule matches its title. */
  summary: CompiledRule[];
  fallback: Classification & { inUpdateLog?: ListingKind };
  /** Matches a heading that names an update log; undefined when the rules name none. */
  updateLog?: RegExp;
  /** Matches a call's own headline ("…の二次公募について", "Call for proposals: …"), which stays a call in a log. */
  headline?: RegExp;
}

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
  const matcher = (where: string, { words, patterns }: { words: string[]; patterns: string[] }): RegExp => {
    try {
      return new RegExp([...words.map(wordSource), ...patterns].join('|'), 'iu');
    } catch (err) {
      throw new Error(`listing rules: ${where} has a bad pattern (${(err as Error).message}); fix parsers/data/listing-rules.json`);
    }
  };
  const compile = (where: string) => (rule: z.infer<typeof Rule>, i: number): CompiledRule =>
    ({ kind: rule.kind, reason: rule.reason, matcher: matcher(`${where}.${i} (${rule.kind})`, rule), ...(rule.inUpdateLog ? { inUpdateLog: rule.inUpdateLog } : {}) });
  const { rules, summary, fallback, updateLog } = parsed.data;
  return {
    rules: rules.map(compile('rules')), summary: summary.rules.map(compile('summary.rules')), fallback,
    ...(updateLog.words.length + updateLog.patterns.length ? { updateLog: matcher('updateLog', updateLog) } : {}),
    ...(updateLog.keeps.length ? { headline: matcher('updateLog.keeps', { words: [], patterns: updateLog.keeps }) } : {}),
  };
}

interface Match extends Classification { inUpdateLog?: ListingKind }

function firstMatch(rules: CompiledRule[], text: string): Match | undefined {
  const folded = foldTitle(text);
  for (const rule of rules) {
    const m = rule.matcher.exec(folded);
    if (m) return { kind: rule.kind, reason: `${rule.reason} (matched "${m[0]}")`, ...(rule.inUpdateLog ? { inUpdateLog: rule.inUpdateLog } : {}) };
  }
  return undefined;
}

export const LISTING_RULES: ListingRules = compileRules(rulesData);

/**
 * The kind of entry a title announces, and why.
 * @example classifyEntry('令和8年度 公募説明会の開催について') // { kind: 'event', reason: 'a briefing, … (matched "説明会")' }
 */
export function classifyEntry(title: string, rules: ListingRules = LISTING_RULES): Classification {
  const { kind, reason } = firstMatch(rules.rules, title) ?? rules.fallback;
  return { kind, reason };
}

/** How much of a lede is read: its opening sentences, where a notice says what happened. */
const LEDE_CHARS = 500;

/** Whether a heading names a call page's update log (更新履歴, History of Updates). */
export function namesUpdateLog(heading: string | undefined, rules: ListingRules = LISTING_RULES): boolean {
  return Boolean(heading && rules.updateLog?.test(foldTitle(heading)));
}

/**
 * The kind of a notice from its title, or, when no rule matches the title, from its lede (the words
 * under it): "Visits of Japanese Scientists Overseas: FY 2000 Program" says nothing, but "Out of 317
 * applications, 169 candidates were selected" beneath it does, and last the category tag printed before it
 * ("Calls for Proposals FY 2027 | Interstellar Initiative"). Under an update-log heading (`section`) a line
 * that mentions a call ("公募対象として…を追記") or says nothing is an update to the page's own call; a call's
 * own headline ("…の二次公募について") stays a call.
 * @example classifyNotice({ title: 'FY 2000 Programme', summary: 'Twelve teams were selected.' }).kind // 'result'
 * @example classifyNotice({ title: '公募対象を追記', section: '更新履歴' }).kind // 'call-update'
 */
export function classifyNotice(notice: { title: string; summary?: string; section?: string; tag?: string }, rules: ListingRules = LISTING_RULES): Classification {
  const byTitle = firstMatch(rules.rules, notice.title);
  const byLede = byTitle || !notice.summary ? undefined : firstMatch(rules.summary, notice.summary.slice(0, LEDE_CHARS));
  // A category tag is the weakest word: a site files results under "Calls for Proposals" too, so it speaks only when title and lede are silent.
  const byTag = byTitle || byLede || !notice.tag ? undefined : firstMatch(rules.rules, notice.tag);
  const found: Match = byTitle ?? (byLede ? { ...byLede, reason: `no rule matched the title; ${byLede.reason}` } : undefined)
    ?? (byTag ? { ...byTag, reason: `no rule matched the title or its lede; its tag "${clean(notice.tag!)}" says: ${byTag.reason}` } : rules.fallback);
  const ownHeadline = found.kind === 'call' && Boolean(rules.headline?.test(foldTitle(notice.title)));
  if (found.inUpdateLog && found.inUpdateLog !== found.kind && !ownHeadline && namesUpdateLog(notice.section, rules)) {
    return { kind: found.inUpdateLog, reason: `${found.reason}; under "${clean(notice.section!)}", the page's update log, it is news of the page's own call` };
  }
  return { kind: found.kind, reason: found.reason };
}

const clean = (s: string): string => s.replace(/\s+/g, ' ').trim();
