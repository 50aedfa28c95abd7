/** The label lines a block of dates stands under, when the layout set them on lines of their own. */
import { fold } from '../document/text.ts';
import { findDates } from './date-grammar.ts';
import { wordsKind } from './date-words.ts';
import { namesOtherFirst } from './non-step-dates.ts';

/**
 * The label line a block of dates stands under when the layout set it on a line of its own ("Application
 * Period:", "公募期間", "応募書類の提出(送信)期限"): short, no date of its own, not a sentence.
 */
export function dateLead(previous: string | undefined): string | undefined {
  const full = fold(previous ?? '');
  // "Application deadline (The submission via e-Rad must be completed.)": the label is what stands before its aside.
  const t = full.replace(ASIDE_AFTER, '').trim();
  if (!t || t.length > 40 || /[.。!?！？]$/.test(t) || findDates(full).length) return undefined;
  return t;
}
// Long enough to be a remark, so a label's own bracket ("基盤研究(S・A)", "(予定)") stays.
const ASIDE_AFTER = /\s*[(（][^()（）]{12,}[)）]\s*$/;
/** A line that is nothing but an aside in brackets ("(Deadline date and time for submission via e-Rad)"). */
const ASIDE_LINE = /^\s*[(（][^()（）]*[)）]\s*$/;

/** A note under an entry ("※上記期限までに…送信すること。", "* Japan time"): it belongs to the entry above it. */
const NOTE = /^\s*(?:※|\*|注|[(（]注)/;
const isLoneDate = (line: string): boolean => line.length <= 60 && findDates(fold(line)).length > 0;

/**
 * The label lines a block stands under, nearest first: the nearest, and when it names no step, the label lines above
 * it up to one that does, read as one label ("応募書類の提出(送信)期限・提出先" over "特別推進研究、基盤研究(S・A)" over
 * "令和3(2021)年9月6日(月)午後4時30分": the step from the outer line, the track from the inner). Earlier entries of the
 * same list (a track line, its date, its ※ note) are passed over to the step line they share. At most eight lines.
 */
export function leadAbove(lines: Array<string | undefined>): string | undefined {
  const own: string[] = [];
  let siblings = false;
  for (const line of lines.slice(0, 8)) {
    // An aside between a label and its date ("Application deadline" / "(via e-Rad)" / the date) is passed over.
    if (line && !own.length && ASIDE_LINE.test(fold(line)) && !findDates(fold(line)).length) continue;
    if (line && own.length && NOTE.test(line)) {
      siblings = true;
      continue;
    }
    const lead = dateLead(line);
    if (lead && (wordsKind(lead) || namesOtherFirst(lead))) return [lead, ...own.slice().reverse()].join(' ');
    if (lead && !siblings) own.push(lead);
    else if (!lead && own.length && line && isLoneDate(line)) siblings = true;
    else if (!lead) break;
  }
  return own[0];
}
