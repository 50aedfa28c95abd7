/**
 * Any list-like page, read by shape: a link with a date beside it, in a list, a table or a definition
 * list, is a notice; so is a link alone in its line whose title reads as a notice ("FY2027 Application
 * Guideline", "令和7年度 … について"). Not notices: the chrome (generic/page-content.ts), links that
 * name nothing ("こちら", "PDF"), links to the page itself, and a notice's sub-links (a document or
 * form linked inside or under a dated notice). It stands in when a site's own adapter finds nothing,
 * so that a redesign costs precision, not discovery, and it reads pages no adapter knows.
 */
import type { Element } from 'domhandler';
import { describeLink, ledeOf, linksInBlocks, sectionOf, type LinkInBlock, type NoticeLink } from '../generic/notice-blocks.ts';
import { cleanTitle, leadingDate, namesSomething, readsAsNotice } from '../generic/notice-title.ts';
import { pageContent } from '../generic/page-content.ts';
import { classifyEntry, LISTING_RULES } from '../classify.ts';
import { callWindow } from '../dates.ts';
import { webUrl } from '../listing-entry.ts';
import type { ListingAdapter, RawEntry } from './adapter.ts';
import { loadListing, textOf } from './html-list.ts';

interface Titled extends LinkInBlock { text: string; title: string; href: string }
interface Notice extends NoticeLink { title: string; href: string }

export const genericList: ListingAdapter = {
  name: 'generic-list',
  description: 'any list-like page: links with a date beside them (list, table, definition list), or alone or heading a prose item with a title that reads as a notice',
  reads: 'listing',
  read(page) {
    const { $, base } = loadListing(page);
    const self = webUrl(page.url, page.url);
    const langOf = (a: Element): string | undefined => ($(a).attr('hreflang') ?? $(a).attr('lang'))?.toLowerCase().slice(0, 2);
    const links = linksInBlocks($, pageContent($)).flatMap((l): Titled[] => {
      const href = webUrl($(l.link).attr('href') ?? '', base);
      const text = textOf($(l.link));
      const title = cleanTitle(text);
      const elsewhere = href && href !== self && (langOf(l.link) ?? page.lang) === page.lang;
      return elsewhere && namesSomething(title) && l.block.name !== 'h1' ? [{ ...l, text, title, href }] : [];
    });
    // Only the one link of each block is looked at closely: a long page of prose costs one look, not one per link.
    const notices = pickNotices(onePerBlock(links).map((l): Notice => {
      const n = describeLink($, l);
      const posted = n.posted ?? leadingDate(l.text);
      return { ...n, title: l.title, href: l.href, ...(posted ? { posted } : {}) };
    }));
    return notices.map((n): RawEntry => {
      const alternate = $(n.block).find('a[href]').toArray().find((a) => langOf(a) !== undefined && langOf(a) !== page.lang);
      const alternateHref = alternate ? webUrl($(alternate).attr('href') ?? '', base) : undefined;
      const section = sectionOf($, n.block);
      return { title: n.title, href: n.href, ...(alternateHref ? { alternateHref } : {}), ...(n.posted ? { posted: n.posted } : {}),
        window: windowText(n), summary: ledeOf($, n), ...(section ? { section } : {}), ...(n.tag ? { tag: n.tag } : {}) };
    });
  },
};

/** The words that may state the call's period: after the title when they do (the posting date comes before it), else the whole block. */
const windowText = (n: Notice): string => (callWindow(n.after) ? n.after : `${n.before} ${n.after}`.trim());

/**
 * A block holds one notice: its first link that reads as a notice, else its longest (a category tag
 * "お知らせ" or a file link is shorter than the title); the block's other links are the notice's own.
 */
function onePerBlock(links: Titled[]): Titled[] {
  const byBlock = new Map<Element, Titled[]>();
  for (const n of links) {
    const all = byBlock.get(n.block);
    if (all) all.push(n);
    else byBlock.set(n.block, [n]);
  }
  const chosen = new Set([...byBlock.values()].map((all) => all.find((n) => readsAsNotice(n.title)) ?? all.reduce((a, b) => (b.title.length > a.title.length ? b : a))));
  return links.filter((n) => chosen.has(n));
}

/**
 * Dated links are notices. An undated link is one when it stands alone (a tag beside it at most) or heads
 * a prose item as its headline, and reads as a notice or has a tag that names a kind ("Calls for Proposals
 * FY 2027 | Interstellar Initiative"), unless it comes after a dated notice in a block of
 * another shape (a document under a dated heading), which makes it that notice's sub-link. A notice inside
 * another notice's block is a sub-link too.
 */
function pickNotices(links: Notice[]): Notice[] {
  const picked: Notice[] = [];
  // The shapes of the dated notices so far: under which parent, which tag ("li" under this <ul>).
  const dated = new Map<unknown, Set<string>>();
  const sameShape = (block: Element): boolean => dated.get(block.parent)?.has(block.name) ?? false;
  for (const n of links) {
    const notice = readsAsNotice(n.title) || (n.tag !== undefined && classifyEntry(n.tag).kind !== LISTING_RULES.fallback.kind);
    if (!n.posted && !((n.alone || n.headline) && notice && (dated.size === 0 || sameShape(n.block)))) continue;
    picked.push(n);
    if (n.posted) dated.set(n.block.parent, (dated.get(n.block.parent) ?? new Set()).add(n.block.name));
  }
  const blocks = new Set<Element>(picked.map((n) => n.block));
  return picked.filter((n) => !insideAny(n.block, blocks));
}

/** Whether an element lies inside one of the blocks (not counting itself). */
function insideAny(el: Element, blocks: Set<Element>): boolean {
  for (let up = el.parent; up; up = up.parent) if (blocks.has(up as Element)) return true;
  return false;
}
