/**
 * AMED's 公募情報 index: one <dl> per notice, the date and a category tag in the <dt>, the title link
 * and a 公募期間 line in the <dd>. The category tag is the site's own filing and is not trusted for the
 * kind (AMED files briefings and results under 公募 too): the title decides, as everywhere.
 */
import type { ListingAdapter, RawEntry } from './adapter.ts';
import { entryLinks, loadListing, required, textOf } from './html-list.ts';

export const amedKoubo: ListingAdapter = {
  name: 'amed-koubo-dl',
  description: 'AMED 公募情報: a <dl> per notice, date and category in <dt>, title link and 公募期間 in <dd>',
  reads: 'listing',
  read(page) {
    const loaded = loadListing(page);
    const { $ } = loaded;
    return required($, '.koubo-list', page, 'the list of notices').first().find('dl.koubo-item').toArray().flatMap((dl): RawEntry[] => {
      const dd = $(dl).children('dd').first();
      const links = entryLinks($, dd, loaded, page.lang);
      if (!links) return [];
      return [{ ...links, posted: textOf($(dl).find('dt .date')), window: textOf(dd.find('.period')) }];
    });
  },
};
