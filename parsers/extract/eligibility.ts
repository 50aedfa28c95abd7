/**
 * Eligibility: the sentences that say who may apply, in English and Japanese. Under an eligibility
 * heading (or in a row or label that says so) the whole block is a term; elsewhere only sentences
 * that state a requirement. Caveats ("eligibility criteria ... are subject to change") are not terms.
 */
import type { Eligibility } from '#parsers/schema.ts';
import { fold } from '../document/text.ts';

export const ELIGIBILITY_HEADING = /eligib|who (can|may) apply|requirements? for applicants|applicant requirements|qualifications|応募資格|応募要件|申請資格|対象者|応募できる|応募対象|^対象$/i;
const ELIGIBILITY_SENTENCE = /\b(eligible to apply|to be eligible|are eligible|is eligible|eligibility (criteria|requirements?) (is|are|include)|applicants? (must|should|shall|need)|must (hold|be|have)|who (can|may) apply|principal investigators? (must|should|shall)|PIs? must|open to (researchers|applicants|scientists)|restricted to|limited to researchers)\b|応募資格|応募要件|申請資格|であること|を有する(者|こと)|対象となる研究者|応募できます|応募可能|必要があります|限ります/i;
const CAVEAT = /subject to change|vary depending|refer to the (official|program)|変更(される|となる)場合|ご確認ください/i;

/** Splits a block into sentences, keeping each sentence's own words. */
export function sentences(text: string): string[] {
  return text.split(/(?<=[.!?。])\s+(?=[A-Z(「“"\u3040-\u30ff\u3400-\u9fff])|(?<=。)/).map((s) => s.trim()).filter(Boolean);
}

/** True when a sentence states who may apply; dates in such a sentence are conditions, not deadlines. */
export function isEligibilitySentence(text: string): boolean {
  return ELIGIBILITY_SENTENCE.test(fold(text)) && !CAVEAT.test(text);
}

export function extractEligibility(raw: string, underEligibilityHeading: boolean, track?: string): Eligibility[] {
  const picked = underEligibilityHeading ? [raw.trim()] : sentences(raw).filter(isEligibilitySentence);
  return picked.filter((s) => s.length >= 12 && !CAVEAT.test(s)).map((text) => ({ text, ...(track ? { track } : {}), evidence: text }));
}
