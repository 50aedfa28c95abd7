/**
 * Which reminders are due: windows in Japan's calendar days, each window once, the subscriber's scope,
 * one reminder per step however many pages state it, and keys that move with a moved deadline.
 * Pure: a hand-made catalog and an injected `now`; "sent" is modelled by dropping the keys already seen.
 */
import { describe, expect, it } from 'vitest';
import { dueReminders, windowOf, type Reminder } from '#core/notification/reminders.ts';
import type { DeadlineView } from '#core/analyst/views.ts';
import type { Subscriber } from '#core/domain/subscribers.ts';
import { deadline } from '../../helpers/catalog.ts';

const DAY = 86_400_000;
/** The moment `days` calendar days before 2026-12-10 (the default deadline's date), at `time` in Japan. */
const before = (days: number, time = '09:00', date = '2026-12-10'): Date => new Date(Date.parse(`${date}T${time}:00+09:00`) - days * DAY);
const subscriber = (overrides: Partial<Subscriber> = {}): Subscriber => ({ id: 's1', email: 'r@example.org', lang: 'en', status: 'confirmed', filters: {}, ...overrides });
const japanesePage = (overrides: Partial<DeadlineView> = {}): DeadlineView => deadline({
  uid: 'jst-aspire.fy2025.submission.ja', lang: 'ja', url: 'https://www.jst.go.jp/aspire/program/call.html', sourceId: 'jst-aspire-top-ja',
  callTitle: '2025年度 公募', label: '申請受付期限', evidence: '申請受付期限：2026年12月10日（木）正午', ...overrides,
});

/** Runs on the given days before the deadline, as a scheduler would; what each run newly sends. */
function runs(days: number[], who: Subscriber[], deadlines: DeadlineView[], sent = new Set<string>()): Array<Array<Pick<Reminder, 'offset' | 'daysLeft'>>> {
  return days.map((d) => {
    const fresh = dueReminders(who, deadlines, before(d)).filter((r) => !sent.has(r.key));
    for (const r of fresh) sent.add(r.key);
    return fresh.map(({ offset, daysLeft }) => ({ offset, daysLeft }));
  });
}

describe('dueReminders', () => {
  it('reminds 14 and 3 days before, once each, and never after the deadline', () => {
    const sent = runs([20, 15, 14, 13, 4, 3, 2, 1, 0], [subscriber()], [deadline()]);

    expect(sent).toEqual([[], [], [{ offset: 14, daysLeft: 14 }], [], [], [{ offset: 3, daysLeft: 3 }], [], [], []]);
    // Noon has passed on the deadline day: nothing is due at all, sent or not.
    expect(dueReminders([subscriber()], [deadline()], before(0, '12:01'))).toEqual([]);
    expect(dueReminders([subscriber()], [deadline()], before(-1))).toEqual([]);
  });

  it('counts days in Japan: 23:59 in Tokyo is still the day before, 00:00 is the next', () => {
    const lateEvening = new Date('2026-11-25T14:59:00Z'); // 2026-11-25 23:59 JST: 15 days left
    const midnight = new Date('2026-11-25T15:00:00Z'); // 2026-11-26 00:00 JST: 14 days left

    expect(dueReminders([subscriber()], [deadline()], lateEvening)).toEqual([]);
    expect(dueReminders([subscriber()], [deadline()], midnight)).toMatchObject([{ offset: 14, daysLeft: 14 }]);
  });

  it('gives someone who subscribes 2 days before only the 3-day reminder, never a stale 14-day one', () => {
    expect(runs([2, 1, 0], [subscriber()], [deadline()])).toEqual([[{ offset: 3, daysLeft: 2 }], [], []]);
  });

  it('still reminds on the deadline day before the deadline passes, and a date without time until the day ends', () => {
    expect(dueReminders([subscriber()], [deadline()], before(0, '08:00'))).toMatchObject([{ offset: 3, daysLeft: 0 }]);
    const allDay = deadline({ time: null, iso: '2026-12-10T00:00:00+09:00' });
    expect(dueReminders([subscriber()], [allDay], before(0, '23:00'))).toMatchObject([{ offset: 3, daysLeft: 0 }]);
  });

  it('fires a missed window late but once: a run every few days still sends each reminder', () => {
    expect(runs([16, 12, 8, 2], [subscriber()], [deadline()])).toEqual([[], [{ offset: 14, daysLeft: 12 }], [], [{ offset: 3, daysLeft: 2 }]]);
  });

  it('follows the subscriber\'s own offsets, and none at all for []', () => {
    const own = subscriber({ reminders: { offsets: [1, 30, 7] } });
    expect(runs([31, 30, 8, 7, 2, 1, 0], [own], [deadline()]).map((r) => r.map((x) => x.offset))).toEqual([[], [30], [], [7], [], [1], []]);
    expect(runs([14, 3, 0], [subscriber({ reminders: { offsets: [] } })], [deadline()])).toEqual([[], [], []]);
    expect(windowOf([14, 3], 3)).toBe(3);
    expect(windowOf([14, 3], 4)).toBe(14);
    expect(windowOf([14, 3], 15)).toBeUndefined();
  });

  it('reminds only confirmed subscribers', () => {
    const others = (['pending', 'unsubscribed', 'suppressed'] as const).map((status, i) => subscriber({ id: `s${i}`, status }));
    expect(dueReminders(others, [deadline()], before(14))).toEqual([]);
  });

  it('skips month-only dates and the steps nobody acts by, and keeps pre-registration', () => {
    const monthOnly = deadline({ date: '2026-12', time: null, iso: null });
    const review = deadline({ uid: 'x.review', kind: 'review' });
    const interview = deadline({ uid: 'x.interview', kind: 'interview' });
    const preregistration = deadline({ uid: 'x.pre', kind: 'preregistration', label: 'Pre-registration' });

    const due = dueReminders([subscriber()], [monthOnly, review, interview, preregistration], before(14));

    expect(due.map((r) => r.deadline.kind)).toEqual(['preregistration']);
  });

  it('keeps to the subscriber\'s filters: agency, programme, keywords in either language, field, country', () => {
    const at = before(14);
    const due = (filters: Subscriber['filters']) => dueReminders([subscriber({ filters })], [deadline()], at).length;

    expect(due({ agencies: ['JST'], programs: ['jst-aspire'] })).toBe(1);
    expect(due({ agencies: ['AMED'] })).toBe(0);
    expect(due({ programs: ['amed-cycle'] })).toBe(0);
    expect(due({ keywords: ['ｆｙ２０２５ CALL'] })).toBe(1); // width and case folded, over the call title
    expect(due({ keywords: ['先端国際'] })).toBe(1); // the Japanese programme name
    expect(due({ keywords: ['quantum'] })).toBe(0);
    expect(due({ fields: ['life-sciences'] })).toBe(1);
    expect(due({ fields: ['Quantum'] })).toBe(0);
    expect(due({ countries: ['GB'] })).toBe(1);
    expect(due({ countries: ['DE'] })).toBe(0);
  });

  it('sends no reminders to someone whose kinds of change leave out deadlines, unless they name programmes for reminders', () => {
    const at = before(14);
    expect(dueReminders([subscriber({ filters: { categories: ['funding'] } })], [deadline()], at)).toEqual([]);
    expect(dueReminders([subscriber({ filters: { categories: ['funding', 'deadline'] } })], [deadline()], at)).toHaveLength(1);
    const named = subscriber({ filters: { categories: ['funding'], agencies: ['AMED'] }, reminders: { offsets: [14, 3], programs: ['jst-aspire'] } });
    expect(dueReminders([named], [deadline()], at)).toHaveLength(1);
    // Named programmes are the whole scope: filters that would match do not widen it.
    expect(dueReminders([subscriber({ reminders: { offsets: [14, 3], programs: ['amed-cycle'] } })], [deadline()], at)).toEqual([]);
  });

  it('makes one reminder of the English and Japanese pages stating one step, on the page in the subscriber\'s language', () => {
    const both = [deadline(), japanesePage()];
    const [en] = dueReminders([subscriber()], both, before(14));
    const [ja, ...more] = dueReminders([subscriber({ id: 's2', lang: 'ja' })], both, before(14));

    expect(more).toEqual([]);
    expect(en!.deadline.lang).toBe('en');
    expect(ja!.deadline.lang).toBe('ja');
    expect(ja!.deadline.evidence).toBe('申請受付期限：2026年12月10日（木）正午');
    // The same reminder whichever page it came from: sent in English, not sent again from the Japanese page.
    expect(dueReminders([subscriber()], [japanesePage()], before(14))[0]!.key).toBe(en!.key);
    // A Japanese keyword found only on the Japanese page still reminds an English reader.
    expect(dueReminders([subscriber({ filters: { keywords: ['公募'] } })], both, before(14))[0]!.deadline.lang).toBe('en');
  });

  it('gives a moved deadline new keys, so its reminders move with it; an unmoved one keeps its keys', () => {
    const sent = new Set<string>();
    expect(runs([14], [subscriber()], [deadline()], sent)).toEqual([[{ offset: 14, daysLeft: 14 }]]);

    // A week later the page moves the deadline from 12-10 to 12-17: 14 days left again, a new 14-day reminder.
    const moved = deadline({ date: '2026-12-17', iso: '2026-12-17T12:00:00+09:00', sequence: 1 });
    const fresh = dueReminders([subscriber()], [moved], before(7)).filter((r) => !sent.has(r.key));
    expect(fresh).toMatchObject([{ offset: 14, daysLeft: 14, deadline: { date: '2026-12-17' } }]);
    // The time alone moving is a move too.
    const later = deadline({ time: '17:00', iso: '2026-12-10T17:00:00+09:00' });
    expect(dueReminders([subscriber()], [later], before(14))[0]!.key).not.toBe(dueReminders([subscriber()], [deadline()], before(14))[0]!.key);
    // Unmoved, the key is the same on every day of its window.
    expect(dueReminders([subscriber()], [deadline()], before(13))[0]!.key).toBe(dueReminders([subscriber()], [deadline()], before(4))[0]!.key);
  });

  it('lists a subscriber\'s reminders soonest first', () => {
    const later = deadline({ uid: 'jst-aspire.fy2026.submission.en', callId: 'fy2026', date: '2026-12-12', iso: '2026-12-12T12:00:00+09:00' });
    const due = dueReminders([subscriber()], [later, deadline()], before(3));
    expect(due.map((r) => [r.deadline.date, r.offset, r.daysLeft])).toEqual([['2026-12-10', 3, 3], ['2026-12-12', 14, 5]]);
  });
});
