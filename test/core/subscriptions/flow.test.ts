/** The subscription flow and its pages on real local engines: double opt-in, signed links, and nothing that leaks or floods. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Store } from '#core/ports/store.ts';
import { createSubscriptionPages } from '#web/subscription-pages/handler.ts';
import type { HttpRequest } from '#web/subscription-pages/http.ts';
import { subscriberIdFor } from '#core/subscriptions/subscriber-id.ts';
import { linkFor } from '#core/subscriptions/links.ts';
import { parsePreferences } from '#core/subscriptions/preferences.ts';
import { subscribe, suppress, type SubscriptionDeps } from '#core/subscriptions/flow.ts';
import { signToken } from '#core/subscriptions/tokens.ts';
import { startDynalite, type LocalEngine } from '#io/local/dynalite.ts';
import { startSesEmulator, type SesEmulator } from '#io/local/ses-emulator.ts';
import { createSesMailer } from '#io/mail/ses-mailer.ts';
import { createDynamoStore, ensureTable } from '#io/store/dynamo-store.ts';
import { localClient } from '../../helpers/engines.ts';

describe('subscriptions', () => {
  let engine: LocalEngine;
  let client: DynamoDBClient;
  let ses: SesEmulator;
  let store: Store;
  let deps: SubscriptionDeps;
  let now = Date.parse('2026-04-01T00:00:00Z');
  const links = { secret: 'test-secret-0123456789abcdef0123456789', baseUrl: 'https://fundwatch.example.org/' };
  const prefs = parsePreferences({ lang: 'en', delivery: 'immediate', agencies: ['JST'] });
  let handle: (req: HttpRequest) => ReturnType<ReturnType<typeof createSubscriptionPages>>;
  const get = (path: string, query: Record<string, string> = {}) => handle({ method: 'GET', path, query: new URLSearchParams(query) });
  const post = (path: string, fields: Array<[string, string]>, query: Record<string, string> = {}) =>
    handle({ method: 'POST', path, query: new URLSearchParams(query), form: new URLSearchParams(fields) });
  const mailTo = async (address: string) => (await ses.emails()).filter((e) => e.destination.to.includes(address));
  /** A pending subscriber to JST made for the test that names it, so that each test stands alone. */
  const pendingSubscriber = async (email: string): Promise<string> => {
    const id = subscriberIdFor(email);
    await store.putSubscriber({ id, email, status: 'pending', lang: 'en', delivery: 'immediate', filters: { agencies: ['JST'] }, createdAt: new Date(now).toISOString() });
    return id;
  };

  beforeAll(async () => {
    engine = await startDynalite({});
    client = localClient(engine.endpoint);
    await ensureTable(client, 'subs');
    store = createDynamoStore({ tableName: 'subs', client });
    ses = await startSesEmulator();
    deps = { store, mailer: createSesMailer({ from: 'fundwatch <alerts@fundwatch.local>', endpoint: ses.endpoint, maxPerSecond: 100 }), clock: () => new Date(now), links };
    handle = createSubscriptionPages(deps, { programmes: [{ id: 'jst-aspire', agency: 'JST', names: { en: 'ASPIRE <script>' } }] });
  });
  afterAll(async () => {
    client?.destroy();
    await engine?.close();
    await ses?.close();
  });

  it('stores a new address as pending and sends it only a confirmation link', async () => {
    expect(await subscribe(deps, 'New@Example.org ', prefs)).toBe('confirmation-sent');
    const stored = await store.getSubscriber(subscriberIdFor('new@example.org'));
    expect(stored).toMatchObject({ email: 'new@example.org', status: 'pending', filters: { agencies: ['JST'] } });
    const [mail] = await mailTo('new@example.org');
    expect(mail!.subject).toBe('Confirm your fundwatch subscription');
    expect(mail!.body.text).toMatch(/https:\/\/fundwatch\.example\.org\/confirm\?token=/);
  });

  it('sends at most one confirmation an hour, so the form cannot flood an inbox', async () => {
    await subscribe(deps, 'flood@example.org', prefs);
    expect(await subscribe(deps, 'flood@example.org', prefs)).toBe('throttled');
    expect(await mailTo('flood@example.org')).toHaveLength(1);
    now += 3_600_001;
    expect(await subscribe(deps, 'flood@example.org', prefs)).toBe('confirmation-sent');
  });

  it('lets nobody change a confirmed subscription through the form: its owner gets a link instead', async () => {
    await subscribe(deps, 'owner@example.org', prefs);
    const confirmLink = new URL((await mailTo('owner@example.org'))[0]!.body.text!.match(/https:\S+confirm\?token=\S+/)![0]);
    expect((await post('/confirm', [['token', confirmLink.searchParams.get('token')!]])).status).toBe(200);
    now += 3_600_001;
    const page = await post('/subscribe', [['email', 'owner@example.org'], ['lang', 'ja'], ['delivery', 'weekly']]);
    expect(page.body).toContain('Check your inbox');
    expect(await store.getSubscriber(subscriberIdFor('owner@example.org'))).toMatchObject({ status: 'confirmed', lang: 'en', delivery: 'immediate' });
    expect((await mailTo('owner@example.org')).at(-1)!.subject).toBe('Your fundwatch subscription');
  });

  it('shows the same page whatever the address, and never mails a suppressed one', async () => {
    await subscribe(deps, 'bounced@example.org', prefs);
    expect(await suppress(deps, 'bounced@example.org', 'Permanent bounce')).toBe(true);
    now += 3_600_001;
    const before = (await mailTo('bounced@example.org')).length;
    const forSuppressed = await post('/subscribe', [['email', 'bounced@example.org']]);
    const forNew = await post('/subscribe', [['email', 'stranger@example.org']]);
    expect(forSuppressed.body.replace(/bounced|stranger/g, '')).toBe(forNew.body.replace(/bounced|stranger/g, ''));
    expect(await mailTo('bounced@example.org')).toHaveLength(before);
  });

  it('refuses forged, expired and foreign links with a page that says what to do', async () => {
    const id = await pendingSubscriber('links@example.org');
    const forged = await get('/preferences', { token: signToken('not-the-secret-0123456789abcdef0123', 'manage', id, new Date(now)) });
    expect(forged.status).toBe(400);
    expect(forged.body).toContain('This link is not valid');
    const expired = await get('/confirm', { token: signToken(links.secret, 'confirm', id, new Date(now - 8 * 86_400_000)) });
    expect(expired.status).toBe(410);
    expect(expired.body).toContain('Subscribe again with your address');
    const wrongPurpose = await post('/unsubscribe', [['token', signToken(links.secret, 'confirm', id, new Date(now))]]);
    expect(wrongPurpose.status).toBe(400);
    expect((await store.getSubscriber(id))?.status).toBe('pending');
  });

  it('changes nothing on GET: unsubscribing takes the button or the one-click POST', async () => {
    await subscribe(deps, 'leaving@example.org', prefs);
    const id = subscriberIdFor('leaving@example.org');
    await post('/confirm', [['token', signToken(links.secret, 'confirm', id, new Date(now))]]);
    const unsubscribeUrl = new URL(linkFor(links, 'unsubscribe', { id }, new Date(now)));
    const shown = await get('/unsubscribe', { token: unsubscribeUrl.searchParams.get('token')! });
    expect(shown.body).toContain('<button type="submit">Unsubscribe</button>');
    expect((await store.getSubscriber(id))?.status).toBe('confirmed');
    const done = await post('/unsubscribe', [['List-Unsubscribe', 'One-Click']], { token: unsubscribeUrl.searchParams.get('token')! });
    expect(done.status).toBe(200);
    expect((await store.getSubscriber(id))?.status).toBe('unsubscribed');
    // The same link again: still unsubscribed, still a friendly page (replay is harmless).
    expect((await post('/unsubscribe', [], { token: unsubscribeUrl.searchParams.get('token')! })).status).toBe(200);
  });

  it('confirms only with the page\'s button: opening the link (GET or HEAD, as mail scanners do) changes nothing', async () => {
    await subscribe(deps, 'scanned@example.org', prefs);
    const id = subscriberIdFor('scanned@example.org');
    const token = new URL((await mailTo('scanned@example.org'))[0]!.body.text!.match(/https:\S+confirm\?token=\S+/)![0]).searchParams.get('token')!;

    const opened = await get('/confirm', { token });
    expect(opened.status).toBe(200);
    expect((await store.getSubscriber(id))?.status).toBe('pending');
    expect((await handle({ method: 'HEAD', path: '/confirm', query: new URLSearchParams({ token }) })).status).toBe(200);
    expect((await store.getSubscriber(id))?.status).toBe('pending');
    // The page holds one form that POSTs the token back to the same path: a person presses the button.
    expect(opened.body).toMatch(/<form method="post" action="confirm"><input type="hidden" name="token" value="[\w.-]+"><button type="submit">Confirm my subscription<\/button><\/form>/);
    const pressed = await post('/confirm', [['token', token]]);
    expect(pressed.status).toBe(200);
    expect(pressed.body).toContain('Subscription confirmed');
    expect((await store.getSubscriber(id))?.status).toBe('confirmed');
    // Pressing it again (a double click, the back button) is harmless.
    expect((await post('/confirm', [['token', token]])).status).toBe(200);
  });

  it('answers HEAD wherever it answers GET: the same status and headers, no body, nothing changed', async () => {
    await subscribe(deps, 'headed@example.org', prefs);
    const id = subscriberIdFor('headed@example.org');
    const sign = (purpose: 'confirm' | 'manage' | 'unsubscribe'): string => signToken(links.secret, purpose, id, new Date(now));
    const pages: Array<[string, Record<string, string>]> = [['/', {}], ['/subscribe', {}], ['/confirm', { token: sign('confirm') }],
      ['/preferences', { token: sign('manage') }], ['/unsubscribe', { token: sign('unsubscribe') }], ['/confirm', { token: 'forged' }], ['/nowhere', {}]];

    for (const [path, query] of pages) {
      const asGet = await get(path, query);
      const asHead = await handle({ method: 'HEAD', path, query: new URLSearchParams(query) });
      expect({ path, status: asHead.status, headers: asHead.headers, body: asHead.body }).toEqual({ path, status: asGet.status, headers: asGet.headers, body: '' });
    }
    expect((await store.getSubscriber(id))?.status).toBe('pending');
  });

  it('answers a method a page does not take with 405 and the methods it does take', async () => {
    const refused = await handle({ method: 'PUT', path: '/confirm', query: new URLSearchParams() });
    expect(refused.status).toBe(405);
    expect(refused.headers.Allow).toBe('GET, HEAD, POST');
    expect((await post('/', [])).headers.Allow).toBe('GET, HEAD');
  });

  it('saves preferences through the signed link, validating every field', async () => {
    const id = await pendingSubscriber('prefs@example.org');
    const token = signToken(links.secret, 'manage', id, new Date(now));
    const page = await get('/preferences', { token });
    expect(page.body).toContain('value="JST" checked');
    const saved = await post('/preferences', [['token', token], ['lang', 'ja'], ['delivery', 'weekly'], ['agencies', 'AMED'], ['categories', 'deadline']]);
    expect(saved.status).toBe(200);
    expect(await store.getSubscriber(id)).toMatchObject({ lang: 'ja', delivery: 'weekly', filters: { agencies: ['AMED'], categories: ['deadline'] } });
    const bad = await post('/preferences', [['token', token], ['agencies', 'NIH']]);
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('agencies must be among JST, AMED, JSPS');
  });

  it('saves reminders, keywords, research fields and partner countries from the form', async () => {
    const id = await pendingSubscriber('filters@example.org');
    const token = signToken(links.secret, 'manage', id, new Date(now));
    const saved = await post('/preferences', [['token', token], ['lang', 'en'], ['delivery', 'immediate'], ['keywords', 'quantum, 量子\nＡＩ safety,quantum'],
      ['fields', 'Quantum'], ['fields', 'Energy'], ['countries', 'DE'], ['countries', 'us'], ['reminders', ''], ['reminders', '7'], ['reminders', '30']]);

    expect(saved.status).toBe(200);
    expect(await store.getSubscriber(id)).toMatchObject({
      filters: { keywords: ['quantum', '量子', 'ＡＩ safety'], fields: ['Quantum', 'Energy'], countries: ['DE', 'US'] }, reminders: { offsets: [30, 7] },
    });
    const page = await get('/preferences', { token });
    expect(page.body).toContain('quantum, 量子, ＡＩ safety</textarea>');
    expect(page.body).toContain('value="Quantum" checked');
    expect(page.body).toContain('<option value="DE" selected>Germany (DE)</option>');
    expect(page.body).toContain('name="reminders" value="30" checked');
    expect(page.body).not.toContain('name="reminders" value="14" checked');
  });

  it('turns reminders off when no box is ticked, and keeps the programmes reminders are limited to', async () => {
    const id = await pendingSubscriber('no-reminders@example.org');
    await store.putSubscriber({ ...(await store.getSubscriber(id))!, reminders: { offsets: [14, 3], programs: ['jst-aspire'] } });
    const token = signToken(links.secret, 'manage', id, new Date(now));

    await post('/preferences', [['token', token], ['reminders', '']]);

    expect((await store.getSubscriber(id))?.reminders).toEqual({ offsets: [], programs: ['jst-aspire'] });
    expect((await get('/preferences', { token })).body).not.toMatch(/name="reminders" value="\d+" checked/);
  });

  it('offers a new subscriber the default reminders, 14 and 3 days, ticked; a form without the field keeps the defaults', async () => {
    const form = await get('/');
    expect(form.body).toContain('name="reminders" value="14" checked');
    expect(form.body).toContain('name="reminders" value="3" checked');
    expect(form.body).not.toContain('name="reminders" value="30" checked');
    expect(parsePreferences({}).reminderOffsets).toBeUndefined();
    await subscribe(deps, 'defaults@example.org', parsePreferences({}));
    expect((await store.getSubscriber(subscriberIdFor('defaults@example.org')))?.reminders).toBeUndefined();
    await subscribe(deps, 'chosen@example.org', parsePreferences({ reminders: ['', '1'] }));
    expect((await store.getSubscriber(subscriberIdFor('chosen@example.org')))?.reminders).toEqual({ offsets: [1] });
  });

  it('refuses what the form cannot send, saying which field and what is allowed', () => {
    const refused = (input: Parameters<typeof parsePreferences>[0]): string => {
      try {
        parsePreferences(input);
        return 'accepted';
      } catch (err) {
        return (err as Error).message;
      }
    };
    expect(refused({ keywords: Array.from({ length: 21 }, (_, i) => `word${i}`).join(',') })).toContain('keywords: at most 20');
    expect(refused({ keywords: 'x'.repeat(61) })).toContain('each at most 60 characters');
    expect(refused({ fields: ['Astrology'] })).toContain('research fields must be among');
    expect(refused({ countries: ['XX'] })).toContain('not XX');
    expect(refused({ reminders: ['2'] })).toBe('reminders must be among 30, 14, 7, 3, 1 days before a deadline');
    expect(refused({ keywords: ' , ,\n ', fields: [], countries: [], reminders: [''] })).toBe('accepted');
  });

  it('escapes keywords as they are shown back on the form', async () => {
    const id = await pendingSubscriber('keywords@example.org');
    const token = signToken(links.secret, 'manage', id, new Date(now));
    await post('/preferences', [['token', token], ['keywords', '</textarea><script>alert(1)</script>']]);
    const page = await get('/preferences', { token });
    expect(page.body).not.toContain('<script>alert(1)');
    expect(page.body).toContain('&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;</textarea>');
  });

  it('serves safe pages: escaped text, no referrer, no caching, no framing, no script', async () => {
    const form = await get('/');
    expect(form.status).toBe(200);
    expect(form.body).toContain('ASPIRE &lt;script&gt;');
    expect(form.body).not.toMatch(/<script/i);
    expect(form.headers).toMatchObject({ 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-store' });
    expect(form.headers['Content-Security-Policy']).toContain("frame-ancestors 'none'");
    const invalid = await post('/subscribe', [['email', '"><script>alert(1)</script>@x']]);
    expect(invalid.status).toBe(400);
    expect(invalid.body).not.toContain('<script>alert(1)');
    expect((await get('/nowhere')).status).toBe(404);
    expect((await handle({ method: 'DELETE', path: '/subscribe', query: new URLSearchParams() })).status).toBe(405);
    expect((await get('/', { lang: 'ja' })).body).toContain('lang="ja"');
  });
});
