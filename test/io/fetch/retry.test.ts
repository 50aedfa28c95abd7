/** When and how long to wait before another attempt. */
import { describe, expect, it } from 'vitest';
import { FetchError, isRetryable } from '#io/fetch/errors.ts';
import { parseRetryAfter, retryWait } from '#io/fetch/retry.ts';

describe('parseRetryAfter', () => {
  const now = Date.parse('Wed, 01 Jan 2025 00:00:00 GMT');

  it('reads delay seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
  });

  it('reads an HTTP date as the time left until it, never negative', () => {
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Tue, 31 Dec 2024 23:00:00 GMT', now)).toBe(0);
  });

  it('ignores anything else', () => {
    expect([parseRetryAfter('soon', now), parseRetryAfter(undefined, now)]).toEqual([undefined, undefined]);
  });
});

describe('retryWait', () => {
  const policy = { retries: 3, retryBaseMs: 1000, maxRetryWaitMs: 60_000 };

  it('doubles the backoff each attempt, with at most a quarter of jitter on top', () => {
    for (const n of [0, 1, 2]) {
      const wait = retryWait(policy, n, undefined);
      expect(wait).toBeGreaterThanOrEqual(1000 * 2 ** n);
      expect(wait).toBeLessThanOrEqual(1250 * 2 ** n);
    }
  });

  it("uses the server's Retry-After as it is (withRetries refuses one longer than a cycle waits)", () => {
    expect(retryWait(policy, 0, 5000)).toBe(5000);
    expect(retryWait(policy, 0, 3_600_000)).toBe(3_600_000);
  });
});

describe('isRetryable', () => {
  it('retries only fetch errors marked retryable', () => {
    const serverError = new FetchError('http-status', 'https://www.jst.go.jp/', 'HTTP 503', true);
    const notFound = new FetchError('http-status', 'https://www.jst.go.jp/', 'HTTP 404');
    expect([isRetryable(serverError), isRetryable(notFound), isRetryable(new Error('other'))]).toEqual([true, false, false]);
  });
});
