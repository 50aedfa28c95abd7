/** Backoff between attempts: exponential with jitter, or the server's own Retry-After when it sends one. */
import { FetchError, isRetryable } from './errors.ts';

/** Retry-After is seconds or an HTTP date; anything else is ignored. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export interface RetryPolicy {
  retries: number;
  retryBaseMs: number;
  maxRetryAfterMs: number;
}

export async function withRetries<T>(policy: RetryPolicy, attempt: () => Promise<T>): Promise<T> {
  for (let n = 0; ; n += 1) {
    try {
      return await attempt();
    } catch (err) {
      if (!isRetryable(err) || n >= policy.retries) throw err;
      const wait = err.retryAfterMs ?? policy.retryBaseMs * 2 ** n * (1 + Math.random() * 0.25);
      if (wait > policy.maxRetryAfterMs) {
        throw new FetchError(err.code, err.url, `the server asked to wait ${Math.round(wait / 1000)} s before retrying`, false, { cause: err });
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
