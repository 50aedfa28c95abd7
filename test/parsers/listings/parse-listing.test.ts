/**
 * parseListing: what every listing entry goes through whatever the adapter: links made absolute and
 * safe, titles as plain text, one entry per URL, and clear errors when a listing cannot be read.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ListingLayoutError, UnknownListingAdapterError, UnreadableFeedError } from '#parsers/listings/errors.ts';
import { parseListing as readListing, type ListingInput } from '#parsers/listings/parse-listing.ts';
import type { ListingSource } from '#parsers/listings/registry.ts';

const jsps: ListingSource = { id: 'jsps-koubo-ja', agency: 'JSPS', lang: 'ja', kind: 'listing', adapter: 'jsps-koubo-list', url: 'https://www.jsps.go.jp/j-koubo/index.html' };
const feed: ListingSource = { id: 'jst-calls-feed', agency: 'JST', lang: 'en', kind: 'feed', adapter: 'atom-feed', url: 'https://www.jst.go.jp/rss/koubo.xml' };
/** The entries of a read. */
const parseListing = (input: ListingInput) => readListing(input).entries;
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const list = (items: string) => `<html><body><div id="contents"><ul class="list-koubo">${items}</ul></div></body></html>`;
const item = (title: string, href: string, extra = '') => `<li><p class="date">2026/04/10</p><p class="title"><a href="${href}">${title}</a>${extra}</p></li>`;
const atom = (entries: string) => `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>x</id><updated>2026-04-14T00:00:00Z</updated>${entries}</feed>`;

describe('parseListing', () => {
  it('resolves relative links against the final URL after a redirect, and drops fragments', () => {
    const entries = parseListing({ source: jsps, body: bytes(list(item('令和8年度 公募について', 'r8_koubo.html#top'))), finalUrl: 'https://www.jsps.go.jp/j-koubo/2026/' });

    expect(entries.map((e) => e.url)).toEqual(['https://www.jsps.go.jp/j-koubo/2026/r8_koubo.html']);
  });

  it('keeps a title as plain text: markup and scripts inside the link never reach the entry', () => {
    const html = list(item('<b>令和8年度</b> 公募<script>alert("x")</script><img src="x" onerror="alert(1)">について', '/a.html'));

    expect(parseListing({ source: jsps, body: bytes(html), finalUrl: jsps.url })[0]!.title).toBe('令和8年度 公募について');
  });

  it('drops entries whose link is javascript:, mailto: or no link at all', () => {
    const html = list(item('公募A', 'javascript:alert(1)') + item('公募B', 'mailto:koubo@jsps.go.jp') + '<li><p class="title">公募C（準備中）</p></li>' + item('公募D', '/d.html'));

    expect(parseListing({ source: jsps, body: bytes(html), finalUrl: jsps.url }).map((e) => e.title)).toEqual(['公募D']);
  });

  // A listing may point at a partner's site; whether fundwatch fetches it is the fetcher's allowlist's decision, made later.
  it('keeps links to hosts other than the agencies\', unchanged and unmarked', () => {
    const [entry] = parseListing({ source: jsps, body: bytes(list(item('日独共同研究の公募について', 'https://www.dfg.de/en/calls/jsps-2026'))), finalUrl: jsps.url });

    expect(entry).toMatchObject({ url: 'https://www.dfg.de/en/calls/jsps-2026', kind: 'call', agency: 'JSPS', lang: 'ja' });
  });

  it('lists a page once: the first appearance, completed by what a later one adds', () => {
    const html = list(item('公募について', '/a.html') + item('公募について（再掲）', '/a.html#detail', '<p class="deadline">申請受付締切：令和8年6月3日</p>'));

    expect(parseListing({ source: jsps, body: bytes(html), finalUrl: jsps.url })).toEqual([
      expect.objectContaining({ title: '公募について', url: 'https://www.jsps.go.jp/a.html', postedAt: '2026-04-10' }),
    ]);
  });

  it('takes the other-language link of an entry as its alternate, by hreflang', () => {
    const html = list(item('公募について', '/ja.html', ' <a href="/en.html" hreflang="en">English</a>'));

    expect(parseListing({ source: jsps, body: bytes(html), finalUrl: jsps.url })[0]).toMatchObject({ url: 'https://www.jsps.go.jp/ja.html', alternateUrl: 'https://www.jsps.go.jp/en.html' });
  });

  it('decodes a Shift_JIS listing from its <meta> charset', async () => {
    const amed: ListingSource = { id: 'amed-koubo-ja', agency: 'AMED', lang: 'ja', kind: 'listing', adapter: 'amed-koubo-dl', url: 'https://www.amed.go.jp/koubo/index.html' };
    const body = await readFile(new URL('../data/listing-shift_jis.html', import.meta.url));

    expect(parseListing({ source: amed, body, finalUrl: amed.url })).toEqual([expect.objectContaining({
      title: '令和8年度「新興・再興感染症研究基盤創生事業」日米共同研究の公募について', kind: 'call', window: { opens: '2026-04-15', closes: '2026-06-10' },
    })]);
  });

  it('fails with a layout error, not an empty list, when the list is not on the page', () => {
    const read = () => parseListing({ source: jsps, body: bytes('<html><body><p>メンテナンス中です</p></body></html>'), finalUrl: jsps.url });

    expect(read).toThrow(ListingLayoutError);
    expect(read).toThrow(/https:\/\/www\.jsps\.go\.jp\/j-koubo\/index\.html: the list of notices \(ul\.list-koubo\) is not on the page; .* update its adapter/);
  });

  it('reads an empty list as no entries', () => {
    expect(parseListing({ source: jsps, body: bytes(list('')), finalUrl: jsps.url })).toEqual([]);
  });

  it('names the known adapters when the registry names an unknown one', () => {
    expect(() => parseListing({ source: { ...jsps, adapter: 'jsps-news' }, body: bytes(''), finalUrl: jsps.url }))
      .toThrow(UnknownListingAdapterError);
    expect(() => parseListing({ source: { ...jsps, adapter: 'jsps-news' }, body: bytes(''), finalUrl: jsps.url }))
      .toThrow(/no listing adapter is called "jsps-news" \(known: atom-feed, jst-koubo-table, amed-koubo-dl, amed-news-list, jsps-news-dl, jsps-koubo-list, generic-list\)/);
  });
});

describe('parseListing when the adapter no longer finds its list', () => {
  // The same notices, redesigned: the <ul class="list-koubo"> the adapter looks for became a table.
  const redesigned = `<html><body><div id="contents"><table class="notices"><tr><td>2026/04/10</td><td><a href="/r8_koubo.html">令和8年度 海外連携研究の公募について</a></td></tr>
    <tr><td>2026/04/02</td><td><a href="/r7_saitaku.html">令和7年度 海外連携研究 採択結果について</a></td></tr></table></div></body></html>`;

  it('reads the page with the generic reader, so that discovery goes on, and says the adapter broke', () => {
    const read = readListing({ source: jsps, body: bytes(redesigned), finalUrl: jsps.url });

    expect(read.entries.map((e) => [e.url, e.kind, e.postedAt])).toEqual([
      ['https://www.jsps.go.jp/r8_koubo.html', 'call', '2026-04-10'],
      ['https://www.jsps.go.jp/r7_saitaku.html', 'result', '2026-04-02'],
    ]);
    expect(read.degraded).toMatch(/the list of notices \(ul\.list-koubo\) is not on the page; .*update its adapter; read by the generic reader instead \(2 entries\)/);
  });

  it('stands in too when the adapter\'s list is there but empty while the page lists notices elsewhere', () => {
    const read = readListing({ source: jsps, body: bytes(redesigned.replace('<div id="contents">', '<div id="contents"><ul class="list-koubo"></ul>')), finalUrl: jsps.url });

    expect(read.entries).toHaveLength(2);
    expect(read.degraded).toMatch(/the "jsps-koubo-list" adapter found no entries where the generic reader found 2 entries; .* update its adapter/);
  });

  it('reads an empty list as an empty list, with nothing degraded, when the page has no notices anywhere', () => {
    expect(readListing({ source: jsps, body: bytes(list('')), finalUrl: jsps.url })).toEqual({ entries: [] });
  });

  it('never stands in for a listing whose adapter read it', () => {
    expect(readListing({ source: jsps, body: bytes(list(item('令和8年度 公募について', '/a.html'))), finalUrl: jsps.url })).not.toHaveProperty('degraded');
  });
});

describe('parseListing on a feed', () => {
  it('says clearly that a body which is not XML is not a feed, and what to do', () => {
    const read = (body: string) => () => parseListing({ source: feed, body: bytes(body), mediaType: 'text/html', finalUrl: feed.url });

    expect(read('<!DOCTYPE html><html><body><h1>Service unavailable</h1></body></html>')).toThrow(UnreadableFeedError);
    expect(read('Service unavailable')).toThrow(/^https:\/\/www\.jst\.go\.jp\/rss\/koubo\.xml is not an Atom or RSS feed \(.*, served as text\/html\); open it in a browser/);
  });

  it('reads a feed that became an HTML list of calls with the generic reader, and says the feed is gone', () => {
    const html = '<html><body><main><ul><li>2026年4月14日 <a href="/c.html">2026年度 日チリ共同研究の研究提案の募集</a></li></ul></main></body></html>';
    const read = readListing({ source: feed, body: bytes(html), mediaType: 'text/html', finalUrl: feed.url });

    expect(read.entries).toEqual([expect.objectContaining({ url: 'https://www.jst.go.jp/c.html', kind: 'call', postedAt: '2026-04-14' })]);
    expect(read.degraded).toMatch(/is not an Atom or RSS feed .*; read by the generic reader instead \(1 entry\)/);
  });

  it('keeps an HTML title\'s text only, and drops an entry whose only link is javascript:', () => {
    const xml = atom(`<entry><title type="html">&lt;script&gt;alert(1)&lt;/script&gt;Call for &lt;b&gt;Proposals&lt;/b&gt; 2026</title><link href="/call.html"/><id>a</id><updated>2026-04-14T00:00:00Z</updated></entry>
      <entry><title>Call for Proposals: trap</title><link href="javascript:alert(1)"/><id>b</id><updated>2026-04-14T00:00:00Z</updated></entry>`);

    expect(parseListing({ source: feed, body: bytes(xml), finalUrl: feed.url }).map((e) => [e.title, e.url])).toEqual([['Call for Proposals 2026', 'https://www.jst.go.jp/call.html']]);
  });

  it('takes the posting day in Japan\'s calendar: 15:00 UTC is already the next day in Tokyo', () => {
    const xml = atom('<entry><title>Call for Proposals</title><link href="https://www.jst.go.jp/c.html"/><id>a</id><published>2026-04-13T15:00:00Z</published><updated>2026-04-13T15:00:00Z</updated></entry>');

    expect(parseListing({ source: feed, body: bytes(xml), finalUrl: feed.url })[0]!.postedAt).toBe('2026-04-14');
  });

  it('reads an RSS 2.0 feed the same way', () => {
    const rss = '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>https://www.jst.go.jp/</link><description>d</description><item><title>Call for Proposals: ACT-X 2026</title><link>https://www.jst.go.jp/kisoken/act-x/koubo/</link><pubDate>Tue, 14 Apr 2026 00:00:00 +0900</pubDate></item></channel></rss>';

    expect(parseListing({ source: feed, body: bytes(rss), finalUrl: feed.url })).toEqual([expect.objectContaining({ url: 'https://www.jst.go.jp/kisoken/act-x/koubo/', postedAt: '2026-04-14', kind: 'call' })]);
  });
});

describe('the JST 公募情報 table', () => {
  const jst: ListingSource = { id: 'jst-koubo-ja', agency: 'JST', lang: 'ja', kind: 'listing', adapter: 'jst-koubo-table', url: 'https://www.jst.go.jp/koubo/index.html' };
  const table = (head: string[], row: string[]) => bytes(`<table class="koubo-list"><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody><tr>${row.map((c) => `<td>${c}</td>`).join('')}</tr></tbody></table>`);
  const cells = { 掲載日: '2026年4月14日', 件名: '<a href="/c.html">研究提案の募集</a>', 募集期間: '2026年4月14日～2026年6月16日' };

  it('finds its columns by their header words, so a reordered table reads the same', () => {
    const read = (order: Array<keyof typeof cells>) => parseListing({ source: jst, body: table(order, order.map((k) => cells[k])), finalUrl: jst.url });

    expect(read(['件名', '募集期間', '掲載日'])).toEqual(read(['掲載日', '件名', '募集期間']));
    expect(read(['件名', '募集期間', '掲載日'])[0]).toMatchObject({ postedAt: '2026-04-14', window: { opens: '2026-04-14', closes: '2026-06-16' } });
  });

  it('fails with a layout error when the table has no 件名 column', () => {
    expect(() => parseListing({ source: jst, body: table(['日付', '内容'], ['2026年4月14日', '<a href="/c.html">公募</a>']), finalUrl: jst.url }))
      .toThrow(/the 件名 column of the table of notices is not on the page/);
  });
});
