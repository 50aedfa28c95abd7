/** When a subscriber's next e-mail may go: at once, or when their daily or weekly digest is due. */
import { DAY_MS } from '#lib/japan-time.ts';
import type { Subscriber } from '../domain/subscribers.ts';

const PERIOD_MS = { daily: DAY_MS, weekly: 7 * DAY_MS } as const;
/** A digest may go an hour early: schedules drift, and a digest that waits a whole extra period helps nobody. */
const DIGEST_SLACK_MS = 3_600_000;

export function digestDue(subscriber: Subscriber, now: Date): boolean {
  const mode = subscriber.delivery ?? 'immediate';
  if (mode === 'immediate' || !subscriber.lastDigestAt) return true;
  return now.getTime() - Date.parse(subscriber.lastDigestAt) >= PERIOD_MS[mode] - DIGEST_SLACK_MS;
}
