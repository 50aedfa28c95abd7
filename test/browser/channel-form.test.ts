/// <reference lib="dom" />
/**
 * The channel form in Chromium, at phone and desktop widths: a person picks Teams, pastes a webhook URL, ticks a
 * programme found with the filter box, and adds the channel; the confirmation request arrives in the channel
 * (a local receiver). No sideways scrolling on a phone, long URLs included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ProgrammeChoice } from '#core/subscriptions/programme-choices.ts';
import { channelIdFor } from '#core/subscriptions/channel-address.ts';
import type { Store } from '#core/ports/store.ts';
import { createSubscriptionPages } from '#web/subscription-pages/handler.ts';
import { startPageServer, type PageServer } from '#io/http/node-server.ts';
import type { WebhookPoster } from '#io/webhooks/poster.ts';
import { ARTIFACTS, launchChromium } from '../helpers/browser.ts';
import { startChannelEngines, type ChannelEngines } from '../helpers/channel-engines.ts';

const KEY = 'channel-form-browser-secret-0123456789ab';
const PROGRAMMES: ProgrammeChoice[] = [
  { id: 'jst-presto', agency: 'JST', names: { en: 'PRESTO', ja: 'さきがけ' } },
  ...Array.from({ length: 20 }, (_, i): ProgrammeChoice => ({ id: `amed-p${i}`, agency: 'AMED', names: { en: `Programme ${i}`, ja: `プログラム${i}` } })),
];
const VIEWPORTS = [{ name: 'phone', width: 375, height: 667 }, { name: 'desktop', width: 1280, height: 800 }] as const;

describe('the channel form in Chromium', () => {
  let browser: Browser;
  let engines: ChannelEngines;
  let poster: WebhookPoster;
  let server: PageServer;
  let store: Store;

  beforeAll(async () => {
    browser = await launchChromium();
    engines = await startChannelEngines();
    store = await engines.freshStore('channel-form');
    poster = engines.poster(KEY);
    const links = { secret: KEY, baseUrl: '' };
    const pages = createSubscriptionPages({ store, mailer: engines.mailer, poster, channelOrigins: [engines.receiver.origin], clock: () => new Date(), links },
      { programmes: PROGRAMMES });
    server = await startPageServer((req) => pages(req));
    links.baseUrl = server.url;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await poster?.close();
    await engines?.close();
  });

  const open = async (width: number, height: number): Promise<Page> => {
    const page = await (await browser.newContext({ viewport: { width, height } })).newPage();
    await page.goto(new URL('channels', server.url).href);
    return page;
  };

  for (const viewport of VIEWPORTS) {
    it(`adds a Teams channel with a programme found by the filter, and the request reaches the channel (${viewport.name}, ${viewport.width}px)`, async () => {
      const page = await open(viewport.width, viewport.height);
      const url = engines.receiver.urlFor('teams', `office-${viewport.name}-${'x'.repeat(80)}`);
      await page.getByLabel('Microsoft Teams').check();
      await page.getByLabel('Webhook URL').fill(url);
      await page.getByLabel('Your e-mail address').fill(`office-${viewport.name}@example.org`);
      await page.getByLabel('Find a programme').fill('さきがけ');
      await page.getByLabel('PRESTO').check();
      expect(await page.evaluate(() => document.scrollingElement!.scrollWidth <= window.innerWidth)).toBe(true);
      await page.screenshot({ path: new URL(`channel-form-${viewport.name}.png`, ARTIFACTS).pathname, fullPage: true });

      await page.getByRole('button', { name: 'Add the channel' }).click();

      await expect(page.getByRole('heading', { name: 'Check the channel' }).isVisible()).resolves.toBe(true);
      expect(engines.receiver.received.filter((p) => p.name === `office-${viewport.name}-${'x'.repeat(80)}`)).toHaveLength(1);
      expect(await store.getSubscriber(channelIdFor('teams', url))).toMatchObject({ status: 'pending', filters: { programs: ['jst-presto'] } });
      await page.context().close();
    });
  }
});
