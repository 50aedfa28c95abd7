/**
 * The notifier: hands pending change events to the confirmed subscribers whose filters match, one
 * e-mail per subscriber per run, and records each (subscriber, event) delivery so that a re-run does
 * not send it again. An event stays pending until every matching subscriber has it.
 */
import type { ChangeEvent, Subscriber } from './model.ts';
import type { Clock, Mailer, Store } from './ports.ts';
import { renderChangeEmail, type RenderOptions } from './render-email.ts';

export interface NotifyDeps {
  store: Store;
  mailer: Mailer;
  clock: Clock;
}

export interface NotifyReport {
  pendingEvents: number;
  emailsSent: number;
  recipients: string[];
  failures: string[];
}

export function matches(subscriber: Subscriber, event: ChangeEvent): boolean {
  const { agencies, programs, categories } = subscriber.filters;
  return (!agencies?.length || agencies.includes(event.agency))
    && (!programs?.length || programs.includes(event.change.programId))
    && (!categories?.length || categories.includes(event.change.category));
}

export async function notifyPending(deps: NotifyDeps, options: RenderOptions = {}): Promise<NotifyReport> {
  const events = await deps.store.listPendingEvents();
  const report: NotifyReport = { pendingEvents: events.length, emailsSent: 0, recipients: [], failures: [] };
  if (events.length === 0) return report;
  const subscribers = (await deps.store.listSubscribers()).filter((s) => s.status === 'confirmed');
  const undeliverable = new Set<string>();
  for (const subscriber of subscribers) {
    const due = await undelivered(deps, subscriber, events.filter((e) => matches(subscriber, e)));
    if (due.length === 0) continue;
    try {
      const { messageId } = await deps.mailer.send(renderChangeEmail(subscriber, due, options));
      // A crash between the send above and this record re-sends on the next run (at least once);
      // the outbox with send claims that closes this gap is the e-mail issue's work.
      await deps.store.recordDelivery({ subscriberId: subscriber.id, eventIds: due.map((e) => e.id), messageId, sentAt: deps.clock().toISOString() });
      report.emailsSent += 1;
      report.recipients.push(subscriber.id);
    } catch (err) {
      report.failures.push(`${subscriber.id}: ${(err as Error).message}`);
      for (const event of due) undeliverable.add(event.id);
    }
  }
  await deps.store.markEventsNotified(events.filter((e) => !undeliverable.has(e.id)));
  return report;
}

async function undelivered(deps: NotifyDeps, subscriber: Subscriber, events: ChangeEvent[]): Promise<ChangeEvent[]> {
  const delivered = await Promise.all(events.map((e) => deps.store.hasDelivery(subscriber.id, e.id)));
  return events.filter((_, i) => !delivered[i]);
}
