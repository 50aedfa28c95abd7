/** The fetch policy, with production defaults; tests and offline runs override single fields. */
export const FUNDWATCH_VERSION = '0.1.0';

export interface FetcherOptions {
  /** Host suffixes that may be fetched: a host matches a suffix exactly or as a subdomain. */
  allowHosts: string[];
  userAgent: string;
  connectTimeoutMs: number;
  /** Headers and the whole body must arrive within this time. */
  totalTimeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  retries: number;
  retryBaseMs: number;
  /** A Retry-After longer than this fails the fetch instead of stalling the cycle. */
  maxRetryAfterMs: number;
  perHostConcurrency: number;
  /** Minimum time between the starts of two requests to the same host. */
  politenessDelayMs: number;
  respectRobots: boolean;
  /** Send every request to this origin with the logical Host header (offline replay, tests). */
  route?: { origin: string };
}

export const CONTACT_URL = 'https://github.com/fundwatch/fundwatch';

export const DEFAULT_FETCHER_OPTIONS: FetcherOptions = {
  allowHosts: ['jst.go.jp', 'amed.go.jp', 'jsps.go.jp'],
  userAgent: `fundwatch/${FUNDWATCH_VERSION} (+${CONTACT_URL}; research-funding change monitor)`,
  connectTimeoutMs: 10_000,
  totalTimeoutMs: 60_000,
  maxBytes: 15 * 1024 * 1024,
  maxRedirects: 5,
  retries: 3,
  retryBaseMs: 1_000,
  maxRetryAfterMs: 120_000,
  perHostConcurrency: 2,
  politenessDelayMs: 1_000,
  respectRobots: true,
};
