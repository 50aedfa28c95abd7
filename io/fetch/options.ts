/** The fetch policy, with production defaults; tests and offline runs override single fields. */
import type { LookupFunction } from 'node:net';

export const FUNDWATCH_VERSION = '0.1.0';

export interface FetcherOptions {
  /** Host suffixes that may be fetched: a host matches a suffix exactly or as a subdomain. */
  allowHosts: string[];
  /** Where a site operator can find out who is crawling them; goes into the User-Agent. */
  contactUrl: string;
  connectTimeoutMs: number;
  /** Headers and the whole body must arrive within this time (per attempt). */
  totalTimeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  retries: number;
  retryBaseMs: number;
  /** The longest wait before a retry: a longer Retry-After or backoff is cut down to this. */
  maxRetryWaitMs: number;
  perHostConcurrency: number;
  /** Minimum time between the starts of two requests to the same host. */
  politenessDelayMs: number;
  respectRobots: boolean;
  /**
   * Send every request to this origin with the logical Host header (offline replay, tests). The fetcher
   * may connect to this origin (an IP address and port, e.g. http://127.0.0.1:PORT) and nowhere else.
   */
  route?: { origin: string };
  /**
   * The one local origin (http://127.0.0.1:PORT) the fetcher may connect to without routing: loopback and
   * its port are otherwise refused. For tests only; production and the Lambdas never set it.
   */
  localOrigin?: string;
  /** The DNS resolver whose answers are checked before connecting; the system's by default. A seam for tests. */
  lookup?: LookupFunction;
  /** How retries wait; a seam so tests can record the waits instead of sleeping through them. */
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_FETCHER_OPTIONS: FetcherOptions = {
  allowHosts: ['jst.go.jp', 'amed.go.jp', 'jsps.go.jp'],
  contactUrl: 'https://github.com/fundwatch/fundwatch',
  connectTimeoutMs: 10_000,
  totalTimeoutMs: 60_000,
  maxBytes: 15 * 1024 * 1024,
  maxRedirects: 5,
  retries: 3,
  retryBaseMs: 1_000,
  maxRetryWaitMs: 120_000,
  perHostConcurrency: 2,
  politenessDelayMs: 1_000,
  respectRobots: true,
};

/**
 * The honest User-Agent: the project, its version and a contact URL.
 * @example userAgent('https://example.org') // 'fundwatch/0.1.0 (+https://example.org; research-funding change monitor)'
 */
export function userAgent(contactUrl: string): string {
  return `fundwatch/${FUNDWATCH_VERSION} (+${contactUrl}; research-funding change monitor)`;
}
