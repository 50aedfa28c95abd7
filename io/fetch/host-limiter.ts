/**
 * Politeness per host: at most `concurrency` requests in flight to one host, and at least `gapMs`
 * between the starts of two requests to it. Other hosts are not held up.
 */
export class HostLimiter {
  private readonly hosts = new Map<string, { active: number; nextStart: number; queue: Array<() => void> }>();

  constructor(private readonly concurrency: number, private readonly gapMs: number) {}

  async run<T>(host: string, task: () => Promise<T>): Promise<T> {
    const slot = this.hosts.get(host) ?? { active: 0, nextStart: 0, queue: [] };
    this.hosts.set(host, slot);
    if (slot.active >= this.concurrency) await new Promise<void>((resolve) => slot.queue.push(resolve));
    slot.active += 1;
    const wait = slot.nextStart - Date.now();
    slot.nextStart = Math.max(Date.now(), slot.nextStart) + this.gapMs;
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    try {
      return await task();
    } finally {
      slot.active -= 1;
      slot.queue.shift()?.();
    }
  }
}
