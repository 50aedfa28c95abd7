/**
 * JSPS's 公募情報 list: a <ul> whose items hold the posting date ("2026/04/10"), the title link and
 * the 申請受付締切 line, each in its own <p>.
 */
import type { ListingAdapter, RawEntry } from './adapter.ts';
import { entryLinks, loadListing, required, textOf } from './html-list.ts';

export const jspsKoubo: ListingAdapter = {
  name: 'jsps-koubo-list',
  description: 'JSPS 公募情報: <li> items with a date, the title link and the 申請受付締切 line',
  reads: 'listing',
  read(page) {
    const loaded = loadListing(page);
    const { $ } = loaded;
    return required($, 'ul.list-koubo', page, 'the list of notices').first().children('li').toArray().flatMap((li): RawEntry[] => {
      const links = entryLinks($, $(li).find('.title'), loaded, page.lang);
      if (!links) return [];
      return [{ ...links, posted: textOf($(li).find('.date')), window: textOf($(li).find('.deadline')) }];
    });
  },
};
