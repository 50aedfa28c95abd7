/**
 * Dates whose words name something other than a step of the call: a period of the funded work, of viewing or of
 * an event, a closure of the office, a day something happened ("…に覚書を締結し", "a workshop was held on").
 */
import { KIND_WORDS, phrasesBefore, wordsKind } from './date-words.ts';

/**
 * Periods of the funded work, not steps of the call: support and research periods, and the visits of
 * fellowship programmes ("Visit start period", "Periods for arrival in Japan", 招へい期間).
 */
export const PERIOD_ONLY = /支援期間|研究期間|support period|period of support|research period|project period|duration|(visit|invitation|fellowship|stay|arrival)( start)? periods?|start period|periods? (for|of) (arrival|stay|visit|invitation)|招へい期間|滞在期間|来日期間|渡日期間|採用期間|派遣期間|実施(予定)?期間/i;
/** Periods of something other than the call: when results can be viewed, a notice stays posted, an event runs. */
const OTHER_PERIOD = /(確認|閲覧|公開|掲載|開催|視聴|展示|利用)(可能)?期間|\b(viewing|display|posting|exhibition|event|access) period/i;
/** Days of an event about the call, not a step of it: a briefing, an information session, a webinar ("公募説明会：5月10日", "開催日：…"). */
const EVENT = /開催日時?|説明会|\b(?:information|info|online) sessions?\b|\b(?:briefings?|webinars?)\b/i;
/** Days the office or a system is closed ("年末年始休業", "The office will be closed from …", "system maintenance"): no step of the call. */
const CLOSURE = /年末年始|休業|休館|閉庁|夏季休暇|メンテナンス|\b(?:office|offices|desk|we)\b[^.;。]{0,30}\bclosed\b|\b(?:public |national |new year |year-end |summer )?holidays?\b|\bmaintenance\b/i;
export const isPeriod = (text: string): boolean => (PERIOD_ONLY.test(text) || OTHER_PERIOD.test(text)) && !/deadline|締切|〆切|期限/i.test(text);

const NOT_A_STEP = new RegExp(`${PERIOD_ONLY.source}|${OTHER_PERIOD.source}|${EVENT.source}|${CLOSURE.source}`, 'gi');
const STEP_WORDS = new RegExp(KIND_WORDS.map(([, re]) => re.source).join('|'), 'gi');
const lastEnd = (text: string, re: RegExp): number => [...text.matchAll(re)].reduce((end, m) => Math.max(end, m.index + m[0].length), -1);

/**
 * Whether the words nearest before a date name something other than a step of the call: a period of the funded
 * work ("研究期間：5年間（2025年12月～", "Fellowship Start Period:"), of viewing or of an event, a closure. The nearest
 * name wins, so "research up to three years in duration (call open from June 22" is the call's; undefined when the
 * words name neither.
 */
export function namesNoStep(words: string): boolean | undefined {
  // An event in the date's own phrase owns it, whichever word order: "説明会の申込締切：", "Registration deadline for the briefing:".
  if (EVENT.test(phrasesBefore(words).find((p) => /[\p{L}]/u.test(p)) ?? '')) return true;
  // "A workshop was held on", "…, with which AMED signed a MOU on", "国際会議(平成29年…": the clause the date stands in names
  // an event or an agreement and no step, whatever the sentence said before it ("…覚書を締結し、6月4日から" is the next clause's).
  const clause = words.split(/[、,;；]/).at(-1)!;
  if (EVENT_DAY.test(clause) && lastEnd(clause, STEP_WORDS) < 0) return true;
  const other = lastEnd(words, NOT_A_STEP);
  const step = lastEnd(words, STEP_WORDS);
  if (other >= 0) return other >= step;
  return step >= 0 ? false : undefined;
}

/** Whether the words name something other than a step, closer to the date than any step they name. */
export const namesOtherFirst = (words: string): boolean => {
  const other = lastEnd(words, NOT_A_STEP);
  return other >= 0 && other >= lastEnd(words, STEP_WORDS);
};

/** An event or an agreement, which makes a date no step only where no step is named beside it ("Joint Seminars: deadline" is a step). */
const EVENT_DAY = /\b(?:workshops?|symposi(?:um|a)|seminars?|conferences?|forums?|ceremon(?:y|ies)|meetings?|held|hosted|takes? place|took place|signed|signing|signature)\b|シンポジウム|ワークショップ|セミナー|式典|会議|調印|署名|締結/i;

/**
 * What happened on a date, said in its clause after it: signed, held, occurred, closed ("…に覚書を締結し、",
 * "…は当機構年末年始休業のため", "…にネパールで発生した"): a day of the call's story, not a step of it.
 */
const HAPPENED = /締結|署名|調印|開催|発生|年末年始|休業|休館|休止|停止|閉庁|閣議決定|メンテナンス|\b(?:signed|held|took place|occurred|struck|hit|closed for|holidays?|maintenance)\b/i;
export function happenedAfter(after: string): boolean {
  // The clause ends at a comma, a full stop, or an aside opened in brackets ("May 12 (an information session will be held …)").
  const clause = after.split(/[、。,;；]|\.(?:\s|$)|\s[(（]|^\s*[(（](?![^)）]{0,4}[)）])/)[0]!;
  return !wordsKind(clause) && HAPPENED.test(clause);
}
