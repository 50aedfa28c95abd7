/**
 * The generic listing reader: one test per list shape the agencies use, each page in the project's own
 * words and wrapped in the chrome every real page has (a menu, breadcrumbs, a side box of news, a footer),
 * none of which is an entry.
 */
import { describe, expect, it } from 'vitest';
import { parseListing } from '#parsers/listings/parse-listing.ts';
import type { ListingSource } from '#parsers/listings/registry.ts';

const source = (lang: 'ja' | 'en'): ListingSource => ({ id: 'adhoc', agency: 'JST', lang, kind: 'listing', adapter: 'generic-list', url: 'https://www.jst.go.jp/news/index.html' });

/** A page around the content: none of these links is a notice of the list. */
const page = (content: string): string => `<!doctype html><html><head><title>お知らせ | JST</title><script>var x = '<a href="/s">2026年1月1日 script</a>';</script></head><body>
<div id="header"><a href="/"><img alt="JST"></a><ul class="global-nav"><li><a href="/koubo/">公募情報</a></li><li><a href="/en/">English</a></li><li><a href="/koubo/teian.html">Calls for proposals</a></li></ul></div>
<ol class="topic-path"><li><a href="/">トップ</a></li><li>お知らせ</li></ol>
<div id="contents">${content}</div>
<div id="sidebar"><h3>新着情報</h3><ul><li>2026年4月1日 <a href="/maintenance.html">システムメンテナンスのお知らせ</a></li></ul></div>
<footer><p>© 2026 JST</p><a href="/privacy.html">個人情報保護方針について</a></footer></body></html>`;

const read = (content: string, lang: 'ja' | 'en' = 'ja') =>
  parseListing({ source: source(lang), body: new TextEncoder().encode(page(content)), finalUrl: source(lang).url }).entries
    .map((e) => [e.postedAt ?? null, e.kind, e.title]);

describe('the generic listing reader', () => {
  it('reads a <ul> of dated links, the date before the title, and nothing of the chrome', () => {
    const entries = read(`<h1>お知らせ</h1><ul class="news">
      <li><span class="day">2026.04.14</span><a href="/a.html">令和8年度 日仏共同研究の研究提案の募集</a></li>
      <li><span class="day">2026.04.02</span><a href="/b.html">令和7年度 日仏共同研究 採択課題の決定について</a></li></ul>`);

    expect(entries).toEqual([
      ['2026-04-14', 'call', '令和8年度 日仏共同研究の研究提案の募集'],
      ['2026-04-02', 'result', '令和7年度 日仏共同研究 採択課題の決定について'],
    ]);
  });

  it('reads a table of date | title | period, and the period as the call\'s window', () => {
    const [entry, ...rest] = parseListing({ source: source('ja'), finalUrl: source('ja').url, body: new TextEncoder().encode(page(`<table>
      <tr><th>日付</th><th>お知らせ</th><th>期間</th></tr>
      <tr><td>2026/4/10</td><td><a href="/c.html">2026年度 海外連携研究の公募について</a></td><td>2026年4月10日～2026年6月2日 正午</td></tr>
      <tr><td>2026/3/30</td><td><a href="/d.html">2026年度 公募説明会（オンライン）の開催について</a></td><td>―</td></tr></table>`)) }).entries;

    expect(entry).toMatchObject({ title: '2026年度 海外連携研究の公募について', url: 'https://www.jst.go.jp/c.html', postedAt: '2026-04-10', kind: 'call', window: { opens: '2026-04-10', closes: '2026-06-02' } });
    expect(rest.map((e) => [e.postedAt, e.kind])).toEqual([['2026-03-30', 'event']]);
  });

  it('reads a <dl> of <dt> dates and <dd> links, the date beside a category tag', () => {
    const entries = read(`<dl>
      <dt>April 16, 2026 <span class="tag">News</span></dt><dd><a href="/e.html">Call for Proposals: Japan–Chile Joint Research on Astronomy Instruments</a></dd>
      <dt>March 3, 2026 <span class="tag">Results</span></dt><dd><a href="/f.html">Results of the FY2025 Japan–Chile call: projects selected</a></dd></dl>`, 'en');

    expect(entries).toEqual([
      ['2026-04-16', 'call', 'Call for Proposals: Japan–Chile Joint Research on Astronomy Instruments'],
      ['2026-03-03', 'result', 'Results of the FY2025 Japan–Chile call: projects selected'],
    ]);
  });

  it('reads a call page\'s dated update log as call-updates, not as new calls', () => {
    const entries = read(`<h1>Call for Proposals: FY2026 Japan–Chile Joint Research</h1>
      <p>JST invites proposals for joint research with partners in Chile.</p>
      <h2>Updates</h2><ul>
      <li><a href="/g.html">Application guidelines revised (section 4, budget)</a> (May 8, 2026)</li>
      <li><a href="/h.html">FAQ on the FY2026 Japan–Chile call</a> (April 30, 2026)</li>
      <li><a href="/i.html">Deadline extended to June 12 for the FY2026 Japan–Chile call</a> (12th May 2026)</li></ul>`, 'en');

    expect(entries).toEqual([
      ['2026-05-08', 'call-update', 'Application guidelines revised (section 4, budget)'],
      ['2026-04-30', 'call-update', 'FAQ on the FY2026 Japan–Chile call'],
      ['2026-05-12', 'call-update', 'Deadline extended to June 12 for the FY2026 Japan–Chile call'],
    ]);
  });

  it('reads a Japanese list with era dates, past its update stamp and section headings', () => {
    const entries = read(`<h1>掲示板（令和7年度）</h1><p>令和8(2026)年3月9日更新</p><h2>研究員向け</h2>
      <p><a href="/j.html">令和8年度 研究奨励金の支給について</a>（令和8(2026)年3月9日）</p>
      <p><a href="/k.html">令和8年度採用分 第一次選考結果について</a>（令和7年12月19日）</p>`);

    expect(entries).toEqual([
      ['2026-03-09', 'other', '令和8年度 研究奨励金の支給について'],
      ['2025-12-19', 'result', '令和8年度採用分 第一次選考結果について'],
    ]);
  });

  it('takes the date on the line just before a title, as notice boards print them', () => {
    const entries = read(`<div class="board"><p>2026/4/3 |</p><p><a href="/l.html">令和8年度 公募説明会で使用した資料を掲載しました</a></p><p>資料は以下のとおりです。</p>
      <p>2026/3/27 |</p><p><a href="/m.html">令和8年度 国際共同研究の公募について</a></p></div>`);

    expect(entries).toEqual([
      ['2026-04-03', 'call-update', '令和8年度 公募説明会で使用した資料を掲載しました'],
      ['2026-03-27', 'call', '令和8年度 国際共同研究の公募について'],
    ]);
  });

  it('takes a link alone for a notice when its title reads as one, and menu words for none', () => {
    const entries = read(`<h2>Application guidelines</h2><ul>
      <li><a href="/n.html">FY2028 Application Guidelines (Open Call)</a></li>
      <li><a href="/o.html">Applications for the FY2027 round are already closed.</a></li>
      <li><a href="/p.html">How to apply</a></li><li><a href="/q.html">Calls for proposals</a></li><li><a href="/r.html">English</a></li></ul>`, 'en');

    expect(entries).toEqual([
      [null, 'call', 'FY2028 Application Guidelines (Open Call)'],
      [null, 'call-update', 'Applications for the FY2027 round are already closed.'],
    ]);
  });

  it('leaves out a notice\'s sub-links: its documents, in its item or under its dated heading', () => {
    const entries = read(`<ul><li><a href="/s.html">令和8年度 二国間交流事業の公募について</a>（2026年4月1日）
        <ul><li><a href="/s/guide.pdf">令和8年度 公募要領（PDF 420KB）</a></li><li><a href="/s/form.docx">申請書様式（Word）</a></li></ul></li></ul>
      <h3><a href="/t.html">令和8年度 提出書類について</a>（2026年3月2日）</h3><p>以下の通知を確認してください。</p>
      <p><a href="/t/notice.pdf">【事務連絡】令和8年度4月期提出の書類について</a></p>`);

    expect(entries).toEqual([
      ['2026-04-01', 'call', '令和8年度 二国間交流事業の公募について'],
      ['2026-03-02', 'other', '令和8年度 提出書類について'],
    ]);
  });

  it('cleans titles of "NEW" marks, bullets, file notes and the date printed inside the link', () => {
    const entries = read(`<ul><li><a href="/u.pdf">● 【NEW】2026.04.20 令和8年度 国際共同研究の公募について（PDF：215KB）</a></li></ul>`);

    expect(entries).toEqual([['2026-04-20', 'call', '令和8年度 国際共同研究の公募について']]);
  });

  it('tells an undated notice whose title says nothing by the words under it', () => {
    const entries = read(`<h2>Topics</h2><ul><li><a href="/v.html">Japan–Korea Cooperative Programme: FY 2026</a></li>
      <li>Of the 40 applications received, nine joint projects were selected.</li></ul>`, 'en');

    expect(entries).toEqual([[null, 'result', 'Japan–Korea Cooperative Programme: FY 2026']]);
  });

  it('keeps the other-language link of an entry as its alternate', () => {
    const [entry] = parseListing({ source: source('ja'), finalUrl: source('ja').url, body: new TextEncoder().encode(page(
      '<ul><li>2026年4月14日 <a href="/w.html">2026年度 日チリ共同研究の公募について</a> [<a href="/en/w.html" hreflang="en">English</a>]</li></ul>')) }).entries;

    expect(entry).toMatchObject({ url: 'https://www.jst.go.jp/w.html', alternateUrl: 'https://www.jst.go.jp/en/w.html' });
  });
});
