/**
 * A link's words as a notice title: cleaned of what lists print around titles (bullets, "NEW" marks,
 * the posting date, "(PDF 215KB)"), and judged: does it name a notice at all ("こちら", "English",
 * "PDF" do not), and, for a link that stands alone with no date beside it, does it read as one.
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
const NOTICE_ENDING = /(?:について|のお知らせ|お知らせ|のご案内|ご案内|を開催します|を開始します|しました|いたします)\s*$/;

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
