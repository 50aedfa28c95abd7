/** The per-host queue: a cap on requests in flight per host, without holding other hosts up. */
import { describe, expect, it } from 'vitest';
import { HostLimiter } from '#io/fetch/host-limiter.ts';

/** A task that stays in flight until the test releases it. */
function gate(): { task: () => Promise<void>; release: () => void } {
  let release = (): void => {};
  const done = new Promise<void>((resolve) => { release = resolve; });
  return { task: () => done, release };
}

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 5));

describe('HostLimiter', () => {
  it('never runs more than the limit for one host, and starts the next when one finishes', async () => {
    const limiter = new HostLimiter(2, 0);
    const gates = [gate(), gate(), gate()];
    const started: number[] = [];
    const runs = gates.map((g, i) => limiter.run('www.jst.go.jp', () => { started.push(i); return g.task(); }));

    await tick();
    const beforeRelease = [...started];
    gates[0]!.release();
    await tick();

    expect(beforeRelease).toEqual([0, 1]);
    expect(started).toEqual([0, 1, 2]);
    gates.forEach((g) => g.release());
    await Promise.all(runs);
  });

  it('lets another host through while one host is at its limit', async () => {
    const limiter = new HostLimiter(1, 0);
    const busy = gate();
    const blocked = limiter.run('www.jst.go.jp', busy.task);

    const other = await limiter.run('www.amed.go.jp', async () => 'done');

    expect(other).toBe('done');
    busy.release();
    await blocked;
  });

  it('frees the place of a task that failed', async () => {
    const limiter = new HostLimiter(1, 0);

    await expect(limiter.run('www.jst.go.jp', async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    const next = await limiter.run('www.jst.go.jp', async () => 'ran');

    expect(next).toBe('ran');
  });

  it('keeps the gap between the requests that really went when a busy event loop fires one timer late', async () => {
    const limiter = new HostLimiter(3, 100);
    const starts: number[] = [];
    const go = (): Promise<void> => limiter.run('www.jst.go.jp', async () => { starts.push(performance.now()); });
    // Booked at 0, 100 and 200 ms; the loop is busy from 90 to 170 ms, so the second fires at about 170.
    setTimeout(() => { const until = performance.now() + 80; while (performance.now() < until) { /* a long parse */ } }, 90);

    await Promise.all([go(), go(), go()]);

    const gaps = starts.slice(1).map((at, i) => at - starts[i]!);
    expect(gaps[0]).toBeGreaterThanOrEqual(150);
    // Booked 100 ms after the second, the third would have followed its late start by about 30 ms.
    expect(gaps[1]).toBeGreaterThanOrEqual(99);
  });
});
