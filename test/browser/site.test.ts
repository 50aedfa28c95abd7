/// <reference lib="dom" />
/**
 * The public site in a real browser, as a reader uses it: the rendered folder is written to disk and
 * served under a sub-path by a tiny static server (and once opened straight from disk). Every view loads
 * without a console error or a CSP violation; the filters hide and show rows; a reader abroad sees
 * their own time; the phone layout has cards and no sideways scrolling. Screenshots go to test-artifacts/site/.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { renderSite } from '#web/site/render-site.ts';
import { launchChromium } from '../helpers/browser.ts';
import { sampleCatalog } from '../helpers/catalog.ts';

const SHOTS = new URL('../../test-artifacts/site/', import.meta.url);
// Served below a sub-path, as on a project site: every link must be relative to work there.
const BASE = '/pages/fundwatch/';
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.svg': 'image/svg+xml' };

/** A static file server for one folder, under BASE; anything else is a 404 (which a test would see). */
async function serveFolder(root: string): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    const file = normalize(join(root, path.slice(BASE.length)));
    if (!path.startsWith(BASE) || !file.startsWith(root + sep)) return void res.writeHead(404).end();
    try {
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(await readFile(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${BASE}`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

describe('the public site in Chromium', () => {
  let browser: Browser;
  let folder: string;
  let site: { url: string; close(): Promise<void> };

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'fundwatch-site-'));
    for (const file of renderSite(sampleCatalog(), { now: new Date('2026-11-22T00:00:00.000Z'), subscribeUrl: 'https://fundwatch.example.org/' })) {
      await mkdir(dirname(join(folder, file.path)), { recursive: true });
      await writeFile(join(folder, file.path), file.body);
    }
    site = await serveFolder(folder);
    browser = await launchChromium();
    await mkdir(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  /** A page that records every console error, script error, failed request, CSP violation and dialog. */
  async function open(path: string, options: BrowserContextOptions = {}): Promise<{ page: Page; problems: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, timezoneId: 'Asia/Tokyo', ...options });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`script error: ${e.message}`));
    page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); void d.dismiss(); });
    page.on('response', (r) => { if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`); });
    // Init scripts run outside the page's CSP, so this listener sees violations without being one.
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.goto(path.startsWith('file:') ? path : new URL(path, site.url).href);
    return { page, problems };
  }

  const visibleRows = (page: Page, selector: string): Promise<string[]> =>
    page.locator(selector).evaluateAll((rows) => rows.filter((r) => !(r as HTMLElement).hidden).map((r) => (r as HTMLElement).dataset.agency ?? ''));
  const deadlineRows = (page: Page): Promise<string[]> => visibleRows(page, 'table.deadlines tbody tr');
  const changeItems = (page: Page): Promise<string[]> => visibleRows(page, '#changes li.change');
  /**
   * A click that follows a link returns once the next page commits, before its deferred script has run (the filter
   * form is still hidden then); checks of the new page wait for it to load first, or they race the browser.
   */
  const follow = async (page: Page, link: Locator, to: RegExp): Promise<void> => {
    await link.click();
    await page.waitForURL(to);
  };
  const shoot = async (page: Page, name: string): Promise<void> => {
    const shot = await page.screenshot({ path: new URL(`${name}.png`, SHOTS).pathname, fullPage: true });
    expect(shot.length).toBeGreaterThan(10_000);
  };

  it('loads the index with its script and styles, and no console error or CSP violation', async () => {
    const { page, problems } = await open('index.html');

    await expect(page.locator('form[data-filters]').isVisible()).resolves.toBe(true);
    expect(await page.locator('h1').textContent()).toBe('Research funding deadlines in Japan');
    expect(await page.locator('#deadlines .filter-status').textContent()).toBe('Showing 4 of 4 deadlines.');
    // The stylesheet applied: the header has its background, not the browser's default.
    expect(await page.locator('.site-header').evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)');
    const unlabelled = await page.evaluate(() => [...document.querySelectorAll('select, input, textarea')].filter((el) => !(el as HTMLSelectElement).labels?.length).length);
    expect(unlabelled).toBe(0);
    await shoot(page, 'index-desktop');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('hides the other agencies\' rows when one agency is chosen, and shows them again for all agencies', async () => {
    const { page, problems } = await open('index.html');

    await page.getByLabel('Agency').selectOption('AMED');
    expect(await deadlineRows(page)).toEqual(['AMED']);
    expect(await changeItems(page)).toEqual(['AMED']);
    expect(await page.locator('#deadlines .filter-status').textContent()).toBe('Showing 1 of 4 deadlines.');
    expect(new URL(page.url()).search).toBe('?agency=AMED');
    await expect(page.locator('.lang-switch a').getAttribute('href')).resolves.toBe('ja/index.html?agency=AMED');

    await page.getByLabel('Agency').selectOption('');
    expect(await deadlineRows(page)).toEqual(['JST', 'AMED', 'JST', 'JSPS']);
    expect(await changeItems(page)).toEqual(['JST', 'JST', 'AMED']);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('filters by the language of the page and by research field, says when nothing matches, and resets', async () => {
    const { page } = await open('index.html');

    await page.getByLabel('Language of the page').selectOption('ja');
    expect(await deadlineRows(page)).toEqual(['AMED']);
    await page.getByLabel('Language of the page').selectOption('en');
    expect(await deadlineRows(page)).toEqual(['JST', 'JST', 'JSPS']);
    await page.getByLabel('Language of the page').selectOption('');

    await page.getByLabel('Research field').selectOption('life-sciences');
    expect(await deadlineRows(page)).toEqual(['JST', 'JST']);
    expect(await changeItems(page)).toEqual(['JST', 'JST']);
    await page.getByLabel('Agency').selectOption('AMED');
    expect(await deadlineRows(page)).toEqual([]);
    await expect(page.locator('#deadlines .filter-empty').isVisible()).resolves.toBe(true);
    await expect(page.locator('table.deadlines').isVisible()).resolves.toBe(false);

    await page.getByRole('button', { name: 'Show all' }).click();
    await expect.poll(() => deadlineRows(page)).toEqual(['JST', 'AMED', 'JST', 'JSPS']);
    await expect(page.locator('#deadlines .filter-empty').isVisible()).resolves.toBe(false);
    await page.context().close();
  });

  it('opens with the filters a shared link names', async () => {
    const { page } = await open('index.html?agency=JSPS');

    expect(await page.getByLabel('Agency').inputValue()).toBe('JSPS');
    expect(await deadlineRows(page)).toEqual(['JSPS']);
    await page.context().close();
  });

  it('adds the reader\'s own time next to each Japan time when they are elsewhere, and only then', async () => {
    const abroad = await open('index.html', { timezoneId: 'Europe/Berlin', locale: 'en-GB' });
    const local = abroad.page.locator('table.deadlines tbody tr').first().locator('.local');
    expect(await local.textContent()).toMatch(/^Your time: Thu, 10 Dec 2026, 04:00 (CET|GMT\+1)$/);
    // A month-only or untimed date has no moment to convert.
    expect(await abroad.page.locator('.local').count()).toBe(2);
    await abroad.page.context().close();

    const inJapan = await open('index.html', { timezoneId: 'Asia/Tokyo' });
    expect(await inJapan.page.locator('.local').count()).toBe(0);
    await inJapan.page.context().close();
  });

  it('shows every row and no filter controls to a reader without JavaScript', async () => {
    const { page } = await open('index.html', { javaScriptEnabled: false });

    await expect(page.locator('form[data-filters]').isVisible()).resolves.toBe(false);
    expect(await page.locator('table.deadlines tbody tr:visible').count()).toBe(4);
    expect(await page.locator('#changes li.change:visible').count()).toBe(3);
    await page.context().close();
  });

  it('turns the rows into cards on a phone, with nothing wider than the screen', async () => {
    const { page, problems } = await open('index.html', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(await page.locator('table.deadlines tbody tr').first().evaluate((tr) => getComputedStyle(tr).display)).toBe('grid');
    await expect(page.locator('table.deadlines thead').isVisible()).resolves.toBe(true); // for screen readers, clipped to 1px
    expect(await page.locator('table.deadlines thead').evaluate((el) => el.getBoundingClientRect().height)).toBeLessThanOrEqual(1);
    await shoot(page, 'index-phone');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('shows the first keyboard stop, the skip link, with a visible focus ring', async () => {
    const { page } = await open('index.html');

    await page.keyboard.press('Tab');
    const focused = page.locator(':focus');
    expect(await focused.textContent()).toBe('Skip to main content');
    expect(await focused.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
    expect((await focused.boundingBox())!.x).toBeGreaterThanOrEqual(0);
    await page.context().close();
  });

  it('loads the Japanese index, and switches languages both ways', async () => {
    const { page, problems } = await open('index.html');

    await follow(page, page.getByRole('link', { name: '日本語' }), /\/pages\/fundwatch\/ja\/index\.html$/);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('ja');
    expect(await page.locator('h1').textContent()).toBe('日本の研究助成の締切一覧');
    expect(await page.getByLabel('機関').count()).toBe(1);
    expect(await page.locator('table.deadlines tbody tr').last().locator('.badge').allTextContents()).toEqual(['月のみ', '予定']);
    await shoot(page, 'index-ja');
    await follow(page, page.getByRole('link', { name: 'English' }), /\/pages\/fundwatch\/index\.html$/);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('goes from the index to a programme page with its history and its calendar feed', async () => {
    const { page, problems } = await open('index.html');

    await follow(page, page.locator('table.deadlines').getByRole('link', { name: 'ASPIRE' }).first(), /\/programmes\/jst-aspire\.html$/);
    expect(new URL(page.url()).pathname).toBe(`${BASE}programmes/jst-aspire.html`);
    expect(await page.locator('h1').textContent()).toBe('ASPIRE');
    expect(await page.locator('#history h3').allTextContents()).toEqual(['Application deadline moved from 2026-12-03 to 2026-12-10', 'Partner agency added: NIH/NHGRI']);
    await expect(page.getByRole('link', { name: 'Calendar feed for this programme (.ics)' }).getAttribute('href')).resolves.toBe('../feeds/programmes/jst-aspire.ics');
    await page.locator('#history details').first().locator('summary').click();
    await expect(page.locator('#history details blockquote').first().isVisible()).resolves.toBe(true);
    await shoot(page, 'programme');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('works opened straight from disk: the script runs under the same policy', async () => {
    const { page, problems } = await open(pathToFileURL(join(folder, 'ja', 'programmes', 'amed-cycle.html')).href);

    expect(await page.locator('h1').textContent()).toBe('医療研究開発推進事業');
    // A file: URL, as the browser resolves the page's relative link from disk.
    await follow(page, page.getByRole('link', { name: '締切一覧' }), /^file:\/\/.*\/ja\/index\.html$/);
    await expect(page.locator('form[data-filters]').isVisible()).resolves.toBe(true);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
