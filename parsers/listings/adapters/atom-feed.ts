/**
 * A feed of calls (JST's koubo.xml is Atom 1.0), read with a maintained feed parser: feeds come with
 * namespaces, CDATA, entities and escaped HTML titles that regular expressions get wrong. An entry
 * that links both languages (`<link rel="alternate" hreflang="ja">` beside the English one) gives
 * its alternate too. RSS 2.0 is read the same way, should an agency switch.
 */
import { japanDay } from '#lib/japan-time.ts';
import { parseFeed } from '@rowanmanning/feed-parser';
import * as cheerio from 'cheerio/slim';
import { parseBounded } from '../../document/bounded-dom.ts';
import { clean } from '../../document/text.ts';
import { UnreadableFeedError } from '../errors.ts';
import type { ListingAdapter, ListingPage, RawEntry } from './adapter.ts';

type Feed = ReturnType<typeof parseFeed>;
type Item = Feed['items'][number];

export const atomFeed: ListingAdapter = {
  name: 'atom-feed',
  description: 'an Atom (or RSS) feed of calls: entry title, its links by hreflang, published date and summary',
  reads: 'feed',
  read(page) {
    return load(page).items.flatMap((item): RawEntry[] => {
      const links = linksOf(item, page.lang);
      const title = plain(item.title ?? '');
      if (!links.href || !title) return [];
      const published = item.published ?? item.updated;
      return [{ title, href: links.href, ...(links.alternateHref ? { alternateHref: links.alternateHref } : {}),
        // The calendar day in Japan of a feed timestamp: 2026-04-13T15:30:00Z was already April 14 in Tokyo.
        ...(published ? { posted: japanDay(published) } : {}), window: plain(item.description ?? '') }];
    });
  },
};

function load(page: ListingPage): Feed {
  try {
    return parseFeed(page.text);
  } catch (err) {
    const served = page.mediaType ? `, served as ${page.mediaType}` : '';
    throw new UnreadableFeedError(`${page.url} is not an Atom or RSS feed (${(err as Error).message}${served}); open it in a browser: if it is now an HTML page, register it with kind "listing" and an HTML adapter`, { cause: err });
  }
}

/** The entry's own link (its language's, or the unmarked one) and the other language's, by hreflang. */
function linksOf(item: Item, lang: string): { href?: string; alternateHref?: string } {
  const links = item.element.findElementsWithName('link')
    .filter((l) => (l.getAttribute('rel') ?? 'alternate') === 'alternate')
    .map((l) => ({ lang: l.getAttribute('hreflang')?.toLowerCase().slice(0, 2), href: l.getAttributeAsUrl('href') ?? undefined }))
    .filter((l): l is { lang: string | undefined; href: string } => Boolean(l.href));
  const own = links.find((l) => (l.lang ?? lang) === lang);
  const other = links.find((l) => l !== own && l.lang !== undefined && l.lang !== lang);
  return { href: own?.href ?? item.url ?? undefined, ...(other ? { alternateHref: other.href } : {}) };
}

/** A title or summary of type "html" arrives as markup: keep its text, never its tags or scripts. */
function plain(text: string): string {
  if (!/[<&]/.test(text)) return clean(text);
  const $ = cheerio.load(parseBounded(`<body>${text}</body>`));
  $('script, style').remove();
  return clean($('body').text());
}

