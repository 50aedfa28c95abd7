/**
 * Signed links and the subscription API under attack, on the local engines (dynalite, the SES emulator):
 * forged and replayed links, an address subscribed by someone else, and malformed input through the
 * API Gateway handler. Every refusal is a clear 4xx, changes nothing and sends nothing.
 *
 * Already covered elsewhere (not repeated here): token bytes changed one at a time, another key, another
 * purpose and a late click, as pure functions (test/core/subscriptions/tokens.test.ts); the pages' forged/expired/foreign
 * links, one confirmation an hour, the same page for a suppressed and a new address, GET and HEAD changing nothing,
 * an unsubscribe link used twice (test/core/subscriptions/flow.test.ts); a JSON body refused with 415 by the
 * Lambda (test/lambdas/handlers.test.ts); oversized and non-form bodies on `fundwatch serve`
 * (test/io/http/node-server.test.ts).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Subscriber } from '#core/domain/subscribers.ts';
import type { Store } from '#core/ports/store.ts';
import { createSubscriptionPages } from '#web/subscription-pages/handler.ts';
import type { HttpRequest, HttpResponse } from '#web/subscription-pages/http.ts';
import { subscriberIdFor } from '#core/subscriptions/subscriber-id.ts';
import { suppress, type SubscriptionDeps } from '#core/subscriptions/flow.ts';
import { signToken } from '#core/subscriptions/tokens.ts';
import { startDynalite, type LocalEngine } from '#io/local/dynalite.ts';
import { startSesEmulator, type SesEmulator } from '#io/local/ses-emulator.ts';
import { createSesMailer } from '#io/mail/ses-mailer.ts';
import { createDynamoStore, ensureTable } from '#io/store/dynamo-store.ts';
import type { HttpApiEvent } from '../../lambdas/subscription-api.ts';
import { localClient } from '../helpers/engines.ts';
import { subscriptionApiThroughConsumer } from '../helpers/subscription-lambdas.ts';

const TABLE = 'fundwatch-security';
const SECRET = 'security-test-secret-0123456789abcdef0123';
const BASE_URL = 'https://fundwatch.example.org/';
const HOUR = 3_600_000;
/** On every answer, refusals included: a 413 or 415 page is still a page a browser renders. */
const SECURITY_HEADERS = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-store',
  'Content-Security-Policy': expect.stringContaining("frame-ancestors 'none'") };

describe('signed links and the subscription API under attack', () => {
  let engine: LocalEngine;
  let client: DynamoDBClient;
  let ses: SesEmulator;
  let store: Store;
  let handle: (req: HttpRequest) => Promise<HttpResponse>;
  let lambda: (event: HttpApiEvent) => Promise<{ statusCode: number; headers: Record<string, string>; body: string }>;
  let now = Date.parse('2026-04-01T00:00:00Z');

  const get = (path: string, query: Record<string, string> = {}) => handle({ method: 'GET', path, query: new URLSearchParams(query) });
  const post = (path: string, fields: Array<[string, string]>, query: Record<string, string> = {}) =>
    handle({ method: 'POST', path, query: new URLSearchParams(query), form: new URLSearchParams(fields) });
  const mails = async () => ses.emails();
  const mailTo = async (address: string) => (await mails()).filter((e) => e.destination.to.includes(address));
  const subscriber = (email: string): Promise<Subscriber | undefined> => store.getSubscriber(subscriberIdFor(email));
  const sign = (purpose: 'confirm' | 'manage' | 'unsubscribe', email: string, at = now): string => signToken(SECRET, purpose, subscriberIdFor(email), new Date(at));
  /** The token of the last link to `path` e-mailed to `address`. */
  const tokenMailed = async (address: string, path: string): Promise<string> => {
    const text = (await mailTo(address)).at(-1)!.body.text!;
    return new URL(new RegExp(`https://\\S+/${path}\\?token=\\S+`).exec(text)![0]).searchParams.get('token')!;
  };
  /** Subscribes through the form and confirms with the link that was e-mailed: a real, confirmed subscriber. */
  const confirmedSubscriber = async (email: string): Promise<void> => {
    await post('/subscribe', [['email', email], ['lang', 'en'], ['agencies', 'JST']]);
    expect((await post('/confirm', [['token', await tokenMailed(email, 'confirm')]])).status).toBe(200);
  };

  beforeAll(async () => {
    engine = await startDynalite({});
    ses = await startSesEmulator();
    client = localClient(engine.endpoint);
    await ensureTable(client, TABLE);
    store = createDynamoStore({ tableName: TABLE, client });
    const deps: SubscriptionDeps = { store, mailer: createSesMailer({ from: 'fundwatch <alerts@fundwatch.example>', endpoint: ses.endpoint, maxPerSecond: 200 }),
      clock: () => new Date(now), links: { secret: SECRET, baseUrl: BASE_URL } };
    handle = createSubscriptionPages(deps, { programmes: [{ id: 'jst-aspire', agency: 'JST', names: { en: 'ASPIRE' } }] });
    // The Lambda's own wiring, pointed at the same engines through the SDK's endpoint variables.
    Object.assign(process.env, {
      TABLE_NAME: TABLE, SENDER_EMAIL: 'alerts@fundwatch.example', AWS_REGION: 'ap-northeast-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local',
      AWS_ENDPOINT_URL_DYNAMODB: engine.endpoint, AWS_ENDPOINT_URL_SES: ses.endpoint, LINK_SECRET: SECRET, PUBLIC_BASE_URL: BASE_URL,
      PROGRAMMES: '[{"id":"jst-aspire","name":"ASPIRE"}]',
    });
    lambda = await subscriptionApiThroughConsumer(BASE_URL);
  });
  afterAll(async () => {
    client?.destroy();
    await engine?.close();
    await ses?.close();
  });
  // Every test starts past the previous one's hourly limit.
  beforeEach(() => { now += 2 * HOUR; });

  describe('a forged signed link', () => {
    // Two fresh subscribers per test, so that a forgery one test fails to refuse cannot spoil the next.
    let owner = '';
    let other = '';
    let pair = 0;
    beforeEach(async () => {
      pair += 1;
      owner = `owner-${pair}@example.org`;
      other = `other-${pair}@example.org`;
      await confirmedSubscriber(owner);
      await confirmedSubscriber(other);
    });

    const b64 = (s: string): string => Buffer.from(s).toString('base64url');
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const flip = (c: string): string => (c === 'A' ? 'B' : 'A');
    /** The same bytes spelled another way: a 32-byte MAC leaves two spare bits in its last character. */
    const respell = (c: string): string => alphabet[alphabet.indexOf(c) ^ 1]!;
    it.each<[string, () => string | undefined, number]>([
      ['with the payload changed to another subscriber, signature kept', () => `${b64(`manage.${subscriberIdFor(other)}.9999999999`)}.${sign('manage', owner).split('.')[1]}`, 400],
      ['with the expiry pushed out, signature kept', () => `${b64(`manage.${subscriberIdFor(owner)}.9999999999`)}.${sign('manage', owner).split('.')[1]}`, 400],
      ['with the purpose changed in the payload, signature kept', () => { const [p, m] = sign('confirm', owner).split('.'); return `${b64(Buffer.from(p!, 'base64url').toString().replace('confirm', 'manage'))}.${m}`; }, 400],
      ['with one character of the signature changed', () => { const [p, m] = sign('manage', owner).split('.'); return `${p}.${flip(m![0]!)}${m!.slice(1)}`; }, 400],
      ['with the signature\'s last character spelled another way, same bytes', () => { const t = sign('manage', owner); return t.slice(0, -1) + respell(t.at(-1)!); }, 400],
      ['signed with a guessed key', () => signToken('fundwatch', 'manage', subscriberIdFor(owner), new Date(now)), 400],
      ['made for another purpose (a confirmation link used to manage)', () => sign('confirm', owner), 400],
      ['expired (a year and a day old)', () => sign('manage', owner, now - 366 * 86_400_000), 410],
      ['truncated', () => sign('manage', owner).slice(0, -6), 400],
      ['cut to its payload', () => sign('manage', owner).split('.')[0], 400],
      ['with padding and whitespace added', () => `${sign('manage', owner)}== `, 400],
      ['empty', () => '', 400],
      ['missing', () => undefined, 400],
    ])('is refused %s: no page of the subscriber, no change, no e-mail', async (_name, forge, status) => {
      const token = forge();
      const query: Record<string, string> = token === undefined ? {} : { token };
      const before = (await mails()).length;

      const shown = await get('/preferences', query);
      const saved = await post('/preferences', [...(token === undefined ? [] : [['token', token] as [string, string]]), ['lang', 'ja'], ['delivery', 'weekly']]);
      const gone = await post('/unsubscribe', [], query);

      expect([shown.status, saved.status, gone.status]).toEqual([status, status, status]);
      expect(shown.body).not.toContain('name="token"');
      expect(await subscriber(owner)).toMatchObject({ status: 'confirmed', lang: 'en', delivery: 'immediate' });
      expect(await subscriber(other)).toMatchObject({ status: 'confirmed', lang: 'en', delivery: 'immediate' });
      expect((await mails()).length).toBe(before);
    });

    it('acts only for the subscriber it was made for, whatever other subscriber the form names', async () => {
      const page = await post('/preferences', [['token', sign('manage', owner)], ['lang', 'ja'], ['id', subscriberIdFor(other)],
        ['email', other], ['subscriberId', subscriberIdFor(other)]], { id: subscriberIdFor(other) });

      expect(page.status).toBe(200);
      expect(await subscriber(owner)).toMatchObject({ lang: 'ja' });
      expect(await subscriber(other)).toMatchObject({ lang: 'en' });
    });
  });

  describe('a replayed link', () => {
    it('confirms once: the same confirmation link again changes nothing and sends nothing', async () => {
      const email = 'twice@example.org';
      await post('/subscribe', [['email', email]]);
      const token = await tokenMailed(email, 'confirm');
      await post('/confirm', [['token', token]]);
      const first = await subscriber(email);
      const sent = (await mails()).length;
      now += HOUR;

      const again = await post('/confirm', [['token', token]]);

      expect(again.status).toBe(200);
      expect(await subscriber(email)).toEqual(first);
      expect((await mails()).length).toBe(sent);
    });

    it('does not bring an unsubscribed address back with its old confirmation link', async () => {
      const email = 'left@example.org';
      await post('/subscribe', [['email', email]]);
      const confirmToken = await tokenMailed(email, 'confirm');
      await post('/confirm', [['token', confirmToken]]);
      await post('/unsubscribe', [], { token: sign('unsubscribe', email) });

      await post('/confirm', [['token', confirmToken]]);

      expect(await subscriber(email)).toMatchObject({ status: 'unsubscribed' });
    });

    it('still unsubscribes with an unsubscribe link from before a re-subscription (only the address owner ever had it)', async () => {
      // Decided: a subscriber is their address, and the link went only to that address; an old e-mail's
      // "unsubscribe" must keep working (RFC 8058, and the link's year-long lifetime says so). The worst a
      // replay can do is stop mail the owner can restart; it can never start or redirect mail.
      const email = 'back@example.org';
      await confirmedSubscriber(email);
      const oldUnsubscribe = sign('unsubscribe', email);
      await post('/unsubscribe', [], { token: oldUnsubscribe });
      now += 2 * HOUR;
      await confirmedSubscriber(email);
      expect(await subscriber(email)).toMatchObject({ status: 'confirmed' });

      const page = await post('/unsubscribe', [['List-Unsubscribe', 'One-Click']], { token: oldUnsubscribe });

      expect(page.status).toBe(200);
      expect(await subscriber(email)).toMatchObject({ status: 'unsubscribed' });
    });
  });

  describe('a mail scanner opening every link in the e-mails', () => {
    it('confirms nothing and unsubscribes nothing: GET and HEAD only show pages, through the API Gateway handler too', async () => {
      // All through the Lambda, whose clock is the real one: the links are signed now.
      const email = 'scanned@example.org';
      const request = (method: string, path: string, query: string, body?: string): HttpApiEvent => ({
        requestContext: { http: { method, path }, domainName: 'fundwatch.example.org' }, rawQueryString: query,
        headers: { 'content-type': 'application/x-www-form-urlencoded' }, ...(body === undefined ? {} : { body }) });
      expect((await lambda(request('POST', '/subscribe', '', `email=${encodeURIComponent(email)}`))).statusCode).toBe(200);
      const confirmToken = await tokenMailed(email, 'confirm');
      const open = (method: string, path: string, token: string) => lambda(request(method, path, `token=${encodeURIComponent(token)}`));

      for (const method of ['GET', 'HEAD']) {
        expect((await open(method, '/confirm', confirmToken)).statusCode).toBe(200);
        expect((await open(method, '/unsubscribe', sign('unsubscribe', email, Date.now()))).statusCode).toBe(200);
        expect((await open(method, '/preferences', sign('manage', email, Date.now()))).statusCode).toBe(200);
        expect(await subscriber(email), `after ${method}`).toMatchObject({ status: 'pending' });
      }
      expect((await open('HEAD', '/confirm', confirmToken)).body).toBe('');
    });
  });

  describe('the RFC 8058 one-click unsubscribe through the API Gateway handler', () => {
    // RFC 8058 §3.1: the mail client's POST SHOULD be multipart/form-data, MAY be urlencoded; the token is in the URL.
    it.each([
      ['multipart/form-data (what RFC 8058 asks mail clients for)', 'multipart/form-data; boundary=b', '--b\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--b--\r\n'],
      ['application/x-www-form-urlencoded', 'application/x-www-form-urlencoded', 'List-Unsubscribe=One-Click'],
    ])('unsubscribes with the body sent as %s', async (_name, type, body) => {
      const email = `oneclick-${type.length}@example.org`;
      await store.putSubscriber({ id: subscriberIdFor(email), email, status: 'confirmed', lang: 'en', delivery: 'immediate', filters: {}, createdAt: new Date(now).toISOString() });
      const token = sign('unsubscribe', email, Date.now());

      const response = await lambda({ requestContext: { http: { method: 'POST', path: '/unsubscribe' }, domainName: 'fundwatch.example.org' },
        rawQueryString: `token=${encodeURIComponent(token)}`, headers: { 'content-type': type }, body: Buffer.from(body).toString('base64'), isBase64Encoded: true });

      expect(response.statusCode).toBe(200);
      expect(await subscriber(email)).toMatchObject({ status: 'unsubscribed' });
    });
  });

  describe('someone subscribing an address that is not theirs', () => {
    it('sends the address one confirmation request and nothing else, however often the form is sent', async () => {
      const victim = 'victim@example.org';
      const before = await mails();

      for (const delivery of ['immediate', 'daily', 'weekly', 'daily', 'immediate']) {
        expect((await post('/subscribe', [['email', victim], ['delivery', delivery]])).status).toBe(200);
        now += 60_000;
      }

      const after = await mails();
      expect(after.length - before.length).toBe(1);
      expect(after.at(-1)).toMatchObject({ destination: { to: [victim] }, subject: 'Confirm your fundwatch subscription' });
      expect(await subscriber(victim)).toMatchObject({ status: 'pending', delivery: 'immediate' });
    });

    it('answers with the same page whatever the address\'s state, so the form tells nothing about who is subscribed', async () => {
      const states = { fresh: 'fresh@example.org', pending: 'pending@example.org', throttled: 'throttled@example.org', confirmed: 'confirmed@example.org',
        unsubscribed: 'unsubscribed@example.org', suppressed: 'suppressed@example.org' };
      await post('/subscribe', [['email', states.pending]]);
      await confirmedSubscriber(states.confirmed);
      await confirmedSubscriber(states.unsubscribed);
      await post('/unsubscribe', [], { token: sign('unsubscribe', states.unsubscribed) });
      await post('/subscribe', [['email', states.suppressed]]);
      await suppress({ store }, states.suppressed, 'Permanent bounce');
      now += 2 * HOUR;
      await post('/subscribe', [['email', states.throttled]]);

      const pages = await Promise.all(Object.values(states).map((email) => post('/subscribe', [['email', email]])));

      const [first, ...rest] = pages.map((p) => ({ status: p.status, headers: p.headers, body: p.body }));
      for (const p of rest) expect(p).toEqual(first);
      expect(first!.body).not.toMatch(/@example\.org/);
    });
  });

  describe('malformed input through the API Gateway handler', () => {
    const event = (method: string, path: string, body?: string | Buffer, headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' },
      base64 = true): HttpApiEvent => ({
      requestContext: { http: { method, path }, domainName: 'fundwatch.example.org' }, rawQueryString: '', headers,
      ...(body === undefined ? {} : base64 ? { body: Buffer.from(body).toString('base64'), isBase64Encoded: true } : { body: String(body), isBase64Encoded: false }),
    });
    const form = (email: string, extra = ''): string => `email=${encodeURIComponent(email)}&lang=en${extra}`;
    const MANY = (field: string, value: string, n: number): string => `&${field}=${value}`.repeat(n);

    it.each<[string, HttpApiEvent, number, string]>([
      ['a body over 16 KB', event('POST', '/subscribe', form('huge@example.org', `&pad=${'x'.repeat(20_000)}`)), 413, 'huge@example.org'],
      ['a body over 16 KB sent as plain text', event('POST', '/subscribe', form('huge2@example.org', `&pad=${'x'.repeat(20_000)}`), undefined, false), 413, 'huge2@example.org'],
      ['a body that is not valid base64', { ...event('POST', '/subscribe'), body: `%%%${form('b64@example.org')}!!`, isBase64Encoded: true }, 400, 'b64@example.org'],
      ['a JSON content type', event('POST', '/subscribe', form('json@example.org'), { 'content-type': 'application/json' }), 415, 'json@example.org'],
      ['a multipart content type', event('POST', '/subscribe', form('multi@example.org'), { 'content-type': 'multipart/form-data; boundary=x' }), 415, 'multi@example.org'],
      ['a text/plain content type', event('POST', '/subscribe', form('plain@example.org'), { 'content-type': 'text/plain' }), 415, 'plain@example.org'],
      ['an unknown path', event('POST', '/admin/subscribers', form('admin@example.org')), 404, 'admin@example.org'],
      ['a path that climbs out', event('GET', '/../../etc/passwd'), 404, ''],
      ['PUT', event('PUT', '/subscribe', form('put@example.org')), 405, 'put@example.org'],
      ['DELETE', event('DELETE', '/unsubscribe', form('delete@example.org')), 405, 'delete@example.org'],
      ['PATCH', event('PATCH', '/preferences', form('patch@example.org')), 405, 'patch@example.org'],
      ['OPTIONS', event('OPTIONS', '/subscribe'), 405, ''],
      ['TRACE', event('TRACE', '/'), 405, ''],
      ['a field repeated past its limit', event('POST', '/subscribe', form('repeat@example.org', MANY('programs', 'jst-aspire', 400))), 400, 'repeat@example.org'],
      ['a field repeated with values that are not choices', event('POST', '/subscribe', form('repeat2@example.org', MANY('agencies', 'NASA', 1000))), 400, 'repeat2@example.org'],
      ['bytes that are not UTF-8', event('POST', '/subscribe', Buffer.concat([Buffer.from('email=bytes'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('%40example.org')])), 400, 'bytes@example.org'],
      ['percent-encoded bytes that are not UTF-8', event('POST', '/subscribe', 'email=pct%FF%FE%40example.org'), 400, 'pct@example.org'],
      ['an address with a control character', event('POST', '/subscribe', 'email=ctl%01%40example.org'), 400, 'ctl@example.org'],
      ['an address with CRLF and a Bcc header', event('POST', '/subscribe', 'email=crlf%40example.org%0D%0ABcc%3A%20bcc%40example.org'), 400, 'bcc@example.org'],
      ['an address with a bare LF and a second address', event('POST', '/subscribe', 'email=lf%40example.org%0Acc%40example.org'), 400, 'cc@example.org'],
    ])('answers %s with a clear 4xx and sends no e-mail', async (_name, request, status, address) => {
      const before = (await mails()).length;

      const response = await lambda(request);

      expect(response.statusCode).toBe(status);
      expect(response.body.length).toBeGreaterThan(0);
      expect(response.body).not.toMatch(/at \S+\.ts:\d+|Error:/);
      expect(response.headers).toMatchObject(SECURITY_HEADERS);
      expect((await mails()).length).toBe(before);
      if (address) expect(await subscriber(address)).toBeUndefined();
    });

    it('still serves a well-formed request after all of them (the controls above are not a broken handler)', async () => {
      const response = await lambda(event('POST', '/subscribe', form('wellformed@example.org')));

      expect(response.statusCode).toBe(200);
      expect(await mailTo('wellformed@example.org')).toHaveLength(1);
    });
  });
});
