/** The value extractors, every form the agencies write, in English and Japanese; none throws on any text. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { extractFunding } from '#parsers/extract/money.ts';
import { extractPeriods } from '#parsers/extract/periods.ts';
import { findCountries } from '#parsers/extract/countries.ts';
import { extractEmails } from '#parsers/extract/emails.ts';
import { extractEligibility } from '#parsers/extract/eligibility.ts';
import { agencyMentions, knownAgency, partnerFromRow, roleFrom } from '#parsers/extract/agencies.ts';
import { fieldsInSentence, splitFields } from '#parsers/extract/fields.ts';
import { canonicalTrack, tracksIn } from '#parsers/extract/tracks.ts';

const funding = (text: string) => extractFunding(text).map((f) => [f.maxJpy, f.includesIndirect]);

describe('extractFunding', () => {
  it.each([
    ['Up to 380 million yen (up to 500 million yen if indirect costs are included, which are 30% of direct costs).', [[380_000_000, false], [500_000_000, true]]],
    ['In consultation with the funding agency of the partner country (up to 500 million yen including indirect costs).', [[500_000_000, true]]],
    ['最大6,900万円（直接経費の30％にあたる間接経費を含む場合、最大9,000万円）', [[69_000_000, false], [90_000_000, true]]],
    ['最大3.8億円', [[380_000_000, false]]],
    ['最大５億円', [[500_000_000, false]]],
    ['1課題あたり最大5億円規模', [[500_000_000, false]]],
    ['総額3億5,000万円', [[350_000_000, false]]],
    ['1課題あたり総額3,000万円（間接経費を含む）', [[30_000_000, true]]],
    ['Budget: ¥10,000,000 per year', [[10_000_000, false]]],
    ['up to ¥45 million in total', [[45_000_000, false]]],
    ['JPY 5 million per project', [[5_000_000, false]]],
    ['JPY 15,000,000 per project per year (including indirect costs)', [[15_000_000, true]]],
    ['Up to 2.5 million yen per year', [[2_500_000, false]]],
  ])('%s', (text, expected) => {
    expect(funding(text)).toEqual(expected);
  });

  it('ignores numbers that are not amounts of money', () => {
    expect(funding('30% of direct costs, 5 years, 21 countries, 2025年度')).toEqual([]);
  });
});

describe('extractPeriods', () => {
  it.each([
    ['Period of support: 3 ~ 5 years', '', { yearsMin: 3, yearsMax: 5 }],
    ['Research period: up to 5 years', '', { yearsMax: 5 }],
    ['Research period: up to 5.5 years. Research budget: 150 million to 500 million yen per team.', '', { yearsMax: 5.5 }],
    ['Research period: 3.5 years.', '', { yearsMin: 3.5, yearsMax: 3.5 }],
    ['5 years', 'Period of support', { yearsMin: 5, yearsMax: 5 }],
    ['3年間～5年間', '支援期間', { yearsMin: 3, yearsMax: 5 }],
    ['支援期間：5年間（2025年12月～2031年3月）', '', { yearsMin: 5, yearsMax: 5, start: '2025-12', end: '2031-03' }],
    ['研究期間：最長3年間（2027年3月～2030年3月）', '', { yearsMax: 3, start: '2027-03', end: '2030-03' }],
    ['研究期間：令和7年10月～令和10年3月', '', { start: '2025-10', end: '2028-03' }],
    ['Project period: FY2025–FY2027', '', { start: '2025-04', end: '2028-03' }],
  ])('%s (%s)', (text, context, expected) => {
    const [period] = extractPeriods(text, context);
    expect({ ...period, evidence: undefined }).toEqual({ ...expected, evidence: undefined });
  });

  it('reads a bare "5 years" only where the row or heading says it is a period', () => {
    expect(extractPeriods('5 years', 'Eligible applicants')).toEqual([]);
  });
});

describe('findCountries', () => {
  it('maps English and Japanese names to codes, whole words only', () => {
    expect(findCountries('Australia, South Korea, EU, UK, US').sort()).toEqual(['AU', 'EU', 'GB', 'KR', 'US']);
    expect(findCountries('オーストラリア、英国、米国、韓国、ドイツ、EU').sort()).toEqual(['AU', 'DE', 'EU', 'GB', 'KR', 'US']);
    expect(findCountries('United States of America')).toEqual(['US']);
    expect(findCountries('USE the USB port')).toEqual([]);
  });

  it('finds the 21 partner countries and regions of JST ASPIRE, in both languages', () => {
    const en = 'Australia, Austria, Belgium, Canada, Czech Republic, Denmark, EU, Finland, France, Germany, Italy, Netherlands, Norway, Poland, Portugal, South Korea, Spain, Sweden, Switzerland, UK, US';
    const ja = 'オーストラリア、オーストリア、ベルギー、カナダ、チェコ、デンマーク、EU、フィンランド、フランス、ドイツ、イタリア、オランダ、ノルウェー、ポーランド、ポルトガル、韓国、スペイン、スウェーデン、スイス、英国、米国';
    expect(findCountries(en)).toHaveLength(21);
    expect(findCountries(ja).sort()).toEqual(findCountries(en).sort());
  });
});

describe('extractEmails', () => {
  it.each([
    ['amed-aspire“AT”amed.go.jp', 'amed-aspire@amed.go.jp'],
    ['arc-international”AT”arc.gov.au※3', 'arc-international@arc.gov.au'],
    ['aspire"AT"jst.go.jp', 'aspire@jst.go.jp'],
    ["amr-call 'AT' amed.go.jp", 'amr-call@amed.go.jp'],
    ['e-asia＠amed.go.jp', 'e-asia@amed.go.jp'],
    ['contact(at)jsps.go.jp', 'contact@jsps.go.jp'],
    ['info[at]jst.go.jp', 'info@jst.go.jp'],
    ['info [ at ] jst.go.jp', 'info@jst.go.jp'],
    ['rp-info*jst.go.jp', 'rp-info@jst.go.jp'],
    ['E-mail: AMED-ASPIRE@AMED.GO.JP.', 'amed-aspire@amed.go.jp'],
    ['MAILfellow-desk@jsps.go.jp', 'fellow-desk@jsps.go.jp'],
  ])('%s -> %s', (text, email) => {
    expect(extractEmails(text).map((c) => c.email)).toEqual([email]);
  });

  it('takes the role from a bracket after the address, else from the heading', () => {
    expect(extractEmails('Contact: aspire@jst.go.jp (ASPIRE for Top Scientists)', 'Contact')).toEqual([
      { email: 'aspire@jst.go.jp', role: 'ASPIRE for Top Scientists', evidence: 'Contact: aspire@jst.go.jp (ASPIRE for Top Scientists)' }]);
    expect(extractEmails('E-mail: amed-aspire“AT”amed.go.jp (Replace “AT” with “@”)', 'Contact')[0]!.role).toBe('Contact');
  });
});

describe('agencies', () => {
  it('reads a partner-table row with country, acronym, participation and note', () => {
    const row = { type: 'table-row' as const, cells: ['United States of America', 'National Institutes of Health (NIH)/ National Human Genome Research Institute (NHGRI)', 'Existing grant', ''],
      header: ['Country※2', 'Partner funding agency', 'Type of participation', 'Notes'], text: '', loc: '' };
    expect(partnerFromRow(row, 'AMED')).toMatchObject({ acronym: 'NHGRI', country: 'US', role: 'partner', participation: 'Existing grant' });
    expect(partnerFromRow({ ...row, cells: ['Japan', '日本医療研究開発機構 (AMED)', '', ''] }, 'AMED')).toBeUndefined();
  });

  it.each([
    ['4. Malaysia: Academy of Sciences Malaysia (ASM)', 'Participating Member Organizations:', { name: 'Academy of Sciences Malaysia', acronym: 'ASM', country: 'MY', role: 'partner' }],
    ['7. Singapore: Agency for Science, Technology and Research (A*STAR)', 'Participating Member Organizations:', { name: 'Agency for Science, Technology and Research', acronym: 'A*STAR', country: 'SG', role: 'partner' }],
    ['presented jointly by the Japan Agency for Medical Research and Development (AMED) and the New York Academy of Sciences (NYAS)', '', { name: 'New York Academy of Sciences', acronym: 'NYAS', country: 'US', role: 'co-organizer' }],
    ['ドイツ研究振興協会（DFG）との共同公募です。', '', { name: 'ドイツ研究振興協会', acronym: 'DFG', country: 'DE', role: 'partner' }],
    ['Partner: Medical Research Council (MRC), UK Research and Innovation (UKRI), United Kingdom', '', { acronym: 'MRC', country: 'GB', role: 'partner' }],
    ['Japanese researchers work with their counterpart funded by the Swiss National Science Foundation (SNSF).', '', { acronym: 'SNSF', country: 'CH', role: 'counterpart' }],
  ])('%s', (text, intro, expected) => {
    expect(agencyMentions(text, `${intro} ${text}`, 'AMED')).toContainEqual(expect.objectContaining(expected));
  });

  it('names no agency where the sentence gives it no role in the call', () => {
    expect(agencyMentions('For details, contact the Human Frontier Science Program Organization (HFSPo) directly.', 'Note', 'AMED')).toEqual([]);
    expect(roleFrom('The program supports research in Japan.')).toBeUndefined();
  });

  it('does not read a known agency out of a longer name', () => {
    const found = agencyMentions('1. Australia: National Health and Medical Research Council (NHMRC)', 'Member Organizations:', 'AMED');
    expect(found.map((a) => a.acronym)).toEqual(['NHMRC']);
    expect(knownAgency('Medical Research Council', 'MRC')?.country).toBe('GB');
  });
});

describe('fields and tracks', () => {
  it('splits and normalizes a field list, so both languages give the same fields', () => {
    const en = splitFields('AI & Information, Biotechnology, Energy, Materials, Quantum, Semiconductors, and Telecommunications.');
    expect(en).toEqual(['AI & Information', 'Biotechnology', 'Energy', 'Materials', 'Quantum', 'Semiconductors', 'Telecommunications']);
    expect(splitFields('AI・情報、バイオ、エネルギー、マテリアル、量子、半導体、通信の7分野')).toEqual(en);
    expect(splitFields('量子マテリアル（量子材料、量子センシング 等）、エネルギー')).toEqual(['量子マテリアル(量子材料、量子センシング 等)', 'Energy']);
    expect(fieldsInSentence('AMED will support research projects in the field of “Healthcare”.')).toEqual(['Healthcare']);
  });

  it('knows a track by any of its names, and finds tracks in headings and label brackets', () => {
    expect(canonicalTrack('次世代のためのASPIRE')).toBe('ASPIRE for Rising Scientists');
    expect(canonicalTrack('「トップのためのASPIRE」')).toBe('ASPIRE for Top Scientists');
    expect(tracksIn('支援規模（Top）')).toEqual(['ASPIRE for Top Scientists']);
    expect(tracksIn('Principal investigators who are eligible to apply for "ASPIRE for Top Scientists" and the Joint Call')).toEqual(['ASPIRE for Top Scientists', 'Joint call']);
    expect(tracksIn('Top researchers in their field')).toEqual([]);
  });
});

describe('no extractor throws, whatever the text', () => {
  it('holds for random and mixed-script strings', () => {
    const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.array(fc.constantFrom('最大', '億', '万円', 'million yen', '¥', '(', '（', '年間', 'years', '~', '@', 'AT', '“', '*', 'Council', '(ACR)', '：', 'Top', '、', 'and', '.jp')).map((a) => a.join('')));
    fc.assert(fc.property(text, (t) => {
      for (const f of extractFunding(t)) expect(Number.isSafeInteger(f.maxJpy)).toBe(true);
      extractPeriods(t, 'period');
      findCountries(t);
      extractEmails(t);
      extractEligibility(t);
      agencyMentions(t, `partner ${t}`, 'JST');
      splitFields(t);
      tracksIn(t);
    }), { numRuns: 300 });
  });
});
