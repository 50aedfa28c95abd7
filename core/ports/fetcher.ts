/**
 * How core asks for a page: one allowlisted URL, with the validators of the last version, answered by
 * the page or "not modified". io/fetch implements it with undici; tests serve recorded pages.
 */

export interface Validators {
  etag?: string;
  lastModified?: string;
}

export interface FetchedPage {
  kind: 'fetched';
  url: string;
  /** The URL after redirects (all inside the allowlist). */
  finalUrl: string;
  status: number;
  body: Uint8Array;
  /** e.g. text/html, application/pdf, from Content-Type. */
  mediaType?: string;
  /** The charset parameter of Content-Type, if any (the document stage sniffs the rest). */
  charset?: string;
  etag?: string;
  lastModified?: string;
  elapsedMs: number;
}

export interface NotModified {
  kind: 'not-modified';
  url: string;
  elapsedMs: number;
}

export interface Fetcher {
  /** Fetches one allowlisted URL; throws FetchError (io/fetch/errors.ts) with a reason a maintainer can act on. */
  fetch(url: string, validators?: Validators): Promise<FetchedPage | NotModified>;
  close(): Promise<void>;
}
