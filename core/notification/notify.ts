/**
 * The notifier: hands pending change events to the confirmed subscribers whose filters match, as an
 * outbox that delivers every e-mail exactly once across crashes and retries.
 *
 * For each subscriber, the events due (matching, not yet delivered) become one e-mail, immediately or
 * in their daily/weekly digest when it is due. Once rendered and before sending, the e-mail is claimed
 * under a key derived from the subscriber and its events; after sending, each (subscriber, event)
 * delivery is recorded and the claim marked sent. A run that finds an open claim older than `claimTimeoutMs`
 * (its run crashed somewhere between claiming and recording) asks the mailer whether that e-mail
 * went out: if so it records it, if not it releases the claim and the events are sent again; younger
 * open claims are left alone and reported as held. An event stays pending until every matching
 * subscriber (who had confirmed when it was detected) has it.
 */
import { sha256Hex } from '#lib/hash.ts';
import type { Deadline } from '#parsers/schema.ts';
import type { ChangeEvent } from '../domain/changes.ts';
import type { SendClaim } from '../domain/outbox.ts';
import type { Subscriber } from '../domain/subscribers.ts';
import type { Clock } from '../ports/clock.ts';
import type { Mailer, OutgoingMail } from '../ports/mailer.ts';
import type { Store } from '../ports/store.ts';
import { renderChangeEmail, type ProgrammeContext } from './email/change-email.ts';
import { subscriberLinks, type LinkConfig, type SubscriberLinks } from '../subscriptions/links.ts';
import { DAY_MS, endOfJapanMonth } from '#lib/japan-time.ts';

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
  /**
   * Open claims too young to settle: another run is sending them, or crashed less than the claim timeout
   * ago. Their e-mails wait; the first run from `settledFrom` (the last claim's time plus the timeout) settles them.
   */
  held: HeldClaims;
  failures: string[];
}

export interface HeldClaims { claims: number; settledFrom?: string }

/** Case and width folded, so "ＡＩ", "ai" and "AI" are one keyword. */
const fold = (text: string): string => text.normalize('NFKC').toLowerCase();

/** Whether any keyword appears in the texts (case- and width-insensitive); no keywords match everything. */
export function mentionsKeyword(keywords: string[] | undefined, texts: string[]): boolean {
  if (!keywords?.length) return true;
  const text = fold(texts.join('\n'));
  return keywords.some((k) => fold(k).trim() !== '' && text.includes(fold(k).trim()));
}

export function matches(subscriber: Subscriber, event: ChangeEvent): boolean {
  const { agencies, programs, categories, keywords, fields, countries } = subscriber.filters;
  // An event without tags (stored before they existed) cannot show a field or country: it does not match those filters.
  const tags = event.tags;
  return (!agencies?.length || agencies.includes(event.agency))
    && (!programs?.length || programs.includes(event.change.programId))
    && (!categories?.length || categories.includes(event.change.category))
    && mentionsKeyword(keywords, [tags?.title ?? '', event.change.summary.en, event.change.summary.ja])
    && (!fields?.length || (tags?.fields ?? []).some((f) => fields.includes(f)))
    && (!countries?.length || (tags?.countries ?? []).some((c) => countries.includes(c)));
}

/**
 * Whether the event is the subscriber's to receive: it matches their filters and was detected once they
 * had confirmed. An event still pending for someone else (a digest not yet due) is not news to a
 * subscriber who confirmed after it was found. Subscribers stored without confirmedAt receive every match.
 */
export function owedTo(subscriber: Subscriber, event: ChangeEvent): boolean {
  return matches(subscriber, event) && (!subscriber.confirmedAt || event.detectedAt >= subscriber.confirmedAt);
}

/** The e-mail's identity: the same subscriber and events give the same key, on every retry. */
export function deliveryKey(subscriberId: string, eventIds: string[]): string {
  return sha256Hex(`${subscriberId}\n${[...eventIds].sort().join('\n')}`, 32);
}

const PERIOD_MS = { daily: DAY_MS, weekly: 7 * DAY_MS } as const;
/** A digest may go an hour early: schedules drift, and a digest that waits a whole extra period helps nobody. */
const DIGEST_SLACK_MS = 3_600_000;

export function digestDue(subscriber: Subscriber, now: Date): boolean {
  const mode = subscriber.delivery ?? 'immediate';
  if (mode === 'immediate' || !subscriber.lastDigestAt) return true;
  return now.getTime() - Date.parse(subscriber.lastDigestAt) >= PERIOD_MS[mode] - DIGEST_SLACK_MS;
}

/** How old an open claim must be before a run treats its sender as crashed, unless NotifyOptions says otherwise. */
export const DEFAULT_CLAIM_TIMEOUT_MS = 600_000;

export async function notifyPending(deps: NotifyDeps, options: NotifyOptions = {}): Promise<NotifyReport> {
  const events = await deps.store.listPendingEvents();
  const report: NotifyReport = { pendingEvents: events.length, emailsSent: 0, recipients: [], digestsWaiting: 0, recovered: { recorded: 0, released: 0 },
    held: { claims: 0 }, failures: [] };
  if (events.length === 0) return report;
  const now = deps.clock();
  const subscribers = (await deps.store.listSubscribers()).filter((s) => s.status === 'confirmed');
  const programmes = await programmeContexts(deps.store, events, now);
  const owed = new Set<string>();
  for (const subscriber of subscribers) {
    try {
      await recoverClaims(deps, subscriber, now, options.claimTimeoutMs ?? DEFAULT_CLAIM_TIMEOUT_MS, report);
      const undone = await undelivered(deps.store, subscriber, events.filter((e) => owedTo(subscriber, e)), (e) => e.id);
      const claimed = await claimedEvents(deps.store, subscriber.id);
      const due = undone.filter((e) => !claimed.open.has(e.id) && !claimed.sent.has(e.id));
      // Another run's e-mail carries these: it records them and marks them notified, or a later run recovers its claim.
      for (const e of undone) if (claimed.open.has(e.id)) owed.add(e.id);
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
      for (const e of events) if (owedTo(subscriber, e)) owed.add(e.id);
    }
  }
  await deps.store.markEventsNotified(events.filter((e) => !owed.has(e.id)));
  return report;
}

/**
 * The events in the subscriber's claims: open (being sent or recorded by another run right now) and sent.
 * Read after the deliveries, on purpose: a run records an e-mail's deliveries one event at a time after
 * claiming it, so a run that saw some of them recorded finds the claim here, and does not send the rest
 * again in a second, smaller e-mail under another key.
 */
async function claimedEvents(store: Store, subscriberId: string): Promise<{ open: Set<string>; sent: Set<string> }> {
  const claims = await store.listSendClaims(subscriberId);
  const ids = (status: SendClaim['status']) => new Set(claims.filter((c) => c.status === status).flatMap((c) => c.eventIds));
  return { open: ids('claimed'), sent: ids('sent') };
}

/** The change e-mail of one subscriber's due events, claimed, sent and recorded once. */
async function sendOnce(deps: NotifyDeps, subscriber: Subscriber, due: ChangeEvent[], programmes: Map<string, ProgrammeContext>, now: Date): Promise<boolean> {
  const digest = subscriber.delivery === 'daily' || subscriber.delivery === 'weekly' ? subscriber.delivery : undefined;
  return claimAndSend(deps, subscriber, due.map((e) => e.id), now, (reference, links) =>
    renderChangeEmail(subscriber, due, { programmes, reference, ...(digest ? { digest } : {}), ...(links ? { links } : {}) }), { digest: digest !== undefined });
}

/**
 * The outbox step every e-mail goes through (change alerts and reminders): render, claim under a key derived
 * from the subscriber and the ids it carries, send, record a delivery per id, complete. False when another
 * run holds the claim for this very e-mail (it is sent, or being sent). Rendered before it is claimed: an
 * e-mail that cannot be rendered (a base URL that is no URL) fails this run and holds nothing back, where a
 * claim taken first would keep the e-mail from the corrected run until the claim timed out.
 */
export async function claimAndSend(deps: NotifyDeps, subscriber: Subscriber, ids: string[], now: Date,
  render: (reference: string, links: SubscriberLinks | undefined) => OutgoingMail, options: { digest?: boolean } = {}): Promise<boolean> {
  const claim: SendClaim = { key: deliveryKey(subscriber.id, ids), subscriberId: subscriber.id, eventIds: ids, claimedAt: now.toISOString(), status: 'claimed',
    ...(options.digest ? { digest: true } : {}) };
  const mail = render(claim.key, deps.links ? subscriberLinks(deps.links, subscriber, now) : undefined);
  if (!(await deps.store.claimSend(claim))) return false;
  // If the send fails we cannot know that the message did not go out (a timeout after SES accepted it
  // looks the same as a refusal), so the claim stays: a later run settles it through the mailer.
  const { messageId } = await deps.mailer.send(mail, claim.key);
  await settle(deps, claim, messageId, deps.clock().toISOString());
  return true;
}

/**
 * Records a sent claim's deliveries, marks a digest sent, then completes the claim: every step before
 * completeSend is repeatable, so a crash anywhere leaves an open claim that recovery settles the same way.
 */
async function settle(deps: NotifyDeps, claim: SendClaim, messageId: string, sentAt: string): Promise<void> {
  await deps.store.recordDelivery({ subscriberId: claim.subscriberId, eventIds: claim.eventIds, messageId, sentAt });
  if (claim.digest) await deps.store.markDigestSent(claim.subscriberId, claim.claimedAt);
  await deps.store.completeSend(claim, messageId);
}

/**
 * Settles the claims a crashed run left open (alerts or reminders alike), so their ids are neither lost nor
 * sent twice; counts in `report.held` (when given) those still too young to settle.
 */
export async function recoverClaims(deps: NotifyDeps, subscriber: Subscriber, now: Date, timeoutMs: number,
  report: Pick<NotifyReport, 'recovered'> & Partial<Pick<NotifyReport, 'held'>>): Promise<void> {
  for (const claim of await deps.store.listSendClaims(subscriber.id)) {
    // A claim is marked sent only after its deliveries are recorded: nothing left to do for it.
    if (claim.status === 'sent') continue;
    if (now.getTime() - Date.parse(claim.claimedAt) < timeoutMs) {
      // A live run may be sending it right now: leave it, and say so, or "0 sent" hides e-mails that are only waiting.
      if (report.held) report.held = holding(report.held, new Date(Date.parse(claim.claimedAt) + timeoutMs));
      continue;
    }
    const sent = await deps.mailer.findSent(claim.key);
    if (sent && sent !== 'unknown') {
      await settle(deps, claim, sent.messageId, claim.claimedAt);
      report.recovered.recorded += 1;
    } else {
      // Never went out (or the mailer cannot tell: then at least once beats never).
      await deps.store.releaseSend(claim);
      report.recovered.released += 1;
    }
  }
}

function holding(held: HeldClaims, settledFrom: Date): HeldClaims {
  const later = held.settledFrom && held.settledFrom > settledFrom.toISOString() ? held.settledFrom : settledFrom.toISOString();
  return { claims: held.claims + 1, settledFrom: later };
}

/** The items not yet delivered to the subscriber, by the id each was (or will be) recorded under. */
export async function undelivered<T>(store: Store, subscriber: Subscriber, items: T[], idOf: (item: T) => string): Promise<T[]> {
  const delivered = await Promise.all(items.map((item) => store.hasDelivery(subscriber.id, idOf(item))));
  return items.filter((_, i) => !delivered[i]);
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
  const end = d.iso ? Date.parse(d.iso) : endOfJapanMonth(d.date);
  return Number.isFinite(end) && end >= now.getTime();
}

/** One of each step (kind, date and time): several pages of a programme state most dates alike. */
export const dedupeDeadlines = (ds: Deadline[]): Deadline[] => [...new Map(ds.map((d) => [`${d.kind}|${d.date}|${d.time}`, d] as const)).values()];
