/**
 * A link's words as a notice title: cleaned of what lists print around titles (bullets, "NEW" marks,
 * the posting date, "(PDF 215KB)"), and judged: does it name a notice at all ("こちら", "English",
 * "PDF" do not), and, for a link that stands alone with no date beside it, does it read as one. Also
 * the words lists print beside a title without saying more (a category tag: "公募情報", "【重要】",
 * "Press Release"), and whether a link's words are a clause of their own, as a news headline is.
 */
import { fold } from '../../document/text.ts';
import { classifyEntry, LISTING_RULES } from '../classify.ts';
import { loneDay } from '../dates.ts';

/** Bullets and separators, and a "NEW" mark when it is bracketed, capitalised or shouted ("New call" stays). */
const NEW_MARK = '[[【(（]\\s*(?:new|NEW|New)!?\\s*[\\]】)）]|NEW!?|New!';
const LEADING_MARKS = new RegExp(`^(?:[・•●○■□◆◇▶►▸>※*|:：\\-–—]+|(?:${NEW_MARK})(?=\\s|[^A-Za-z]))\\s*`);
const TRAILING_MARKS = new RegExp(`\\s*(?:[|:：\\-–—]+|(?<![A-Za-z])(?:${NEW_MARK}))$`);
const FILE_NOTE = /\s*[(（[【]\s*(?:pdf|word|excel|docx?|xlsx?|pptx?|zip|csv)\b[^)）\]】]{0,30}[)）\]】]\s*$/i;
/** A posting date printed before the title inside the link ("2026.04.14 令和8年度 …"). */
const LEADING_DATE = /^(?:\d{4}[./-]\d{1,2}[./-]\d{1,2}|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)(?:\s*[(（][月火水木金土日][)）])?\s*[|:：\-–—]?\s*/;
const BRACKETED = /\s*[(（[【]([^()（）[\]【】]{4,40})[)）\]】]\s*$/;

/** Link words that lead somewhere without naming anything: never a notice's title. */
const GENERIC_LINK = /^(?:こちら|ここ|詳細|詳しくはこちら|続きを読む|もっと見る|一覧|一覧へ|一覧を見る|アーカイブ|english|日本語|japanese|pdf|word|excel|here|click here|more|read more|more info|details?|see more|back|top|page top|next|previous|prev|次へ|前へ|戻る|トップ|ページトップ|\d{1,3}|[»«<>]+)$/i;
const POINTS_ELSEWHERE = /(?:はこちら|こちら|click here|\bhere)$/i;

/** Words that put a title in time or mark it as news: a fiscal year, an era year, "について". */
const YEAR_MARK = /\bFY\s?\d{2,4}\b|\b(?:19|20)\d{2}\b|(?:令和|平成)\s*(?:\d{1,2}|元)\s*年|\d{4}\s*年|年度/i;
const NOTICE_ENDING = /(?:について|のお知らせ|お知らせ|のご案内|ご案内|を開催します|を開始します|しました|いたします)\s*[。.]?$/;

function strip(title: string, re: RegExp): string {
  let out = title;
  for (let prev = ''; prev !== out;) {
    prev = out;
    out = out.replace(re, '').trim();
  }
  return out;
}

/**
 * The title as a notice list means it: "● [NEW] 令和8年度 公募について (PDF: 215KB)" -> "令和8年度 公募について";
 * a date in brackets at its end ("… (2025年1月10日)") is the posting date, not the title.
 */
export function cleanTitle(text: string): string {
  let title = strip(strip(text.replace(/\s+/g, ' ').trim(), LEADING_MARKS), TRAILING_MARKS);
  const undated = title.replace(LEADING_DATE, '');
  if (undated) title = strip(undated, LEADING_MARKS);
  title = strip(title, FILE_NOTE);
  const dated = BRACKETED.exec(title);
  if (dated && loneDay(dated[1]!)) title = title.slice(0, dated.index).trim();
  return strip(title, TRAILING_MARKS);
}

/** The posting date a link prints before its title ("【NEW】2026.04.20 令和8年度 …"), if it does. */
export function leadingDate(text: string): string | undefined {
  return LEADING_DATE.exec(strip(text.replace(/\s+/g, ' ').trim(), LEADING_MARKS))?.[0];
}

/** Whether the words could be a notice's title at all: not "こちら", "English", "PDF", a page number, "詳細はこちら". */
export function namesSomething(title: string): boolean {
  const t = fold(title);
  return t.replace(/\s/g, '').length >= 4 && !GENERIC_LINK.test(t) && !POINTS_ELSEWHERE.test(t);
}

/**
 * Whether a title standing alone reads as a notice: it names a year ("FY2027 Application Guideline",
 * "令和7年度 …"), ends as news does ("…について"), or says what it announces at some length
 * ("Applications Selected for International Programs"). Menu words ("公募", "Calls for proposals",
 * "研究提案の募集") do none of these.
 */
export function readsAsNotice(title: string): boolean {
  const t = fold(title);
  if (!namesSomething(t)) return false;
  if (YEAR_MARK.test(t) || NOTICE_ENDING.test(t)) return true;
  const long = /[\u3040-\u9fff]/.test(t) ? t.replace(/\s/g, '').length >= 15 : t.split(/\s+/).length >= 5;
  return long && classifyEntry(t, LISTING_RULES).kind !== LISTING_RULES.fallback.kind;
}

/** Bullets and arrows a list prints before its items: "•", "●", "■", "▶". */
export const withoutBullets = (text: string): string => text.replace(/^[\s•●○◆◇■□▪▫▶►▸・*]+|[\s•●○◆◇■□▪▫▶►▸・*]+$/gu, '');

/** A bracketed tag: 【重要】, [Important], （終了）, <New>. */
const BRACKETED_TAG = /[【[［(（〔<＜]\s*[^【】[\]［］()（）〔〕<>＜＞]{1,20}?\s*[】\]］)）〕>＞]/gu;
/** A Japanese tag: a few kana or kanji that end in no particle ("公募情報", "若手あり", "トピックス"); "詳細は" goes on into what follows. */
const JA_TAG = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]{1,8}$/u;
const ENDS_IN_PARTICLE = /(?:[をにはがでとへもや]|から|より|まで|など)$/;
/** An English tag is a run of capitalised words, with the fiscal year and small joining words inside: "Calls for Proposals Early-stage FY 2021". */
const EN_TAG_WORD = /^(?:[A-Z][A-Za-z-]*|[A-Z]{2,}|FY\s?\d{4}|\d{4})$/;
const JOINING_WORD = /^(?:for|of|and|the|in|on|to|&)$/;

/**
 * Whether the words beside a title are only a category or status tag, as notice lists and call pages print
 * them: "公募情報", "公募情報 若手あり", "【重要】", "[Important]", "トピックス", "Press Release", "– Closed –",
 * "Calls for Proposals Early-stage FY 2021". A phrase that goes on into the title ("詳細は", "下記により、",
 * "Please see") is no tag.
 */
export function isTag(text: string): boolean {
  const rest = withoutBullets(fold(text)).replace(BRACKETED_TAG, ' ').replace(/[|:：・\-–—/]+(?=\s|$)|^[|:：・\-–—/]+/g, ' ').trim();
  if (!rest) return fold(text).length > 0;
  const words = rest.split(/\s+/);
  if (words.every((w) => JA_TAG.test(w) && !ENDS_IN_PARTICLE.test(w))) return words.length <= 3;
  const inner = words.slice(1, -1);
  return words.length <= 8 && EN_TAG_WORD.test(words[0]!) && EN_TAG_WORD.test(words.at(-1)!)
    && inner.every((w) => EN_TAG_WORD.test(w) || JOINING_WORD.test(w));
}

/**
 * A Japanese headline ends in what was or will be done, or in a request, as news does ("…に参加しました",
 * "…を開始します", "…をお寄せください", "…について"); an ongoing state ("…しています") describes, it reports nothing.
 */
const JA_PREDICATE = /(?:(?<!て|てい|てお|ており)ました|(?<!てい|てお|ており|でき|られ)ます|ください|下さい|願います|いたします|について|お知らせ)\s*[。.!！]?$/;
/**
 * English news verbs: a headline reports what was done ("was held", "joined", "has been extended") or
 * announces in the news present ("JST announces", "JSPS selects"); "is intended", "are eligible" describe.
 */
const EN_NEWS_VERB = /\b(?:was|were|has been|have been|had been|held|joined|participated|attended|visited|hosted|organi[sz]ed|launched|opened|closed|announced|selected|awarded|signed|published|released|posted|added|updated|extended|invited|took|gave|delivered|welcomed|began|announces|launches|opens|selects|invites|welcomes|signs|hosts|joins)\b/i;

/**
 * Whether a link's words are a clause of their own, as a news item's headline is ("Japan–Korea Forum 2026
 * was held in Seoul", "…ご意見をお寄せいただきますようお願いいたします"), and not a name inside a sentence
 * ("<a>公募要領</a>をご覧ください", "<a>the guidelines</a> are available").
 */
export function readsAsClause(title: string): boolean {
  const t = fold(title);
  return /[\u3040-\u9fff]/.test(t) ? JA_PREDICATE.test(t) : EN_NEWS_VERB.test(t);
}
