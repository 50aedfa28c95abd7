/**
 * The one worker pool: at most `limit` tasks in flight, each worker taking the next item as soon as its
 * last one ends. Used for sources in a cycle, hosts in a fanned-out plan and snapshot reads alike.
 */

/** Runs fn over items with at most `limit` in flight, keeping the input order in the output. */
export async function mapPool<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      out[index] = await fn(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
