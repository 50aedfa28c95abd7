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
  maxRetryWaitMs: number;
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The wait before retry number `n + 1`: backoff with jitter, capped; a server's own Retry-After is used as it is. */
export function retryWait(policy: RetryPolicy, n: number, retryAfterMs: number | undefined): number {
  return retryAfterMs ?? Math.min(policy.retryBaseMs * 2 ** n * (1 + Math.random() * 0.25), policy.maxRetryWaitMs);
}

/** Runs `attempt`, retrying what isRetryable() allows, at most `policy.retries` more times. */
export async function withRetries<T>(policy: RetryPolicy, attempt: () => Promise<T>): Promise<T> {
  const sleep = policy.sleep ?? realSleep;
  for (let n = 0; ; n += 1) {
    try {
      return await attempt();
    } catch (err) {
      if (!isRetryable(err) || n >= policy.retries) throw err;
      // Honouring Retry-After means not coming back early: a wait longer than a cycle can afford
      // fails this fetch (the next cycle tries again) instead of being cut short.
      if (err.retryAfterMs !== undefined && err.retryAfterMs > policy.maxRetryWaitMs) {
        throw new FetchError(err.code, err.url, `the server asked to wait ${Math.round(err.retryAfterMs / 1000)} s before retrying, longer than a cycle waits`,
          false, { cause: err, status: err.status });
      }
      await sleep(retryWait(policy, n, err.retryAfterMs));
    }
  }
}
