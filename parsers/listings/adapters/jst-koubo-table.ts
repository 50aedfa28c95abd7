/**
 * JST's 公募情報 page: one table, a row per notice, with columns named in its header (掲載日, 件名,
 * 募集期間・締切). Columns are found by their header words, so a reordered table reads the same.
 */
import type { ListingAdapter, RawEntry } from './adapter.ts';
import { entryLinks, layoutChanged, loadListing, required, textOf } from './html-list.ts';

const COLUMNS = { posted: /掲載日|日付|date/i, subject: /件名|公募名|タイトル|title/i, window: /期間|締切|期限|deadline|period/i };

export const jstKoubo: ListingAdapter = {
  name: 'jst-koubo-table',
  description: 'JST 公募情報: a table of notices with 掲載日, 件名 and 募集期間・締切 columns',
  reads: 'listing',
  read(page) {
    const loaded = loadListing(page);
    const { $ } = loaded;
    const table = required($, 'table.koubo-list', page, 'the table of notices').first();
    const header = table.find('thead th').toArray().map((th) => textOf($(th)));
    const col = (re: RegExp): number => header.findIndex((h) => re.test(h));
    const [posted, subject, window] = [col(COLUMNS.posted), col(COLUMNS.subject), col(COLUMNS.window)];
    if (subject < 0) throw layoutChanged(page, 'the 件名 column of the table of notices');
    return table.find('tbody tr').toArray().flatMap((tr): RawEntry[] => {
      const cells = $(tr).children('td, th');
      const links = entryLinks($, cells.eq(subject), loaded, page.lang);
      if (!links) return [];
      return [{ ...links, ...(posted >= 0 ? { posted: textOf(cells.eq(posted)) } : {}), ...(window >= 0 ? { window: textOf(cells.eq(window)) } : {}) }];
    });
  },
};
