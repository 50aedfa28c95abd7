/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The subscribe form's programme chooser in Chromium, at phone and desktop widths: names in the page's
 * language under their agency, the filter box narrowing the list as a person types (either language, the
 * id, any case or width), a ticked programme kept and sent whatever the filter, no sideways scrolling on a
 * phone, and the whole list usable with JavaScript off.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ProgrammeChoice } from '#core/subscriptions/programme-choices.ts';
import { createSubscriptionPages } from '#web/subscription-pages/handler.ts';
import { startPageServer, type PageServer } from '#io/http/node-server.ts';
import { startDynalite } from '#io/local/dynalite.ts';
import { startSesEmulator } from '#io/local/ses-emulator.ts';
import { createSesMailer } from '#io/mail/ses-mailer.ts';
import { createDynamoStore, ensureTable } from '#io/store/dynamo-store.ts';
import { subscriberIdFor } from '#core/subscriptions/subscriber-id.ts';
import type { Store } from '#core/ports/store.ts';
import { ARTIFACTS, launchChromium } from '../helpers/browser.ts';

/** Thirty programmes over the three agencies (past the filter's threshold), a few with real names. */
const PROGRAMMES: ProgrammeChoice[] = [
  { id: 'jst-crest', agency: 'JST', names: { en: 'ＣＲＥＳＴ (Core Research for Evolutional Science and Technology)', ja: '戦略的創造研究推進事業 CREST' } },
  { id: 'jst-presto', agency: 'JST', names: { en: 'PRESTO', ja: 'さきがけ' } },
  { id: 'amed-aspire', agency: 'AMED', names: { ja: '先端国際共同研究推進プログラム' } },
  ...Array.from({ length: 27 }, (_, i): ProgrammeChoice => ({ id: `${['jst', 'amed', 'jsps'][i % 3]}-p${i}`, agency: (['JST', 'AMED', 'JSPS'] as const)[i % 3]!, names: { en: `Programme ${i}`, ja: `プログラム${i}` } })),
];

const VIEWPORTS = [{ name: 'phone', width: 375, height: 667 }, { name: 'desktop', width: 1280, height: 800 }] as const;

describe('the programme chooser in Chromium', () => {
  let browser: Browser;
  let server: PageServer;
  let store: Store;
  const closers: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    browser = await launchChromium();
    const engine = await startDynalite({});
    const client = new DynamoDBClient({ endpoint: engine.endpoint, region: 'local', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    await ensureTable(client, 'chooser');
    store = createDynamoStore({ tableName: 'chooser', client });
    const ses = await startSesEmulator();
    const links = { secret: 'chooser-browser-secret-0123456789abcdef', baseUrl: '' };
    const mailer = createSesMailer({ from: 'fundwatch <alerts@fundwatch.local>', endpoint: ses.endpoint });
    const pages = createSubscriptionPages({ store, mailer, clock: () => new Date(), links }, { programmes: async () => PROGRAMMES });
    server = await startPageServer((req) => pages(req));
    links.baseUrl = server.url;
    closers.push(() => browser.close(), () => server.close(), () => ses.close(), async () => client.destroy(), () => engine.close());
  });
  afterAll(async () => {
    for (const close of closers) await close();
  });

  const open = async (options: BrowserContextOptions, path = ''): Promise<Page> => {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    await page.goto(new URL(path, server.url).href);
    return page;
  };
  /** The programme boxes a person can see, by their label text. */
  const shown = (page: Page): Promise<string[]> => page.evaluate(() => [...document.querySelectorAll<HTMLLabelElement>('.chooser label[data-match]')]
    .filter((label) => label.offsetParent !== null).map((label) => label.textContent!.trim()));
  const noSidewaysScroll = (page: Page): Promise<boolean> => page.evaluate(() => document.scrollingElement!.scrollWidth <= window.innerWidth);
  const programsOf = async (email: string): Promise<string[] | undefined> => vi.waitFor(async () => {
    const subscriber = await store.getSubscriber(subscriberIdFor(email));
    if (!subscriber) throw new Error(`no subscriber ${email} yet`);
    return subscriber.filters.programs;
  }, { timeout: 10_000, interval: 100 });

  for (const viewport of VIEWPORTS) {
    it(`narrows the list as a person types, keeps a ticked programme, and sends it (${viewport.name}, ${viewport.width}px)`, async () => {
      const page = await open({ viewport });
      expect(await shown(page)).toHaveLength(PROGRAMMES.length);
      const filter = page.getByLabel('Find a programme');
      await expect(filter.isVisible()).resolves.toBe(true);
      await page.getByLabel('PRESTO').check();

      // Case and width folded: "crest" finds the full-width ＣＲＥＳＴ; the ticked PRESTO stays in view.
      await filter.fill('crest');
      expect(await shown(page)).toEqual(['ＣＲＥＳＴ (Core Research for Evolutional Science and Technology)', 'PRESTO']);
      // Groups with nothing left to show are hidden with their boxes.
      await expect(page.locator('.chooser fieldset:has(legend:text-is("AMED"))').isVisible()).resolves.toBe(false);
      // The other language's name and the id match too.
      await filter.fill('先端国際');
      expect(await shown(page)).toEqual(['PRESTO', '先端国際共同研究推進プログラム']);
      await filter.fill('JSPS-P5');
      expect(await shown(page)).toEqual(['PRESTO', 'Programme 5']);
      expect(await noSidewaysScroll(page)).toBe(true);
      await page.screenshot({ path: new URL(`chooser-filtered-${viewport.name}.png`, ARTIFACTS).pathname, fullPage: true });

      // Enter in the filter box filters; it never sends the form half filled in.
      await filter.press('Enter');
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Follow Japanese research funding');
      const email = `chooser-${viewport.name}@example.org`;
      await page.getByLabel('E-mail address').fill(email);
      await page.getByLabel('Programme 5', { exact: true }).check();
      await filter.fill('no such programme');
      await page.getByRole('button', { name: 'Subscribe' }).click();
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Check your inbox');
      expect((await programsOf(email))?.sort()).toEqual(['jsps-p5', 'jst-presto']);
      await page.context().close();
    });
  }

  it('shows the Japanese list under each agency without sideways scrolling on a phone, and says when nothing matches', async () => {
    const page = await open({ viewport: VIEWPORTS[0] }, '?lang=ja');
    const legends = await page.locator('.chooser fieldset > legend').allTextContents();
    expect(legends).toEqual(['JST', 'AMED', 'JSPS']);
    expect(await shown(page)).toContain('戦略的創造研究推進事業 CREST');
    const filter = page.getByLabel('プログラムを探す');
    await expect(filter.isVisible()).resolves.toBe(true);
    await filter.fill('ｓａｋｉｇａｋｅ');
    expect(await shown(page)).toEqual([]);
    await expect(page.getByRole('status').textContent()).resolves.toBe('該当するプログラムはありません。別の語の一部を入力するか、入力欄を空にしてください。');
    await filter.fill('さきがけ');
    expect(await shown(page)).toEqual(['さきがけ']);
    await expect(page.getByRole('status').textContent()).resolves.toBe('');
    expect(await noSidewaysScroll(page)).toBe(true);
    await page.screenshot({ path: new URL('chooser-ja-phone.png', ARTIFACTS).pathname, fullPage: true });
    await page.context().close();
  });

  for (const viewport of VIEWPORTS) {
    it(`lists every programme and sends the ticked ones with JavaScript off, with no filter box that would do nothing (${viewport.name})`, async () => {
      const page = await open({ viewport, javaScriptEnabled: false });
      expect(await shown(page)).toHaveLength(PROGRAMMES.length);
      await expect(page.locator('input[type=search]').isVisible()).resolves.toBe(false);
      const email = `no-script-${viewport.name}@example.org`;
      await page.getByLabel('E-mail address').fill(email);
      await page.getByLabel('先端国際共同研究推進プログラム').check();
      await page.getByLabel('Programme 7', { exact: true }).check();
      expect(await noSidewaysScroll(page)).toBe(true);
      await page.getByRole('button', { name: 'Subscribe' }).click();
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Check your inbox');
      expect((await programsOf(email))?.sort()).toEqual(['amed-aspire', 'amed-p7']);
      await page.context().close();
    });
  }
});
