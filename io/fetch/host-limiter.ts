/**
 * Politeness per host: at most `concurrency` requests in flight to one host, and at least `gapMs`
 * between the starts of two requests to it. Other hosts are not held up.
 *
 * Each request let go is published on the diagnostics channel `fundwatch:fetch:released` ({ host, at } on
 * the monotonic clock): where politeness can be observed exactly, whatever the event loop does next.
 */
import { channel } from 'node:diagnostics_channel';

const released = channel('fundwatch:fetch:released');

interface HostSlot {
  active: number;
  nextStart: number;
  /** When the last request really went (-Infinity before the first). */
  lastStart: number;
  queue: Array<() => void>;
}

export class HostLimiter {
  private readonly hosts = new Map<string, HostSlot>();

  constructor(private readonly concurrency: number, private readonly gapMs: number) {}

  async run<T>(host: string, task: () => Promise<T>): Promise<T> {
    const slot = this.slotFor(host);
    // A finishing task hands its place straight to the next waiter, so a newcomer can never slip in between.
    if (slot.active < this.concurrency) slot.active += 1;
    else await new Promise<void>((resolve) => slot.queue.push(resolve));
    try {
      await this.spaceOut(slot);
      if (released.hasSubscribers) released.publish({ host, at: performance.now() });
      return await task();
    } finally {
      const next = slot.queue.shift();
      if (next) next();
      else slot.active -= 1;
    }
  }

  private slotFor(host: string): HostSlot {
    let slot = this.hosts.get(host);
    if (!slot) {
      slot = { active: 0, nextStart: 0, lastStart: -Infinity, queue: [] };
      this.hosts.set(host, slot);
    }
    return slot;
  }

  /**
   * Books the next start time synchronously, then waits for it: concurrent callers get distinct times. A timer
   * fires late when the event loop is busy (a parse), so a request also waits out the gap after the one that
   * really went before it: the gap holds between actual starts, not only between booked ones.
   */
  private async spaceOut(slot: HostSlot): Promise<void> {
    // The monotonic clock: a wall clock stepped back must not hold a host's next request for the step.
    const now = performance.now();
    const start = Math.max(now, slot.nextStart);
    slot.nextStart = start + this.gapMs;
    if (start > now) await sleep(start - now);
    for (let wait = slot.lastStart + this.gapMs - performance.now(); wait > 0; wait = slot.lastStart + this.gapMs - performance.now()) await sleep(wait);
    slot.lastStart = performance.now();
    slot.nextStart = Math.max(slot.nextStart, slot.lastStart + this.gapMs);
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => { setTimeout(resolve, ms); });
