/** A listing page is bounded like a programme page: a hostile one is refused at once as too deep or too large. */
import { describe, expect, it } from 'vitest';
import { loadListing } from '#parsers/listings/adapters/html-list.ts';
import { DocumentLimitError, MAX_DEPTH, MAX_ELEMENTS } from '#parsers/document/limits.ts';

const page = (text: string) => ({ text, url: 'https://www.jst.go.jp/koubo/', lang: 'ja' as const });

describe('loadListing on a hostile page', () => {
  it('refuses nesting past the depth where browsers stop', () => {
    const deep = `${'<div>'.repeat(MAX_DEPTH + 10)}x${'</div>'.repeat(MAX_DEPTH + 10)}`;
    expect(() => loadListing(page(deep))).toThrow(DocumentLimitError);
  });

  it('refuses more elements than any real listing holds', () => {
    expect(() => loadListing(page(`<ul>${'<li></li>'.repeat(MAX_ELEMENTS + 1)}</ul>`))).toThrow(/too large/);
  });

  it('still reads an ordinary list', () => {
    const { $ } = loadListing(page('<ul><li><a href="/a.html">公募のお知らせ</a></li></ul>'));
    expect($('li a').attr('href')).toBe('/a.html');
  });
});
