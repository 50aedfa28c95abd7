/**
 * JSPS's English news list: a <dl> of <dt> dates, each followed by a <dd> with the title link and,
 * for calls, the deadline in brackets after it ("Call for Applications … (Application deadline: …)").
 */
import type { ListingAdapter, RawEntry } from './adapter.ts';
import { entryLinks, loadListing, required, textOf } from './html-list.ts';

export const jspsNews: ListingAdapter = {
  name: 'jsps-news-dl',
  description: 'JSPS English news: a <dl class="news"> of <dt> dates and <dd> title links with the deadline after them',
  reads: 'listing',
  read(page) {
    const loaded = loadListing(page);
    const { $ } = loaded;
    return required($, 'dl.news', page, 'the news list').first().children('dt').toArray().flatMap((dt): RawEntry[] => {
      const dd = $(dt).next('dd');
      const links = entryLinks($, dd, loaded, page.lang);
      if (!links) return [];
      // What the <dd> says besides its links: the deadline, when it states one.
      const rest = textOf(dd.clone().find('a').remove().end());
      return [{ ...links, posted: textOf($(dt)), window: rest }];
    });
  },
};
