/**
 * What a listing adapter is: it knows where one layout of listing keeps its entries and returns each
 * entry's raw parts (the page's own words and links). Everything else (resolving links, reading dates,
 * classifying, de-duplicating) happens once, in parse-listing.ts, the same for every layout.
 */
import type { Lang } from '#parsers/schema.ts';

/** One entry as the listing shows it: its words, its links as written, its dates as written. */
export interface RawEntry {
  title: string;
  href: string;
  /** The other-language version's link, when the entry links one. */
  alternateHref?: string;
  /** The text that says when the entry was posted ("2026年4月14日", "Apr. 10, 2026", "2026-04-14"). */
  posted?: string;
  /** The text that says when the call opens and closes ("公募期間：…～…", "Application deadline: …"). */
  window?: string;
  /** The words under the title (its lede), which may tell the kind when the title does not. */
  summary?: string;
  /** The category tag printed before the title ("Calls for Proposals", "公募情報"): it tells the kind when title and lede do not. */
  tag?: string;
  /** The heading the entry stands under ("更新履歴", "History of Updates"): a call page's update log lists updates, not calls. */
  section?: string;
}

export interface ListingPage {
  /** The decoded body. */
  text: string;
  /** Where the body came from after redirects: relative links resolve against it. */
  url: string;
  /** The listing's language: which of an entry's links is its own and which the other language's. */
  lang: Lang;
  /** The media type the server gave, for error messages ("served as text/html"). */
  mediaType?: string;
}

export interface ListingAdapter {
  name: string;
  /** One line for `fundwatch sources`: which listing layout this reads. */
  description: string;
  /** What it reads: an HTML listing page or a feed; the registry entry's kind must agree. */
  reads: 'listing' | 'feed';
  read(page: ListingPage): RawEntry[];
}
