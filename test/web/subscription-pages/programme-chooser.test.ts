import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ProgrammeChoice } from '#core/subscriptions/programme-choices.ts';
import type { SubscriptionDeps } from '#core/subscriptions/flow.ts';
import { createSubscriptionPages } from '#web/subscription-pages/handler.ts';
import { FILTER_AFTER, nameIn, programmeChooser } from '#web/subscription-pages/programme-chooser.ts';

const CHOICES: ProgrammeChoice[] = [
  { id: 'jsps-bilateral', agency: 'JSPS', names: { en: 'Bilateral Programs', ja: '二国間交流事業' } },
  { id: 'jst-sakigake', agency: 'JST', names: { en: 'PRESTO', ja: 'さきがけ' } },
  { id: 'amed-aspire', agency: 'AMED', names: { en: 'ASPIRE', ja: '先端国際共同研究推進プログラム' } },
  { id: 'jst-crest', agency: 'JST', names: { en: 'CREST', ja: '戦略的創造研究推進事業' } },
];

/** The boxes' labels in page order, and each agency's fieldset legend. */
const labels = (html: string): string[] => [...html.matchAll(/<input type="checkbox"[^>]*> ([^<]*)<\/label>/g)].map((m) => m[1]!);
const legends = (html: string): string[] => [...html.matchAll(/<legend>([^<]*)<\/legend>/g)].map((m) => m[1]!);
const many = (n: number): ProgrammeChoice[] => Array.from({ length: n }, (_, i) => ({ id: `jst-p${i}`, agency: 'JST', names: { en: `Programme ${i}` } }));

describe('programmeChooser', () => {
  it('names each programme in English on an English page, grouped by agency in a fixed order, by name within each', () => {
    const html = programmeChooser('en', CHOICES, { name: 'programs' });

    expect(legends(html)).toEqual(['Programmes (none ticked: all)', 'JST', 'AMED', 'JSPS']);
    expect(labels(html)).toEqual(['CREST', 'PRESTO', 'ASPIRE', 'Bilateral Programs']);
  });

  it('names each programme in Japanese on a Japanese page, in Japanese order', () => {
    const html = programmeChooser('ja', CHOICES, { name: 'programs' });

    expect(labels(html)).toEqual(['さきがけ', '戦略的創造研究推進事業', '先端国際共同研究推進プログラム', '二国間交流事業']);
    expect(html).toContain('value="jst-sakigake"');
  });

  it('falls back to the other language, then to the id', () => {
    const onlyJa: ProgrammeChoice = { id: 'jst-mirai', agency: 'JST', names: { ja: '未来社会創造事業' } };
    const none: ProgrammeChoice = { id: 'jst-call-1a2b', agency: 'JST', names: {} };

    expect(nameIn(onlyJa, 'en')).toBe('未来社会創造事業');
    expect(nameIn({ ...onlyJa, names: { en: 'Mirai' } }, 'ja')).toBe('Mirai');
    expect(nameIn(none, 'ja')).toBe('jst-call-1a2b');
    expect(labels(programmeChooser('en', [onlyJa, none], { name: 'programs' }))).toEqual(['jst-call-1a2b', '未来社会創造事業']);
  });

  it('escapes a hostile name and id wherever they appear: label, value and the filter text', () => {
    const hostile: ProgrammeChoice = { id: 'x"><script>alert(1)</script>', agency: 'JST', names: { en: '<img src=x onerror=alert(1)>"\'&', ja: '</label><script>alert(2)</script>' } };

    const html = programmeChooser('en', [hostile, ...many(FILTER_AFTER)], { name: 'programs', chosen: [hostile.id] });

    expect(html).not.toMatch(/<img|<script>alert|"><script/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;');
    expect(html).toContain('value="x&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" checked');
    // The page's own script is the only script element.
    expect(html.match(/<script>/g)).toHaveLength(1);
  });

  it('shows the filter box only once the list is longer than twelve programmes, hidden until the script shows it', () => {
    expect(programmeChooser('en', many(FILTER_AFTER), { name: 'programs' })).not.toContain('type="search"');

    const html = programmeChooser('en', many(FILTER_AFTER + 1), { name: 'programs' });

    expect(html).toMatch(/<p class="filter" hidden><label for="programs-filter">Find a programme<\/label><input type="search" id="programs-filter"/);
    expect(html).toContain('<script>');
    // Without a name the box is never submitted with the form.
    expect(html).not.toMatch(/type="search"[^>]* name=/);
  });

  it('gives each box the text the filter matches: both names and the id, case and width folded', () => {
    const html = programmeChooser('en', [{ id: 'jst-crest', agency: 'JST', names: { en: 'ＣＲＥＳＴ Program', ja: 'ｻｷｶﾞｹ' } }], { name: 'programs' });

    expect(html).toContain('data-match="crest program サキガケ jst-crest"');
  });

  it('ticks the chosen programmes, and keeps one no longer offered, ticked, under its own heading', () => {
    const html = programmeChooser('en', CHOICES, { name: 'programs', chosen: ['jst-crest', 'jst-retired'] });

    expect(html).toContain('value="jst-crest" checked');
    expect(html).not.toContain('value="jst-sakigake" checked');
    expect(legends(html).at(-1)).toBe('No longer offered');
    expect(html).toContain('value="jst-retired" checked> jst-retired');
  });
});

describe('the subscribe page with the chooser', () => {
  const deps = { store: {}, mailer: {}, clock: () => new Date(), links: { secret: 'chooser-secret-0123456789abcdef', baseUrl: 'https://fundwatch.example.org/' } } as unknown as SubscriptionDeps;

  it('lists the programmes the configured function gives at each render, in the page language', async () => {
    let offered = CHOICES.slice(0, 1);
    const pages = createSubscriptionPages(deps, { programmes: async () => offered });
    const get = async (lang: string) => (await pages({ method: 'GET', path: '/', query: new URLSearchParams({ lang }) })).body;

    expect(labels(await get('ja'))).toContain('二国間交流事業');
    offered = CHOICES;
    expect(labels(await get('en'))).toEqual(expect.arrayContaining(['Bilateral Programs', 'CREST', 'PRESTO', 'ASPIRE']));
  });

  it('allows the filter script by its hash in the Content-Security-Policy, and no other script', async () => {
    const pages = createSubscriptionPages(deps, { programmes: many(FILTER_AFTER + 1) });

    const response = await pages({ method: 'GET', path: '/', query: new URLSearchParams() });

    const script = /<script>([\s\S]*?)<\/script>/.exec(response.body)![1]!;
    const hash = createHash('sha256').update(script).digest('base64');
    expect(response.headers['Content-Security-Policy']).toContain(`script-src 'sha256-${hash}';`);
    expect(response.headers['Content-Security-Policy']).not.toMatch(/unsafe-inline'[^;]*;[^;]*script|script-src[^;]*unsafe/);
  });
});
