/// <reference lib="dom" />
/**
 * The sample e-mails (docs/emails) are what the renderer makes today, and they render in a real browser:
 * each is opened in headless Chromium, checked for its content and layout on a phone and a desktop
 * width, and saved as a screenshot in test-artifacts/screenshots.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { renderSamples, type Sample } from '../../fixtures/scripts/email-samples.ts';
import { ARTIFACTS, launchChromium } from '../helpers/browser.ts';

const samples = await renderSamples();
let browser: Browser;
beforeAll(async () => { browser = await launchChromium(); });
afterAll(async () => { await browser?.close(); });

describe.each(samples.map((s) => [s.name, s] as const))('the %s sample', (name, sample: Sample) => {
  it('is committed as rendered today (npm run samples, then review)', async () => {
    expect(await readFile(new URL(`../../docs/emails/${name}.html`, import.meta.url), 'utf8')).toBe(`${sample.mail.html}\n`);
    expect(await readFile(new URL(`../../docs/emails/${name}.txt`, import.meta.url), 'utf8')).toContain(sample.mail.text);
  });

  it.each([['phone', 390], ['desktop', 1024]] as const)('renders on a %s, quoting the page and offering a way out', async (device, width) => {
    const page = await browser.newPage({ viewport: { width, height: 900 }, javaScriptEnabled: false });
    try {
      await page.setContent(sample.mail.html);
      expect(await page.title()).toBe(sample.mail.subject);
      expect(await page.locator('h2').count()).toBeGreaterThan(0);
      expect(await page.locator('blockquote').count()).toBeGreaterThan(0);
      const unsubscribe = page.getByRole('link', { name: name.endsWith('ja') ? '配信停止' : 'Unsubscribe' });
      await expect(unsubscribe.getAttribute('href')).resolves.toMatch(/^https:\/\/fundwatch\.example\.org\/unsubscribe\?token=/);
      // Nothing wider than the screen: the text wraps on a phone.
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
      const shot = await page.screenshot({ path: new URL(`email-${name}-${device}.png`, ARTIFACTS).pathname, fullPage: true });
      expect(shot.length).toBeGreaterThan(10_000);
    } finally {
      await page.close();
    }
  });
});
