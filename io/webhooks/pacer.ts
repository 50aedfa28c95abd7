/**
 * At most one post per destination every `gapMs`, within this process: Slack allows about one message a second per
 * incoming webhook. The idea of io/fetch/host-limiter.ts (book the next start synchronously, so concurrent callers
 * get distinct times), but over an injected clock and sleep, so that tests see the waits without waiting, and keyed
 * by a digest of the URL: the key of a Slack webhook is its secret, and it must sit nowhere in the clear.
 */
import { createHash } from 'node:crypto';

export interface Pacer {
  /** Resolves when a post to `url` may start, and books the next slot `gapMs` later. */
  turn(url: string): Promise<void>;
}

export function createPacer(gapMs: number, now: () => number, sleep: (ms: number) => Promise<void>): Pacer {
  const nextStart = new Map<string, number>();
  return {
    async turn(url) {
      const key = createHash('sha256').update(url).digest('base64url');
      const at = now();
      // Forget destinations whose slot has passed, so a long-lived process does not keep one entry per URL forever.
      if (nextStart.size > 1_000) for (const [k, t] of nextStart) if (t <= at) nextStart.delete(k);
      const start = Math.max(at, nextStart.get(key) ?? at);
      nextStart.set(key, start + gapMs);
      if (start > at) await sleep(start - at);
    },
  };
}
