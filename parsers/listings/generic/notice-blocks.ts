/**
 * The notices a list-like page shows, found by shape rather than by class names: each link, the block
 * that holds it (a list item, a table row, a <dd>, a paragraph), the date beside it, and the words
 * under it. What these shapes look like:
 *
 *   <li>2026年4月14日 <a>…</a></li>                 the date in the block, before the link
 *   <li><a>…</a>（2026年4月14日）</li>               … or right after it
 *   <tr><td>2026/4/14</td><td><a>…</a></td></tr>    a cell that is only a date
 *   <dt>2026.04.14</dt><dd><a>…</a></dd>            the <dt> before the <dd>
 *   <p>2023/6/1 |</p><p><a>…</a></p>                 a line that is only a date, just before
 *   <h3><a>…</a></h3><p class="date">…</p>          … or just after a heading
 */
import type { CheerioAPI } from 'cheerio/slim';
import type { AnyNode, Element } from 'domhandler';
import { clean } from '../../document/text.ts';
import type { Selection } from '../adapters/html-list.ts';
import { callWindow, isDateAlone, isUpdateStamp, loneDay, postedDay } from '../dates.ts';
import { isTag, readsAsClause, withoutBullets } from './notice-title.ts';

export interface LinkInBlock {
  link: Element;
  /** The element holding the one notice the link belongs to. */
  block: Element;
}

export interface NoticeLink extends LinkInBlock {
  /** The block's words before and after the link. */
  before: string;
  after: string;
  /** The text that dates the notice, when a date stands beside it. */
  posted?: string;
  /** Whether the block says nothing besides the link (a bullet, a file note, a category tag at most). */
  alone: boolean;
  /** The category tag printed before the title ("Calls for Proposals FY 2027", "公募情報"), which may say what the entry is. */
  tag?: string;
  /**
   * Whether the link is the headline of a prose item: it opens or closes its block, its words are a clause
   * of their own ("<a>Japan–Korea Forum 2026 was held in Seoul</a> and featured …"), and they make at least
   * half of their sentence (a name inside a sentence is no headline).
   */
  headline: boolean;
}

const ITEMS = new Set(['li', 'tr', 'dd', 'dt']);
const BLOCKS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'div', 'article', 'section', 'td', 'th', 'body']);
const HEADINGS = /^h[1-6]$/;
/** How far from the link a date still dates it: a short label before it, a bracket after it. */
const NEAR = 40;
const LEDE = 500;

const isElement = (node: AnyNode): node is Element => node.type === 'tag';

/** The block's words before and after the link, with a space at every element boundary ("<td>1</td><td>2</td>" is "1 2"). */
function split(block: Element, link: Element): [string, string] {
  const parts: string[] = [];
  const walk = (node: AnyNode): void => {
    if (node === link) parts.push('\u0000');
    else if (node.type === 'text') parts.push(node.data);
    else if (isElement(node)) {
      parts.push(' ');
      node.children.forEach(walk);
      parts.push(' ');
    }
  };
  block.children.forEach(walk);
  const [before = '', after = ''] = parts.join('').split('\u0000');
  return [clean(before), clean(after)];
}

/** Longer than this, an element's text is no date alone. */
const DATE_ALONE = 60;

/**
 * The date an element shows by itself: a <time datetime>, or an element (or one inside it) that holds
 * nothing but a date. One walk over the element, leaving out the link's own words and whatever holds it.
 */
function dateOnly(el: Element, except?: Element): string | undefined {
  let found: string | undefined;
  const visit = (node: Element): { text: string; holdsLink: boolean } => {
    const stamp = node.name === 'time' ? node.attribs.datetime : undefined;
    if (!found && stamp && postedDay(stamp)) found = stamp;
    let text = '';
    let holdsLink = false;
    for (const child of node.children) {
      if (child === except) holdsLink = true;
      else if (child.type === 'text') text += child.data;
      else if (isElement(child)) {
        const inner = visit(child);
        text += inner.text;
        holdsLink ||= inner.holdsLink;
      }
    }
    if (!found && !holdsLink && text.length <= DATE_ALONE && loneDay(text)) found = text;
    return { text, holdsLink };
  };
  visit(el);
  return found;
}

/** The neighbour (a line, a <dt>) that dates a block: it has no link of its own, and a date alone or in a short label ("2026.04.20 お知らせ"). */
function datingNeighbour($: CheerioAPI, el: Element | undefined): string | undefined {
  if (!el || $(el).find('a[href]').length || el.name === 'a') return undefined;
  const text = clean($(el).text());
  return dateOnly(el) ?? (text.length <= NEAR && postedDay(text) && !isUpdateStamp(text) && !callWindow(text) ? text : undefined);
}

/** A date that stands beside the link: in the block (a date-only element, a short label, a bracket) or on the line next to it. */
function dateBeside($: CheerioAPI, block: Element, link: Element, before: string, after: string): string | undefined {
  const inBlock = dateOnly(block, link);
  if (inBlock) return inBlock;
  if (before && before.length <= NEAR && postedDay(before) && !isUpdateStamp(before)) return before;
  const head = after.slice(0, NEAR);
  if (/^\s*[(（[【]?\s*(?:\d|令和|平成|[A-Z][a-z]{2})/.test(head) && postedDay(head) && !callWindow(after)) return head;
  return datingNeighbour($, $(block).prev().get(0)) ?? (HEADINGS.test(block.name) ? datingNeighbour($, $(block).next().get(0)) : undefined);
}

/** Whether the words around the link are nothing but marks and file notes: "・", "(PDF 215KB)", "[English]". */
const saysNothing = (text: string): boolean => !text.replace(/[(（[【]?\s*(?:pdf|word|excel|new|english|日本語)\b[^)）\]】]{0,30}[)）\]】]?/gi, '').replace(/[\s\p{P}\p{S}]/gu, '');
/** Words an update list puts after the day it prints before an entry: "9月12日追記:", "Updated on May 8:". */
const UPDATE_WORDS = /追記|更新|掲載|\bupdated(?:\s+on)?\b|\badded\b|\bposted\b/gi;

/**
 * Whether the words on one side of the link add nothing to it: marks, a file note, a category or status tag
 * ("公募情報", "【重要】"), or a day, with or without its year ("(7/1)", "9月12日追記:").
 */
const addsNothing = (text: string): boolean => saysNothing(text) || isTag(text) || isDateAlone(withoutBullets(text).replace(UPDATE_WORDS, ' '));

/** Every link of the content, with the block that holds it: the nearest list item, row, <dd> or <dt>, else the nearest paragraph or box. */
export function linksInBlocks($: CheerioAPI, content: Selection): LinkInBlock[] {
  return content.find('a[href]').toArray().map((link) => ({ link, block: blockOf(link) }));
}

function blockOf(link: Element): Element {
  let nearest: Element | undefined;
  for (let el = link.parent; el && isElement(el); el = el.parent) {
    if (ITEMS.has(el.name)) return el;
    nearest ??= BLOCKS.has(el.name) ? el : undefined;
  }
  return nearest ?? link;
}

/** A link in its block, with the words around it and the date beside it when there is one. */
export function describeLink($: CheerioAPI, { link, block }: LinkInBlock): NoticeLink {
  const [before, after] = split(block, link);
  const posted = dateBeside($, block, link, before, after);
  // Tags and days are plain words beside the entry's own link; the words of other links there (a filter menu: "すべて 公募 イベント") are none.
  const links = $(block).find('a[href]').toArray();
  const [firstLink, lastLink] = [links[0] === link, links.at(-1) === link];
  const [opens, closes] = [saysNothing(before) || (firstLink && addsNothing(before)), saysNothing(after) || (lastLink && addsNothing(after))];
  const words = clean($(link).text());
  // A link that closes its line starts a clause of its own there: after a comma ("…下記により、<a>…お願いいたします</a>"), not inside one ("詳細は<a>…</a>").
  const startsClause = opens || /[、,，]\s*$/.test(before);
  const headline = (opens || closes) && startsClause && readsAsClause(words) && words.length * 2 >= sentenceLength(before, words, after);
  const tag = firstLink && before && !saysNothing(before) && isTag(before) ? before : undefined;
  return { link, block, before, after, ...(posted ? { posted } : {}), ...(tag ? { tag } : {}), alone: opens && closes, headline };
}

/** How long the sentence holding the link is: its words before the link back to a full stop, the link's, and after it up to one. */
function sentenceLength(before: string, words: string, after: string): number {
  const lead = before.split(/[。.!?！？](?=\s|$)|。/).at(-1) ?? '';
  const tail = /[。.!?！？](?=\s|$)|。/.test(words.slice(-1)) ? '' : after.split(/[。!?！？]|\.(?=\s|$)/)[0] ?? '';
  return lead.trim().length + words.length + tail.trim().length;
}

/** How many elements above an entry are looked through for its heading: past its own section's entries and sentences. */
const SECTION_REACH = 30;
const HEADING_CHARS = 40;

/** A line that names a section: short, no full stop at its end, and no date (a dated line is an entry's date or stamp). */
const readsAsHeading = (text: string): boolean =>
  text.length > 0 && text.length <= HEADING_CHARS && !/[。．.!?！？、,]$/.test(text) && !postedDay(text);

/**
 * The heading an entry stands under: the nearest heading element above it, or the nearest short line with
 * no link, no date and no full stop ("更新履歴", "History of Updates", "基本情報"), passing over the
 * entries and sentences between. What the heading names may change what the entry is (an update log).
 */
export function sectionOf($: CheerioAPI, block: Element): string | undefined {
  let at: Element = block;
  for (let steps = 0; steps < SECTION_REACH; steps += 1) {
    let prev = at.prev;
    while (prev && !isElement(prev)) prev = prev.prev;
    if (!prev) {
      if (!at.parent || !isElement(at.parent) || at.parent.name === 'body') return undefined;
      at = at.parent;
      continue;
    }
    at = prev;
    const text = clean($(prev).text());
    if (HEADINGS.test(prev.name)) return text;
    if (prev.name !== 'a' && !$(prev).find('a[href]').length && readsAsHeading(text)) return text;
  }
  return undefined;
}

/**
 * The words under a notice, up to the next block with a link: "Out of 317 applications, 169 candidates
 * were selected." They may tell its kind when its title does not.
 */
export function ledeOf($: CheerioAPI, notice: NoticeLink): string {
  const words = [notice.after];
  for (let el = $(notice.block).next(); el.length && !el.find('a[href]').length && words.join(' ').length < LEDE; el = el.next()) words.push(clean(el.text()));
  return clean(words.join(' ')).slice(0, LEDE);
}
