/** The key layout's promises that other parts rely on without reading it. */
import { describe, expect, it } from 'vitest';
import { keys } from '#io/store/keys.ts';

describe('keys', () => {
  it('keeps the subscribe form\'s counters under the subscribers\' partition prefix, the only one the internet-facing role may touch', () => {
    const subscriberPrefix = keys.subscriber('').PK;

    expect(keys.limitCounter('s-0123456789abcdef01234567', '2026-04-01T00:00:00.000Z').PK.startsWith(subscriberPrefix)).toBe(true);
    expect(keys.limitCounter('client#abc', '2026-04-01T00:00:00.000Z').PK.startsWith(subscriberPrefix)).toBe(true);
  });
});
