import { parseFeed } from '@rowanmanning/feed-parser';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { type AtomOptions, renderAtom } from '#core/analyst/feeds/atom.ts';
import type { ChangeView } from '#core/analyst/views.ts';
import { HOSTILE, change, sampleCatalog } from '../../../helpers/catalog.ts';

const OPTIONS: AtomOptions = {
  title: 'fundwatch: changes', id: 'tag:fundwatch,2026:changes', selfUrl: 'https://example.org/fundwatch/feeds/changes.atom',
  siteUrl: 'https://example.org/fundwatch/', updated: new Date('2026-11-22T00:00:00.000Z'),
};
/** RFC 3339 date-time, as RFC 4287 §3.3 requires: a full date, a time, and Z or an offset. */
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

type Node = Record<string, unknown>;
interface Parsed { feed: Node & { entry?: Node[] } }

/** Parses the raw XML, keeping every element that may repeat as an array so that "exactly one" is checkable. */
function parseXml(xml: string): Parsed {
  expect(XMLValidator.validate(xml)).toBe(true);
  const repeatable = new Set(['entry', 'id', 'title', 'updated', 'author', 'link', 'category', 'content', 'summary']);
  return new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false, isArray: (name) => repeatable.has(name) })
    .parse(xml) as Parsed;
}

const nodes = (node: Node, name: string): Node[] => (node[name] as Node[] | undefined) ?? [];
const text = (node: unknown): string => (typeof node === 'string' ? node : String((node as Node)['#text'] ?? ''));
const texts = (node: Node, name: string): string[] => nodes(node, name).map(text);
const entries = (xml: string): Node[] => parseXml(xml).feed.entry ?? [];

function elementNames(node: unknown, into: Set<string> = new Set()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => elementNames(n, into));
  else if (node && typeof node === 'object') {
    for (const [key, child] of Object.entries(node)) {
      into.add(key);
      elementNames(child, into);
    }
  }
  return into;
}

describe('renderAtom', () => {
  it('is well-formed XML that a feed parser reads back, entry for entry', () => {
    const changes = sampleCatalog().changes;

    const feed = parseFeed(renderAtom(changes, OPTIONS));

    expect(feed.meta.type).toBe('atom');
    expect(feed.title).toBe('fundwatch: changes');
    expect(feed.self).toBe(OPTIONS.selfUrl);
    expect(feed.url).toBe(OPTIONS.siteUrl);
    expect(feed.items.map((i) => [i.id, i.url, i.updated?.toISOString()])).toEqual(
      changes.map((c) => [`tag:fundwatch,2026:change/${c.id}`, c.url, c.detectedAt]),
    );
  });

  it('has exactly one feed id, title and updated, an author, and a self link (RFC 4287 §4.1.1)', () => {
    const { feed } = parseXml(renderAtom(sampleCatalog().changes, OPTIONS));

    expect(texts(feed, 'id')).toEqual(['tag:fundwatch,2026:changes']);
    expect(texts(feed, 'title')).toEqual(['fundwatch: changes']);
    expect(texts(feed, 'updated')).toHaveLength(1);
    expect(nodes(feed, 'author').map((a) => a.name)).toEqual(['fundwatch']);
    expect(nodes(feed, 'link').map((l) => [l['@_rel'], l['@_href']])).toEqual([
      ['alternate', OPTIONS.siteUrl], ['self', OPTIONS.selfUrl],
    ]);
  });

  it('gives every entry one id, title, updated and link, with ids unique and the same on every render', () => {
    const changes = sampleCatalog().changes;

    const first = entries(renderAtom(changes, OPTIONS));
    const again = entries(renderAtom(changes, { ...OPTIONS, updated: new Date() }));

    for (const entry of first) {
      expect(texts(entry, 'id')).toHaveLength(1);
      expect(texts(entry, 'title')).toHaveLength(1);
      expect(texts(entry, 'updated')).toHaveLength(1);
      expect(nodes(entry, 'link').length).toBeGreaterThan(0);
    }
    const ids = first.flatMap((e) => texts(e, 'id'));
    expect(new Set(ids).size).toBe(changes.length);
    expect(again.flatMap((e) => texts(e, 'id'))).toEqual(ids);
  });

  it('writes every timestamp as RFC 3339, each entry dated when its change was detected', () => {
    const changes = sampleCatalog().changes;

    const { feed } = parseXml(renderAtom(changes, OPTIONS));

    const stamps = [...texts(feed, 'updated'), ...(feed.entry ?? []).flatMap((e) => texts(e, 'updated'))];
    expect(stamps.filter((s) => !RFC3339.test(s))).toEqual([]);
    expect((feed.entry ?? []).flatMap((e) => texts(e, 'updated'))).toEqual(changes.map((c) => c.detectedAt));
  });

  it('dates the feed by its newest change, and by options.updated only when there are none', () => {
    const oldestFirst = [...sampleCatalog().changes].reverse();

    expect(texts(parseXml(renderAtom(oldestFirst, OPTIONS)).feed, 'updated')).toEqual(['2026-11-20T06:00:00.000Z']);
    expect(texts(parseXml(renderAtom([], OPTIONS)).feed, 'updated')).toEqual(['2026-11-22T00:00:00.000Z']);
  });

  it('titles entries in the feed language, with ids of their own for the Japanese rendition', () => {
    const changes = sampleCatalog().changes;

    const ja = entries(renderAtom(changes, { ...OPTIONS, lang: 'ja' }));

    expect(ja.flatMap((e) => texts(e, 'title'))).toEqual(changes.map((c) => c.summary.ja));
    expect(ja.flatMap((e) => texts(e, 'id'))).toEqual(changes.map((c) => `tag:fundwatch,2026:change/${c.id}/ja`));
  });

  it("puts the values before and after and the page's own words in the content", () => {
    const [entry] = entries(renderAtom([change()], OPTIONS));

    const content = texts(entry!, 'content')[0]!;
    expect(nodes(entry!, 'content')[0]!['@_type']).toBe('html');
    expect(content).toContain('<dt>Before</dt><dd>2026-12-03 12:00</dd><dt>After</dt><dd>2026-12-10 12:00</dd>');
    expect(content).toContain('<blockquote>Application deadline: December 3, 2026 (Thu) 12:00 noon</blockquote>');
    expect(content).toContain('<blockquote>Application deadline: December 10, 2026 (Thu) 12:00 noon</blockquote>');
    expect(content).toContain('<a href="https://www.jst.go.jp/aspire/en/program/call.html">');
    expect(texts(entry!, 'summary')).toEqual(['2026-12-03 12:00 → 2026-12-10 12:00']);
  });

  it('labels the two values of a disagreement as the English and Japanese pages, not before and after', () => {
    const disagreement = change({ disagreement: true, before: '2026-12-10', after: '2026-12-17' });

    const content = texts(entries(renderAtom([disagreement], OPTIONS))[0]!, 'content')[0]!;

    expect(content).toContain('<dt>English page</dt><dd>2026-12-10</dd><dt>Japanese page</dt><dd>2026-12-17</dd>');
    expect(content).not.toContain('<dt>Before</dt>');
  });

  it('files each entry under its change category, with the agency as author', () => {
    const [entry] = entries(renderAtom([change({ agency: 'AMED', category: 'funding' })], OPTIONS));

    expect(nodes(entry!, 'category').map((c) => c['@_term'])).toEqual(['funding']);
    expect(nodes(entry!, 'author').map((a) => a.name)).toEqual(['AMED']);
  });

  it('links only http(s) page URLs; any other scheme links the entry to the site and stays plain text', () => {
    const [entry] = entries(renderAtom([change({ url: 'javascript:alert(1)' })], OPTIONS));

    expect(nodes(entry!, 'link').map((l) => l['@_href'])).toEqual([OPTIONS.siteUrl]);
    expect(texts(entry!, 'content')[0]).not.toContain('href="javascript:');
  });

  it('never lets hostile page text become markup, in the XML or in the HTML a reader renders', () => {
    const hostile: ChangeView = change({
      summary: { en: HOSTILE, ja: HOSTILE }, before: HOSTILE, after: `]]> ${HOSTILE}`,
      evidence: { before: HOSTILE, after: `</blockquote>${HOSTILE}` }, programName: { en: HOSTILE },
    });

    const xml = renderAtom([hostile], OPTIONS);
    const [entry] = entries(xml);

    expect(elementNames(parseXml(xml))).not.toContain('script');
    for (const html of [...texts(entry!, 'title'), ...texts(entry!, 'summary'), ...texts(entry!, 'content')]) {
      expect(html).not.toMatch(/<script|<\/blockquote><script/i);
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;');
    }
    expect(texts(entry!, 'title')[0]).not.toMatch(/[\r\n]/);
  });

  it('stays well-formed when page text holds characters XML 1.0 forbids', () => {
    const broken = change({ summary: { en: 'bell\u0007 and \uffff', ja: '\u0000' }, evidence: { after: 'form\u000cfeed' }, after: 'esc\u001b' });

    const xml = renderAtom([broken], OPTIONS);

    // The validator does not check the Char production (XML 1.0 §2.2), so check it directly.
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(parseFeed(xml).items).toHaveLength(1);
  });

  it('leaves out an entry whose detection time cannot be read, and keeps the rest', () => {
    const changes = [change({ id: 'unreadable', detectedAt: 'yesterday' }), change()];

    expect(entries(renderAtom(changes, OPTIONS)).flatMap((e) => texts(e, 'id'))).toEqual(['tag:fundwatch,2026:change/c-1']);
  });
});
