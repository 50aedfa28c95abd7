/**
 * The subscribe form in AWS: the API Lambda answers after only what does not depend on the address (the form's
 * checks and the caller's own limit) and queues the rest; the subscription-requests Lambda, fed by SQS, does what
 * subscribe() does. So how long the answer takes, and what it says, is the same for every address.
 *
 * The real store (dynalite) and the real SES sender (the aws-ses-v2-local emulator); the queue is the one fake,
 * since no SQS engine runs here: it keeps the message bodies the API sends, which the test hands to the consumer
 * in the event shape Lambda's SQS poller uses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mailer } from '#core/ports/mailer.ts';
import type { Store } from '#core/ports/store.ts';
import { subscriberIdFor } from '#core/subscriptions/subscriber-id.ts';
import { countAddressUse, DEFAULT_SUBSCRIBE_LIMITS } from '#core/subscriptions/limits.ts';
import type { SubscribeRequest, SubscribeRequests } from '#core/subscriptions/flow.ts';
import { createSesMailer } from '#io/mail/ses-mailer.ts';
import { startSesEmulator, type SesEmulator } from '#io/local/ses-emulator.ts';
import { createSubscriptionApiHandler, type HttpApiEvent } from '../../lambdas/subscription-api.ts';
import { createSubscriptionRequestsHandler, type SqsEvent } from '../../lambdas/subscription-requests.ts';
import { useDynaliteTables } from '../helpers/engines.ts';

const SECRET = 'queue-test-secret-0123456789abcdef0123456789';
const NOW = new Date('2025-06-02T09:00:00Z');
const minutesAgo = (n: number): string => new Date(NOW.getTime() - n * 60_000).toISOString();

describe('the subscribe form through the request queue', () => {
  const tables = useDynaliteTables('subscribe-queue');
  let ses: SesEmulator;
  let tests = 0;
  beforeAll(async () => { ses = await startSesEmulator(); });
  afterAll(async () => { await ses?.close(); });

  /** A fresh table, the store's calls recorded by method name, a fake queue, and addresses no other test uses. */
  async function world() {
    const { store } = await tables.freshTable();
    const calls: string[] = [];
    const watched = new Proxy(store, {
      get(target, name, receiver) {
        const value = Reflect.get(target, name, receiver) as unknown;
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => { calls.push(String(name)); return (value as (...a: unknown[]) => unknown).apply(target, args); };
      },
    }) as Store;
    const queued: string[] = [];
    const requests: SubscribeRequests = { async enqueue(request: SubscribeRequest) { queued.push(JSON.stringify(request)); } };
    const api = createSubscriptionApiHandler({ store: () => watched, requests: () => requests, secret: async () => SECRET, clock: () => NOW });
    const run = (tests += 1);
    const address = (name: string): string => `${name}.${run}@example.org`;
    const mailer = createSesMailer({ from: 'alerts@fundwatch.example', endpoint: ses.endpoint, region: 'ap-northeast-1', maxPerSecond: 1000 });
    const consumer = (sender: Mailer = mailer) => createSubscriptionRequestsHandler({ store: () => store, mailer: () => sender, secret: async () => SECRET,
      clock: () => NOW, baseUrl: () => 'https://fundwatch.example.org/' });
    const inbox = async (): Promise<Array<{ to: string[]; subject: string }>> => (await ses.emails())
      .filter((e) => e.destination.to.some((to) => to.endsWith(`.${run}@example.org`))).map((e) => ({ to: e.destination.to, subject: e.subject }));
    return { store, calls, queued, api, address, consumer, inbox };
  }

  const post = (email: string, client: string): HttpApiEvent => ({
    requestContext: { http: { method: 'POST', path: '/subscribe', sourceIp: client }, domainName: 'fundwatch.example.org' },
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: Buffer.from(new URLSearchParams({ ui: 'en', email, lang: 'en', delivery: 'daily', reminders: '' }).toString()).toString('base64'), isBase64Encoded: true,
  });
  const sqs = (bodies: string[]): SqsEvent => ({ Records: bodies.map((body, i) => ({ messageId: `m-${i}`, body, attributes: { ApproximateReceiveCount: '1' } })) });

  /** An address in each state the form must not reveal. */
  async function fiveStates(store: Store, address: (name: string) => string): Promise<Record<string, string>> {
    const emails = { new: address('new'), pending: address('pending'), confirmed: address('confirmed'), suppressed: address('suppressed'), limited: address('limited') };
    const at = (email: string) => ({ id: subscriberIdFor(email), email, lang: 'en' as const, filters: {}, createdAt: minutesAgo(3000) });
    await store.putSubscriber({ ...at(emails.pending), status: 'pending', confirmationSentAt: minutesAgo(120) }, new Date(NOW.getTime() + 86_400_000));
    await store.putSubscriber({ ...at(emails.confirmed), status: 'confirmed', confirmationSentAt: minutesAgo(10) });
    await store.putSubscriber({ ...at(emails.suppressed), status: 'suppressed', suppressedReason: 'bounce' });
    for (let i = 0; i < DEFAULT_SUBSCRIBE_LIMITS.perAddress.max; i += 1) await countAddressUse(store, subscriberIdFor(emails.limited), DEFAULT_SUBSCRIBE_LIMITS.perAddress, NOW);
    return emails;
  }

  it('answers a new, pending, confirmed, suppressed and over-limit address alike: one message queued, no subscriber read, no e-mail', async () => {
    const { store, calls, queued, api, address, inbox } = await world();
    const emails = await fiveStates(store, address);

    const answers = [];
    for (const [i, email] of Object.values(emails).entries()) {
      calls.length = 0;
      const answer = await api(post(email, `203.0.113.${i + 1}`));
      answers.push({ status: answer.statusCode, body: answer.body, calls: [...calls] });
    }

    expect(answers[0]).toMatchObject({ status: 200, body: expect.stringContaining('Check your inbox') });
    // Only the caller's own counter is touched (countUse): never the subscriber, never the address's daily count.
    for (const answer of answers) expect(answer).toEqual({ ...answers[0], calls: ['countUse'] });
    expect(queued.map((body) => (JSON.parse(body) as SubscribeRequest).email)).toEqual(Object.values(emails));
    expect(await inbox()).toEqual([]);
  });

  it('keeps the 429 in the answer: a caller over its own limit is refused and nothing is queued', async () => {
    const { queued, api, address } = await world();
    for (let i = 0; i < DEFAULT_SUBSCRIBE_LIMITS.perClient.max; i += 1) await api(post(address(`a${i}`), '198.51.100.7'));

    const refused = await api(post(address('one-more'), '198.51.100.7'));

    expect(refused.statusCode).toBe(429);
    expect(refused.headers['Retry-After']).toMatch(/^\d+$/);
    expect(queued).toHaveLength(DEFAULT_SUBSCRIBE_LIMITS.perClient.max);
  });

  it('refuses a malformed form in the answer (400) and queues nothing', async () => {
    const { queued, api } = await world();
    const answer = await api(post('not-an-address', '192.0.2.1'));
    expect(answer.statusCode).toBe(400);
    expect(queued).toEqual([]);
  });

  it('the consumer sends what subscribe() would: a confirmation to the new and the pending address, nothing to the others', async () => {
    const { store, queued, api, address, consumer, inbox } = await world();
    const emails = await fiveStates(store, address);
    for (const [i, email] of Object.values(emails).entries()) await api(post(email, `203.0.113.${i + 1}`));

    const result = await consumer()(sqs(queued));

    expect(result).toEqual({ batchItemFailures: [] });
    expect((await inbox()).map((m) => m.to[0]).sort()).toEqual([emails.new, emails.pending].sort());
    expect((await inbox()).every((m) => m.subject === 'Confirm your fundwatch subscription')).toBe(true);
    expect(await store.getSubscriber(subscriberIdFor(emails.new!), NOW)).toMatchObject({ status: 'pending', delivery: 'daily' });
    expect(await store.getSubscriber(subscriberIdFor(emails.confirmed!), NOW)).toMatchObject({ status: 'confirmed' });
  });

  it('reports a failing record as a batch item failure and handles the others', async () => {
    const { queued, api, address, consumer, inbox } = await world();
    await api(post(address('fine'), '192.0.2.10'));

    const result = await consumer()(sqs(['{"email": 42}', queued[0]!, 'not json']));

    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-0' }, { itemIdentifier: 'm-2' }] });
    expect((await inbox()).map((m) => m.to[0])).toEqual([address('fine')]);
  });

  it('a redelivered message sends no second e-mail: subscribe() sends one confirmation an hour per address', async () => {
    const { queued, api, address, consumer, inbox } = await world();
    await api(post(address('twice'), '192.0.2.20'));

    await consumer()(sqs(queued));
    const again = await consumer()(sqs(queued));

    expect(again).toEqual({ batchItemFailures: [] });
    expect(await inbox()).toHaveLength(1);
  });

  it('a send that failed does not count as sent: the redelivery sends the confirmation', async () => {
    const { queued, api, address, consumer, inbox } = await world();
    await api(post(address('flaky'), '192.0.2.30'));
    const refusing: Mailer = { async send() { throw new Error('Throttling: Maximum sending rate exceeded'); }, findSent: async () => 'unknown' };

    const first = await consumer(refusing)(sqs(queued));
    const second = await consumer()(sqs(queued));

    expect(first).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-0' }] });
    expect(second).toEqual({ batchItemFailures: [] });
    expect((await inbox()).map((m) => m.to[0])).toEqual([address('flaky')]);
  });
});
