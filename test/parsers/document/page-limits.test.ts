/**
 * Bounded reading: a page nested deeper than a browser would build, or holding more elements than a
 * programme page ever does, or keeping the parser busy past its time budget, is refused at once with a
 * reason a maintainer can act on, never after minutes of work or a "Maximum call stack size exceeded".
 * How fast the refusal comes is bench/page-limits.ts's business; these tests pin the outcome.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_FETCHER_OPTIONS } from '#io/fetch/options.ts';
import { parseBounded } from '#parsers/document/bounded-dom.ts';
import { htmlToDocument } from '#parsers/document/html.ts';
import { MAX_RAW_TEXT_CHARS, MAX_TEXT_CHARS } from '#parsers/document/limits.ts';
import { parsePage, UnreadableDocumentError } from '#parsers/parse-page.ts';
import type { Source } from '#parsers/sources.ts';

const SOURCE: Source = { id: 'test-call', agency: 'JST', lang: 'en', kind: 'html', program: 'jst-test', url: 'https://www.jst.go.jp/test/call.html' };
const nested = (depth: number, inner = '<p>Deadline for proposals: May 12, 2025</p>'): string =>
  `<html><body><main>${'<div>'.repeat(depth)}${inner}${'</div>'.repeat(depth)}</main></body></html>`;
/** As many copies of `unit` as fit in the fetcher's body cap: the largest page the cycle can ever hand the parser. */
const atFetchCap = (unit: string): Buffer => {
  const [head, tail] = ['<html><body>', '</body></html>'];
  return Buffer.from(head + unit.repeat(Math.floor((DEFAULT_FETCHER_OPTIONS.maxBytes - head.length - tail.length) / unit.length)) + tail);
};

describe('reading a page within bounds', () => {
  it('refuses a page of 100,000 nested <div>s as too deep, naming the limit', async () => {
    const reading = parsePage({ source: SOURCE, body: Buffer.from(nested(100_000)) });

    await expect(reading).rejects.toThrow(UnreadableDocumentError);
    await expect(reading).rejects.toThrow(/unreadable: too deep \(more than 512 levels of nested elements/);
  });

  it('refuses a page at the fetch cap made of tiny elements as too large, naming the limit', async () => {
    const body = atFetchCap('<b></b>');
    expect(body.byteLength).toBeGreaterThan(DEFAULT_FETCHER_OPTIONS.maxBytes - 16);

    await expect(parsePage({ source: SOURCE, body })).rejects.toThrow(/unreadable: too large \(more than 50,000 elements\)/);
  });

  it('refuses a page that keeps the parser busy past its time budget as too slow', async () => {
    const body = Buffer.from(`<html><body><main>${'<p>Applicants must hold a doctoral degree</p>'.repeat(3000)}</main></body></html>`);

    await expect(parsePage({ source: SOURCE, body, budgetMs: 1 })).rejects.toThrow(/unreadable: too slow \(still reading after 1 ms\)/);
  });

  it('refuses a page whose one paragraph is longer than any real paragraph as too large', async () => {
    const body = Buffer.from(`<html><body><main><p>${'Applicants must hold a doctoral degree. '.repeat(5000)}</p></main></body></html>`);

    await expect(parsePage({ source: SOURCE, body })).rejects.toThrow(/unreadable: too large \(a block of [\d,]+ characters, over 100,000\)/);
  });

  it('refuses a page holding more text than a thousand printed pages as too large', async () => {
    const body = Buffer.from(`<html><body><main>${`<p>${'Applicants must hold a doctoral degree. '.repeat(2)}</p>`.repeat(30_000)}</main></body></html>`);

    await expect(parsePage({ source: SOURCE, body })).rejects.toThrow(/unreadable: too large \([\d,]+ characters of text, over 2,000,000\)/);
  });

  it('still reads a page nested as deep as a browser builds, and a table of many rows', () => {
    const deep = htmlToDocument(nested(500), SOURCE.url);
    const rows = Array.from({ length: 20_000 }, (_, i) => `<tr><td>Row ${i}</td></tr>`).join('');
    const wide = htmlToDocument(`<html><body><main><table>${rows}</table></main></body></html>`, SOURCE.url);

    expect(deep.blocks.map((b) => b.text)).toEqual(['Deadline for proposals: May 12, 2025']);
    expect(wide.blocks).toHaveLength(20_000);
  });
});

/**
 * A page of more text than any document may hold is refused while its DOM is built, from the raw text the
 * parser hands over: building the whole tree and every block first is what took a page at the fetch cap to
 * three times the memory of the process that reads it (bench/results/page-limits.md).
 */
describe('refusing too much text while the page is parsed', () => {
  /** About `chars` characters of raw text: paragraphs of a thousand characters, each after a line of indentation. */
  const prose = (chars: number): string => {
    const [indent, text] = ['\n    ', 'Applicants must hold a doctoral degree. '.repeat(25)];
    const paragraphs = Math.round(chars / (indent.length + text.length));
    return `<html><body><main>${`${indent}<p>${text}</p>`.repeat(paragraphs)}</main></body></html>`;
  };

  it('bounds the raw text well above the document limit, for the spacing real pages carry', () => {
    expect(MAX_RAW_TEXT_CHARS).toBeGreaterThanOrEqual(2 * MAX_TEXT_CHARS);
  });

  it('refuses a page whose text passes the raw bound as too large before its DOM is complete', () => {
    const html = prose(MAX_RAW_TEXT_CHARS + 10_000);

    expect(() => parseBounded(html)).toThrow(/^unreadable: too large \(more than [\d,]+ characters of text with its spacing\)$/);
  });

  it('names the raw bound in the reason a maintainer reads', async () => {
    const body = Buffer.from(prose(MAX_RAW_TEXT_CHARS + 10_000));

    await expect(parsePage({ source: SOURCE, body })).rejects.toThrow(
      `unreadable: too large (more than ${MAX_RAW_TEXT_CHARS.toLocaleString('en-US')} characters of text with its spacing)`,
    );
  });

  it('builds the DOM of a page whose raw text is just under the bound', () => {
    const html = prose(MAX_RAW_TEXT_CHARS - 10_000);

    expect(parseBounded(html).children.length).toBeGreaterThan(0);
  });

  it('does not count the text of scripts and styles, which no block ever reads', () => {
    const blob = `<script>var data = "${'x'.repeat(MAX_RAW_TEXT_CHARS)}";</script><style>.a{}${' '.repeat(MAX_RAW_TEXT_CHARS)}</style>`;
    const html = `<html><head>${blob}</head><body><main><p>Deadline for proposals: May 12, 2025</p></main></body></html>`;

    expect(htmlToDocument(html, SOURCE.url).blocks.map((b) => b.text)).toEqual(['Deadline for proposals: May 12, 2025']);
  });
});
