/**
 * The notifier: hands pending change events to the confirmed subscribers whose filters match, through the
 * outbox (outbox.ts), which delivers every e-mail exactly once across crashes and retries.
 *
 * For each subscriber, the events due (matching, not yet delivered, not in another run's claim) become one
 * e-mail, immediately or in their daily/weekly digest when it is due. An event stays pending until every
 * matching subscriber (who had confirmed when it was detected) has it.
 */
import type { ChangeEvent } from '../domain/changes.ts';
import type { Subscriber } from '../domain/subscribers.ts';
import type { EventLog, Outbox, SnapshotStore, SubscriberStore } from '../ports/store.ts';
import { renderChangeEmail, type ProgrammeContext } from './email/change-email.ts';
import { renderChannelChanges } from './channels/render.ts';
import { digestDue } from './digests.ts';
import { owedTo } from './matching.ts';
import { claimAndSend, claimedIds, countSent, DEFAULT_CLAIM_TIMEOUT_MS, recoverClaims, undelivered, type HeldClaims, type OutboxDeps, type OutboxOptions } from './outbox.ts';
import { programmeContexts } from './programme-context.ts';
import { noteDelivered, refusalDisabled } from './channel-refusals.ts';

/** The outbox's needs, and beside it the event log, the subscribers and the latest snapshots (for the programmes' names). */
export interface NotifyDeps extends OutboxDeps {
  store: EventLog & SubscriberStore & Outbox & SnapshotStore;
}

export type NotifyOptions = OutboxOptions;

export interface NotifyReport {
  pendingEvents: number;
  emailsSent: number;
  /** Subscriber ids that got an e-mail this run (never addresses). */
  recipients: string[];
  /** Messages posted to channels this run (Slack, Teams, webhooks), and the channels' subscriber ids. */
  postsSent: number;
  channels: string[];
  /** Digests held until their time. */
  digestsWaiting: number;
  /** Open claims of crashed runs found sent (recorded now) or not (released and sent again). */
  recovered: { recorded: number; released: number };
  /**
   * Open claims too young to settle: another run is sending them, or crashed less than the claim timeout
   * ago. Their e-mails wait; the first run from `settledFrom` (the last claim's time plus the timeout) settles them.
   */
  held: HeldClaims;
  failures: string[];
  /** Channels (subscriber ids) disabled this run after their webhooks refused for good; their owners were e-mailed. */
  channelsDisabled: string[];
}

/** What one run shares across subscribers: the events, when it runs, and the programmes they concern. */
interface Run { events: ChangeEvent[]; now: Date; programmes: Map<string, ProgrammeContext>; timeoutMs: number }

export async function notifyPending(deps: NotifyDeps, options: NotifyOptions = {}): Promise<NotifyReport> {
  const events = await deps.store.listPendingEvents();
  const report: NotifyReport = { pendingEvents: events.length, emailsSent: 0, recipients: [], postsSent: 0, channels: [], digestsWaiting: 0, recovered: { recorded: 0, released: 0 },
    held: { claims: 0 }, failures: [], channelsDisabled: [] };
  if (events.length === 0) return report;
  const now = deps.clock();
  const subscribers = (await deps.store.listSubscribers()).filter((s) => s.status === 'confirmed');
  const run: Run = { events, now, programmes: await programmeContexts(deps.store, events, now), timeoutMs: options.claimTimeoutMs ?? DEFAULT_CLAIM_TIMEOUT_MS };
  const owed = new Set<string>();
  for (const subscriber of subscribers) {
    try {
      for (const id of await notifySubscriber(deps, subscriber, run, report)) owed.add(id);
    } catch (err) {
      report.failures.push(`${subscriber.id}: ${(err as Error).message}`);
      if (await disabledBy(deps, subscriber, err, now, report)) continue;
      for (const e of events) if (owedTo(subscriber, e)) owed.add(e.id);
    }
  }
  await deps.store.markEventsNotified(events.filter((e) => !owed.has(e.id)));
  return report;
}

/** Sends one subscriber what is due to them, if anything; returns the ids of the events they are still owed. */
async function notifySubscriber(deps: NotifyDeps, subscriber: Subscriber, run: Run, report: NotifyReport): Promise<string[]> {
  await recoverClaims(deps, subscriber, run.now, run.timeoutMs, report);
  const undone = await undelivered(deps.store, subscriber, run.events.filter((e) => owedTo(subscriber, e)), (e) => e.id);
  const claimed = await claimedIds(deps.store, subscriber.id);
  const due = undone.filter((e) => !claimed.open.has(e.id) && !claimed.sent.has(e.id));
  // Another run's e-mail carries these: it records them and marks them notified, or a later run recovers its claim.
  const owed = undone.filter((e) => claimed.open.has(e.id)).map((e) => e.id);
  if (due.length === 0) return owed;
  if (!digestDue(subscriber, run.now)) {
    report.digestsWaiting += 1;
    return [...owed, ...due.map((e) => e.id)];
  }
  if (!(await sendOnce(deps, subscriber, due, run))) return [...owed, ...due.map((e) => e.id)];
  countSent(report, subscriber);
  await noteDelivered(deps, subscriber);
  return owed;
}

/** Whether the failure disabled the subscriber's channel (counted in the report); a failure to record that is one more failure. */
async function disabledBy(deps: NotifyDeps, subscriber: Subscriber, err: unknown, now: Date, report: NotifyReport): Promise<boolean> {
  try {
    if (!(await refusalDisabled(deps, subscriber, err, now))) return false;
    report.channelsDisabled.push(subscriber.id);
    return true;
  } catch (recordErr) {
    report.failures.push(`${subscriber.id}: ${(recordErr as Error).message}`);
    return false;
  }
}

/** The change e-mail of one subscriber's due events, claimed, sent and recorded once. */
function sendOnce(deps: NotifyDeps, subscriber: Subscriber, due: ChangeEvent[], run: Run): Promise<boolean> {
  const digest = subscriber.delivery === 'daily' || subscriber.delivery === 'weekly' ? subscriber.delivery : undefined;
  return claimAndSend(deps, subscriber, due.map((e) => e.id), run.now, (reference, links) => {
    const options = { programmes: run.programmes, reference, ...(digest ? { digest } : {}), ...(links ? { links } : {}) };
    return subscriber.channel ? { post: renderChannelChanges(subscriber, due, { ...options, now: run.now }) } : { mail: renderChangeEmail(subscriber, due, options) };
  }, { digest: digest !== undefined });
}
