/**
 * The subscribe form's abuse limits, on the real local engine (dynalite): at most three e-mails a day to
 * one address, at most ten posts an hour from one client (then 429 in the visitor's language), no raw IP
 * at rest, and pending subscriptions that are forgotten when their confirmation link expires.
 * Every test has its own table, mailer and clock.
 */
import { describe, expect, it } from 'vitest';
import { DynamoDBDocumentClient, GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Mailer, OutgoingMail } from '#core/ports/mailer.ts';
import { createSubscriptionPages } from '#web/subscription-pages/handler.ts';
import { subscriberIdFor } from '#core/subscriptions/subscriber-id.ts';
import { clientKey, clientNetwork, windowAt, type SubscribeLimits } from '#core/subscriptions/limits.ts';
import { parsePreferences } from '#core/subscriptions/preferences.ts';
import { subscribe, suppress, type SubscriptionDeps } from '#core/subscriptions/flow.ts';
import { TOKEN_LIFETIME_S } from '#core/subscriptions/tokens.ts';
import { keys } from '#io/store/keys.ts';
import { TABLE_DESIGN } from '#io/store/table-design.ts';
import { useDynaliteTables } from '../../helpers/engines.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SECRET = 'limits-test-secret-0123456789abcdef0123';
const prefs = parsePreferences({ lang: 'en', delivery: 'immediate' });

describe('the subscribe form\'s limits', () => {
  const tables = useDynaliteTables('limits');

  /** A fresh table, a mailer that records, a clock the test moves (starting 2026-04-01 09:20 UTC) and the pages. */
  const world = async (limits?: SubscribeLimits) => {
    const { store, tableName: table, client } = await tables.freshTable();
    const sent: OutgoingMail[] = [];
    const mailer: Mailer = { send: async (mail) => { sent.push(mail); return { messageId: `m-${sent.length}` }; }, findSent: async () => undefined };
    const clock = { now: Date.parse('2026-04-01T09:20:00Z') };
    const deps: SubscriptionDeps = { store, mailer, clock: () => new Date(clock.now), links: { secret: SECRET, baseUrl: 'https://fundwatch.example.org/' }, ...(limits ? { limits } : {}) };
    const pages = createSubscriptionPages(deps, { programmes: [] });
    /** A post from `from` (null: an adapter that knows no client address). */
    const post = (fields: Array<[string, string]>, from: string | null = '203.0.113.7') =>
      pages({ method: 'POST', path: '/subscribe', query: new URLSearchParams(), form: new URLSearchParams(fields), ...(from ? { client: from } : {}) });
    const get = (path: string, query: Record<string, string>) => pages({ method: 'GET', path, query: new URLSearchParams(query) });
    /** The page's button: POSTs the link's token back to its path. */
    const press = (path: string, token: string) => pages({ method: 'POST', path, query: new URLSearchParams(), form: new URLSearchParams({ token }) });
    const mailsTo = (address: string): OutgoingMail[] => sent.filter((m) => m.to === address);
    const doc = DynamoDBDocumentClient.from(client);
    const items = async (): Promise<Record<string, unknown>[]> => (await doc.send(new ScanCommand({ TableName: table }))).Items ?? [];
    const rawSubscriber = async (email: string) => (await doc.send(new GetCommand({ TableName: table, Key: keys.subscriber(subscriberIdFor(email)) }))).Item;
    return { store, deps, sent, clock, post, get, press, mailsTo, items, rawSubscriber };
  };

  describe('e-mails to one address', () => {
    it('sends at most three a day, and answers the fourth post exactly like the first', async () => {
      const w = await world();
      const pagesShown = [];
      for (let i = 0; i < 4; i += 1) {
        pagesShown.push(await w.post([['email', 'target@example.org']], `198.51.100.${i + 1}`));
        w.clock.now += HOUR + 1;
      }

      expect(w.mailsTo('target@example.org')).toHaveLength(3);
      expect(pagesShown.map((p) => p.status)).toEqual([200, 200, 200, 200]);
      expect(pagesShown[3]!.body).toBe(pagesShown[0]!.body);
      expect(pagesShown[3]!.headers).toEqual(pagesShown[0]!.headers);
    });

    it('changes nothing over the limit: the pending record stays as the third post left it', async () => {
      const w = await world();
      for (let i = 0; i < 3; i += 1) {
        await subscribe(w.deps, 'target@example.org', prefs);
        w.clock.now += HOUR + 1;
      }
      const before = await w.store.getSubscriber(subscriberIdFor('target@example.org'));

      expect(await subscribe(w.deps, 'target@example.org', parsePreferences({ lang: 'ja', delivery: 'weekly' }))).toBe('limited');

      expect(await w.store.getSubscriber(subscriberIdFor('target@example.org'))).toEqual(before);
    });

    it('uses none of the day\'s share on a double click (a post within the hour sends nothing anyway)', async () => {
      const w = await world();
      const outcomes = [];
      for (const wait of [0, 60_000, HOUR, HOUR, HOUR]) {
        w.clock.now += wait;
        outcomes.push(await subscribe(w.deps, 'twice@example.org', prefs));
      }

      expect(outcomes).toEqual(['confirmation-sent', 'throttled', 'confirmation-sent', 'confirmation-sent', 'limited']);
      expect(w.mailsTo('twice@example.org')).toHaveLength(3);
    });

    it('counts the e-mail the owner of a confirmed address gets as well', async () => {
      const w = await world();
      await w.store.putSubscriber({ id: subscriberIdFor('owner@example.org'), email: 'owner@example.org', lang: 'en', status: 'confirmed', filters: {} });
      const outcomes = [];
      for (let i = 0; i < 4; i += 1) {
        outcomes.push(await subscribe(w.deps, 'owner@example.org', prefs));
        w.clock.now += HOUR + 1;
      }

      expect(outcomes).toEqual(['reminder-sent', 'reminder-sent', 'reminder-sent', 'limited']);
      expect(w.mailsTo('owner@example.org').map((m) => m.subject)).toEqual(Array(3).fill('Your fundwatch subscription'));
    });

    it('sends again on the next day (UTC)', async () => {
      const w = await world({ perAddress: { max: 1, windowS: 86_400 }, perClient: { max: 10, windowS: 3_600 } });
      await subscribe(w.deps, 'tomorrow@example.org', prefs);
      w.clock.now += 2 * HOUR;
      expect(await subscribe(w.deps, 'tomorrow@example.org', prefs)).toBe('limited');

      w.clock.now = Date.parse('2026-04-02T00:00:00Z');

      expect(await subscribe(w.deps, 'tomorrow@example.org', prefs)).toBe('confirmation-sent');
    });
  });

  describe('posts from one client', () => {
    const tenPosts = async (w: Awaited<ReturnType<typeof world>>, from: string): Promise<number[]> => {
      const statuses = [];
      for (let i = 0; i < 10; i += 1) statuses.push((await w.post([['email', `person${i}@example.org`]], from)).status);
      return statuses;
    };

    it('answers the eleventh post in an hour with 429, Retry-After and a page that says when to come back', async () => {
      const w = await world();
      expect(await tenPosts(w, '203.0.113.7')).toEqual(Array(10).fill(200));

      const refused = await w.post([['email', 'eleventh@example.org']], '203.0.113.7');

      expect(refused.status).toBe(429);
      // 09:20: the hour's window ends at 10:00.
      expect(refused.headers['Retry-After']).toBe('2400');
      expect(refused.body).toContain('<html lang="en">');
      expect(refused.body).toContain('Too many requests');
      expect(refused.body).toContain('Please try again in 40 minutes.');
      expect(w.mailsTo('eleventh@example.org')).toEqual([]);
      expect(await w.store.getSubscriber(subscriberIdFor('eleventh@example.org'))).toBeUndefined();
    });

    it('speaks Japanese to a visitor of the Japanese form', async () => {
      const w = await world();
      await tenPosts(w, '203.0.113.7');

      const refused = await w.post([['ui', 'ja'], ['email', 'eleventh@example.org']], '203.0.113.7');

      expect(refused.status).toBe(429);
      expect(refused.body).toContain('<html lang="ja">');
      expect(refused.body).toContain('リクエストが多すぎます');
      expect(refused.body).toContain('40分ほど後にもう一度お試しください');
    });

    it('refuses in the same words whatever the address: new, pending, confirmed or suppressed', async () => {
      const w = await world();
      await w.store.putSubscriber({ id: subscriberIdFor('confirmed@example.org'), email: 'confirmed@example.org', lang: 'en', status: 'confirmed', filters: {} });
      await subscribe(w.deps, 'bounced@example.org', prefs);
      await suppress(w.deps, 'bounced@example.org', 'Permanent bounce');
      await tenPosts(w, '203.0.113.7');

      const refusals = await Promise.all(['new@example.org', 'person0@example.org', 'confirmed@example.org', 'bounced@example.org']
        .map((email) => w.post([['email', email]], '203.0.113.7')));

      expect(refusals.map((r) => r.status)).toEqual([429, 429, 429, 429]);
      expect(new Set(refusals.map((r) => r.body)).size).toBe(1);
    });

    it('counts each client on its own, and lets it post again in the next hour', async () => {
      const w = await world();
      await tenPosts(w, '203.0.113.7');

      expect((await w.post([['email', 'neighbour@example.org']], '203.0.113.8')).status).toBe(200);
      w.clock.now = Date.parse('2026-04-01T10:00:00Z');
      expect((await w.post([['email', 'later@example.org']], '203.0.113.7')).status).toBe(200);
    });

    it('counts an IPv6 client by its /64, so a new interface id is no new turn', async () => {
      const w = await world();
      for (let i = 1; i <= 10; i += 1) await w.post([['email', `v6-${i}@example.org`]], `2001:db8:1:2::${i.toString(16)}`);

      expect((await w.post([['email', 'v6-more@example.org']], '2001:db8:1:2:ffff:ffff:ffff:ffff')).status).toBe(429);
      expect((await w.post([['email', 'v6-other@example.org']], '2001:db8:1:3::1')).status).toBe(200);
    });

    it('keeps no IP at rest: the client\'s counter is keyed by an HMAC made with the link secret', async () => {
      const w = await world();
      await w.post([['email', 'someone@example.org']], '203.0.113.7');

      const stored = JSON.stringify(await w.items());

      expect(stored).not.toContain('203.0.113');
      expect(stored).toContain(`SUB#client#${clientKey(SECRET, '203.0.113.7')}`);
      expect(clientKey('another-secret-0123456789abcdef01234567', '203.0.113.7')).not.toBe(clientKey(SECRET, '203.0.113.7'));
    });

    it('does not count posts whose adapter knows no client address', async () => {
      const w = await world();
      const statuses = [];
      for (let i = 0; i < 11; i += 1) statuses.push((await w.post([['email', `local${i}@example.org`]], null)).status);

      expect(statuses).toEqual(Array(11).fill(200));
    });

    it('counts no refused form: nothing is sent or stored for it, not even a counter', async () => {
      const w = await world();
      const invalid = await w.post([['email', 'not an address']], '203.0.113.7');

      expect(invalid.status).toBe(400);
      expect(await w.items()).toEqual([]);
    });
  });

  describe('pending subscriptions', () => {
    it('are forgotten when their confirmation link expires: a TTL in the store, and absent to every read after it', async () => {
      const w = await world();
      const subscribedAt = w.clock.now;
      await subscribe(w.deps, 'unconfirmed@example.org', prefs);
      const expiry = subscribedAt + TOKEN_LIFETIME_S.confirm * 1000;

      expect((await w.rawSubscriber('unconfirmed@example.org'))?.[TABLE_DESIGN.ttlAttribute]).toBe(expiry / 1000);
      expect(await w.store.getSubscriber(subscriberIdFor('unconfirmed@example.org'), new Date(expiry))).toMatchObject({ status: 'pending' });
      expect(await w.store.getSubscriber(subscriberIdFor('unconfirmed@example.org'), new Date(expiry + 1000))).toBeUndefined();
    });

    it('expire with the link itself: after seven days the link says it expired, and the address starts afresh', async () => {
      const w = await world();
      await subscribe(w.deps, 'late@example.org', prefs);
      const token = new URL(/https:\S+confirm\?token=\S+/.exec(w.mailsTo('late@example.org')[0]!.text)![0]).searchParams.get('token')!;
      w.clock.now += TOKEN_LIFETIME_S.confirm * 1000 + 1000;

      expect((await w.get('/confirm', { token })).status).toBe(410);
      expect(await w.store.getSubscriber(subscriberIdFor('late@example.org'), new Date(w.clock.now))).toBeUndefined();
      expect(await subscribe(w.deps, 'late@example.org', prefs)).toBe('confirmation-sent');
      expect((await w.store.getSubscriber(subscriberIdFor('late@example.org')))?.createdAt).toBe(new Date(w.clock.now).toISOString());
    });

    it('are kept for good once confirmed: confirming clears the expiry', async () => {
      const w = await world();
      await subscribe(w.deps, 'keen@example.org', prefs);
      const token = new URL(/https:\S+confirm\?token=\S+/.exec(w.mailsTo('keen@example.org')[0]!.text)![0]).searchParams.get('token')!;

      expect((await w.press('/confirm', token)).status).toBe(200);

      expect(await w.rawSubscriber('keen@example.org')).not.toHaveProperty(TABLE_DESIGN.ttlAttribute);
      expect(await w.store.getSubscriber(subscriberIdFor('keen@example.org'), new Date(w.clock.now + 400 * DAY))).toMatchObject({ status: 'confirmed' });
    });

    it('lose their expiry when they stop being pending: a bounce suppresses the address for good', async () => {
      const w = await world();
      await subscribe(w.deps, 'bounced-early@example.org', prefs);

      await suppress(w.deps, 'bounced-early@example.org', 'Permanent bounce');

      expect(await w.rawSubscriber('bounced-early@example.org')).not.toHaveProperty(TABLE_DESIGN.ttlAttribute);
    });
  });
});

describe('clientNetwork', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:DB8:1:2::1', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002::1', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['64:ff9b::203.0.113.7', '64:ff9b:0:0::/64'],
    ['not an ip', 'not an ip'],
  ])('counts %s as %s', (ip, network) => {
    expect(clientNetwork(ip)).toBe(network);
  });
});

describe('windowAt', () => {
  it('aligns windows to the epoch: the hour, the UTC day', () => {
    const now = new Date('2026-04-01T09:20:00Z');

    expect(windowAt({ max: 10, windowS: 3_600 }, now)).toEqual({ start: new Date('2026-04-01T09:00:00Z'), end: new Date('2026-04-01T10:00:00Z') });
    expect(windowAt({ max: 3, windowS: 86_400 }, now)).toEqual({ start: new Date('2026-04-01T00:00:00Z'), end: new Date('2026-04-02T00:00:00Z') });
  });
});
