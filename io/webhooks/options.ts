/** The webhook poster's policy, with production defaults; tests and local runs override single fields. */
import type { LookupFunction } from 'node:net';
import type { OutgoingPost } from '#core/domain/channels.ts';
import type { Poster } from '#core/ports/poster.ts';
import { FUNDWATCH_VERSION } from '../fetch/options.ts';

export interface WebhookPosterOptions {
  connectTimeoutMs: number;
  /** The whole exchange (connect, send, answer) of one attempt. */
  totalTimeoutMs: number;
  /** How much of an answer is read (then discarded, but for a short excerpt in errors); the connection is dropped past it. */
  maxResponseBytes: number;
  /** Attempts in all for one post, the first included, while the answer is 429 or 5xx. */
  attempts: number;
  /** The first backoff wait; doubled at each attempt, plus up to 25 % jitter. */
  retryBaseMs: number;
  /** The longest wait a run affords: a longer Retry-After ends the post with RetryLaterError (try again next run). */
  maxRetryWaitMs: number;
  /**
   * The least time between two posts to one destination, in this process. Slack allows about one message a second
   * per incoming webhook (short bursts tolerated), and Teams workflows throttle a busy flow, so one second fits all.
   */
  perDestinationGapMs: number;
  /**
   * Origins like http://127.0.0.1:PORT (the local receiver, a test server) that may be posted to over plain HTTP, on
   * their port, at their local address; set by code, never by a subscriber. Exactly io/fetch's ConnectPolicy.localOrigins.
   */
  localOrigins: string[];
  /**
   * The deployment's link key, from which each generic webhook's signing secret is derived
   * (core/subscriptions/webhook-secret.ts, with the message's subscriber id and secret version).
   */
  signingKey?: string;
  /** A generic webhook's signing secret, in place of the one derived from signingKey (tests). */
  secretFor?: (message: OutgoingPost) => string | undefined;
  /** The Poster's findSent: the local receiver's, locally; production cannot ask Slack, Teams or a webhook. */
  findSent?: Poster['findSent'];
  /** The DNS resolver whose answers are checked when connecting; the system's by default. A seam for tests. */
  lookup?: LookupFunction;
  /** How the poster waits (backoff, Retry-After, the per-destination gap): a seam so tests never sleep. */
  sleep?: (ms: number) => Promise<void>;
  /** Milliseconds since the epoch: the signature's timestamp, an HTTP-date Retry-After, the gap's bookings. */
  now?: () => number;
}

export const DEFAULT_WEBHOOK_POSTER_OPTIONS: WebhookPosterOptions = {
  connectTimeoutMs: 5_000,
  totalTimeoutMs: 15_000,
  maxResponseBytes: 4 * 1024,
  attempts: 4,
  retryBaseMs: 1_000,
  maxRetryWaitMs: 60_000,
  perDestinationGapMs: 1_000,
  localOrigins: [],
};

/** One fixed User-Agent: receivers can tell fundwatch's posts apart, and nothing about the run leaks into it. */
export const WEBHOOK_USER_AGENT = `fundwatch-webhooks/${FUNDWATCH_VERSION}`;
