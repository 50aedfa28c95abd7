/** What a schedule table's header says: the step of the call each column names (公募開始, 締切, Deadline, Result ...). */
import type { DeadlineKind } from '#parsers/schema.ts';
import { fold, memo } from '../document/text.ts';

export type Step = DeadlineKind | 'period';
export interface Column { name: string; step: Step }

/** Word classes of header names: what is sent in, and the verbs that open a call. */
const CALL_NOUN = '(?:applications?|acceptance|calls?|submissions?|proposals?|recruitment|entries)';
const OPEN_WORD = '(?:start(?:s|ing)?|begin(?:s|ning)?|open(?:s|ing)?|launch(?:es)?)';

/**
 * Header words of a schedule, each naming one step; longer names first where one holds another (審査結果通知 before
 * 審査). An opening is a start word and a call word in either order ("Start Acceptance", "Acceptance starts",
 * "Opening of applications"), a closing a deadline or a call word with a closing word ("Call closes", "Close of
 * submissions"); the programme's own running ("Program Implementation", "Exchange period") is a period, not a step.
 */
const STEP_NAMES: Array<[Step, string]> = [
  ['period', '(?:invitation|visit|stay|arrival|fellowship|research|project|support|implementation)\\s+(?:start\\s+)?periods?|periods?\\s+(?:for|of)\\s+(?:arrival|stay|visit|invitation|support|research)(?:\\s+in\\s+japan)?'
    + '|(?:program(?:me)?|project|exchange)\\s+(?:impl\\w*|periods?|dates?)|招へい期間|滞在期間|来日期間|渡日期間|採用期間|研究期間|(?:研究)?実施(?:予定)?期間|支援期間|派遣期間'],
  ['preregistration', 'pre-?registration(?:\\s+deadline)?|事前(?:登録|申請)(?:締切|締め切り|期限)?'],
  ['open', `${CALL_NOUN}\\s+(?:period|${OPEN_WORD}(?:\\s+date)?)|${OPEN_WORD}\\s+(?:of\\s+)?(?:the\\s+)?${CALL_NOUN}|open(?:ing)?\\s+date|call\\s+opens?`
    + '|(?:公募|募集|応募|申請)?受付(?:開始|期間)(?:日時|日|時期)?|(?:公募|募集|応募|申請)(?:開始|期間)(?:日時|日|時期)?'],
  ['submission', `(?:(?:application|submission|proposal|recommendation)\\s+)?deadline|clos(?:e|ing)\\s+date|due\\s+date|${CALL_NOUN}\\s+(?:closes?|closing|ends?)|(?:close|closing|end)\\s+of\\s+(?:the\\s+)?${CALL_NOUN}`
    + '|(?:公募|募集|応募|申請|提出|受付)?(?:締切|締め切り|〆切|期限)(?:日時|日|時刻)?'],
  ['interview', 'interviews?|面接(?:審査|選考)?'],
  ['notification', '(?:notification|announcement)\\s+of\\s+(?:the\\s+)?(?:selection\\s+)?results?|results?\\s+(?:notification|announcement)|results?|notification|announcement|(?:funding\\s+|selection\\s+)?decisions?|採択(?:予定)?(?:時期|日)|(?:採択|採否|選考|審査)?結果(?:の)?(?:通知|発表)?|採択(?:通知|決定|発表)|採否(?:通知|決定)|(?:交付)?内定|交付決定'],
  ['review', '(?:document\\s+)?(?:screening|review)|(?:書類)?(?:審査|選考)(?:期間)?'],
  ['start', 'start\\s+of\\s+(?:research|project|fellowship)|(?:research|project|fellowship|program(?:me)?)\\s+start(?:s|ing)?(?:\\s+date)?|(?:研究|事業|支援|採用)開始(?:日|時期)?'],
];
const STEP = new RegExp(STEP_NAMES.map(([, s]) => `(${s})`).join('|'), 'gi');
/** What may stand between the step names of a header line or a header cell. */
const HEADER_GLUE = /^[\s/・,、|()（）\-–—:：]*$/;

/** A footnote marker beside a header's name: "審査結果通知(※3)", "Deadline*1", "公募締切(注2)". */
const FOOTNOTE = /[(（]\s*(?:※|注|\*)\s*\d{0,2}\s*[)）]|(?:※|\*)\d{0,2}|注\d{1,2}\)?/g;

/**
 * What a header may say of a step besides its name: a bracketed qualifier ("(JST)", "（必着）", "(online)") and
 * whose step it is ("Application deadline at JSPS", "Deadline for host institutions").
 */
const QUALIFIER = /[(（][^)）]{0,16}[)）]|\b(?:at|for|to|by|via)\s+(?:the\s+)?[A-Za-z][\w-]*(?:\s+(?:side|institutions?|office|portal))?/g;

/**
 * The steps a header line or cell names, in order, when naming steps is all it does. Asked of every line and cell
 * of a schedule, several times each: remembered per page (the result is shared, never changed by the callers).
 */
export const stepColumns = memo((text: string): Column[] | undefined => {
  const t = fold(text).replace(FOOTNOTE, '').trim();
  if (!t || t.length > 120) return undefined;
  const columns = [...t.matchAll(STEP)].map((m) => ({ name: m[0].trim(), step: STEP_NAMES[m.slice(1).findIndex(Boolean)]![0] }));
  if (!columns.length || !HEADER_GLUE.test(t.replace(STEP, ' ').replace(QUALIFIER, ' '))) return undefined;
  // A cell naming one step is named as written ("Application deadline at JSPS"), its footnote marks aside.
  return columns.length === 1 ? [{ ...columns[0]!, name: t }] : columns;
});
