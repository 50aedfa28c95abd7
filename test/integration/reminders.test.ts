/**
 * Reminders end to end on the real local engines (dynalite, the SES emulator), with a clock that
 * advances day by day as the daily schedule would: people subscribe and confirm through the real flow,
 * each reminder arrives once at each offset (read from the emulator's inbox), a moved deadline is
 * reminded at its new date and never its old one, an unsubscribe through the e-mail's own link stops
 * them, and a run that dies between claiming and sending neither loses nor doubles a reminder.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DeadlineView } from '#core/analyst/views.ts';
import type { Mailer } from '#core/ports/mailer.ts';
import type { Store } from '#core/ports/store.ts';
import { sendDueReminders } from '#core/notification/send-reminders.ts';
import { confirm, subscribe, unsubscribe, type SubscriptionDeps } from '#core/subscriptions/flow.ts';
import { parsePreferences } from '#core/subscriptions/preferences.ts';
import type { EmulatedEmail, SesEmulator } from '#io/local/ses-emulator.ts';
import { createDynamoStore, ensureTable } from '#io/store/dynamo-store.ts';
import { deadline } from '../helpers/catalog.ts';
import { startMailEngines, type MailEngines } from '../helpers/mail-engines.ts';

const DAY = 86_400_000;
const links = { secret: 'reminders-secret-0123456789abcdef0123', baseUrl: 'https://fundwatch.example.org/' };

/** ASPIRE's submission deadline as both its English and its Japanese page state it. */
const aspire = (date = '2026-12-10'): DeadlineView[] => [
  deadline({ date, iso: `${date}T12:00:00+09:00` }),
  deadline({ uid: 'jst-aspire.fy2025.submission.ja', lang: 'ja', date, iso: `${date}T12:00:00+09:00`, url: 'https://www.jst.go.jp/aspire/program/call.html',
    sourceId: 'jst-aspire-top-ja', callTitle: '2025年度 公募', label: '申請受付期限', evidence: `申請受付期限：${date} 正午` }),
];

class Killed extends Error {}

describe('deadline reminders, day by day', () => {
  let client: DynamoDBClient;
  let ses: SesEmulator;
  let mailer: Mailer;
  let store: Store;
  let table = 0;
  let now = 0;
  const clock = () => new Date(now);
  const subscription = (): SubscriptionDeps => ({ store, mailer, clock, links });
  /** A unique address per test: the emulator, and its record of what went out, is shared. */
  const address = (name: string): string => `${name}+${table}@example.org`;
  const inbox = async (name: string): Promise<EmulatedEmail[]> => (await ses.emails()).filter((e) => e.destination.to.includes(address(name)));
  const reminders = async (name: string): Promise<string[]> => (await inbox(name)).map((e) => e.subject).filter((s) => /^(Reminder|リマインダー):/.test(s));
  /** 09:00 in Japan on the given date, the daily schedule's time. */
  const morning = (date: string): number => Date.parse(`${date}T09:00:00+09:00`);

  /** Subscribes on the form and confirms through the link in the e-mail, as a person does. */
  async function join(name: string, fields: Parameters<typeof parsePreferences>[0] = {}): Promise<void> {
    await subscribe(subscription(), address(name), parsePreferences(fields));
    const text = (await inbox(name)).at(-1)!.body.text!;
    const token = new URL(text.match(/https:\S+\/confirm\?token=\S+/)![0]).searchParams.get('token')!;
    expect((await confirm(subscription(), token)).ok).toBe(true);
  }

  /** One reminder run a day at 09:00 JST from `from` to `to` (inclusive), over what the catalog says that day; the e-mails sent per day. */
  async function daily(from: string, to: string, catalog: (day: string) => DeadlineView[]): Promise<Record<string, number>> {
    const sent: Record<string, number> = {};
    for (let t = morning(from); t <= morning(to); t += DAY) {
      now = t;
      const day = new Date(t + 9 * 3_600_000).toISOString().slice(0, 10);
      const report = await sendDueReminders({ store, mailer, clock, links }, catalog(day));
      expect(report.failures, day).toEqual([]);
      if (report.emailsSent) sent[day] = report.emailsSent;
    }
    return sent;
  }

  let engines: MailEngines | undefined;
  beforeAll(async () => { ({ client, ses, mailer } = engines = await startMailEngines()); });
  afterAll(async () => { await engines?.close(); });
  beforeEach(async () => {
    const name = `reminders-${(table += 1)}`;
    await ensureTable(client, name);
    store = createDynamoStore({ tableName: name, client });
    now = morning('2026-11-15');
  });

  it('reminds each subscriber 14 and 3 days before, once each, in their language, from one of the two pages', async () => {
    await join('alice');
    await join('kenji', { lang: 'ja', agencies: ['JST'] });
    await join('amed-only', { agencies: ['AMED'] });

    const sent = await daily('2026-11-16', '2026-12-11', () => aspire());

    // On the mornings 14 and 3 days before, in Japan: to alice and kenji; never to the AMED-only subscriber.
    expect(sent).toEqual({ '2026-11-26': 2, '2026-12-07': 2 });
    expect(await reminders('alice')).toEqual([
      'Reminder: ASPIRE submission deadline in 14 days (2026-12-10 12:00 JST)',
      'Reminder: ASPIRE submission deadline in 3 days (2026-12-10 12:00 JST)',
    ]);
    expect(await reminders('kenji')).toEqual([
      'リマインダー: 先端国際共同研究推進事業 提出締切まであと14日（2026-12-10 12:00 JST）',
      'リマインダー: 先端国際共同研究推進事業 提出締切まであと3日（2026-12-10 12:00 JST）',
    ]);
    expect((await inbox('kenji')).at(-1)!.body.text).toContain('ページの記載: "申請受付期限：2026-12-10 正午"');
    expect(await reminders('amed-only')).toEqual([]);
    // A second run on the same day (an hourly schedule) has nothing to send.
    now = morning('2026-12-07') + 8 * 3_600_000;
    expect(await sendDueReminders({ store, mailer, clock, links }, aspire())).toMatchObject({ emailsSent: 0, failures: [] });
  });

  it('reminds a moved deadline at its new date, and never at its old one', async () => {
    await join('alice');
    // The page moves the deadline from 12-10 to 12-20 on 2026-12-01, after the 14-day reminder for 12-10.
    await daily('2026-11-16', '2026-12-21', (day) => aspire(day < '2026-12-01' ? '2026-12-10' : '2026-12-20'));

    expect(await reminders('alice')).toEqual([
      'Reminder: ASPIRE submission deadline in 14 days (2026-12-10 12:00 JST)',
      'Reminder: ASPIRE submission deadline in 14 days (2026-12-20 12:00 JST)',
      'Reminder: ASPIRE submission deadline in 3 days (2026-12-20 12:00 JST)',
    ]);
  });

  it('sends nothing more after an unsubscribe through the link in a reminder', async () => {
    await join('alice');
    await join('leaving');
    await daily('2026-11-16', '2026-11-26', () => aspire());
    const [reminder] = await inbox('leaving').then((mails) => mails.filter((m) => m.subject.startsWith('Reminder')));
    const token = new URL(reminder!.body.text!.match(/https:\S+\/unsubscribe\?token=\S+/)![0]).searchParams.get('token')!;

    expect((await unsubscribe(subscription(), token)).ok).toBe(true);
    await daily('2026-11-27', '2026-12-10', () => aspire());

    expect(await reminders('leaving')).toHaveLength(1);
    expect(await reminders('alice')).toHaveLength(2);
  });

  it('puts everything due into one e-mail, and sends a reminder of that e-mail never again', async () => {
    const later = deadline({ uid: 'jst-aspire.fy2026.submission.en', callId: 'fy2026', callTitle: 'FY2026 call', date: '2026-12-12', iso: '2026-12-12T12:00:00+09:00' });
    now = morning('2026-12-06');
    await join('late');
    // On 12-07 the 12-10 deadline is in its 3-day window and the 12-12 one in its 14-day window: one e-mail.
    await daily('2026-12-07', '2026-12-12', () => [...aspire(), later]);

    expect(await reminders('late')).toEqual([
      'Reminder: ASPIRE submission deadline in 3 days (2026-12-10 12:00 JST) (+1 more)',
      'Reminder: ASPIRE submission deadline in 3 days (2026-12-12 12:00 JST)',
    ]);
  });

  it.each(['after-claim', 'after-send'] as const)('survives a run killed %s: the reminder arrives exactly once', async (step) => {
    await join('alice');
    await daily('2026-11-16', '2026-11-25', () => aspire());
    // The run of 2026-11-26 dies, holding the claim of the 14-day reminder.
    now = morning('2026-11-26');
    const killed = await sendDueReminders({ ...dying(step), clock, links }, aspire());
    expect(killed.failures).toEqual([expect.stringContaining(`killed ${step}`)]);
    expect(await reminders('alice')).toHaveLength(step === 'after-claim' ? 0 : 1);

    // The next runs, a quarter of an hour later (the claim is then old enough to settle) and daily after.
    now += 15 * 60_000;
    const next = await sendDueReminders({ store, mailer, clock, links }, aspire());
    expect(next.failures).toEqual([]);
    // Never sent: the claim is released and the reminder sent now; sent: SES is asked, and the delivery recorded.
    expect(next).toMatchObject(step === 'after-claim' ? { recovered: { recorded: 0, released: 1 }, emailsSent: 1 } : { recovered: { recorded: 1, released: 0 }, emailsSent: 0 });
    await daily('2026-11-27', '2026-12-10', () => aspire());

    expect(await reminders('alice')).toEqual([
      'Reminder: ASPIRE submission deadline in 14 days (2026-12-10 12:00 JST)',
      'Reminder: ASPIRE submission deadline in 3 days (2026-12-10 12:00 JST)',
    ]);
  });

  /** Store and mailer of a process that dies right after claiming, or right after SES accepted the e-mail: nothing after reaches the store. */
  function dying(step: 'after-claim' | 'after-send'): { store: Store; mailer: Mailer } {
    const kill = (): never => { throw new Killed(`killed ${step}`); };
    return {
      store: { ...store, claimSend: async (claim) => { await store.claimSend(claim); return step === 'after-claim' ? kill() : true; } },
      mailer: { ...mailer, send: async (mail, key) => { await mailer.send(mail, key); return kill(); } },
    };
  }
});
