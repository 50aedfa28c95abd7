/**
 * The reminders Lambda, invoked as the schedule invokes it, with the AWS wiring pointed at the local
 * engines: it reads the catalog from the table, e-mails what is due once, and reports its metrics.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { startDynalite } from '#io/local/dynalite.ts';
import { startSesEmulator, type SesEmulator } from '#io/local/ses-emulator.ts';
import { ensureTable } from '#io/store/dynamo-store.ts';
import { parseResult, snapshot, state } from '../helpers/records.ts';

describe('the reminders handler', () => {
  let ses: SesEmulator;
  const closers: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    const engine = await startDynalite({});
    ses = await startSesEmulator();
    closers.push(() => engine.close(), () => ses.close());
    Object.assign(process.env, {
      TABLE_NAME: 'fundwatch-reminders', SENDER_EMAIL: 'alerts@fundwatch.example', AWS_REGION: 'ap-northeast-1',
      AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', AWS_ENDPOINT_URL_DYNAMODB: engine.endpoint, AWS_ENDPOINT_URL_SES: ses.endpoint,
      PUBLIC_BASE_URL: 'https://fundwatch.example.org/', LINK_SECRET: 'lambda-reminders-secret-0123456789abcdef', FUNDWATCH_FUNCTION: 'reminders',
    });
    const client = new DynamoDBClient({});
    await ensureTable(client, 'fundwatch-reminders');
    client.destroy();
  });
  afterAll(async () => {
    for (const close of closers) await close();
  });

  it('sends the reminder due today once, with signed links, and counts it in RemindersSent', async () => {
    const { handler } = await import('../../lambdas/reminders.ts');
    const { awsStore } = await import('../../lambdas/wiring.ts');
    // A deadline 14 days from today in Japan, whatever day the test runs.
    const due = new Date(Date.now() + 9 * 3_600_000 + 14 * 86_400_000).toISOString().slice(0, 10);
    await awsStore().commitSnapshot(snapshot(1, 'hash-1', parseResult(due)), [], state(1), 0);
    await awsStore().putSubscriber({ id: 'lambda-sub', email: 'remind@example.org', lang: 'en', status: 'confirmed', filters: {} });
    // Powertools writes its log lines and EMF records to stdout directly, not through console.log.
    const logged = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);

    const first = await handler();
    const second = await handler();

    const lines = logged.mock.calls.map(([chunk]) => String(chunk));
    logged.mockRestore();
    expect(first).toMatchObject({ emailsSent: 1, reminders: 1, recipients: 1, failures: [] });
    expect(second).toMatchObject({ emailsSent: 0, reminders: 0 });
    const [mail, ...more] = (await ses.emails()).filter((e) => e.destination.to.includes('remind@example.org'));
    expect(more).toEqual([]);
    expect(mail!.subject).toBe(`Reminder: ASPIRE submission deadline in 14 days (${due} 12:00 JST)`);
    expect(mail!.body.text).toMatch(/https:\/\/fundwatch\.example\.org\/unsubscribe\?token=/);
    expect(lines.some((l) => l.includes('"RemindersSent":1') && l.includes('"ReminderFailures":0'))).toBe(true);
    expect(lines.join('\n')).not.toContain('remind@example.org');
  });
});
