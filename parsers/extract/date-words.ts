/**
 * The words around a date that say what it is: a step of the call named before it ("Deadline:", "締切：")
 * or after it ("7月上旬に通知", "必着", "9 Sep 2013 Closing for accepting ..."), the day a notice was posted
 * ("2025.04.25 The deadline has been extended"), the day a notice says the call opened ("(5/17) 申請受付を
 * 開始しました"), or a condition on who may apply ("…までに学位を取得した者", "平成29年4月1日現在"). Runs on
 * NFKC-folded text; dates.ts decides with these answers.
 */
import type { DeadlineKind } from '#parsers/schema.ts';

/** Word classes the kinds are built from: a start word, what a call receives, what an award funds, a place that opens. */
const START_WORD = '(?:start(?:s|ed|ing)?|begin(?:s|ning)?|began|open(?:s|ed|ing)?|commenc(?:e|es|ed|ing)|launch(?:es|ed|ing)?)';
const CALL = '(?:calls?|applications?|submissions?|proposals?|acceptance|recruitment|solicitation|entries|nominations?|public offering)';
const WORK = '(?:research|projects?|support|fellowships?|awards?|grants?|exchanges?|visits?|stays?|invitations?)';
const WORK_STARTS = '(?:start(?:s|ed|ing)?|begin(?:s|ning)?|began|commenc(?:e|es|ed|ing))';
const PLACE_OPENED = String.raw`\s+(?:of\s+|its\s+|their\s+|our\s+|an?\s+|the\s+|new\s+)+(?:[\w.*’'-]+\s+){0,3}?(?:offices?|cent(?:er|re)s?|branch(?:es)?|bases?|laborator(?:y|ies)|labs?|facilit(?:y|ies)|buildings?|hubs?|campus(?:es)?|doors?)\b`;

export const KIND_WORDS: Array<[DeadlineKind, RegExp]> = [
  ['preregistration', /pre-?registration|pre-?application|letter of intent|事前登録|事前連絡|事前申請|エントリー/i],
  ['interview', /interview|面接/i],
  ['notification', /notif|announce|result|\bdecisions?\b|採択(通知|決定|予定)|通知|発表|採否|結果/i],
  // The start of the funded work: "Start of research", "begin their Fellowship", "Projects start", "fellowship starting".
  ['start', new RegExp(`\\b(?:start|beginning|commencement)\\s+of\\s+(?:the\\s+)?${WORK}\\b(?!\\s+${CALL})`
    + `|\\b(?:start|begin|commenc)\\w*\\s+(?:their|your|his|her|its)\\s+(?:[\\w-]+\\s+)?${WORK}\\b`
    + `|\\b${WORK}\\s+(?:period\\s+)?${WORK_STARTS}\\b|\\b(?:start|starting|commencement)\\s+(?:date|window|period)\\s+(?:of|for)\\s+(?:the\\s+)?${WORK}|commencement`
    + '|研究開始|支援開始|採用開始|研究期間の開始|交流開始|渡日開始', 'i')],
  ['review', /review|evaluation|screening|審査|選考|評価/i],
  // "close" is a closing, not "close to" (near), "closely" or "disclose".
  ['submission', /deadline|due|submi|\bclos(?:e|es|ed|ing)\b(?!\s+(?:to|relations?(?:hips?)?|ties|cooperation|collaboration|contacts?|ceremon(?:y|ies))\b)|no later than|not later than|on or before|(received|reach\w*|arriv\w*|sent|uploaded|registered)\s+(by|before)\b|締切|〆切|締め切り|期限|提出|受付終了|必着|消印|until|まで/i],
  // An opening of the call: a start word and a call noun in either order ("Start of call for applications", "Call for
  // research application start", "applications … are scheduled to begin"), or "open" said of the call, not of an
  // office ("opened its Washington Office"), a ceremony, a house or access.
  ['open', new RegExp(`\\b${START_WORD}\\s+(?:of\\s+|accepting\\s+|receiving\\s+)?(?:the\\s+)?(?:[\\w-]+\\s+){0,2}?${CALL}`
    + `|\\b${CALL}\\b[^.;:、。]{0,40}?\\b${START_WORD}\\b`
    + `|\\bopen(?:s|ed|ing)?\\b(?!\\s+(?:ceremony|ceremonies|remarks|session|address|lecture|house|day|campus|access|science|innovation|data|source|symposium|forum|seminar|workshop|event)|${PLACE_OPENED})`
    + '|call for proposals|(?:application|call|submission|acceptance|proposal)(?: call)? period|accepting|accept(?:ed|ance)? (?:from|starts?|begins?)'
    + '|(?:公募|募集|応募|受付|申請)(?:の受付)?を?(?:開始|スタート)|公募期間|募集期間|応募期間|受付期間|申請期間', 'i')],
];

/** The first step the words name, in the order above (a pre-registration deadline is a pre-registration). */
export const wordsKind = (text: string): DeadlineKind | undefined => KIND_WORDS.find(([, re]) => re.test(text))?.[0];

/**
 * The step named nearest before a date: the words are cut into phrases at commas, semicolons and a bracket
 * left open, a closed bracket staying with its phrase, and the last phrase that names a step names the date. So
 * "AMED has announced a call … in duration (call open from" is an opening, not an announcement, while
 * "Interview (for those who passed the document review):" is an interview.
 */
export function nearestKind(words: string): DeadlineKind | undefined {
  for (const phrase of phrasesBefore(words)) {
    const kind = wordsKind(phrase);
    if (kind) return kind;
  }
  return undefined;
}

/** The phrases of the words before a date, nearest first (see nearestKind for where they are cut). */
export function phrasesBefore(words: string): string[] {
  const masked = words.replace(/[(（][^()（）]*[)）]/g, (m) => '\u0001'.repeat(m.length));
  // A colon chains labels into one name ("Pre-registration: Deadline:" is a pre-registration's deadline): no cut there.
  const cuts = [...masked.matchAll(/[(（、,;；]|\.\s/g)].map((m) => m.index + m[0].length);
  const bounds = [0, ...cuts, words.length];
  return bounds.slice(0, -1).map((b, k) => words.slice(b, bounds[k + 1])).reverse();
}

const TIME_WORDS = /\bnoon\b|正午|\d{1,2}:\d{2}|\b\d{1,2}\s*[ap]\.?m\.?|午[前後]\s*\d{1,2}\s*時(\s*\d{1,2}\s*分)?|\d{1,2}\s*時(\s*\d{1,2}\s*分)?/gi;

/**
 * Japanese says what a date is with the verb after it: "7月上旬に通知" is when results are sent, "5月12日（月）
 * 正午必着" and "…までに提出" the last day to submit. Checked before the words in front of the date, which in
 * "…までの申請案件 → 採否結果を7月上旬に通知" belong to the date before it.
 */
const AFTER_KIND: Array<[DeadlineKind, RegExp]> = [
  ['notification', /^\s*(?:頃|ごろ|上旬|中旬|下旬|末|中)?\s*(?:\(予定\))?\s*(?:に|まで(?:に)?|を目途に|目途に)\s*(?:[^、。\s]{0,8}を)?\s*(?:通知|発表|公表|連絡|お知らせ)/],
  ['submission', /^\s*(?:\([^)]{0,12}\))?\s*(?:必着|消印有効)/],
];
/** "…までに事前連絡を", "5月31日までの申請分": the step done by the date is named after まで, else it is a submission. */
const BY = /^\s*(?:\([^)]{0,12}\))?\s*(?:まで|迄)(?:の|に|は)?/;
/**
 * A step noun the date modifies: "6月18日の締め切りまでに", "（5月12日締切）", "7月1日の公募開始". Not when the noun is the
 * label of the date after it ("公募開始：6月1日 締切：6月18日"): then a colon or nothing but space stands between.
 */
const STEP_NOUN_AFTER: Array<[DeadlineKind, RegExp]> = [
  ['submission', /^\s*(?:\([^)]{0,12}\))?\s*(?:の|に|で|をもって|をもちまして)?\s*(?:[^、。\s:：]{0,12}を)?(?:提出|応募|申請|公募|募集|受付)?(?:締切|締め切り|〆切|期限)(?!\s*[:：])/],
  ['open', /^\s*(?:\([^)]{0,12}\))?\s*(?:の|に|より|から)?\s*(?:[^、。\s:：]{0,12}の)?(?:公募|募集|受付|申請)(?:の|を)?(?:開始|スタート)(?!\s*[:：])/],
];

/** What the words right after a date say it is; `next` tells whether another date follows these words. */
export function kindAfter(after: string, next = false): DeadlineKind | undefined {
  const rest = after.replace(TIME_WORDS, '');
  const by = BY.exec(rest);
  if (by) return wordsKind(rest.slice(by[0].length).split(/[、。→;；]/)[0]!) ?? 'submission';
  const noun = STEP_NOUN_AFTER.map(([kind, re]) => ({ kind, m: re.exec(rest) })).find(({ m }) => m);
  // "…6月1日 締切 6月18日": a noun followed by nothing but the next date labels that date.
  if (noun && !(next && !rest.slice(noun.m!.index + noun.m![0].length).trim())) return noun.kind;
  return AFTER_KIND.find(([, re]) => re.test(rest))?.[0];
}

/** A line that tells news: a verb ("has been extended", "延長しました") or a word for a change or a posting. */
const NEWS_VERB = /\b(has|have|had|was|were|is|are|will|would|can|may)\b|しました|ました|ます|です|でした/;
const NEWS_WORDS = /extend|延長|chang|変更|revis|correct|訂正|修正|updat|更新|掲載|公開|追加|added|posted|published|released|uploaded|\bQ\s?&\s?A\b|FAQ|資料|説明会|session|seminar|webinar|briefing|workshop|symposium|event/i;
const NEWS_DONE = /\b(extended|updated|posted|published|released|added|uploaded|revised|corrected|changed|postponed|held)\b|しました|いたしました/i;
/** A notice that the call opened ("申請受付を開始しました", "Call for proposals is now open"): its day is the opening. */
const OPENED = /(公募|募集|受付|申請)を?(開始|スタート)(しました|いたしました|します)?|\b(calls?|applications?|submissions?|proposals?)\b[^.]{0,40}\b(opened|(is|are) (now )?open|started|launched|began)\b|\b(started|began|begin|start) accepting\b|\bnow accepting\b/i;

const SENTENCE_GOES_ON = /^(まで|迄|から|より|に|の|は|を|が|と|で|現在|時点|頃|ごろ|以降|以前|付)/;
const firstSentence = (text: string): string => text.split(/[。!?！？]|\.(?:\s|$)/)[0]!;

/** The words after a line's first date up to the end of their phrase: "Closing for accepting ... proposals". */
function headAfter(after: string): string {
  const phrase = firstSentence(after.replace(/^[\s)\]】:：\-–—,、]+/, '').replace(TIME_WORDS, '').trim()).split(/[(（]/)[0]!.trim();
  return /^[A-Za-z]/.test(phrase) ? phrase.split(/\s+/).slice(0, 3).join(' ') : phrase.slice(0, 12);
}

/** Whether what follows a posting date is a sentence ("The deadline has been extended by one week."). */
function isNewsLine(after: string): boolean {
  const rest = after.replace(TIME_WORDS, ' ').replace(/\([^)]*\)/g, ' ');
  // Japanese news lines set the posting date apart with a space: "2025年4月25日 締切を延長しました".
  return (rest.match(/[A-Za-z]{2,}/g) ?? []).length >= 4 || (/^\s/.test(after) && (rest.match(/[\u3040-\u9fff]/g) ?? []).length >= 8);
}

/**
 * What a date at the head of a line is, by the words after it: the day a notice says the call opened
 * ("(5/17) 申請受付を開始しました"), a step a schedule line names after its date ("9 Sep 2013 Closing for
 * accepting preliminary proposals", "18 Oct 2013 Start accepting ...", "2025年5月12日 申請書の提出期限"),
 * 'news' for the day a notice was posted, or nothing when the line says neither.
 */
export function leadingLine(after: string): DeadlineKind | 'news' | undefined {
  return stepLine(after) ?? (isNewsLine(after) ? 'news' : undefined);
}

/**
 * The step a short line names at its head ("Closing for accepting ...", "-Application Deadline", "・申請受付開始"),
 * 'news' when it tells what happened, or nothing: the words beside a date in a schedule written line by line.
 */
export function stepLine(text: string): DeadlineKind | 'news' | undefined {
  const sentence = firstSentence(text);
  if (OPENED.test(sentence) && !NEWS_WORDS.test(sentence)) return 'open';
  // "2025.04.25 Submission deadline extended": what happened that day, not a step on it.
  if (NEWS_DONE.test(sentence)) return 'news';
  const head = headAfter(text);
  // A sentence goes on from its date with a particle ("5月31日までに学位を取得した者"); a schedule line names a step.
  if (!head || SENTENCE_GOES_ON.test(head) || NEWS_VERB.test(sentence) || NEWS_WORDS.test(sentence)) return undefined;
  return wordsKind(head) ?? (/^(start|begin)\b/i.test(head) ? 'open' : undefined);
}

/**
 * Words of a condition on who may apply: a degree, credits, enrolment, birth, age, nationality. A date in
 * their clause ("平成29年3月31日までに所定の単位を修得", "obtained a PhD on or after April 2, 2020") is a
 * condition, not a step of the call.
 */
const CONDITION = /学位|単位|修得|修了|退学|卒業|在学|在籍|生まれ|出生|年齢|満\s*\d+\s*歳|国籍|\b(degrees?|Ph\.?\s?D|doctora\w*|born|birth|graduat\w*|enrol\w*|citizen\w*|nationality)\b/i;
/** "平成29年4月1日現在": the day a condition is counted on. */
const AS_OF = /^\s*(現在|時点)/;
const STEP_NOUN = /deadline|締切|〆切|期限|提出|submi/i;

export function isCondition(before: string, after: string): boolean {
  if (AS_OF.test(after)) return true;
  const clause = `${before.split(/[、。;；]|\.\s/).at(-1)} ${after.split(/[、。;；,]|\.(?:\s|$)/)[0]}`;
  return CONDITION.test(clause) && !STEP_NOUN.test(clause);
}
