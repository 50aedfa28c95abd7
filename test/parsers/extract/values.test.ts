import { describe, expect, it } from 'vitest';
import { extractFunding } from '#parsers/extract/money.ts';
import { extractPeriods } from '#parsers/extract/periods.ts';
import { findCountries } from '#parsers/extract/countries.ts';
import { extractEmails } from '#parsers/extract/emails.ts';

const funding = (text: string) => extractFunding(text).map((f) => [f.maxJpy, f.includesIndirect]);

describe('extractFunding', () => {
  it.each([
    ['Up to 380 million yen (up to 500 million yen if indirect costs are included, which are 30% of direct costs).', [[380_000_000, false], [500_000_000, true]]],
    ['最大6,900万円（直接経費の30％にあたる間接経費を含む場合、最大9,000万円）', [[69_000_000, false], [90_000_000, true]]],
    ['最大3.8億円', [[380_000_000, false]]],
    ['1課題あたり最大5億円規模', [[500_000_000, false]]],
    ['Budget: ¥10,000,000 per year', [[10_000_000, false]]],
    ['JPY 5 million per project', [[5_000_000, false]]],
  ])('%s', (text, expected) => {
    expect(funding(text)).toEqual(expected);
  });
});

describe('extractPeriods', () => {
  it.each([
    ['Period of support: 3 ~ 5 years', { yearsMin: 3, yearsMax: 5 }],
    ['Research period: up to 5 years', { yearsMax: 5 }],
    ['支援期間：5年間（2025年12月～2031年3月）', { yearsMin: 5, yearsMax: 5, start: '2025-12', end: '2031-03' }],
  ])('%s', (text, expected) => {
    const [period] = extractPeriods(text);
    expect({ ...period, evidence: undefined }).toEqual({ ...expected, evidence: undefined });
  });
});

describe('findCountries', () => {
  it('maps English and Japanese names to codes, whole words only', () => {
    expect(findCountries('Australia, South Korea, EU, UK, US').sort()).toEqual(['AU', 'EU', 'GB', 'KR', 'US']);
    expect(findCountries('オーストラリア、英国、米国、韓国、ドイツ').sort()).toEqual(['AU', 'DE', 'GB', 'KR', 'US']);
    expect(findCountries('USE the USB port')).toEqual([]);
  });

  it('finds the 21 partner countries and regions of JST ASPIRE', () => {
    const list = 'Australia, Austria, Belgium, Canada, Czech Republic, Denmark, EU, Finland, France, Germany, Italy, Netherlands, Norway, Poland, Portugal, South Korea, Spain, Sweden, Switzerland, UK, US';
    expect(findCountries(list)).toHaveLength(21);
  });
});

describe('extractEmails', () => {
  it.each([
    ['amed-aspire“AT”amed.go.jp', 'amed-aspire@amed.go.jp'],
    ['arc-international”AT”arc.gov.au※3', 'arc-international@arc.gov.au'],
    ['aspire"AT"jst.go.jp', 'aspire@jst.go.jp'],
    ['e-asia＠amed.go.jp', 'e-asia@amed.go.jp'],
    ['contact (at) jsps.go.jp'.replace(' (at) ', '(at)'), 'contact@jsps.go.jp'],
    ['info[at]jst.go.jp', 'info@jst.go.jp'],
    ['rp-info*jst.go.jp', 'rp-info@jst.go.jp'],
  ])('%s -> %s', (text, email) => {
    expect(extractEmails(text).map((c) => c.email)).toEqual([email]);
  });
});
