/** Eligibility: the sentences that say who may apply, in English and Japanese. */
import type { Eligibility } from '#parsers/schema.ts';
import { fold } from '../document/text.ts';

export const ELIGIBILITY_HEADING = /eligib|who (can|may) apply|requirements? for applicants|applicant requirements|qualifications|応募資格|応募要件|申請資格|対象者|応募できる/i;
const ELIGIBILITY_SENTENCE = /\b(eligible|eligibility|applicants? (must|should|shall|need)|must (hold|be|have)|who (can|may) apply|principal investigators? (must|should)|open to researchers)\b|応募資格|応募要件|申請資格|であること|を有する(者|こと)|対象となる研究者|応募できます|応募可能/i;

/** Splits a block into sentences, keeping each sentence's own words. */
function sentences(text: string): string[] {
  return text.split(/(?<=[.!?。])\s+(?=[A-Z(「])|(?<=。)/).map((s) => s.trim()).filter(Boolean);
}

export function extractEligibility(raw: string, underEligibilityHeading: boolean): Eligibility[] {
  const picked = underEligibilityHeading ? [raw.trim()] : sentences(raw).filter((s) => ELIGIBILITY_SENTENCE.test(fold(s)));
  return picked.filter((s) => s.length >= 12).map((text) => ({ text, evidence: text }));
}
