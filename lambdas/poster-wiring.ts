/**
 * The webhook poster for channels (Slack, Teams, generic webhooks), built once per container, for the handlers that
 * post (wiring.ts says why apart). A generic webhook's signing secret is derived from the link key the handlers
 * already read from Secrets Manager (core/subscriptions/webhook-secret.ts): channels need no secret of their own.
 *
 * Posts leave through Lambda's own outbound internet access (the functions are in no VPC), so they need no IAM
 * permission at all; every destination is still checked at connect time (io/webhooks/poster.ts).
 */
import { NotDeliveredError, type Poster } from '#core/ports/poster.ts';
import { createWebhookPoster, type WebhookPoster } from '#io/webhooks/poster.ts';
import type { WebhookPosterOptions } from '#io/webhooks/options.ts';
import { linkSecret } from './secret-wiring.ts';

/**
 * The poster's bounds in a Lambda, tighter than its defaults (4 attempts of up to 15 s, waits of up to 60 s: 4 min for
 * one slow channel, most of the notifier's 5 min). Here one post takes at most
 * attempts x totalTimeoutMs + (attempts - 1) x maxRetryWaitMs + the per-destination gap = 3 x 10 + 2 x 5 + 1 = 41 s
 * (connecting is inside each attempt's 10 s). A longer Retry-After is not waited for: the post fails as
 * "retry later" and the next run (15 minutes on) sends it.
 */
export const LAMBDA_POSTER_BOUNDS = {
  attempts: 3, connectTimeoutMs: 5_000, totalTimeoutMs: 10_000, maxRetryWaitMs: 5_000, perDestinationGapMs: 1_000,
} as const satisfies Partial<WebhookPosterOptions>;

/** The longest one post can take under LAMBDA_POSTER_BOUNDS (the arithmetic above). */
export const WORST_POST_MS = LAMBDA_POSTER_BOUNDS.attempts * LAMBDA_POSTER_BOUNDS.totalTimeoutMs
  + (LAMBDA_POSTER_BOUNDS.attempts - 1) * LAMBDA_POSTER_BOUNDS.maxRetryWaitMs + LAMBDA_POSTER_BOUNDS.perDestinationGapMs;

/**
 * Posts start only this long after the handler began: the last one ends by 200 + 41 = 241 s, inside the 300 s timeout
 * of the notifier and the reminders with a minute to spare for the e-mails and records after it
 * (test/infra/channels.test.ts holds the functions' timeouts to this). So many slow channels cannot get the run
 * killed mid-post (which would leave claims open for 10 minutes and post again once they expire): the channels past
 * the budget are not posted to this run (NotDeliveredError: their events stay owed) and the next run posts them.
 */
export const POSTS_START_WITHIN_MS = 200_000;

/**
 * FUNDWATCH_WEBHOOK_LOCAL_ORIGINS: a test and local-run seam only, never set by the stack (test/infra/channels.test.ts
 * checks): comma-separated loopback origins (http://127.0.0.1:PORT) that may be posted to over plain HTTP, such as
 * a local receiver's. Anything but a loopback origin is refused, so the variable cannot open the way to a private network.
 */
export function localOriginsFromEnv(value = process.env.FUNDWATCH_WEBHOOK_LOCAL_ORIGINS): string[] {
  const origins = (value ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  for (const origin of origins) {
    const host = URL.canParse(origin) ? new URL(origin).hostname : '';
    if (!['127.0.0.1', '[::1]', 'localhost'].includes(host)) {
      throw new Error(`FUNDWATCH_WEBHOOK_LOCAL_ORIGINS: ${origin} is not a loopback origin (http://127.0.0.1:PORT); remove it, the deployed functions never set this variable`);
    }
  }
  return origins;
}

/**
 * The subscription pages post one message, a channel's confirmation request, while a person waits, inside the API
 * function's 15 s: one attempt of at most 8 s, no waiting for a busy webhook (the person is told to try again).
 */
export const PAGES_POSTER_BOUNDS = {
  attempts: 1, connectTimeoutMs: 3_000, totalTimeoutMs: 8_000, maxRetryWaitMs: 0, perDestinationGapMs: 0,
} as const satisfies Partial<WebhookPosterOptions>;

let poster: Promise<WebhookPoster> | undefined;

/**
 * The container's poster: created on first use with the link key, kept (with its connections) for the next invocation.
 * A function posts under one set of bounds (LAMBDA_POSTER_BOUNDS for the senders, PAGES_POSTER_BOUNDS for the pages).
 */
export function awsPoster(bounds: Partial<WebhookPosterOptions> = LAMBDA_POSTER_BOUNDS): Promise<WebhookPoster> {
  poster ??= linkSecret().then((signingKey) => createWebhookPoster({ ...bounds, signingKey, localOrigins: localOriginsFromEnv() }));
  // A failed read is not kept: the next invocation asks Secrets Manager again.
  poster.catch(() => { poster = undefined; });
  return poster;
}

/** One invocation's view of the poster: its time budget, and which channels' posts failed (for the metrics). */
export interface RunPoster {
  poster: Poster;
  /** Subscriber ids whose post failed this invocation (refused, not answered, out of time). */
  failed: Set<string>;
}

/**
 * Wraps the container's poster for one invocation: posts start until `startedAt + POSTS_START_WITHIN_MS`, and each
 * failure is noted by subscriber id, so the handler can tell channel failures from e-mail ones. The poster itself
 * (and the link key it needs) is asked for at the first post: a run with no channel to post to never reads the key for it.
 */
export function forThisRun(base: () => Promise<Poster>, startedAt: number, now: () => number = Date.now): RunPoster {
  const failed = new Set<string>();
  const post: Poster['post'] = async (message) => {
    try {
      if (now() - startedAt > POSTS_START_WITHIN_MS) {
        throw new NotDeliveredError(`this run has used its ${POSTS_START_WITHIN_MS / 1000} s for channel posts: not posted; the next run posts it`);
      }
      return await (await base()).post(message);
    } catch (err) {
      failed.add(message.subscriberId);
      throw err;
    }
  };
  return { poster: { post, findSent: async (key) => (await base()).findSent(key) }, failed };
}

/** How many of the run's failures ("<subscriber id>: <why>") are not a channel's post: e-mails, the store. */
export function otherFailures(failures: readonly string[], failedPosts: ReadonlySet<string>): number {
  return failures.filter((f) => ![...failedPosts].some((id) => f.startsWith(`${id}: `))).length;
}
