/**
 * AMED's English calls list: a <ul> of news items, each with a <time datetime>, a category label,
 * the title link and an application-period line.
 */
import type { ListingAdapter, RawEntry } from './adapter.ts';
import { entryLinks, loadListing, required, textOf } from './html-list.ts';

export const amedNews: ListingAdapter = {
  name: 'amed-news-list',
  description: 'AMED English calls list: <li> items with <time datetime>, a category, the title link and the application period',
  reads: 'listing',
  read(page) {
    const loaded = loadListing(page);
    const { $ } = loaded;
    return required($, 'ul.news-list', page, 'the list of calls').first().children('li').toArray().flatMap((li): RawEntry[] => {
      const links = entryLinks($, $(li), loaded, page.lang);
      if (!links) return [];
      const time = $(li).find('time').first();
      // The machine-readable datetime when the page gives one; the shown date otherwise.
      const posted = time.attr('datetime') ?? textOf(time);
      return [{ ...links, posted, window: textOf($(li).find('.period')) }];
    });
  },
};
