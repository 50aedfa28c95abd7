/**
 * Dates of the page's history rather than of the call: when it was posted or changed ("Posted: March 31, 2026",
 * "1月25日掲載", a change-log entry), the previous cycle's dates printed for comparison, and the old day of a step
 * the text moved ("May 12 → May 19").
 */
import { DAY_MS } from '#lib/japan-time.ts';
import type { DateHit } from './date-grammar.ts';
import { wordsKind } from './date-words.ts';

// POSTED_BEFORE and POSTED_AROUND are exported for parsers/explain/, which says why a date was left.
export const POSTED_BEFORE = /\b(posted|published|released|updated|revised|added|uploaded|as of|press release(?: of| dated)?)\s*(on)?\s*[:：]?\s*$|(掲載|公開|更新|改訂|追加)日?\s*[:：]?\s*$|(?:プレスリリース|報道発表)\s*[(（:：]?\s*$/i;
export const POSTED_AROUND = /\b(has|have) been (added|updated|published|posted|revised|uploaded|released)\b|(掲載|更新|公開|追加)しました/i;
/**
 * A change-log entry ("Update information for Theme 1 - Annex 10 Letter of Intent - 8 April 2020", "更新：…"): its
 * dates are when the change was made, unless the words just before one give a step its new day ("extended until 30 July").
 */
const CHANGE_ENTRY = /^\W*(updated?|update information|revised|revision|correction|amendment|更新|修正|訂正|変更)/i;
const NEW_DAY = /\b(extended|postponed|changed|moved|brought forward|deadline|until|till|to)\b[^.;]{0,12}$|(まで|締切|期限|延長|変更)[^。]{0,6}$/i;
export const isChangeEntry = (sentence: string, before: string): boolean => CHANGE_ENTRY.test(sentence) && !NEW_DAY.test(before.slice(-40));
/** "1月25日掲載", "1月30日(火)開催", "令和2年7月7日付で": the day something was posted or held. */
export const POSTED_AFTER = /^\s*(掲載|公開|更新|追記|開催|付で|付け)/;
/** The previous cycle's dates, printed in brackets beside this cycle's ("(昨年度：2024年5月13日)", "(last year: May 13)"). */
const PREVIOUS_CYCLE = /previous|last (year|call|round|time)|prior (year|call)|前回|前年度|昨年度|昨年|過去/i;

/** Where the bracket a date stands in opens, or -1 when it stands in none. */
function bracketOpen(text: string, hit: DateHit): number {
  const open = text.lastIndexOf('(', hit.start);
  return open < 0 || text.slice(open, hit.start).includes(')') ? -1 : open;
}

/** Whether a date sits in brackets that speak of the previous cycle ("(昨年度：2024年5月13日)"). */
export function inPreviousCycle(text: string, hit: DateHit): boolean {
  const open = bracketOpen(text, hit);
  return open >= 0 && PREVIOUS_CYCLE.test(text.slice(open, hit.start));
}

/** What may stand between a day and the mark that replaces it: its weekday, time and zone. */
const DAY_DRESS = /[(（]\s*(?:[月火水木金土日]|Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z.]*\s*[)）]|\d{1,2}:\d{2}|正午|\bnoon\b|午[前後]\s*\d{1,2}\s*時(?:\s*\d{1,2}\s*分)?|\d{1,2}\s*時(?:\s*\d{1,2}\s*分)?|\b\d{1,2}\s*[ap]\.?m\b\.?|\bJST\b|日本時間/gi;
const REPLACED_BY = /^[\s,;:、)）]*[(（]?\s*(?:→|⇒|->|=>|(?:has been |was |is |to be )?(?:extended|postponed|changed|moved|deferred)\s+(?:to|until|till)\b)/i;
const REPLACED_FROM = /\b(?:extended|postponed|changed|moved|deferred)\s+from\s*$/i;
const REPLACED_JA = /^[^。]{0,16}?(?:に|へ)(?:延長|変更|繰り下げ)/;

/** Whether a date is the old day of a step the text gives a new one (an extension, a change): the new day is the step's. */
export function isSuperseded(text: string, dates: DateHit[], i: number, before: string, after: string): boolean {
  const next = dates[i + 1];
  if (!next) return false;
  if (REPLACED_BY.test(after.replace(DAY_DRESS, ' ')) || REPLACED_FROM.test(before)) return true;
  // "締切を5月12日から5月19日に延長しました": the day after から is the new one.
  return /^\s*(?:\([^)]*\))?\s*(?:正午|\d{1,2}\s*時)?\s*から\s*$/.test(after) && REPLACED_JA.test(text.slice(next.end));
}

const HALF_YEAR = 182 * DAY_MS;
const dayValue = (day: string): number => Date.parse(day.length === 7 ? `${day}-01` : day);

/**
 * A date in brackets after this cycle's date and half a year or more before it, with no word of a step
 * beside it: "令和5年6月19日 (令和4年9月5日)" in a schedule, "(注:基盤Aのみ令和4年7月1日)". Schedules print the
 * previous cycle's dates that way, for comparison. "(pre-registration by 20 April)" says its step and stays.
 */
export function isComparison(text: string, dates: DateHit[], days: string[], i: number): boolean {
  const open = bracketOpen(text, dates[i]!);
  if (open < 0 || wordsKind(text.slice(open, dates[i]!.start))) return false;
  const anchor = dates.findLastIndex((d, j) => j < i && d.end <= open && Boolean(days[j]) && bracketOpen(text, d) < 0);
  return anchor >= 0 && dayValue(days[anchor]!) - dayValue(days[i]!) >= HALF_YEAR;
}
