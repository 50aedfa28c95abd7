/**
 * The public site as files: what is produced, in which order the deadlines come, how an open date is
 * marked, that every page string stays text, and where each page links (feeds, languages, programmes).
 * The browser behaviour (filters, local times, phone layout) is in test/browser/site.test.ts.
 */
import { load, type CheerioAPI } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { renderSite, type SiteFile } from '#web/site/render-site.ts';
import { daysUntil, formatDate, formatMoment } from '#web/site/dates.ts';
import { relative } from '#web/site/paths.ts';
import type { Catalog } from '#core/analyst/views.ts';
import { HOSTILE, change, deadline, programme, sampleCatalog } from '../helpers/catalog.ts';

const NOW = new Date('2026-11-22T00:00:00.000Z');

function site(catalog: Catalog = sampleCatalog(), options: Partial<Parameters<typeof renderSite>[1]> = {}): Map<string, SiteFile> {
  return new Map(renderSite(catalog, { now: NOW, ...options }).map((f) => [f.path, f]));
}

function page(files: Map<string, SiteFile>, path: string): CheerioAPI {
  const file = files.get(path);
  if (!file) throw new Error(`no ${path} among ${[...files.keys()].join(', ')}`);
  return load(file.body);
}

const htmlFiles = (files: Map<string, SiteFile>): SiteFile[] => [...files.values()].filter((f) => f.path.endsWith('.html'));
const hrefs = ($: CheerioAPI): string[] => $('a[href]').map((_, a) => $(a).attr('href')!).get();
const rowDates = ($: CheerioAPI): string[] => $('table.deadlines tbody tr time').map((_, t) => $(t).attr('datetime')!).get();

describe('renderSite', () => {
  it('produces an index and a page per programme in English and Japanese, one stylesheet, one script and an icon', () => {
    const files = site();

    expect([...files.keys()].sort()).toEqual([
      'assets/filter.js', 'assets/icon.svg', 'assets/site.css', 'index.html',
      'ja/index.html', 'ja/programmes/amed-cycle.html', 'ja/programmes/jsps-bilateral.html', 'ja/programmes/jst-aspire.html',
      'programmes/amed-cycle.html', 'programmes/jsps-bilateral.html', 'programmes/jst-aspire.html',
    ]);
    expect(files.get('index.html')!.contentType).toBe('text/html; charset=utf-8');
    expect(files.get('assets/site.css')!.contentType).toBe('text/css; charset=utf-8');
    expect(files.get('assets/filter.js')!.contentType).toBe('text/javascript; charset=utf-8');
    // Fast: one small stylesheet, one small script, no web fonts.
    expect(files.get('assets/site.css')!.body.length).toBeLessThan(12_000);
    expect(files.get('assets/filter.js')!.body.length).toBeLessThan(5_000);
    expect(files.get('assets/site.css')!.body).not.toMatch(/@font-face|url\(/);
  });

  it('lists the upcoming deadlines soonest first, a month-only date after the days before it', () => {
    const catalog = sampleCatalog();
    catalog.deadlines.reverse();

    expect(rowDates(page(site(catalog), 'index.html'))).toEqual(['2026-12-10T12:00:00+09:00', '2027-01-15T17:00:00+09:00', '2027-02-01', '2027-03']);
  });

  it('leaves out the deadlines already past at `now`, even if the catalog is older', () => {
    const files = site(sampleCatalog(), { now: new Date('2026-12-10T04:00:00.000Z') });

    expect(rowDates(page(files, 'index.html'))).toEqual(['2027-01-15T17:00:00+09:00', '2027-02-01', '2027-03']);
  });

  it('gives the Japan date and time labelled JST, the days left, and marks the moment for the reader\'s own time', () => {
    const $ = page(site(), 'index.html');
    const first = $('table.deadlines tbody tr').first();

    expect(first.find('time').text()).toBe('Thu 10 Dec 2026 12:00 JST');
    expect(first.find('time').is('[data-local]')).toBe(true);
    expect(first.find('.relative').text()).toBe('in 18 days');
    expect($('thead th').first().text()).toBe('Date (JST)');
  });

  it('says in words when the page gives only a month, no time, or a tentative date', () => {
    const $ = page(site(), 'index.html');
    const month = $('table.deadlines tbody tr').last();
    const interview = $('table.deadlines tbody tr').eq(2);

    expect(month.find('time').text()).toBe('March 2027');
    expect(month.find('time').is('[data-local]')).toBe(false);
    expect(month.find('.badge-month').text()).toBe('Month only');
    expect(month.text()).toContain('the page gives no day');
    expect(month.find('.badge-tentative').text()).toBe('Tentative');
    expect(interview.text()).toContain('No time given');
    expect(interview.find('time').is('[data-local]')).toBe(false);
    const ja = page(site(), 'ja/index.html')('table.deadlines tbody tr').last();
    expect(ja.find('time').text()).toBe('2027年3月');
    expect(ja.find('.badge-month').text()).toBe('月のみ');
    expect(ja.find('.badge-tentative').text()).toBe('予定');
  });

  it('keeps the page\'s own words one click away, marked with the page\'s language', () => {
    const $ = page(site(), 'index.html');
    const amed = $('table.deadlines tbody tr[data-agency="AMED"]');

    expect(amed.find('details summary').text()).toBe('The page’s words');
    expect(amed.find('details blockquote').attr('lang')).toBe('ja');
    expect(amed.find('details blockquote').text()).toBe('公募締切：令和9年1月15日（金）17時00分');
  });

  it('shows each recent change with before, after and the page\'s words', () => {
    const $ = page(site(), 'index.html');
    const moved = $('#changes li.change').first();

    expect($('#changes li.change')).toHaveLength(3);
    expect(moved.find('h3').text()).toBe('Application deadline moved from 2026-12-03 to 2026-12-10');
    expect(moved.find('.before-after del').text()).toBe('2026-12-03 12:00');
    expect(moved.find('.before-after ins').text()).toBe('2026-12-10 12:00');
    expect(moved.find('.words blockquote').map((_, q) => $(q).text()).get()).toEqual([
      'Application deadline: December 3, 2026 (Thu) 12:00 noon', 'Application deadline: December 10, 2026 (Thu) 12:00 noon']);
    expect(moved.find('.meta').text()).toContain('High importance');
  });

  it('labels the two sides of an English/Japanese disagreement by page, not by before and after', () => {
    const catalog = sampleCatalog();
    catalog.changes = [change({ disagreement: true, summary: { en: 'Pages disagree', ja: '記載が異なります' } })];

    const item = page(site(catalog), 'index.html')('#changes li.change');

    expect(item.find('.before-after dt').map((_, dt) => load(dt).text()).get()).toEqual(['English page', 'Japanese page']);
    expect(item.find('.badge-disagreement').text()).toBe('English and Japanese pages disagree');
    expect(item.find('del, ins')).toHaveLength(0);
  });

  it('carries each row\'s agency, page language and fields for the filters, and hides the filters until the script runs', () => {
    const $ = page(site(), 'index.html');

    expect($('form[data-filters]').is('[hidden]')).toBe(true);
    expect($('tr[hidden], li[hidden]')).toHaveLength(0);
    expect($('table.deadlines tbody tr').map((_, tr) => `${$(tr).attr('data-agency')} ${$(tr).attr('data-lang')} ${$(tr).attr('data-fields')}`).get())
      .toEqual(['JST en life-sciences', 'AMED ja medicine', 'JST en life-sciences', 'JSPS en ']);
    expect($('#filter-agency option').map((_, o) => $(o).attr('value')).get()).toEqual(['', 'JST', 'AMED', 'JSPS']);
    expect($('#filter-lang option').map((_, o) => $(o).attr('value')).get()).toEqual(['', 'en', 'ja']);
    expect($('#filter-field option').map((_, o) => $(o).attr('value')).get()).toEqual(['', 'life-sciences', 'medicine']);
    expect($('select').map((_, s) => $(`label[for="${$(s).attr('id')}"]`).text()).get()).toEqual(['Agency', 'Language of the page', 'Research field']);
  });

  it('shows the normalized research fields by their Japanese names on the Japanese page', () => {
    const catalog = sampleCatalog();
    catalog.deadlines[0] = deadline({ fields: ['Quantum', 'Life sciences', 'a field with spaces'] });

    const $ = page(site(catalog), 'ja/index.html');

    expect($('#filter-field option').map((_, o) => `${$(o).attr('value')}=${$(o).text()}`).get())
      .toEqual(expect.arrayContaining(['Quantum=量子', 'Life%20sciences=ライフサイエンス', 'a%20field%20with%20spaces=a field with spaces']));
    expect($('table.deadlines tbody tr').first().attr('data-fields')).toBe('Quantum Life%20sciences a%20field%20with%20spaces');
  });

  it('escapes every string from the pages: no markup from the data reaches the HTML', () => {
    for (const file of htmlFiles(site())) {
      const scripts = file.body.match(/<script\b/g) ?? [];
      expect(scripts, file.path).toHaveLength(1);
      expect(file.body, file.path).toMatch(/<script src="(\.\.\/)*assets\/filter\.js" defer><\/script>/);
      expect(file.body, file.path).not.toContain('<script>alert');
    }
    const $ = page(site(), 'programmes/jsps-bilateral.html');
    // The text a reader sees is the page's text, character for character (HTML reads \r\n as \n).
    expect($('.calls tbody th').text()).toBe(HOSTILE.replace('\r\n', '\n'));
    expect(site().get('index.html')!.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;');
  });

  it('links only to http(s) pages: any other URL stays plain text', () => {
    const catalog = sampleCatalog();
    catalog.deadlines[0] = deadline({ url: 'javascript:alert(1)' });
    catalog.changes[0] = change({ url: 'data:text/html,<script>alert(1)</script>' });
    catalog.programmes[0] = programme({ pages: [{ sourceId: 'x', lang: 'en', url: 'javascript:alert(2)' }] });

    for (const file of htmlFiles(site(catalog))) {
      expect(hrefs(load(file.body)).filter((h) => /^(javascript|data):/i.test(h)), file.path).toEqual([]);
    }
    const $ = page(site(catalog), 'index.html');
    expect($('table.deadlines tbody tr').first().find('td.source').text()).toBe('English page');
  });

  it('uses no inline script, style or event handler, and says so in a Content-Security-Policy', () => {
    for (const file of htmlFiles(site())) {
      const $ = load(file.body);
      expect($('meta[http-equiv="Content-Security-Policy"]').attr('content'), file.path).toMatch(/default-src 'none'; script-src 'self'; style-src 'self'/);
      expect($('style, [style], script:not([src])'), file.path).toHaveLength(0);
      expect(file.body, file.path).not.toMatch(/\son[a-z]+=/i);
    }
  });

  it('gives no page, and no link, to a programme whose id cannot name a file', () => {
    const catalog = sampleCatalog();
    catalog.programmes.push(programme({ id: '../../etc/passwd' }));
    catalog.deadlines.push(deadline({ uid: 'evil', programId: '../../etc/passwd', programName: { en: 'Evil' } }));

    const files = site(catalog);

    expect([...files.keys()].filter((p) => p.includes('..') || p.includes('passwd'))).toEqual([]);
    expect(hrefs(page(files, 'index.html')).filter((h) => h.includes('passwd'))).toEqual([]);
    expect(page(files, 'index.html')('table.deadlines').text()).toContain('Evil');
  });
});

describe('the index', () => {
  it('links to the calendar and change feeds, for all agencies and for each, and to the JSON documents and their schemas', () => {
    expect(hrefs(page(site(), 'index.html')).filter((h) => h.startsWith('feeds/'))).toEqual([
      'feeds/deadlines.ics', 'feeds/changes.atom', 'feeds/deadlines-jst.ics', 'feeds/changes-jst.atom',
      'feeds/deadlines-amed.ics', 'feeds/changes-amed.atom', 'feeds/deadlines-jsps.ics', 'feeds/changes-jsps.atom',
      'feeds/deadlines.json', 'feeds/schemas/deadlines.v1.json', 'feeds/changes.json', 'feeds/schemas/changes.v1.json',
    ]);
    expect(hrefs(page(site(), 'ja/index.html'))).toContain('../feeds/deadlines-jsps.ics');
    expect(hrefs(page(site(), 'ja/index.html'))).toEqual(expect.arrayContaining(['../feeds/deadlines.json', '../feeds/schemas/changes.v1.json']));
    expect(page(site(), 'ja/index.html')('#follow p.data-feeds').text()).toContain('JSON');
    expect(page(site(), 'index.html')('link[type="application/atom+xml"]').attr('href')).toBe('feeds/changes.atom');
  });

  it('offers the e-mail subscription when its address is given, in the reader\'s language', () => {
    const files = site(sampleCatalog(), { subscribeUrl: 'https://fundwatch.example.org/subscribe' });

    expect(page(files, 'index.html')('a.button').attr('href')).toBe('https://fundwatch.example.org/subscribe');
    expect(page(files, 'ja/index.html')('a.button').attr('href')).toBe('https://fundwatch.example.org/subscribe?lang=ja');
    expect(page(site(), 'index.html')('a.button')).toHaveLength(0);
    expect(page(site(sampleCatalog(), { subscribeUrl: 'javascript:alert(1)' }), 'index.html')('a.button')).toHaveLength(0);
  });

  it('lists at most the 20 newest changes and sends the reader to the programme pages for the rest', () => {
    const catalog = sampleCatalog();
    catalog.changes = Array.from({ length: 25 }, (_, i) => change({ id: `c-${i}`, detectedAt: new Date(Date.UTC(2026, 10, 1 + i)).toISOString() }));

    const $ = page(site(catalog), 'index.html');

    expect($('#changes li.change')).toHaveLength(20);
    expect($('#changes time').first().attr('datetime')).toBe('2026-11-25T00:00:00.000Z');
    expect($('#changes').text()).toContain('Older changes are listed on each programme’s page.');
    expect(page(site(catalog), 'programmes/jst-aspire.html')('#history li.change')).toHaveLength(25);
  });
});

describe('a programme page', () => {
  it('gives its names in both languages, its pages, calls and next deadlines', () => {
    const $ = page(site(), 'programmes/jst-aspire.html');

    expect($('h1').text()).toBe('ASPIRE');
    expect($('.facts .name').map((_, n) => `${$(n).text()}|${$(n).find('[lang]').attr('lang') ?? 'en'}`).get()).toEqual(['ASPIRE|en', '先端国際共同研究推進事業|ja']);
    expect($('#pages a').attr('href')).toBe('https://www.jst.go.jp/aspire/en/program/call.html');
    expect($('#calls tbody th').text()).toBe('FY2025 call for proposals');
    expect(rowDates($)).toEqual(['2026-12-10T12:00:00+09:00', '2027-02-01']);
    expect(page(site(), 'ja/programmes/jst-aspire.html')('h1').text()).toBe('先端国際共同研究推進事業');
  });

  it('holds its own change history, newest first, and no other programme\'s', () => {
    const aspire = page(site(), 'programmes/jst-aspire.html');
    const amed = page(site(), 'programmes/amed-cycle.html');

    expect(aspire('#history h3').map((_, h) => aspire(h).text()).get()).toEqual(['Application deadline moved from 2026-12-03 to 2026-12-10', 'Partner agency added: NIH/NHGRI']);
    expect(amed('#history li.change')).toHaveLength(1);
    expect(page(site(), 'programmes/jsps-bilateral.html')('#history').text()).toContain('No change has been seen on these pages yet.');
  });

  it('links to its calendar feed', () => {
    expect(hrefs(page(site(), 'programmes/jst-aspire.html'))).toContain('../feeds/programmes/jst-aspire.ics');
    expect(hrefs(page(site(), 'ja/programmes/jst-aspire.html'))).toContain('../../feeds/programmes/jst-aspire.ics');
  });
});

describe('every page', () => {
  it('declares its language and links to the same page in the other one', () => {
    const files = site();
    const pairs: Array<[string, 'en' | 'ja', string]> = [
      ['index.html', 'en', 'ja/index.html'], ['ja/index.html', 'ja', '../index.html'],
      ['programmes/amed-cycle.html', 'en', '../ja/programmes/amed-cycle.html'], ['ja/programmes/amed-cycle.html', 'ja', '../../programmes/amed-cycle.html'],
    ];
    for (const [path, lang, other] of pairs) {
      const $ = page(files, path);
      expect($('html').attr('lang'), path).toBe(lang);
      expect($('.lang-switch a').attr('href'), path).toBe(other);
      expect($('link[rel="alternate"][hreflang]').attr('href'), path).toBe(other);
    }
  });

  it('links to its own files relatively, so the folder works from disk and under any base path', () => {
    for (const file of htmlFiles(site())) {
      const $ = load(file.body);
      const own = [...hrefs($), ...$('link[href]').map((_, l) => $(l).attr('href')!).get(), ...$('script[src]').map((_, s) => $(s).attr('src')!).get()]
        .filter((h) => !/^https?:/.test(h));
      expect(own.filter((h) => h.startsWith('/')), file.path).toEqual([]);
    }
  });

  it('has one h1, a main landmark, a skip link, and headers with scope', () => {
    for (const file of htmlFiles(site())) {
      const $ = load(file.body);
      expect($('h1'), file.path).toHaveLength(1);
      expect($('main#main'), file.path).toHaveLength(1);
      expect($('a.skip').attr('href'), file.path).toBe('#main');
      expect($('th:not([scope])'), file.path).toHaveLength(0);
    }
  });

  it('adds absolute canonical links only when the site\'s address is given', () => {
    const files = site(sampleCatalog(), { baseUrl: 'https://example.org/funding' });

    expect(page(files, 'ja/programmes/jst-aspire.html')('link[rel="canonical"]').attr('href')).toBe('https://example.org/funding/ja/programmes/jst-aspire.html');
    expect(page(files, 'index.html')('link[hreflang="ja"]').attr('href')).toBe('https://example.org/funding/ja/index.html');
    expect(page(site(), 'index.html')('link[rel="canonical"]')).toHaveLength(0);
    expect(page(site(sampleCatalog(), { baseUrl: 'javascript:alert(1)' }), 'index.html')('link[rel="canonical"]')).toHaveLength(0);
  });
});

describe('the site\'s dates', () => {
  it('formats a day with its weekday, and a month alone, in each language', () => {
    expect(formatDate('2026-12-10', 'en')).toBe('Thu 10 Dec 2026');
    expect(formatDate('2026-12-10', 'ja')).toBe('2026年12月10日（木）');
    expect(formatDate('2027-03', 'en')).toBe('March 2027');
    expect(formatDate('2027-03', 'ja')).toBe('2027年3月');
    expect(formatDate('not a date', 'en')).toBe('not a date');
  });

  it('gives a stored moment in Japan time, and counts days in Japan', () => {
    expect(formatMoment('2026-11-20T15:30:00.000Z', 'en')).toBe('Sat 21 Nov 2026, 00:30 JST');
    expect(daysUntil('2026-11-23', new Date('2026-11-22T15:00:00.000Z'))).toBe(0);
    expect(daysUntil('2027-03', NOW)).toBeUndefined();
  });
});

describe('relative', () => {
  it('makes a link from one site file to another', () => {
    expect(relative('index.html', 'feeds/deadlines.ics')).toBe('feeds/deadlines.ics');
    expect(relative('ja/index.html', 'ja/programmes/a.html')).toBe('programmes/a.html');
    expect(relative('ja/programmes/a.html', 'programmes/a.html')).toBe('../../programmes/a.html');
    expect(relative('programmes/a.html', 'programmes/b.html')).toBe('b.html');
  });
});
