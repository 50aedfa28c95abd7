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

  it('takes a title with a category or status tag beside it as standing alone', () => {
    const entries = read(`<ul>
      <li>公募情報 若手あり <a href="/x1.html">令和9年度「難病克服研究事業」に係る公募について</a></li>
      <li>【重要】<a href="/x2.html">令和9年度 公募要領の一部訂正について</a></li>
      <li><a href="/x3.html">日米共同研究（2025年度）の公募</a>（終了）</li></ul>`);

    expect(entries).toEqual([
      [null, 'call', '令和9年度「難病克服研究事業」に係る公募について'],
      [null, 'call-update', '令和9年度 公募要領の一部訂正について'],
      [null, 'call', '日米共同研究（2025年度）の公募'],
    ]);
  });

  it('takes an English title after a bracketed or capitalised tag, in half- or full-width brackets', () => {
    const entries = read(`<ul><li>［Important］<a href="/y1.html">Notice on the FY2027 application deadline for e-Rad users</a></li>
      <li>Press Release <a href="/y2.html">JST to fund 9 new Japan–Korea projects</a></li></ul>`, 'en');

    expect(entries).toEqual([
      [null, 'other', 'Notice on the FY2027 application deadline for e-Rad users'],
      [null, 'result', 'JST to fund 9 new Japan–Korea projects'],
    ]);
  });

  it('takes the headline that opens an undated prose item, in either language', () => {
    const en = read(`<p><a href="/z1.html">The Japan–Chile Astronomy Forum 2026 was held in Santiago</a> and brought together forty researchers.</p>
      <p><a href="/z2.html">JST staff joined a panel on research security at the AAAS meeting</a>, where they described how calls are reviewed.</p>`, 'en');
    const ja = read(`<p><a href="/z3.html">ボン事務所は日独若手研究者交流会に参加しました</a>。当日は約50名が参加し、活発な議論が行われました。</p>`);

    expect(en).toEqual([
      [null, 'event', 'The Japan–Chile Astronomy Forum 2026 was held in Santiago'],
      [null, 'event', 'JST staff joined a panel on research security at the AAAS meeting'],
    ]);
    expect(ja).toEqual([[null, 'event', 'ボン事務所は日独若手研究者交流会に参加しました']]);
  });

  it('takes the headline that closes a sentence of a notice: a request in its own words', () => {
    const entries = read(`<p>本会では、今後の制度設計の参考とするため、下記により、<a href="/c1.html">「若手研究者支援の在り方について」へのご意見をお寄せくださいますようお願いいたします</a>。</p>`);

    expect(entries).toEqual([[null, 'other', '「若手研究者支援の在り方について」へのご意見をお寄せくださいますようお願いいたします']]);
  });

  it('takes no link that is a name inside a sentence, however it reads', () => {
    const entries = read(`<p><a href="/d1.html">FY2027 Application Guidelines</a> are available in English and Japanese.</p>
      <p>Please see <a href="/d2.html">the FY2027 call for proposals</a> for the eligibility rules.</p>
      <p>応募にあたっては、<a href="/d3.html">令和9年度公募要領</a>を必ずご確認ください。</p>
      <p>詳細は<a href="/d4.html">令和9年度 日独共同研究の公募について</a>をご覧ください。</p>`, 'en');

    expect(entries).toEqual([]);
  });

  it('reads the lines of a call page\'s update log as updates to that call, and the call itself as a call', () => {
    const entries = read(`<p>公募情報 <a href="/e0.html">令和9年度「再生医療研究事業」に係る公募（二次公募）について</a></p>
      <h2>更新履歴</h2><ul>
      <li>令和9年4月20日 <a href="/e1.html">課題3の公募対象として「既に治験を開始している場合」を含めることとしました</a></li>
      <li>令和9年4月13日 <a href="/e2.html">公募説明会の録画を公開しました</a></li></ul>
      <h2>基本情報</h2><ul><li><a href="/e3.html">令和9年度 三次公募の予告について</a>（令和9年4月1日）</li></ul>`);

    expect(entries).toEqual([
      [null, 'call', '令和9年度「再生医療研究事業」に係る公募（二次公募）について'],
      ['2027-04-20', 'call-update', '課題3の公募対象として「既に治験を開始している場合」を含めることとしました'],
      ['2027-04-13', 'call-update', '公募説明会の録画を公開しました'],
      ['2027-04-01', 'call', '令和9年度 三次公募の予告について'],
    ]);
  });

  it('finds the log\'s heading above a definition list, past dated lines and sentences', () => {
    const entries = read(`<h3>History of Updates</h3><p>Changes to this call are listed below.</p><dl>
      <dt>May 8, 2027</dt><dd><a href="/f1.html">Call text for the Japan–Chile joint call, section 2</a></dd>
      <dt>April 30, 2027</dt><dd><a href="/f2.html">Eligible partner list for the Japan–Chile call</a></dd></dl>`, 'en');

    expect(entries.map(([, kind]) => kind)).toEqual(['call-update', 'call-update']);
  });

  it('dates an update line by the day that introduces it, "Updated on …;" or a day on the line above', () => {
    const entries = read(`<ul><li>Updated on April 13, 2027; <a href="/g1.html">Theme 1 of the call was already closed on 10 April.</a></li>
      <li>Updated November 18, 2026:</li><li>• <a href="/g2.html">The Research Council of Norway was added as an eligible partner funding agency.</a></li></ul>`, 'en');

    expect(entries).toEqual([
      ['2027-04-13', 'call-update', 'Theme 1 of the call was already closed on 10 April.'],
      ['2026-11-18', 'call-update', 'The Research Council of Norway was added as an eligible partner funding agency.'],
    ]);
  });

  it('lets the category words before a title tell its kind when the title and its lede say nothing', () => {
    const entries = read(`<p>Calls for Proposals FY 2027 <a href="/j1.html">Interstellar Initiative</a></p>
      <p>Topics <a href="/j2.html">AMED awards 4 joint research projects with partners in Estonia</a></p>
      <div class="filter"><a href="/all.html">All</a> <a href="/koubo.html">Calls for Proposals</a> <a href="/event.html">Events and Symposia Abroad</a></div>`, 'en');

    expect(entries).toEqual([
      [null, 'call', 'Interstellar Initiative'],
      [null, 'result', 'AMED awards 4 joint research projects with partners in Estonia'],
    ]);
  });

  it('takes an English call page\'s own title after its run of category words', () => {
    const entries = read(`<p>Calls for Proposals Early-stage Overseas FY 2027 <a href="/k1.html">Japan–Estonia Joint Call for Research on Digital Health</a></p>
      <h2>Change log</h2><ul><li>12 Jan 2027: <a href="/k2.html">Added information on the composition of eligible teams.</a></li></ul>`, 'en');

    expect(entries).toEqual([
      [null, 'call', 'Japan–Estonia Joint Call for Research on Digital Health'],
      ['2027-01-12', 'call-update', 'Added information on the composition of eligible teams.'],
    ]);
  });

  it('takes a title after a day printed without its year, and leaves it undated', () => {
    const entries = read(`<h2>最新のお知らせ</h2><ul>
      <li>(7/1) <a href="/h1.html">2027年度公募における第2回申請受付を開始しました</a></li>
      <li>9月12日追記：<a href="/h2.html">事務処理説明書を追加しました</a></li>
      <li>• (6/29) <a href="/h3.html">申請書様式を更新しました。</a></li></ul>`);

    expect(entries).toEqual([
      [null, 'call', '2027年度公募における第2回申請受付を開始しました'],
      [null, 'call-update', '事務処理説明書を追加しました'],
      [null, 'call-update', '申請書様式を更新しました。'],
    ]);
  });
});

