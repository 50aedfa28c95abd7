/**
 * The form's abuse limits end to end, through the subscription-api Lambda as API Gateway invokes it
 * (payload v2, the caller's IP in requestContext.http.sourceIp) on the local engines (dynalite, the SES
 * emulator): the fourth post for one address in a day sends no e-mail, and the eleventh post from one
 * client in an hour gets 429. The handler reads the real clock, so the test sets it (Date only). Each queued
 * request is handed straight to the subscription-requests Lambda, as SQS would (no SQS engine runs here).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { startDynalite } from '#io/local/dynalite.ts';
import { startSesEmulator, type SesEmulator } from '#io/local/ses-emulator.ts';
import { ensureTable } from '#io/store/dynamo-store.ts';
import type { HttpApiEvent } from '../../lambdas/subscription-api.ts';
import { subscriptionApiThroughConsumer } from '../helpers/subscription-lambdas.ts';

const HOUR = 3_600_000;

describe('the subscribe form\'s limits, through the Lambda', () => {
  let ses: SesEmulator;
  let handler: (event: HttpApiEvent) => Promise<{ statusCode: number; headers: Record<string, string>; body: string }>;
  const closers: Array<() => Promise<void>> = [];

  const subscribeFrom = (sourceIp: string, email: string) => handler({
    requestContext: { http: { method: 'POST', path: '/subscribe', sourceIp } }, rawQueryString: '',
    headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ email, lang: 'en' }).toString(),
  });
  const mailsTo = async (address: string) => (await ses.emails()).filter((e) => e.destination.to.includes(address));

  beforeAll(async () => {
    const engine = await startDynalite({});
    ses = await startSesEmulator();
    closers.push(() => engine.close(), () => ses.close());
    Object.assign(process.env, {
      TABLE_NAME: 'fundwatch-limits', SENDER_EMAIL: 'alerts@fundwatch.example', AWS_REGION: 'ap-northeast-1',
      AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', AWS_ENDPOINT_URL_DYNAMODB: engine.endpoint, AWS_ENDPOINT_URL_SES: ses.endpoint,
      LINK_SECRET: 'limits-e2e-secret-0123456789abcdef01234', PUBLIC_BASE_URL: 'https://fundwatch.example.org/',
    });
    const client = new DynamoDBClient({});
    await ensureTable(client, 'fundwatch-limits');
    client.destroy();
    handler = await subscriptionApiThroughConsumer('https://fundwatch.example.org/');
    vi.useFakeTimers({ toFake: ['Date'] });
  });
  afterAll(async () => {
    vi.useRealTimers();
    for (const close of closers) await close();
  });

  it('sends no e-mail for the fourth post for one address in a day, with the same answer as the first', async () => {
    vi.setSystemTime(new Date('2026-04-01T01:00:00Z'));
    const answers = [];
    // Four posts, an hour and a bit apart (the form sends at most one e-mail an hour anyway), from four clients.
    for (const ip of ['198.51.100.1', '198.51.100.2', '198.51.100.3', '198.51.100.4']) {
      answers.push(await subscribeFrom(ip, 'victim@example.org'));
      vi.setSystemTime(Date.now() + HOUR + 1_000);
    }

    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 200]);
    expect(answers[3]!.body).toBe(answers[0]!.body);
    expect(await mailsTo('victim@example.org')).toHaveLength(3);
  });

  it('answers the eleventh post from one client in an hour with 429 and Retry-After, and sends it nothing', async () => {
    vi.setSystemTime(new Date('2026-04-02T12:15:00Z'));
    const statuses = [];
    for (let i = 1; i <= 10; i += 1) statuses.push((await subscribeFrom('203.0.113.50', `reader${i}@example.org`)).statusCode);

    const eleventh = await subscribeFrom('203.0.113.50', 'reader11@example.org');

    expect(statuses).toEqual(Array(10).fill(200));
    expect(eleventh.statusCode).toBe(429);
    expect(eleventh.headers['Retry-After']).toBe(String(45 * 60));
    expect(eleventh.body).toContain('Too many requests');
    expect(await mailsTo('reader10@example.org')).toHaveLength(1);
    expect(await mailsTo('reader11@example.org')).toEqual([]);
  });
});
