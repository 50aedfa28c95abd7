/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The subscription pages in a real browser, as a person uses them: subscribe with the form, confirm
 * through the link in the e-mail and the button on its page, change preferences, unsubscribe with the
 * button. Every view is checked for labelled controls and saved as a screenshot in test-artifacts/screenshots.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createSubscriptionPages } from '#web/subscription-pages/handler.ts';
import { startPageServer, type PageServer } from '#io/http/node-server.ts';
import { startDynalite } from '#io/local/dynalite.ts';
import { startSesEmulator, type SesEmulator } from '#io/local/ses-emulator.ts';
import { createSesMailer } from '#io/mail/ses-mailer.ts';
import { createDynamoStore, ensureTable } from '#io/store/dynamo-store.ts';
import { subscriberIdFor } from '#core/subscriptions/subscriber-id.ts';
import type { Store } from '#core/ports/store.ts';
import { ARTIFACTS, launchChromium } from '../helpers/browser.ts';

describe('the subscription pages in Chromium', () => {
  let browser: Browser;
  let server: PageServer;
  let ses: SesEmulator;
  let store: Store;
  const closers: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    browser = await launchChromium();
    const engine = await startDynalite({});
    const client = new DynamoDBClient({ endpoint: engine.endpoint, region: 'local', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    await ensureTable(client, 'pages');
    store = createDynamoStore({ tableName: 'pages', client });
    ses = await startSesEmulator();
    const links = { secret: 'browser-secret-0123456789abcdef012345', baseUrl: '' };
    const mailer = createSesMailer({ from: 'fundwatch <alerts@fundwatch.local>', endpoint: ses.endpoint });
    const pages = createSubscriptionPages({ store, mailer, clock: () => new Date(), links }, { programmes: [{ id: 'jst-aspire', agency: 'JST', names: { en: 'ASPIRE' } }, { id: 'amed-aspire', agency: 'AMED', names: { en: 'ASPIRE (AMED)' } }] });
    server = await startPageServer((req) => pages(req));
    links.baseUrl = server.url;
    closers.push(() => browser.close(), () => server.close(), () => ses.close(), async () => client.destroy(), () => engine.close());
  });
  afterAll(async () => {
    for (const close of closers) await close();
  });

  /** Every visible control has a label a screen reader announces; then the screenshot. */
  const check = async (page: Page, name: string): Promise<void> => {
    const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
      .filter((el) => !(el as HTMLInputElement).labels?.length).map((el) => (el as HTMLInputElement).name));
    expect(unlabelled, `unlabelled controls on ${name}`).toEqual([]);
    expect(await page.locator('h1').count()).toBe(1);
    const shot = await page.screenshot({ path: new URL(`page-${name}.png`, ARTIFACTS).pathname, fullPage: true });
    expect(shot.length).toBeGreaterThan(5_000);
  };

  it('takes a person from the form to confirmed, to new preferences, to unsubscribed', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(server.url);
    await check(page, 'subscribe');
    await page.getByLabel('E-mail address').fill('browser@example.org');
    await page.getByLabel('JST').check();
    await page.getByLabel('Deadlines').check();
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Check your inbox');
    await check(page, 'check-inbox');

    // The page answers before the e-mail is sent (its timing tells nothing), so wait for the e-mail to arrive.
    const confirmation = await vi.waitFor(async () => {
      const [mail] = (await ses.emails()).filter((e) => e.destination.to.includes('browser@example.org'));
      if (!mail) throw new Error('no confirmation e-mail yet');
      return mail;
    }, { timeout: 10_000, interval: 100 });
    await page.goto(confirmation.body.text!.match(/http\S+\/confirm\?token=\S+/)![0]);
    // Opening the link only asks: a mail scanner that opens it confirms nothing.
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Confirm your subscription');
    await check(page, 'confirm');
    expect((await store.getSubscriber(subscriberIdFor('browser@example.org')))?.status).toBe('pending');
    await page.getByRole('button', { name: 'Confirm my subscription' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Subscription confirmed');
    await check(page, 'confirmed');

    await page.getByRole('link', { name: 'Change what you receive' }).click();
    expect(await page.getByLabel('JST').isChecked()).toBe(true);
    await check(page, 'preferences');
    // A new subscription starts with the default reminders, 14 and 3 days before.
    expect(await page.getByLabel('14 days before').isChecked()).toBe(true);
    expect(await page.getByLabel('3 days before').isChecked()).toBe(true);
    await page.getByLabel('Weekly digest').check();
    await page.getByLabel('ASPIRE (AMED)').check();
    await page.getByLabel('Quantum').check();
    await page.getByLabel('Partner countries (none chosen: all)').selectOption(['DE', 'US']);
    await page.getByLabel('Keywords (empty: all)').fill('quantum sensing, 量子');
    await page.getByLabel('14 days before').uncheck();
    await page.getByLabel('30 days before').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Preferences saved');
    expect(await store.getSubscriber(subscriberIdFor('browser@example.org'))).toMatchObject({ status: 'confirmed', delivery: 'weekly',
      filters: { agencies: ['JST'], programs: ['amed-aspire'], categories: ['deadline'], fields: ['Quantum'], countries: ['DE', 'US'], keywords: ['quantum sensing', '量子'] },
      reminders: { offsets: [30, 3] } });

    await page.getByRole('link', { name: 'Change what you receive' }).click();
    await page.getByRole('link', { name: 'Unsubscribe' }).click();
    await check(page, 'unsubscribe');
    await page.getByRole('button', { name: 'Unsubscribe' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Unsubscribed');
    await check(page, 'unsubscribed');
    expect((await store.getSubscriber(subscriberIdFor('browser@example.org')))?.status).toBe('unsubscribed');
    await page.close();
  });

  it('shows the Japanese form, and a clear page for a broken link', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(new URL('?lang=ja', server.url).href);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('ja');
    await check(page, 'subscribe-ja');
    const response = await page.goto(new URL('confirm?token=not-a-token', server.url).href);
    expect(response?.status()).toBe(400);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('This link is not valid');
    await check(page, 'invalid-link');
    await page.close();
  });
});
