/**
 * The notifier: hands pending change events to the confirmed subscribers whose filters match, as an
 * outbox that delivers every e-mail exactly once across crashes and retries.
 *
 * For each subscriber, the events due (matching, not yet delivered) become one e-mail, immediately or
 * in their daily/weekly digest when it is due. Before sending, the e-mail is claimed under a key
 * derived from the subscriber and its events; after sending, each (subscriber, event) delivery is
 * recorded and the claim marked sent. A run that finds an open claim older than `claimTimeoutMs`
 * (its run crashed somewhere between claiming and recording) asks the mailer whether that e-mail
 * went out: if so it records it, if not it releases the claim and the events are sent again. An
 * event stays pending until every matching subscriber has it.
 */
import { createHash } from 'node:crypto';
import type { Deadline } from '#parsers/schema.ts';
import type { ChangeEvent, SendClaim, Subscriber } from './model.ts';
import type { Clock, Mailer, Store } from './ports.ts';
import { renderChangeEmail, type ProgrammeContext } from './render-email.ts';
import { subscriberLinks, type LinkConfig } from './subscription-links.ts';

export interface NotifyDeps {
  store: Store;
  mailer: Mailer;
  clock: Clock;
  /** Signed links for the footer and List-Unsubscribe; without them e-mails carry neither. */
  links?: LinkConfig;
}

export interface NotifyOptions {
  /** How old an open claim must be before a run treats its sender as crashed (default 10 minutes). */
  claimTimeoutMs?: number;
}

export interface NotifyReport {
  pendingEvents: number;
  emailsSent: number;
  /** Subscriber ids that got an e-mail this run (never addresses). */
  recipients: string[];
  /** Digests held until their time. */
  digestsWaiting: number;
  /** Open claims of crashed runs found sent (recorded now) or not (released and sent again). */
  recovered: { recorded: number; released: number };
  failures: string[];
}

/** Case and width folded, so "ＡＩ", "ai" and "AI" are one keyword. */
const fold = (text: string): string => text.normalize('NFKC').toLowerCase();

export function matches(subscriber: Subscriber, event: ChangeEvent): boolean {
  const { agencies, programs, categories, keywords, fields, countries } = subscriber.filters;
  // An event without tags (stored before they existed) cannot show a field or country: it does not match those filters.
  const tags = event.tags;
  const text = keywords?.length ? fold([tags?.title ?? '', event.change.summary.en, event.change.summary.ja].join('\n')) : '';
  return (!agencies?.length || agencies.includes(event.agency))
    && (!programs?.length || programs.includes(event.change.programId))
    && (!categories?.length || categories.includes(event.change.category))
    && (!keywords?.length || keywords.some((k) => fold(k).trim() !== '' && text.includes(fold(k).trim())))
    && (!fields?.length || (tags?.fields ?? []).some((f) => fields.includes(f)))
    && (!countries?.length || (tags?.countries ?? []).some((c) => countries.includes(c)));
}

/** The e-mail's identity: the same subscriber and events give the same key, on every retry. */
export function deliveryKey(subscriberId: string, eventIds: string[]): string {
  return createHash('sha256').update(`${subscriberId}\n${[...eventIds].sort().join('\n')}`).digest('hex').slice(0, 32);
}

const PERIOD_MS = { daily: 86_400_000, weekly: 7 * 86_400_000 } as const;
/** A digest may go an hour early: schedules drift, and a digest that waits a whole extra period helps nobody. */
const DIGEST_SLACK_MS = 3_600_000;

export function digestDue(subscriber: Subscriber, now: Date): boolean {
  const mode = subscriber.delivery ?? 'immediate';
  if (mode === 'immediate' || !subscriber.lastDigestAt) return true;
  return now.getTime() - Date.parse(subscriber.lastDigestAt) >= PERIOD_MS[mode] - DIGEST_SLACK_MS;
}

export async function notifyPending(deps: NotifyDeps, options: NotifyOptions = {}): Promise<NotifyReport> {
  const events = await deps.store.listPendingEvents();
  const report: NotifyReport = { pendingEvents: events.length, emailsSent: 0, recipients: [], digestsWaiting: 0, recovered: { recorded: 0, released: 0 }, failures: [] };
  if (events.length === 0) return report;
  const now = deps.clock();
  const subscribers = (await deps.store.listSubscribers()).filter((s) => s.status === 'confirmed');
  const programmes = await programmeContexts(deps.store, events, now);
  const owed = new Set<string>();
  for (const subscriber of subscribers) {
    try {
      await recoverClaims(deps, subscriber, now, options.claimTimeoutMs ?? 600_000, report);
      const due = await undelivered(deps.store, subscriber, events.filter((e) => matches(subscriber, e)));
      if (due.length === 0) continue;
      if (!digestDue(subscriber, now)) {
        report.digestsWaiting += 1;
        for (const e of due) owed.add(e.id);
        continue;
      }
      if (await sendOnce(deps, subscriber, due, programmes, now)) {
        report.emailsSent += 1;
        report.recipients.push(subscriber.id);
      } else for (const e of due) owed.add(e.id);
    } catch (err) {
      report.failures.push(`${subscriber.id}: ${(err as Error).message}`);
      for (const e of events) if (matches(subscriber, e)) owed.add(e.id);
    }
  }
  await deps.store.markEventsNotified(events.filter((e) => !owed.has(e.id)));
  return report;
}

/** Claim, send, record, complete. False when another run holds the claim for this very e-mail. */
async function sendOnce(deps: NotifyDeps, subscriber: Subscriber, due: ChangeEvent[], programmes: Map<string, ProgrammeContext>, now: Date): Promise<boolean> {
  const eventIds = due.map((e) => e.id);
  const claim: SendClaim = { key: deliveryKey(subscriber.id, eventIds), subscriberId: subscriber.id, eventIds, claimedAt: now.toISOString(), status: 'claimed' };
  if (!(await deps.store.claimSend(claim))) return false;
  const digest = subscriber.delivery === 'daily' || subscriber.delivery === 'weekly' ? subscriber.delivery : undefined;
  const mail = renderChangeEmail(subscriber, due, { programmes, reference: claim.key, ...(digest ? { digest } : {}),
    ...(deps.links ? { links: subscriberLinks(deps.links, subscriber, now) } : {}) });
  // If the send fails we cannot know that the message did not go out (a timeout after SES accepted it
  // looks the same as a refusal), so the claim stays: a later run settles it through the mailer.
  const { messageId } = await deps.mailer.send(mail, claim.key);
  await deps.store.recordDelivery({ subscriberId: subscriber.id, eventIds, messageId, sentAt: deps.clock().toISOString() });
  await deps.store.completeSend(claim, messageId);
  if (digest) await deps.store.markDigestSent(subscriber.id, now.toISOString());
  return true;
}

/** Settles the claims a crashed run left open, so their events are neither lost nor sent twice. */
async function recoverClaims(deps: NotifyDeps, subscriber: Subscriber, now: Date, timeoutMs: number, report: NotifyReport): Promise<void> {
  for (const claim of await deps.store.listSendClaims(subscriber.id)) {
    // A claim is marked sent only after its deliveries are recorded: nothing left to do for it.
    if (claim.status === 'sent') continue;
    if (now.getTime() - Date.parse(claim.claimedAt) < timeoutMs) continue; // a live run is sending it right now
    const sent = await deps.mailer.findSent(claim.key);
    if (sent && sent !== 'unknown') {
      await deps.store.recordDelivery({ subscriberId: claim.subscriberId, eventIds: claim.eventIds, messageId: sent.messageId, sentAt: claim.claimedAt });
      await deps.store.completeSend(claim, sent.messageId);
      report.recovered.recorded += 1;
    } else {
      // Never went out (or the mailer cannot tell: then at least once beats never).
      await deps.store.releaseSend(claim);
      report.recovered.released += 1;
    }
  }
}

async function undelivered(store: Store, subscriber: Subscriber, events: ChangeEvent[]): Promise<ChangeEvent[]> {
  const delivered = await Promise.all(events.map((e) => store.hasDelivery(subscriber.id, e.id)));
  return events.filter((_, i) => !delivered[i]);
}

/** Each programme's name and its deadlines still ahead, from the latest snapshots of the sources that changed. */
async function programmeContexts(store: Store, events: ChangeEvent[], now: Date): Promise<Map<string, ProgrammeContext>> {
  const contexts = new Map<string, ProgrammeContext>();
  for (const sourceId of new Set(events.map((e) => e.sourceId))) {
    const snapshot = await store.getLatestSnapshot(sourceId);
    for (const program of snapshot?.result.programs ?? []) {
      const context: ProgrammeContext = contexts.get(program.id) ?? { names: {}, upcoming: [] };
      context.names.en ??= program.name.en;
      context.names.ja ??= program.name.ja;
      const ahead = program.calls.flatMap((c) => c.deadlines).filter((d) => isAhead(d, now));
      context.upcoming = dedupeDeadlines([...context.upcoming, ...ahead]).sort((a, b) => (a.iso ?? a.date).localeCompare(b.iso ?? b.date)).slice(0, 5);
      contexts.set(program.id, context);
    }
  }
  return contexts;
}

function isAhead(d: Deadline, now: Date): boolean {
  const end = d.iso ? Date.parse(d.iso) : Date.parse(`${d.date}-01T00:00:00+09:00`) + 31 * 86_400_000;
  return Number.isFinite(end) && end >= now.getTime();
}

const dedupeDeadlines = (ds: Deadline[]): Deadline[] => [...new Map(ds.map((d) => [`${d.kind}|${d.date}|${d.time}`, d] as const)).values()];
