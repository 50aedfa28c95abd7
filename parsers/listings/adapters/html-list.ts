/**
 * What the HTML listing adapters share: loading the page with cheerio's htmlparser2 build (as
 * parsers/document/html.ts does), finding the list or failing with a layout error, and reading one
 * entry's title and links. Titles are text only: markup and scripts inside a link never reach a record.
 */
import * as cheerio from 'cheerio/slim';
import type { AnyNode, Element } from 'domhandler';
import { parseBounded } from '../../document/bounded-dom.ts';
import { clean } from '../../document/text.ts';
import { ListingLayoutError } from '../errors.ts';
import type { ListingPage } from './adapter.ts';

export type Selection = cheerio.Cheerio<AnyNode>;

export interface LoadedListing {
  $: cheerio.CheerioAPI;
  /** Where relative links point from: the page's <base href>, else its own URL. */
  base: string;
}

export function loadListing(page: ListingPage): LoadedListing {
  // Bounded like a programme page: a hostile listing is refused as too deep or too large, not parsed for minutes.
  const $ = cheerio.load(parseBounded(page.text));
  $('script, style, noscript, template').remove();
  const declared = $('base[href]').first().attr('href');
  return { $, base: absolute(declared, page.url) ?? page.url };
}

/**
 * The list the adapter's layout is built on (the table, the <ul>, the <dl>). No list at all means the
 * listing changed its layout (or the URL serves another page now): a layout error, never an empty
 * result that would read as "no calls". A list with no items is an empty list.
 */
export function required($: cheerio.CheerioAPI, selector: string, page: ListingPage, what: string): Selection {
  const found = $(selector);
  if (found.length === 0) throw layoutChanged(page, `${what} (${selector})`);
  return found;
}

export function layoutChanged(page: ListingPage, what: string): ListingLayoutError {
  return new ListingLayoutError(`${page.url}: ${what} is not on the page; the listing's layout may have changed: open it in a browser and update its adapter`);
}

/** An element's visible text, whitespace collapsed. */
export const textOf = (el: Selection): string => clean(el.text());

export interface EntryLinks {
  title: string;
  href: string;
  alternateHref?: string;
}

/**
 * The entry's own link and, when it has one, its link to the other language ("English" beside a
 * Japanese title). A link marked with another hreflang (or lang) is the alternate; the first other link
 * is the entry itself, and its text is the title. An entry with no link is not an entry: it has no URL.
 */
export function entryLinks($: cheerio.CheerioAPI, scope: Selection, loaded: LoadedListing, lang: string): EntryLinks | undefined {
  const links = scope.find('a[href]').toArray() as Element[];
  const langOf = (a: Element): string | undefined => ($(a).attr('hreflang') ?? $(a).attr('lang'))?.toLowerCase().slice(0, 2);
  const own = links.find((a) => (langOf(a) ?? lang) === lang && textOf($(a)));
  if (!own) return undefined;
  const other = links.find((a) => a !== own && langOf(a) !== undefined && langOf(a) !== lang);
  const href = absolute($(own).attr('href'), loaded.base) ?? $(own).attr('href')!;
  const alternateHref = other ? absolute($(other).attr('href'), loaded.base) : undefined;
  return { title: textOf($(own)), href, ...(alternateHref ? { alternateHref } : {}) };
}

function absolute(href: string | undefined, base: string): string | undefined {
  if (!href) return undefined;
  try {
    return new URL(href.trim(), base).href;
  } catch {
    return undefined;
  }
}
