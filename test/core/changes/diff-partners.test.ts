/**
 * Partner changes on real-looking pages, from the page's words to the change a subscriber is told:
 * a partner added to or dropped from a prose list is an `agency` change (a country change beside it
 * only when the country went too), and a partner the page stops naming in full is reworded.
 */
import { describe, expect, it } from 'vitest';
import { diffResults } from '#core/changes/diff.ts';
import { parsePage } from '#parsers/parse-page.ts';
import type { ParseResult } from '#parsers/schema.ts';

const source = { id: 'partners', agency: 'JST' as const, lang: 'en' as const, kind: 'html' as const, url: 'https://www.jst.go.jp/inter/partners.html', adapter: 'none' };
const page = (body: string): Promise<ParseResult> =>
  parsePage({ source, body: Buffer.from(`<html><body><main><h1>Multilateral joint call 2026</h1>${body}</main></body></html>`) });
const changes = async (before: string, after: string) => diffResults(await page(before), await page(after)).map((c) => ({ category: c.category, kind: c.kind, before: c.before, after: c.after }));

describe('partner changes in prose', () => {
  const list = (members: string): string => `<p>The call is funded by JST with its member organisations: ${members}.</p>`;

  it('reports a partner dropped from a prose list as an agency removed, with the country that went with it', async () => {
    const got = await changes(list('DOST of The Philippines, NRF of Korea, RFBR of Russia and NSTDA of Thailand'), list('DOST of The Philippines, NRF of Korea and NSTDA of Thailand'));

    expect(got).toContainEqual(expect.objectContaining({ category: 'agency', kind: 'removed', before: expect.objectContaining({ acronym: 'RFBR', country: 'RU' }) }));
    expect(got.map((c) => c.category).sort()).toEqual(['agency', 'countries']);
  });

  it('reports a partner added to the list as an agency added, and nothing for the partners that stayed', async () => {
    const got = await changes(list('NRF of Korea and NSTDA of Thailand'), list('NRF of Korea, MOST of Vietnam and NSTDA of Thailand'));

    expect(got.filter((c) => c.category === 'agency')).toEqual([expect.objectContaining({ kind: 'added', after: expect.objectContaining({ acronym: 'MOST', country: 'VN' }) })]);
  });

  it('reports a partner the page names only by its acronym now as reworded, not as unchanged', async () => {
    const before = '<p>JST and the Research Council of Norway (RCN) fund the teams. RCN funds the Norwegian side.</p>';
    const after = '<p>JST and RCN fund the teams. RCN funds the Norwegian side.</p>';

    expect(await changes(before, after)).toEqual([expect.objectContaining({ category: 'agency', kind: 'changed',
      before: expect.objectContaining({ name: 'Research Council of Norway' }), after: expect.objectContaining({ name: 'RCN' }) })]);
  });

  it('reports nothing when the same partners are written the same way in another layout', async () => {
    expect(await changes(list('NRF of Korea and NSTDA of Thailand'), `<div>${list('NRF of Korea and NSTDA of Thailand')}</div><p></p>`)).toEqual([]);
  });
});
