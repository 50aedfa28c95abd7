/**
 * The Poster port (core/ports/poster.ts) over HTTPS: posts a rendered message to a Slack, Teams or generic webhook.
 * Webhook URLs are untrusted: each is checked (HTTPS, port 443, no credentials: destination.ts), the address it
 * resolves to is checked at connect time on the very answer the socket uses (io/fetch's guarded agent), redirects
 * are never followed, answers are read up to a small cap, and the URL is never shown in full (mask-url.ts).
 *
 * One post is up to `attempts` exchanges while the receiver answers 408, 429 or 5xx, waiting its Retry-After or an
 * exponential backoff with jitter between them, and never sooner than the per-destination gap (pacer.ts).
 */
import type { OutgoingPost } from '#core/domain/channels.ts';
import { NotDeliveredError, type Poster } from '#core/ports/poster.ts';
import { webhookSecretFor } from '#core/subscriptions/webhook-secret.ts';
import { createGuardedAgent } from '../fetch/guarded-agent.ts';
import { parseRetryAfter, retryWait } from '../fetch/retry.ts';
import { checkWebhookUrl } from './destination.ts';
import { RetryLaterError } from './errors.ts';
import { postOnce } from './exchange.ts';
import { maskUrl } from './mask-url.ts';
import { DEFAULT_WEBHOOK_POSTER_OPTIONS, WEBHOOK_USER_AGENT, type WebhookPosterOptions } from './options.ts';
import { judge } from './outcome.ts';
import { createPacer } from './pacer.ts';
import { signatureHeaders } from './signing.ts';

export interface WebhookPoster extends Poster {
  /** Closes the poster's connections (a test, the end of a local run); a Lambda keeps it for the next invocation. */
  close(): Promise<void>;
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * @example
 * const poster = createWebhookPoster({ signingKey: linkSecret });
 * await poster.post({ subscriberId, destination: { kind: 'slack', url }, body: JSON.stringify(blocks), messageId: key });
 */
export function createWebhookPoster(overrides: Partial<WebhookPosterOptions> = {}): WebhookPoster {
  const options: WebhookPosterOptions = { ...DEFAULT_WEBHOOK_POSTER_OPTIONS, ...overrides };
  const sleep = options.sleep ?? realSleep;
  const now = options.now ?? Date.now;
  const agent = createGuardedAgent({ connectTimeoutMs: options.connectTimeoutMs, localOrigins: options.localOrigins,
    ...(options.lookup ? { lookup: options.lookup } : {}) });
  const pacer = createPacer(options.perDestinationGapMs, now, sleep);

  async function post(message: OutgoingPost): Promise<{ messageId: string }> {
    const url = checkWebhookUrl(message.destination.url, options.localOrigins).href;
    const shown = maskUrl(url);
    const secret = secretOf(message, options, shown);
    for (let attempt = 1; ; attempt += 1) {
      await pacer.turn(url);
      const answer = await postOnce(agent, options, url, message.body, headersFor(message, secret, now()));
      if (judge(answer, shown) === 'delivered') return { messageId: message.messageId };
      if (attempt >= options.attempts) {
        throw new NotDeliveredError(`${shown} answered HTTP ${answer.status} to all ${options.attempts} attempts: not delivered; it will be tried again on the next run`);
      }
      const retryAfterMs = parseRetryAfter(answer.headers['retry-after'], now());
      if (retryAfterMs !== undefined && retryAfterMs > options.maxRetryWaitMs) {
        const retryAt = new Date(now() + retryAfterMs);
        throw new RetryLaterError(`${shown} answered HTTP ${answer.status} and asked to wait ${Math.ceil(retryAfterMs / 1000)} s, longer than a run waits: `
          + `not delivered; try again after ${retryAt.toISOString()}`, retryAt);
      }
      await sleep(retryWait({ retries: options.attempts - 1, retryBaseMs: options.retryBaseMs, maxRetryWaitMs: options.maxRetryWaitMs }, attempt - 1, retryAfterMs));
    }
  }

  return {
    post,
    findSent: options.findSent ?? (async () => 'unknown'),
    close: () => agent.close(),
  };
}

/** A generic webhook is always signed: without its secret nothing is sent (its receiver would rightly refuse it). */
function secretOf(message: OutgoingPost, options: WebhookPosterOptions, shown: string): string | undefined {
  if (message.destination.kind !== 'webhook') return undefined;
  const version = message.destination.secretVersion;
  const derived = options.signingKey && version ? webhookSecretFor(options.signingKey, message.subscriberId, version) : undefined;
  const secret = options.secretFor?.(message) ?? derived;
  if (!secret) throw new NotDeliveredError(`no signing secret for the webhook ${shown}: configure the link key the secrets are derived from (signingKey); nothing was sent`);
  return secret;
}

/**
 * The same few headers for every kind: JSON, a fixed User-Agent, and the delivery key as `idempotency-key` (so any
 * receiver, the local one included, can tell a retry from a new message). No cookies: none is ever stored or sent.
 */
function headersFor(message: OutgoingPost, secret: string | undefined, nowMs: number): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': WEBHOOK_USER_AGENT, 'idempotency-key': message.messageId };
  return secret ? { ...headers, ...signatureHeaders(message, secret, nowMs) } : headers;
}
