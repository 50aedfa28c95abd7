/** What the CLI prints: progress lines while a cycle runs and the summary at the end. */
import type { CheckResult } from '#core/domain/cycles.ts';
import type { CycleReport } from '#core/monitoring/cycle.ts';
import { isActive } from '#core/discovery/discovered-sources.ts';
import type { NotifyReport } from '#core/notification/notify.ts';
import type { ReminderReport } from '#core/notification/send-reminders.ts';

const VERB: Record<CheckResult['outcome'], string> = {
  new: 'fetched      first snapshot stored',
  changed: 'fetched      changed',
  unchanged: 'fetched      no change',
  'not-modified': 'not modified (304)',
  failed: 'FAILED      ',
  unhealthy: 'UNHEALTHY    snapshot kept, maintainers alerted',
};

export function progressLine(result: CheckResult): string {
  const categories = [...new Set(result.changes.map((c) => c.category))];
  const detail = result.outcome === 'changed'
    ? ` (${result.changes.length} change${result.changes.length === 1 ? '' : 's'}${categories.length ? `: ${categories.join(', ')}` : ''})`
    : result.error ? ` ${result.error}` : '';
  return `  ${result.sourceId.padEnd(32)} ${VERB[result.outcome]}${detail}  ${result.elapsedMs} ms`;
}

export function cycleSummary(report: CycleReport): string[] {
  const o = report.outcomes;
  const categories = Object.entries(report.changesByCategory).map(([c, n]) => `${c} ${n}`).join(', ');
  return [
    `Sources checked: ${report.results.length} (new ${o.new}, changed ${o.changed}, unchanged ${o.unchanged}, ` +
      `not modified ${o['not-modified']}, failed ${o.failed}, unhealthy ${o.unhealthy}) in ${report.elapsedMs} ms`,
    `Changes found: ${categories || 'none'}`,
    ...(report.listings.length ? [listingLine(report)] : []),
    ...report.listings.flatMap((l) => l.found.map((s) => `  new call found on ${l.listingId}: ${s.discovered?.title ?? s.url}`
      + (s.discovered?.closesAt && !isActive(s, new Date(report.startedAt)) ? ` (closed ${s.discovered.closesAt}: recorded, not watched)` : ''))),
    ...report.listings.filter((l) => l.error).map((l) => `  listing ${l.listingId} FAILED: ${l.error}`),
    ...report.listings.filter((l) => l.degraded).map((l) => `  listing ${l.listingId} read by the generic reader: ${l.degraded}`),
    ...report.disagreements.map((e) => `Bilingual disagreement (reported once): ${e.change.programId}: ${e.change.summary.en}`),
  ];
}

function listingLine(report: CycleReport): string {
  const read = report.listings.filter((l) => l.outcome === 'read').length;
  const unmodified = report.listings.filter((l) => l.outcome === 'not-modified').length;
  const found = report.listings.reduce((n, l) => n + l.found.length, 0);
  return `Listings: ${report.listings.length} (read ${read}, not modified ${unmodified}, failed ${report.listings.length - read - unmodified}); new calls found: ${found}`;
}

export function notifySummary(report: NotifyReport): string {
  const failed = report.failures.length ? `; ${report.failures.length} failed: ${report.failures.join('; ')}` : '';
  const waiting = report.digestsWaiting ? `; ${report.digestsWaiting} digest(s) waiting for their time` : '';
  // Claimed by a run still sending or killed while sending: they are neither lost nor sent twice, and a person
  // reading "0 sent" should know when they go.
  const held = report.held.claims
    ? `; ${report.held.claims} e-mail(s) held by another run (running, or interrupted): sent by the first run from ${report.held.settledFrom}` : '';
  const disabled = report.channelsDisabled.length
    ? `; ${report.channelsDisabled.length} channel(s) disabled, their webhooks refusing for good (owners e-mailed): ${report.channelsDisabled.join(', ')}` : '';
  return `E-mails sent: ${report.emailsSent}${report.recipients.length ? ` (to ${report.recipients.join(', ')})` : ''}${waiting}${held}${disabled}${failed}`;
}

export function reminderSummary(report: ReminderReport): string {
  const failed = report.failures.length ? `; ${report.failures.length} failed: ${report.failures.join('; ')}` : '';
  return `Deadline reminders: ${report.reminders} in ${report.emailsSent} e-mail(s)${report.recipients.length ? ` (to ${report.recipients.join(', ')})` : ''}${failed}`;
}

export function channelSummary(posts: string[]): string {
  return `Channel posts sent: ${posts.length}${posts.length ? ` (to ${posts.join(', ')})` : ''}`;
}
