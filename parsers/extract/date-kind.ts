/**
 * The step of the call a date is (DeadlineKind), from the words around it, and whether the page gives it as a plan
 * ("（予定）", "tentative"). Which dates are no step at all is non-step-dates.ts's and date-history.ts's question.
 */
import type { DeadlineKind } from '#parsers/schema.ts';
import type { DateHit } from './date-grammar.ts';
import { kindAfter, nearestKind, wordsKind } from './date-words.ts';
import { sameSentence } from './date-sentence.ts';

/** "3月8日(金)から利用できます", "6月26日(月)から開始します", "から申請を受け付けています": the day a call opens. */
const OPENS_AFTER = /^\s*(から|より)[^。.]{0,20}?(開始|受付|受け付け|利用|申請|応募|募集|公募)/;
/** Words after a date that make it a plan rather than a promise. */
const TENTATIVE = /予定|頃|ごろ|見込み|目途|\b(planned|tentative|tentatively|expected|TBC|TBD|approx(imately)?|around|about|scheduled)\b|上旬|中旬|下旬|\b(early|mid|late)\b/i;

/**
 * The words just before a date say what it is; words right after it can say it opens the call
 * ("から受け付けています"), is sent ("に通知") or must arrive ("必着"); a range with no such words is a call window (it opens at its start and
 * closes, the submission deadline, at its end); failing that, the sentence, the lead line or the heading.
 */
export function kindOf(before: string, after: string, context: { lead: string; around: string; window: string; span: number }, range: 'start' | 'end' | undefined, startKind: DeadlineKind | undefined, next: boolean): DeadlineKind {
  if (range === 'end' && startKind && startKind !== 'open') return startKind;
  if (!range && OPENS_AFTER.test(after)) return 'open';
  // "採否結果を7月上旬に通知", "5月12日（月）必着", "6月18日の締め切りまでに": the words after the date say it.
  const told = range ? undefined : kindAfter(after, next);
  // "事前登録：5月15日まで", "Pre-registration: May 15 (必着)": the last day of a pre-registration is a pre-registration.
  if (told === 'submission' && nearestKind(sameSentence(before)) === 'preregistration') return 'preregistration';
  if (told) return told;
  // A range is named by the words before it, else by its label line ("Fellowship starting date:" over "1 July – 30 November").
  const said = nearestKind(sameSentence(before).replace(/^[\s\-–—~〜～]+|to\s*$/g, '')) ?? (range === 'start' ? wordsKind(context.lead) : undefined);
  if (said && !(range === 'start' && said === 'submission')) return said;
  // A window its start opened closes at its end.
  if (range === 'end' && startKind === 'open') return 'submission';
  // A range no word names is the call's window only where its sentence or label speaks of a call: "During the period
  // of 11 October through 9 November, the office visited …" is a period of something else; and a call stays open for
  // weeks or months, so a range of more than a year ("1 April 2026 – 31 March 2029") is the work's period.
  if (range && (!CALL_WORDS.test(context.window) || context.span > 400)) return 'other';
  if (range === 'start') return 'open';
  if (range === 'end') return 'submission';
  return wordsKind(context.around) ?? 'other';
}

/** Words of a call and of sending in to it. */
const CALL_WORDS = /\b(?:calls?|applications?|apply|proposals?|submi\w*|accept\w*|solicitation|recruitment|nominations?|deadline|due)\b|公募|募集|応募|申請|受付|提案|締切|期限/i;

/** A column's kind for a date of a table cell: a range under an "open" column is the window, opening and closing. */
export function columnKind(kind: DeadlineKind, range: 'start' | 'end' | undefined): DeadlineKind {
  return kind === 'open' && range === 'end' ? 'submission' : kind;
}

/** A date is tentative when the words right after it (or a qualifier right before it) say so. */
export function isTentative(text: string, dates: DateHit[], i: number): boolean {
  const hit = dates[i]!;
  const after = text.slice(hit.end, dates[i + 1]?.start ?? text.length).split(/[;；]/)[0]!;
  return TENTATIVE.test(after) || TENTATIVE.test(text.slice(Math.max(dates[i - 1]?.end ?? 0, hit.start - 12), hit.end).replace(/^.*[:：]/, ''));
}

/** A sentence that names a step of the call keeps its dates, whoever else it speaks of ("Applicants must submit by …"). */
const STEP_SENTENCE = /deadline|\bdue\b|submi|締切|〆切|締め切り|期限|提出|必着/i;
export const statesWhoMayApply = (condition: ((sentence: string, date: string) => boolean) | undefined, sentence: string, date: string): boolean =>
  Boolean(condition) && !STEP_SENTENCE.test(sentence) && condition!(sentence, date);

/**
 * Words before a date that bound it without naming a step ("no later than", "by", "until", 遅くとも), and the
 * connectives that may stand with them. A date after nothing else in its sentence ("…as early as October but no later
 * than 31 March") ends the step the date before it began.
 */
const BOUNDS = /\b(?:no|not) later than\b|\bon or before\b|\bby\b|\buntil\b|\btill\b|遅くとも/gi;
const CONNECTIVE = /^(?:[\s,、]|\b(?:but|and|or|yet|then|also|at the latest)\b)*$/i;
export const endsThatStep = (before: string): boolean => {
  const words = sameSentence(before);
  const left = words.replace(BOUNDS, ' ');
  return left !== words && CONNECTIVE.test(left);
};
