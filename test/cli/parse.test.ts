/** `fundwatch parse`: one page as a record, several pages as one merged record, files saved from anywhere. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCommand } from '#cli/commands/parse.ts';
import { DEFAULT_FETCHER_OPTIONS } from '#io/fetch/options.ts';
import { startFixtureServer, type FixtureServer } from '#io/local/fixture-server.ts';
import { validateParseResult } from '#parsers/schema.ts';

const site = 'fixtures/sites/www.jst.go.jp/aspire';
let server: FixtureServer;
beforeAll(async () => { server = await startFixtureServer({ step: 2 }); });
afterAll(async () => { await server.close(); });

const run = async (args: string[], options: { json?: boolean } = {}): Promise<string> => {
  const out: string[] = [];
  // URLs go through the production fetcher (allowlist, robots, charset), routed to the fixture server.
  await parseCommand(args, options, (line) => out.push(line), { ...DEFAULT_FETCHER_OPTIONS, route: { origin: server.origin }, politenessDelayMs: 0 });
  return out.join('\n');
};

describe('fundwatch parse', () => {
  it('prints a recorded PDF as a schema-valid JSON record of its registry source', async () => {
    const result = validateParseResult(JSON.parse(await run([`${site}/download/2025_aspire_koubo_setsumei.pdf/v1.pdf`], { json: true })));
    expect(result.source).toMatchObject({ url: 'https://www.jst.go.jp/aspire/download/2025_aspire_koubo_setsumei.pdf', agency: 'JST', lang: 'ja' });
    expect(result.programs[0]!.calls[0]!.deadlines).toContainEqual(expect.objectContaining({ kind: 'submission', iso: '2025-05-12T12:00:00+09:00' }));
  });

  it('fetches and parses a URL, here the Shift_JIS e-ASIA page as the site serves it', async () => {
    const result = validateParseResult(JSON.parse(await run(['https://www.amed.go.jp/koubo/20/01/2001B_00101.html'], { json: true })));
    expect(result.programs[0]!.id).toBe('amed-e-asia');
    expect(result.programs[0]!.calls[0]!.deadlines).toContainEqual(expect.objectContaining({ kind: 'submission', date: '2025-03-31', label: '提出締切' }));
  });

  it('refuses a URL off the allowlist before any request', async () => {
    await expect(run(['https://example.com/call.html'])).rejects.toThrow(/allowlist/i);
  });

  it('merges the English and Japanese pages and shows where they disagree', async () => {
    const text = await run([`${site}/en/about_en.html/v1.html`, `${site}/about.html/v2.html`]);
    expect(text).toContain('Merged:');
    expect(text).toContain('! funding [ASPIRE for Rising Scientists] in call main: en 69000000 / ja 75000000');
  });

  it('reads a page saved outside the fixtures, telling its agency and language from the page', async () => {
    const text = await run(['fixtures/unseen/jst-sicorp-ja.html']);
    expect(text.split('\n')[0]).toMatch(/\(JST, ja\), 1 programme/);
  });

  it('says what to do when the file does not exist', async () => {
    await expect(run(['no/such/page.html'])).rejects.toThrow(/cannot read no\/such\/page.html: pass an existing HTML or PDF file/);
  });
});
