/**
 * Where a page keeps its own content, for the generic listing reader: the page without its chrome
 * (header, menus, breadcrumbs, side boxes, footer), and within it the main area when the page marks
 * one. Chrome is told by element (nav, aside, a page-level header or footer), by ARIA role, and by
 * the words sites name it with in id and class ("gnav", "topic-path", "sidebar", "koubo-tabs").
 */
import type { CheerioAPI } from 'cheerio/slim';
import type { Element } from 'domhandler';
import type { Selection } from '../adapters/html-list.ts';

const CHROME_ELEMENTS = 'nav, aside, header, footer, form, [role=navigation], [role=banner], [role=contentinfo], [role=complementary], [role=search]';

/** One part of an id or class ("global-nav" -> global, nav; "topicpath" whole) that names chrome. */
const CHROME_WORDS = new Set([
  'nav', 'navi', 'gnav', 'lnav', 'snav', 'navigation', 'menu', 'breadcrumb', 'breadcrumbs', 'topicpath', 'pankuzu', 'header', 'footer',
  'side', 'sidebar', 'sitemap', 'pagetop', 'skip', 'sns', 'share', 'banner', 'utility', 'tab', 'tabs', 'pager', 'pagination',
]);

/** Where the content is, in the names sites give it; the first that holds a link is taken. */
const MAIN_AREAS = ['main', '[role=main]', '#main-contents', '#main_contents', '#contents', '#content', '#main', '.main-contents', '.contents', '.content', 'article'];

function namesChrome(el: Element): boolean {
  const names = `${el.attribs.id ?? ''} ${el.attribs.class ?? ''}`.toLowerCase().split(/\s+/).filter(Boolean);
  return names.some((name) => CHROME_WORDS.has(name.replace(/[-_]/g, '')) || name.split(/[-_]/).some((part) => CHROME_WORDS.has(part)));
}

/**
 * The page's content as a selection, its chrome removed from the document. A header or footer inside
 * an entry (an <article>'s own header with its title and date) is the entry's, not the page's, and stays.
 */
export function pageContent($: CheerioAPI): Selection {
  const insideEntry = (el: Element): boolean => $(el).parents('article, li, dd, td').length > 0;
  $(CHROME_ELEMENTS).filter((_, el) => !insideEntry(el)).remove();
  // Never the page's frame itself (<body class="has-sidebar">), nor whatever holds the main area.
  $('[id], [class]').not('html, body, main').filter((_, el) => namesChrome(el) && !insideEntry(el) && $(el).find('main, [role=main]').length === 0).remove();
  for (const area of MAIN_AREAS) {
    const found = $(area).filter((_, el) => $(el).find('a[href]').length > 0).first();
    if (found.length) return found;
  }
  return $('body');
}
