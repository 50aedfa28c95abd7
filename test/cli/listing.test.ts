/** `fundwatch listing`: the entries of a notice list, from a saved file or a URL, by its adapter or by the generic reader. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listingCommand, listingEntries } from '#cli/commands/listing.ts';
import { DEFAULT_FETCHER_OPTIONS } from '#io/fetch/options.ts';
import { startFixtureServer, type FixtureServer } from '#io/local/fixture-server.ts';
import { loadRegistry } from '#parsers/sources.ts';

const saved = mkdtempSync(join(tmpdir(), 'fundwatch-listing-'));
let server: FixtureServer;
beforeAll(async () => { server = await startFixtureServer({ step: 2 }); });
afterAll(async () => {
  await server.close();
  rmSync(saved, { recursive: true, force: true });
});

/** A notice board saved from a browser: its canonical link names the page, its lang attribute the language. */
const board = (canonical: string) => `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>掲示板 | 日本学術振興会</title>
<link rel="canonical" href="${canonical}"></head><body><ul class="gnav"><li><a href="/j-koubo/">公募情報</a></li></ul>
<div id="main"><h1>掲示板（令和8年度）</h1><p>令和8(2026)年4月20日更新</p><ul>
<li><a href="r8_koubo.html">令和9年度採用分 特別研究員の募集について</a>（令和8(2026)年4月20日）</li>
<li><a href="r8_faq.html">特別研究員の申請に関するよくある質問を更新しました</a>（2026年4月10日）</li>
<li><a href="r7_kekka.html">令和8年度採用分 特別研究員の選考結果について</a>（2026年1月30日）</li></ul></div></body></html>`;

const save = (name: string, html: string): string => {
  const file = join(saved, name);
  writeFileSync(file, html);
  return file;
};

const run = async (arg: string, options: { json?: boolean; agency?: 'JST' | 'AMED' | 'JSPS' } = {}): Promise<{ out: string; notes: string[] }> => {
  const out: string[] = [];
  const notes: string[] = [];
  // URLs go through the production fetcher (allowlist, robots, charset), routed to the fixture server.
  await listingCommand(arg, options, (line) => out.push(line), { ...DEFAULT_FETCHER_OPTIONS, route: { origin: server.origin }, politenessDelayMs: 0 }, (line) => notes.push(line));
  return { out: out.join('\n'), notes };
};

describe('fundwatch listing', () => {
  it('prints a saved page\'s entries as JSON, each with its title, absolute link, date and kind, read by the generic reader', async () => {
    const { out } = await run(save('board.html', board('https://www.jsps.go.jp/j-pd/keiji/2026.html')), { json: true });

    expect(JSON.parse(out)).toEqual({ entries: [
      { title: '令和9年度採用分 特別研究員の募集について', url: 'https://www.jsps.go.jp/j-pd/keiji/r8_koubo.html', date: '2026-04-20', kind: 'call' },
      { title: '特別研究員の申請に関するよくある質問を更新しました', url: 'https://www.jsps.go.jp/j-pd/keiji/r8_faq.html', date: '2026-04-10', kind: 'call-update' },
      { title: '令和8年度採用分 特別研究員の選考結果について', url: 'https://www.jsps.go.jp/j-pd/keiji/r7_kekka.html', date: '2026-01-30', kind: 'result' },
    ] });
  });

  it('prints a readable table without --json', async () => {
    const { out } = await run(save('board-table.html', board('https://www.jsps.go.jp/j-pd/keiji/2026.html')));

    expect(out.split('\n')).toEqual([
      'date        kind         title',
      '2026-04-20  call         令和9年度採用分 特別研究員の募集について',
      '                         https://www.jsps.go.jp/j-pd/keiji/r8_koubo.html',
      '2026-04-10  call-update  特別研究員の申請に関するよくある質問を更新しました',
      '                         https://www.jsps.go.jp/j-pd/keiji/r8_faq.html',
      '2026-01-30  result       令和8年度採用分 特別研究員の選考結果について',
      '                         https://www.jsps.go.jp/j-pd/keiji/r7_kekka.html',
    ]);
  });

  it('reads a recorded registered listing with its own adapter: the calls the listing expects, first', async () => {
    const expected = JSON.parse(await readFile('fixtures/listings/expected.json', 'utf8')) as Record<string, { v2: { calls: Array<{ url: string }> } }>;

    const { entries, degraded } = await listingEntries('fixtures/sites/www.jst.go.jp/koubo/index.html/v2.html', await loadRegistry());

    expect(degraded).toBeUndefined();
    expect(entries.filter((e) => e.kind === 'call').map((e) => e.url)).toEqual(expected['jst-koubo-ja']!.v2.calls.map((c) => c.url));
  });

  it('fetches a URL, here the Atom feed of calls, and reads it with the registered feed adapter', async () => {
    const { out } = await run('https://www.jst.go.jp/rss/koubo.xml', { json: true });

    expect(JSON.parse(out).entries).toContainEqual(expect.objectContaining({ kind: 'call', date: '2026-04-14', url: 'https://www.jst.go.jp/inter/sicorp/en/announce/announce_finland2026_en.html' }));
  });

  it('says on the side when the generic reader stood in for a registered listing\'s broken adapter', async () => {
    const redesigned = board('https://www.jsps.go.jp/j-koubo/index.html');

    const { out, notes } = await run(save('koubo-redesigned.html', redesigned), { json: true });

    expect(JSON.parse(out).entries).toHaveLength(3);
    expect(notes).toEqual([expect.stringMatching(/^note: .*the list of notices \(ul\.list-koubo\) is not on the page; .*read by the generic reader instead \(3 entries\)$/)]);
  });

  it('asks for --agency when a saved page does not say whose it is', async () => {
    const file = save('anonymous.html', '<html><body><ul><li>2026/4/1 <a href="https://example.org/a">Call for Proposals 2026</a></li></ul></body></html>');

    await expect(run(file)).rejects.toThrow(/cannot tell which agency .* belongs to: pass --agency JST, AMED or JSPS/);
    expect(JSON.parse((await run(file, { json: true, agency: 'JST' })).out).entries).toEqual([
      { title: 'Call for Proposals 2026', url: 'https://example.org/a', date: '2026-04-01', kind: 'call' },
    ]);
  });

  it('says what to do when the file does not exist', async () => {
    await expect(run('no/such/listing.html')).rejects.toThrow(/cannot read no\/such\/listing.html: pass an existing HTML or PDF file/);
  });
});
