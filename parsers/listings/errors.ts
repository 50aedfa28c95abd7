/**
 * Why a listing could not be read, each with what to do next. The cycle records any of them as the
 * listing's one failure (a layout change is not "no new calls"); none of them is worth a quick retry.
 */
export class ListingError extends Error {
  override name = 'ListingError';
}

/** The registry names an adapter that does not exist. */
export class UnknownListingAdapterError extends ListingError {
  override name = 'UnknownListingAdapterError';
}

/** The list the adapter looks for is not on the page: the listing was redesigned, or the URL now serves another page. */
export class ListingLayoutError extends ListingError {
  override name = 'ListingLayoutError';
}

/** A feed's bytes are not an Atom or RSS feed (an HTML error page, a login page, plain text). */
export class UnreadableFeedError extends ListingError {
  override name = 'UnreadableFeedError';
}
