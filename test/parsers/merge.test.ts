/** One programme read from its English and Japanese pages: one record, both names, and every disagreement kept. */
import { describe, expect, it } from 'vitest';
import { mergePrograms } from '#parsers/merge.ts';
import { parsePage } from '#parsers/parse-page.ts';
import { Program } from '#parsers/schema.ts';
import { recordedPages } from '../../fixtures/scripts/recorded-pages.ts';

const pages = await recordedPages();
const read = (id: string, version = 'v1') => {
  const page = pages.find((p) => p.source.id === id && p.version === version)!;
  return parsePage({ source: page.source, body: page.body });
};

describe('mergePrograms', () => {
  it('keeps both names and agrees where the English and Japanese ASPIRE pages agree', async () => {
    const [aspire] = mergePrograms([await read('jst-aspire-about-en'), await read('jst-aspire-about-ja')]);

    // The merged record is a valid programme record: parsing it back gives it unchanged.
    expect(Program.parse(aspire)).toEqual(aspire);
    expect(aspire!.name).toEqual({ en: 'Adopting Sustainable Partnerships for Innovative Research Ecosystem (ASPIRE)', ja: '先端国際共同研究推進事業 ASPIRE' });
    expect(aspire!.disagreements).toEqual([]);
    // The same ceilings from both pages are one fact each, per track.
    const main = aspire!.calls.find((c) => c.id === 'main')!;
    expect(main.funding.filter((f) => f.track === 'ASPIRE for Rising Scientists').map((f) => [f.maxJpy, f.includesIndirect])).toEqual([[69_000_000, false], [90_000_000, true]]);
    expect(main.fields).toEqual(['AI & Information', 'Biotechnology', 'Energy', 'Materials', 'Quantum', 'Semiconductors', 'Telecommunications']);
    expect(main.countries).toHaveLength(21);
  });

  it('records an amount the two languages state differently, with the words of both pages', async () => {
    const [aspire] = mergePrograms([await read('jst-aspire-about-en'), await read('jst-aspire-about-ja', 'v2')]);

    expect(aspire!.disagreements).toEqual([{
      callId: 'main', field: 'funding', track: 'ASPIRE for Rising Scientists', includesIndirect: false,
      en: { values: ['69000000'], url: 'https://www.jst.go.jp/aspire/en/about_en.html', evidence: ['Up to 69 million yen (up to 90 million yen if indirect costs are included, which are 30% of direct costs).'] },
      ja: { values: ['75000000'], url: 'https://www.jst.go.jp/aspire/about.html', evidence: ['最大7,500万円（直接経費の30％にあたる間接経費を含む場合、最大9,000万円）'] },
    }]);
  });

  it('records a date the English call page and the Japanese briefing state differently', async () => {
    const [aspire] = mergePrograms([await read('jst-aspire-top-en'), await read('jst-aspire-fy2025-briefing-ja')]);

    // Both say the proposals are due 2025-05-12 at noon: no disagreement there.
    expect(aspire!.disagreements!.filter((d) => d.kind === 'submission')).toEqual([]);
    // Document screening ends in July in English and in early August in Japanese.
    expect(aspire!.disagreements).toContainEqual(expect.objectContaining({ callId: 'fy2025', field: 'deadline', kind: 'review',
      en: expect.objectContaining({ values: ['2025-05', '2025-07'] }), ja: expect.objectContaining({ values: ['2025-05', '2025-08'] }) }));
  });

  it('compares nothing when a programme has pages in one language only', async () => {
    const merged = mergePrograms([await read('amed-interstellar-en'), await read('amed-interstellar-call-en')]);
    expect(merged).toHaveLength(1);
    expect(merged[0]!.disagreements).toEqual([]);
    expect(merged[0]!.sources).toEqual(['https://www.amed.go.jp/en/program/list/20/02/002.html', 'https://www.amed.go.jp/en/news/program/2001B_00041.html']);
  });
});
