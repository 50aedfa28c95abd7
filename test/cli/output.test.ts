/** The run's summary lines: what a person running `fundwatch run` reads about the e-mails of that run. */
import { describe, expect, it } from 'vitest';
import { notifySummary } from '#cli/output.ts';
import type { NotifyReport } from '#core/notification/notify.ts';

const report = (extra: Partial<NotifyReport> = {}): NotifyReport => ({
  pendingEvents: 0, emailsSent: 0, recipients: [], digestsWaiting: 0, recovered: { recorded: 0, released: 0 }, held: { claims: 0 }, failures: [], channelsDisabled: [], postsSent: 0, channels: [], ...extra,
});

describe('notifySummary', () => {
  it('says how many e-mails another run holds and from when they will be sent, instead of a bare "0 sent"', () => {
    const line = notifySummary(report({ held: { claims: 2, settledFrom: '2026-11-26T05:40:00.000Z' } }));
    expect(line).toBe('E-mails sent: 0; 2 e-mail(s) held by another run (running, or interrupted): sent by the first run from 2026-11-26T05:40:00.000Z');
  });

  it('says nothing of held e-mails when none are held', () => {
    expect(notifySummary(report({ emailsSent: 1, recipients: ['demo-en'] }))).toBe('E-mails sent: 1 (to demo-en)');
  });
});
