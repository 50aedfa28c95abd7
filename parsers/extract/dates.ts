/**
 * Deadlines, open dates and the other steps of a call, from the dates a block writes (date-grammar.ts
 * reads the dates themselves). Matching runs on NFKC-folded text (full-width digits and brackets become
 * plain), evidence is the block's own text. Vague forms stay honest: "End of March 2025" is month
 * precision with no moment, "TBD"/"未定" is no deadline at all.
 */
import type { Deadline, DeadlineKind } from '#parsers/schema.ts';
import { fold, memo } from '../document/text.ts';
import { eraYear, findDates, lastDay, weekdayFits, type DateHit } from './date-grammar.ts';
import { findTimes, type TimeHit } from './time-grammar.ts';
import { isCondition, KIND_WORDS, kindAfter, leadingLine, nearestKind, phrasesBefore, stepLine, wordsKind } from './date-words.ts';
import { toJst, withoutZones, zoneAfter } from './time-zones.ts';

export { findDates, type DateHit } from './date-grammar.ts';

/** Words that make a date a programme date at all; "As of July 1, 2024" or a slide's own date are not. */
// Exported for parsers/explain/, which says why a date was left.
export const SCHEDULE = /deadline|due|submi|call|pre-?regist|registration|letter of intent|事前登録|事前連絡|エントリー|solicitation|application|apply|accept|period|open|clos|launch|interview|review|screening|evaluation|selection|notif|start|announce|proposal|no later than|not later than|on or before|締切|〆切|締め切り|期限|提出|必着|消印|公募|募集|応募|申請|受付|面接|審査|選考|採択|通知|開始|期間|スケジュール|予定|までに/i;
const TIME_WORDS = /\b\d{1,2}(:\d{2})?\s*[ap]\.?m\b\.?|\bnoon\b|正午|\d{1,2}:\d{2}|(午[前後]\s*)?\d{1,2}\s*時(\s*\d{1,2}\s*分)?/gi;

/**
 * Periods of the funded work, not steps of the call: support and research periods, and the visits of
 * fellowship programmes ("Visit start period", "Periods for arrival in Japan", 招へい期間).
 */
export const PERIOD_ONLY = /支援期間|研究期間|support period|period of support|research period|project period|duration|(visit|invitation|fellowship|stay|arrival)( start)? periods?|start period|periods? (for|of) (arrival|stay|visit|invitation)|招へい期間|滞在期間|来日期間|渡日期間|採用期間|派遣期間|実施(予定)?期間/i;
// POSTED_BEFORE and POSTED_AROUND are exported for parsers/explain/, which says why a date was left.
export const POSTED_BEFORE = /\b(posted|published|released|updated|revised|added|uploaded|as of|press release(?: of| dated)?)\s*(on)?\s*[:：]?\s*$|(掲載|公開|更新|改訂|追加)日?\s*[:：]?\s*$|(?:プレスリリース|報道発表)\s*[(（:：]?\s*$/i;
export const POSTED_AROUND = /\b(has|have) been (added|updated|published|posted|revised|uploaded|released)\b|(掲載|更新|公開|追加)しました/i;
/**
 * A change-log entry ("Update information for Theme 1 - Annex 10 Letter of Intent - 8 April 2020", "更新：…"): its
 * dates are when the change was made, unless the words just before one give a step its new day ("extended until 30 July").
 */
const CHANGE_ENTRY = /^\W*(updated?|update information|revised|revision|correction|amendment|更新|修正|訂正|変更)/i;
const NEW_DAY = /\b(extended|postponed|changed|moved|brought forward|deadline|until|till|to)\b[^.;]{0,12}$|(まで|締切|期限|延長|変更)[^。]{0,6}$/i;
const isChangeEntry = (sentence: string, before: string): boolean => CHANGE_ENTRY.test(sentence) && !NEW_DAY.test(before.slice(-40));
/** "1月25日掲載", "1月30日(火)開催", "令和2年7月7日付で": the day something was posted or held. */
const POSTED_AFTER = /^\s*(掲載|公開|更新|追記|開催|付で|付け)/;
/** "3月8日(金)から利用できます", "6月26日(月)から開始します", "から申請を受け付けています": the day a call opens. */
const OPENS_AFTER = /^\s*(から|より)[^。.]{0,20}?(開始|受付|受け付け|利用|申請|応募|募集|公募)/;
/** The previous cycle's dates, printed in brackets beside this cycle's ("(昨年度：2024年5月13日)", "(last year: May 13)"). */
const PREVIOUS_CYCLE = /previous|last (year|call|round|time)|prior (year|call)|前回|前年度|昨年度|昨年|過去/i;
/** The sentence a date stands in, and where it starts and ends in the text. */
const sentenceSpan = (text: string, hit: { start: number; end: number }): { text: string; start: number; end: number } => {
  const start = Math.max(text.lastIndexOf('. ', hit.start), text.lastIndexOf('。', hit.start)) + 1;
  const stops = [text.indexOf('. ', hit.end), text.indexOf('。', hit.end)].filter((n) => n >= 0);
  const end = stops.length ? Math.min(...stops) + 1 : text.length;
  return { text: text.slice(start, end), start, end };
};
/**
 * The words of `before` in the sentence the date stands in: a kind word of an earlier sentence says nothing of it,
 * and words that end in a full stop ("…募集を開始しました。6月18日の…") end before the date's sentence begins.
 */
const sameSentence = (before: string): string => (/(?:[。！？]|[a-z)]{2}\.)\s*$/.test(before) ? '' : before.split(/(?<=[。！？])|(?<=[a-z)]{2}\.)\s+(?=[A-Z])/).at(-1)!);
/** Words after a date that make it a plan rather than a promise. */
const TENTATIVE = /予定|頃|ごろ|見込み|目途|\b(planned|tentative|tentatively|expected|TBC|TBD|approx(imately)?|around|about|scheduled)\b|上旬|中旬|下旬|\b(early|mid|late)\b/i;
/** A heading that makes every date under it part of the programme's schedule, even without a kind word. */
const SCHEDULE_HEADING = /schedule|timeline|important dates|key dates|スケジュール|日程/i;
/** A range mark between two dates ("~", "–", "to", "から"), and one whose end was cut off ("(令和元年9月10日~11月11"). */
const RANGE_MARK = /^\W{0,3}[-–—~〜～]|^\s*(to|until|through|till)\b|^\s*(から|より)[、,]?\s*$/i;
const DANGLING_RANGE = /^\s*[-–—~〜～]\s*[\d月]*\s*$/;
/** What may stand between a range's two dates besides its mark: the start's time and weekday, a zone. */
const RANGE_NOISE = /\b(Mon|Tues?|Wed(nes)?|Thu(rs)?|Fri|Sat(ur)?|Sun)(day)?\b\.?,?|\d{1,2}:\d{2}|正午|\bnoon\b|午[前後]\s*\d{1,2}\s*時(\s*\d{1,2}\s*分)?|\d{1,2}\s*時(\s*\d{1,2}\s*分)?|\(\s*(JST|日本時間|Japan time)\s*\)/gi;
/** Whether two dates are the ends of one range ("4月1日（火）10:00～5月12日", "from Tuesday, 1 April to Monday, 12 May 2025"). */
function joined(text: string, a: DateHit, b: DateHit): boolean {
  // "April 5 (Mon.) ~ Noon (12:00, Japan time) on June 8": what is left between them once times and zones go.
  const between = withoutZones(text.slice(a.end, b.start).replace(RANGE_NOISE, ' ')).replace(/[(（][\s,、]*[)）]/g, ' ').replace(/\s(on|at)\s*$/i, ' ');
  // "between 3 and 9 July": "and" joins a range only after "between".
  if (/^\s*and\s*$/i.test(between)) return /\bbetween\s*$/i.test(text.slice(Math.max(0, a.start - 12), a.start));
  return between.length < 24 && RANGE_MARK.test(between);
}
const pad = (n: number): string => String(n).padStart(2, '0');

export interface DateContext {
  /** The latest full year seen before this block, for dates written without one. */
  year?: number;
  /** The heading the block stands under ("Application period"): it says what the block's dates are. */
  heading?: string;
  /** A short line just before the block that names it ("Application Period:", "公募期間"), as a heading would. */
  lead?: string;
  /** The page's own words to quote when `raw` was assembled for reading (a table row as "Header: cell ; ..."). */
  evidence?: string;
  /** What a schedule table's column says every date in the text is (a range under an "open" column is the call window). */
  kind?: DeadlineKind;
  /** The label a schedule table gives the text's dates (its row and column). */
  label?: string;
  /**
   * Whether the sentence a date stands in (and the date's own words) states who may apply: such a date is a
   * condition ("employed since April 1, 2020"), unless the sentence names a step of the call (program.ts asks
   * the eligibility classifier).
   */
  condition?: (sentence: string, date: string) => boolean;
}

/**
 * The words just before a date say what it is; words right after it can say it opens the call
 * ("から受け付けています"), is sent ("に通知") or must arrive ("必着"); a range with no such words is a call window (it opens at its start and
 * closes, the submission deadline, at its end); failing that, the sentence, the lead line or the heading.
 */
function kindOf(before: string, after: string, context: { lead: string; around: string; window: string; span: number }, range: 'start' | 'end' | undefined, startKind: DeadlineKind | undefined, next: boolean): DeadlineKind {
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
function columnKind(kind: DeadlineKind, range: 'start' | 'end' | undefined): DeadlineKind {
  return kind === 'open' && range === 'end' ? 'submission' : kind;
}

/** Periods of something other than the call: when results can be viewed, a notice stays posted, an event runs. */
const OTHER_PERIOD = /(確認|閲覧|公開|掲載|開催|視聴|展示|利用)(可能)?期間|\b(viewing|display|posting|exhibition|event|access) period/i;
/** Days the office or a system is closed ("年末年始休業", "The office will be closed from …", "system maintenance"): no step of the call. */
/** Days of an event about the call, not a step of it: a briefing, an information session, a webinar ("公募説明会：5月10日", "開催日：…"). */
const EVENT = /開催日時?|説明会|\b(?:information|info|online) sessions?\b|\b(?:briefings?|webinars?)\b/i;
const CLOSURE = /年末年始|休業|休館|閉庁|夏季休暇|メンテナンス|\b(?:office|offices|desk|we)\b[^.;。]{0,30}\bclosed\b|\b(?:public |national |new year |year-end |summer )?holidays?\b|\bmaintenance\b/i;
const isPeriod = (text: string): boolean => (PERIOD_ONLY.test(text) || OTHER_PERIOD.test(text)) && !/deadline|締切|〆切|期限/i.test(text);

const NOT_A_STEP = new RegExp(`${PERIOD_ONLY.source}|${OTHER_PERIOD.source}|${EVENT.source}|${CLOSURE.source}`, 'gi');
const STEP_WORDS = new RegExp(KIND_WORDS.map(([, re]) => re.source).join('|'), 'gi');
const lastEnd = (text: string, re: RegExp): number => [...text.matchAll(re)].reduce((end, m) => Math.max(end, m.index + m[0].length), -1);

/**
 * Whether the words nearest before a date name something other than a step of the call: a period of the funded
 * work ("研究期間：5年間（2025年12月～", "Fellowship Start Period:"), of viewing or of an event, a closure. The nearest
 * name wins, so "research up to three years in duration (call open from June 22" is the call's; undefined when the
 * words name neither.
 */
function namesNoStep(words: string): boolean | undefined {
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
const namesOtherFirst = (words: string): boolean => {
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
function happenedAfter(after: string): boolean {
  // The clause ends at a comma, a full stop, or an aside opened in brackets ("May 12 (an information session will be held …)").
  const clause = after.split(/[、。,;；]|\.(?:\s|$)|\s[(（]|^\s*[(（](?![^)）]{0,4}[)）])/)[0]!;
  return !wordsKind(clause) && HAPPENED.test(clause);
}

/** Where the bracket a date stands in opens, or -1 when it stands in none. */
function bracketOpen(text: string, hit: DateHit): number {
  const open = text.lastIndexOf('(', hit.start);
  return open < 0 || text.slice(open, hit.start).includes(')') ? -1 : open;
}

/** Whether a date sits in brackets that speak of the previous cycle ("(昨年度：2024年5月13日)"). */
function inPreviousCycle(text: string, hit: DateHit): boolean {
  const open = bracketOpen(text, hit);
  return open >= 0 && PREVIOUS_CYCLE.test(text.slice(open, hit.start));
}

/** What may stand between a day and the mark that replaces it: its weekday, time and zone. */
const DAY_DRESS = /[(（]\s*(?:[月火水木金土日]|Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z.]*\s*[)）]|\d{1,2}:\d{2}|正午|\bnoon\b|午[前後]\s*\d{1,2}\s*時(?:\s*\d{1,2}\s*分)?|\d{1,2}\s*時(?:\s*\d{1,2}\s*分)?|\b\d{1,2}\s*[ap]\.?m\b\.?|\bJST\b|日本時間/gi;
const REPLACED_BY = /^[\s,;:、)）]*[(（]?\s*(?:→|⇒|->|=>|(?:has been |was |is |to be )?(?:extended|postponed|changed|moved|deferred)\s+(?:to|until|till)\b)/i;
const REPLACED_FROM = /\b(?:extended|postponed|changed|moved|deferred)\s+from\s*$/i;
const REPLACED_JA = /^[^。]{0,16}?(?:に|へ)(?:延長|変更|繰り下げ)/;

/** Whether a date is the old day of a step the text gives a new one (an extension, a change): the new day is the step's. */
function isSuperseded(text: string, dates: DateHit[], i: number, before: string, after: string): boolean {
  const next = dates[i + 1];
  if (!next) return false;
  if (REPLACED_BY.test(after.replace(DAY_DRESS, ' ')) || REPLACED_FROM.test(before)) return true;
  // "締切を5月12日から5月19日に延長しました": the day after から is the new one.
  return /^\s*(?:\([^)]*\))?\s*(?:正午|\d{1,2}\s*時)?\s*から\s*$/.test(after) && REPLACED_JA.test(text.slice(next.end));
}

const HALF_YEAR = 182 * 86_400_000;

/** How many days a range spans, from the start's year (its end's year as the grammar read it, else the same or the next). */
function spanDays(dates: DateHit[], i: number, range: 'start' | 'end' | undefined, year: number): number {
  const [a, b] = range === 'start' ? [dates[i], dates[i + 1]] : range === 'end' ? [dates[i - 1], dates[i]] : [];
  if (!a || !b) return 0;
  const startYear = range === 'start' ? year : a.year ?? year;
  const endYear = range === 'end' ? year : b.year ?? (b.month * 100 + (b.day ?? 31) < a.month * 100 + (a.day ?? 1) ? startYear + 1 : startYear);
  return (Date.UTC(endYear, b.month - 1, b.day ?? 28) - Date.UTC(startYear, a.month - 1, a.day ?? 1)) / 86_400_000;
}
const dayValue = (day: string): number => Date.parse(day.length === 7 ? `${day}-01` : day);

/**
 * A date in brackets after this cycle's date and half a year or more before it, with no word of a step
 * beside it: "令和5年6月19日 (令和4年9月5日)" in a schedule, "(注:基盤Aのみ令和4年7月1日)". Schedules print the
 * previous cycle's dates that way, for comparison. "(pre-registration by 20 April)" says its step and stays.
 */
function isComparison(text: string, dates: DateHit[], days: string[], i: number): boolean {
  const open = bracketOpen(text, dates[i]!);
  if (open < 0 || wordsKind(text.slice(open, dates[i]!.start))) return false;
  const anchor = dates.findLastIndex((d, j) => j < i && d.end <= open && Boolean(days[j]) && bracketOpen(text, d) < 0);
  return anchor >= 0 && dayValue(days[anchor]!) - dayValue(days[i]!) >= HALF_YEAR;
}

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

/** A sentence that names a step of the call keeps its dates, whoever else it speaks of ("Applicants must submit by …"). */
const STEP_SENTENCE = /deadline|\bdue\b|submi|締切|〆切|締め切り|期限|提出|必着/i;
const statesWhoMayApply = (context: DateContext, sentence: string, date: string): boolean =>
  Boolean(context.condition) && !STEP_SENTENCE.test(sentence) && context.condition!(sentence, date);

/**
 * Words before a date that bound it without naming a step ("no later than", "by", "until", 遅くとも), and the
 * connectives that may stand with them. A date after nothing else in its sentence ("…as early as October but no later
 * than 31 March") ends the step the date before it began.
 */
const BOUNDS = /\b(?:no|not) later than\b|\bon or before\b|\bby\b|\buntil\b|\btill\b|遅くとも/gi;
const CONNECTIVE = /^(?:[\s,、]|\b(?:but|and|or|yet|then|also|at the latest)\b)*$/i;
const endsThatStep = (before: string): boolean => {
  const words = sameSentence(before);
  const left = words.replace(BOUNDS, ' ');
  return left !== words && CONNECTIVE.test(left);
};

/** Before a line's first date, only brackets, a bullet or an item number: "(5/17) …", "・2025年5月12日 …", "(3)11月10日 …". */
const LINE_HEAD = /^[\s([【・•*\-]*(?:\d{1,2}[.)）]|\(\d{1,2}\)|[①-⑳])?[\s([【]*$/;

/** Deadlines in one block of text; `label` is the words before the date. */
export function extractDeadlines(raw: string, context: DateContext = {}): Deadline[] {
  const text = fold(raw);
  const heading = fold(context.heading ?? '');
  const lead = fold(context.lead ?? '');
  if (!context.kind && !SCHEDULE.test(`${heading} ${lead} ${text}`)) return [];
  const dates = findDates(text);
  if (dates.length === 0) return [];
  const times = findTimes(text, dates);
  const rangeStarts = dates.map((hit, i) => (i + 1 < dates.length && joined(text, hit, dates[i + 1]!))
    || (i + 1 === dates.length && DANGLING_RANGE.test(text.slice(hit.end))));
  // A year written earlier in the same block ("2025 call for proposals: April 10 ...") beats the context.
  let year = (dates[0] && lastYearIn(text.slice(0, dates[0].start))) || context.year;
  const days: string[] = [];
  let startKind: DeadlineKind | undefined;
  let startLabel = '';
  // The label of a day the text replaced ("締切：5月12日 → 5月19日") is the new day's.
  let replacedLabel = '';
  let replacedKind: DeadlineKind | undefined;
  let listed: { kind: DeadlineKind; sentence: number; label: string } | undefined;
  let rangeStep: DeadlineKind | undefined;
  let rangeLabel = '';
  return dates.flatMap((hit, i) => {
    const inferred = hit.year === undefined;
    const range = rangeStarts[i] ? 'start' : rangeStarts[i - 1] ? 'end' : undefined;
    const y = hit.year ?? yearOf(hit, dates, i, range, year, text);
    // No year in sight: no date is invented. "11月31日" is no day at all.
    if (y === undefined || (hit.day && hit.day > lastDay(y, hit.month))) return [];
    year = y;
    const day = (days[i] = hit.day ? `${y}-${pad(hit.month)}-${pad(hit.day)}` : `${y}-${pad(hit.month)}`);
    const before = text.slice(dates[i - 1]?.end ?? 0, hit.start);
    const after = text.slice(hit.end, dates[i + 1]?.start ?? text.length);
    // A line led by its date is a news line (when it was posted), a notice that the call opened, or a schedule line naming its step.
    // A news line is told by the whole line; a step, by the words up to the next date ("令和8年4月3日に協定を締結し、4月10日に
    // 公募を開始しました" opens on the 10th).
    const whole = i === 0 && !range && !context.kind && LINE_HEAD.test(before) ? leadingLine(text.slice(hit.end)) : undefined;
    const line = whole && whole !== 'news' && dates[i + 1] ? leadingLine(after) : whole;
    if (line === 'news') return [];
    // A range that leads its line names its step after its end ("12–14 May 2026 Interviews", "6月1日～14日 公募期間").
    if (i === 0 && range === 'start' && !context.kind && LINE_HEAD.test(before)) {
      const step = stepLine(text.slice(dates[1]!.end, dates[2]?.start ?? text.length));
      rangeStep = step && step !== 'news' ? step : undefined;
      rangeLabel = rangeStep ? tidy(firstPhrase(text.slice(dates[1]!.end, dates[2]?.start ?? text.length))).slice(0, 80) : '';
    }
    // "Posted: March 31, 2026", "forms have been added (April 14, 2026)", "1月25日掲載": when the page changed, not a date of the call.
    const sentence = sentenceSpan(text, hit);
    if (POSTED_BEFORE.test(before) || POSTED_AFTER.test(after) || (!line && !wordsKind(before) && POSTED_AROUND.test(sentence.text)) || isChangeEntry(sentence.text, before)) return [];
    // The previous cycle's dates are printed for comparison: neither this call's deadline nor a change of it.
    if (inPreviousCycle(text, hit) || isComparison(text, dates, days, i)) return [];
    // "May 12 → May 19", "May 12 (extended to May 19)", "extended from May 12 to May 19", "5月12日から5月19日に延長": the old day.
    if (isSuperseded(text, dates, i, before, after)) {
      replacedLabel = labelFrom(before) || tidy(lead || heading).slice(0, 80);
      replacedKind = wordsKind(`${sameSentence(before)} ${lead} ${heading}`);
      return [];
    }
    // A support period's months ("研究期間：5年間（2025年12月～2031年3月）"), a closure, an event: what the nearest words
    // before the date (before its range) name, else its label line; a happening its clause tells after it (締結, 休業).
    const own = sameSentence(range === 'end' ? text.slice(dates[i - 2]?.end ?? 0, dates[i - 1]!.start) : before);
    if (!context.kind && (namesNoStep(own) ?? namesNoStep(lead) ?? false)) return [];
    const clauseAfter = range === 'start' && dates[i + 1] ? text.slice(dates[i + 1]!.end, dates[i + 2]?.start ?? text.length) : after;
    if (!context.kind && !line && happenedAfter(clauseAfter)) return [];
    // "平成29年3月31日までに所定の単位を修得", "平成29年4月1日現在": a condition on who may apply.
    if (!context.kind && !line && (isCondition(sameSentence(before), after) || statesWhoMayApply(context, sentence.text, text.slice(hit.start, hit.end)))) return [];
    // The sentence speaks for a date only when it holds no other (a range is one): "JSTとDFGの間で、4月15日に覚書を締結し、
    // 6月4日から7月31日までの間、…募集を行った" does not make April 15 a step of the call.
    const alone = dates.every((d, j) => j === i || j === (range === 'start' ? i + 1 : range === 'end' ? i - 1 : -1) || d.end <= sentence.start || d.start >= sentence.end);
    const around = `${alone ? sentence.text : ''} ${lead} ${heading}`;
    const window = rangeStep === 'open' || rangeStep === 'submission' ? (range === 'start' ? 'open' : 'submission') : rangeStep;
    if (range === 'end') rangeStep = undefined;
    const read = context.kind ? columnKind(context.kind, range) : line ?? (range ? window : undefined) ?? kindOf(before, after, { lead, around, window: `${sentence.text} ${lead} ${heading}`, span: spanDays(dates, i, range, y) }, range, startKind, i + 1 < dates.length);
    // The new day of a moved step is that step; a date listed after another in its sentence with no word of its own
    // shares its step ("The deadlines are May 12 for Course A and June 1 for Course B", "締切は、Aが5月12日、Bが6月1日").
    const shared = !range && listed?.sentence === sentence.start ? listed.kind : undefined;
    // "begin … as early as late October but no later than 31 March": a bound alone ends the step of the date before it.
    const ended = shared && !context.kind && endsThatStep(before) ? (shared === 'open' ? 'submission' : shared) : undefined;
    const kind = ended ?? (read === 'other' ? replacedKind ?? shared ?? read : read);
    replacedKind = undefined;
    const sharedLabel = kind === shared && read === 'other' ? listed?.label : undefined;
    listed = kind === 'other' ? undefined : { kind, sentence: sentence.start, label: '' };
    startKind = range === 'start' ? kind : undefined;
    // A date that no word ties to the call ("令和7年3月14日（金）" on a title slide) is not a deadline; under a schedule
    // heading a bare date is a step the page does not name, but a date whose words name something else ("15 June
    // Opening ceremony", "Orientation: 15 June") is that thing's.
    if (kind === 'other' && (!SCHEDULE_HEADING.test(`${heading} ${lead}`) || /\p{L}{2}/u.test(withoutZones(`${sameSentence(before)} ${after}`.replace(TIME_WORDS, ' '))))) return [];
    // "（予定）" after a range is said of both its ends.
    const tentative = isTentative(text, dates, i) || (range === 'start' && i + 1 < dates.length && isTentative(text, dates, i + 1));
    // A line led by its date names its step after it ("9 Sep 2013 Closing for ..."), whatever stands before ("(3)").
    const label = context.label ?? ((line ? tidy(firstPhrase(after)).slice(0, 80) : '') || (range ? rangeLabel : '') || replacedLabel || sharedLabel || labelFrom(before) || (range === 'end' ? startLabel : '')
      || tidy(lead || heading).slice(0, 80));
    if (listed) listed.label = label;
    if (range === 'end') rangeLabel = '';
    replacedLabel = '';
    startLabel = range === 'start' ? label : '';
    return momentsOf(hit, dates, times, text, day).map(({ date, time, second, zone, venue }) => ({
      kind,
      label: venue ? `${label} (${venue})`.trim() : label,
      date,
      time,
      timezone: 'Asia/Tokyo' as const,
      // A day without a time is taken as that whole day in Japan: the moment is its last minute.
      // A deadline stated to the second ("12時00分00秒") keeps its second.
      iso: hit.day ? `${date}T${time ?? '23:59'}:${pad(second ?? 0)}+09:00` : null,
      ...(inferred ? { yearInferred: true } : {}),
      ...(tentative ? { tentative: true } : {}),
      ...(zone ? { statedTimezone: zone } : {}),
      evidence: (context.evidence ?? raw).trim(),
    }));
  });
}

const firstPhrase = (text: string): string => text.split(/[(（。]|\.(?:\s|$)/)[0]!;

interface Moment { date: string; time: string | null; second?: number; zone?: string; venue?: string }
/** Between two times of one day that are alternatives, not a span: a zone, the system's name, and "/", "、", "or". */
const ALTERNATIVE_TIMES = /^\s*(?:[A-Za-z]{2,5}\s*)?(?:[(（][^)）]{0,40}[)）]\s*)?(?:\/|、|;|,|\bor\b|\band\b)\s*$/i;
/** The submission system or office a time is for, in brackets after it and its zone: "17:00 JST (e-Rad)". */
const VENUE = /^\s*(?:[A-Za-z]{2,5}\s*)?[(（]([^)）]{2,40})[)）]/;

/**
 * The moments a day is given: the time nearest it, or each of several times that are alternatives ("13:00 CEST
 * (NordForsk portal) / 17:00 JST (e-Rad)": one deadline per system), each converted to JST from the zone stated.
 */
function momentsOf(hit: DateHit, dates: DateHit[], times: TimeHit[], text: string, day: string): Moment[] {
  if (!hit.day) return [{ date: day, time: null }];
  const own = timesOf(hit, dates, times, text);
  const alternatives = own.length > 1 && own.every((t, k) => k === 0 || ALTERNATIVE_TIMES.test(text.slice(own[k - 1]!.end, t.start)));
  const nearest = own.reduce<TimeHit | undefined>((best, t) => (!best || distance(t, hit) < distance(best, hit) ? t : best), undefined);
  const chosen = alternatives ? own : nearest ? [nearest] : [];
  if (!chosen.length) return [{ date: day, time: null }];
  const moments = chosen.map((t) => {
    const zone = zoneAfter(text, t, day);
    const moment = zone ? toJst(day, t.time, zone.offset) : { date: day, time: t.time };
    const named = alternatives ? VENUE.exec(text.slice(t.end))?.[1]?.trim() : undefined;
    // "(JST)" is a zone, not a system.
    const venue = named && withoutZones(named).trim() ? named : undefined;
    return { ...moment, ...(t.second ? { second: t.second } : {}), ...(zone ? { zone: zone.zone } : {}), ...(venue ? { venue } : {}) };
  });
  // "17:00 JST / 10:00 CET" in June is one moment whose zone missed summer time: a time within the hour of the JST
  // one is that one; a partner portal's own hour ("13:00 CEST / 17:00 JST") stays apart.
  const jst = moments.filter((m) => !m.zone);
  const kept = moments.filter((m) => !m.zone || !jst.some((j) => Math.abs(minutesOf(m) - minutesOf(j)) <= 60));
  return [...new Map(kept.map((m) => [`${m.date}|${m.time}`, m] as const)).values()];
}

const minutesOf = (m: Moment): number => Date.parse(`${m.date}T${m.time ?? '00:00'}:00Z`) / 60_000;

/** The times that belong to a date: the date a time is said to be "on", else the one it stands closest to ("April 10 – Noon, June 3": noon is June 3's). */
function timesOf(date: DateHit, dates: DateHit[], times: TimeHit[], text: string): TimeHit[] {
  return times.filter((t) => {
    // "Noon (12:00, Japan time) on June 8", "by 5 p.m. on 12 May": a time the text ties to the date after it.
    const led = dates.find((d) => d.start >= t.end && LEADS.test(withoutZones(text.slice(t.end, d.start))));
    if (led) return led === date;
    const distances = dates.map((d) => distance(t, d));
    return dates[distances.indexOf(Math.min(...distances))] === date;
  });
}
const LEADS = /^[\s,()（）]*(?:[\d:]+[\s,()（）]*)?\bon\s*(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s*)?$/i;
const distance = (t: TimeHit, d: DateHit): number => (t.start >= d.end ? t.start - d.end : d.start >= t.end ? d.start - t.end : Infinity);

/**
 * The year of a date written without one: the year written at the other end of its range, else the
 * one in force (written earlier in the block or on the page). A weekday printed beside the date decides
 * between the year in force and its neighbours: "January 25 (Thu)" under "fiscal year 2024" is 2024,
 * the year it was a Thursday. A year the range itself writes is not second-guessed by a weekday.
 */
function yearOf(hit: DateHit, dates: DateHit[], i: number, range: 'start' | 'end' | undefined, inForce: number | undefined, text: string): number | undefined {
  // "令和3年6月24日から同年10月7日まで", "翌年1月31日": the year in force, or the one after or before it.
  if (hit.yearShift !== undefined) return inForce === undefined ? undefined : inForce + hit.yearShift;
  const tied = laterYearOf(dates, i, text) ?? (range === 'end' ? earlierYearOf(dates, i) : undefined);
  if (tied !== undefined) return tied;
  if (inForce === undefined || hit.day === undefined || hit.weekday === undefined) return inForce;
  return [inForce, inForce + 1, inForce - 1].find((y) => weekdayFits(y, hit.month, hit.day!, hit.weekday!)) ?? inForce;
}

const dayOfYear = (hit: DateHit, missing: number): number => hit.month * 100 + (hit.day ?? missing);

/**
 * What the page calls a date: the words before it, less times, range marks and qualifiers. In a table
 * row read as "Item: Call opens ; Schedule: April 1, 2025" that is the row's own name ("Call opens"),
 * unless the date's column header says it ("Application deadline at JSPS: September 5, 2025").
 */
function labelFrom(before: string): string {
  const segments = before.split(' ; ');
  const last = segments.at(-1)!;
  const cell = /^([^:]{1,60}):\s*(.*)$/.exec(last);
  let words = last;
  if (segments.length > 1 && cell) {
    words = tidy(cell[2]!) || (wordsKind(cell[1]!) ? cell[1]! : /^[^:]{1,60}:\s*(.*)$/.exec(segments.at(-2)!)?.[1] ?? '');
  }
  // "Applications have closed. Selected teams will be announced in": the sentence the date ends; "…（e-Rad）、所属機関の承認": its clause;
  // "… in duration (call open from": the bracket it stands in. Words that end a sentence name no date after them.
  if (/[。！？]\s*$|[a-z)]{2}\.\s*$/.test(words)) return '';
  const sentence = words.split(/(?<![ap]\.m\.)(?<=\.)\s+|(?<=[。！？])/i).at(-1)!;
  const clause = sentence.split(/[、；;]/).map((c) => c.trim()).filter(Boolean).at(-1) ?? sentence;
  const open = Math.max(clause.lastIndexOf('('), clause.lastIndexOf('（'));
  const inBracket = open >= 0 && !/[)）]/.test(clause.slice(open)) && tidy(clause.slice(open + 1)) ? clause.slice(open + 1) : clause;
  return tidy(inBracket).slice(-80);
}

const tidy = (text: string): string => withoutZones(text.replace(TIME_WORDS, ' '))
  .replace(/(上旬|中旬|下旬|末|頃)/g, ' ').replace(/[(（]\s*[)）]/g, ' ')
  .replace(/\b(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s*$/i, '')
  .replace(/(?:[\s:：,、\-–—~〜～(（|｜]|\s(?:from|between|on|at|by|the)\b)+$/i, '').replace(/^[\s()（),、\-–—~〜～;:：|｜]+/, '')
  .replace(/^([^(（]*)[)）]+$/, '$1')
  .replace(/^(to|until|through|from|and|から|より|まで)$/i, '').trim();

/** A date is tentative when the words right after it (or a qualifier right before it) say so. */
function isTentative(text: string, dates: DateHit[], i: number): boolean {
  const hit = dates[i]!;
  const after = text.slice(hit.end, dates[i + 1]?.start ?? text.length).split(/[;；]/)[0]!;
  return TENTATIVE.test(after) || TENTATIVE.test(text.slice(Math.max(dates[i - 1]?.end ?? 0, hit.start - 12), hit.end).replace(/^.*[:：]/, ''));
}

/**
 * "April 10 – June 3, 2025": the start of a range takes the year written at its end, or the year
 * before when it would otherwise fall after the end ("December 1 – January 31, 2026").
 */
function laterYearOf(dates: DateHit[], i: number, text: string): number | undefined {
  const next = dates[i + 1];
  if (!next || next.year === undefined || (next.start - dates[i]!.end >= 12 && !joined(text, dates[i]!, next))) return undefined;
  return dayOfYear(dates[i]!, 0) > dayOfYear(next, 31) ? next.year - 1 : next.year;
}

/** "平成20年6月20日から8月29日まで": the end of a range takes the year written at its start, or the next ("12月1日～1月31日"). */
function earlierYearOf(dates: DateHit[], i: number): number | undefined {
  const previous = dates[i - 1];
  if (!previous || previous.year === undefined) return undefined;
  return dayOfYear(previous, 0) > dayOfYear(dates[i]!, 31) ? previous.year + 1 : previous.year;
}

/**
 * The year in force after a text, to carry as context into the next blocks: the last four-digit or era year it
 * writes, unless that is earlier than a full date it wrote before ("signed on May 19, 2026 … workshops in February
 * 2024 and March 2025": looking back does not move the present, 2026). A support period's years ("5年間（2025年12月～
 * 2031年3月）") say when research ends, not which year the next "4月17日" is in, so a period gives no context.
 */
export const lastYearIn = memo((raw: string): number | undefined => {
  if (isPeriod(raw)) return undefined;
  const text = fold(raw);
  const dated = findDates(text).filter((d) => d.year !== undefined).map((d) => ({ at: d.start, year: d.year!, full: d.day !== undefined }));
  const fiscal = [...text.matchAll(/(\d{4})\s*年度|FY\s?(\d{4})|(令和|平成)(\d{1,2}|元)年度/g)]
    .map((m) => ({ at: m.index, year: m[1] ?? m[2] ? Number(m[1] ?? m[2]) : eraYear(m[3]!, m[4]!), full: false }));
  // A bare year ("2025 call for proposals", "in 2026.") is context enough for the month-day dates after it.
  const bare = [...text.matchAll(/(?<![\d./-])(20\d{2})(?![\d/-]|\.\d)/g)].map((m) => ({ at: m.index, year: Number(m[1]), full: false }));
  const years = [...dated, ...fiscal, ...bare].sort((a, b) => a.at - b.at);
  const last = years.at(-1)?.year;
  const present = years.findLast((y) => y.full)?.year;
  return present !== undefined && last !== undefined && last < present ? present : last;
});
