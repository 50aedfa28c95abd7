/** Funding ceilings in the forms real agency pages write them, beyond the seeds' own (values.test.ts). */
import { describe, expect, it } from 'vitest';
import { extractFunding } from '#parsers/extract/money.ts';

const ceilings = (text: string) => extractFunding(text).map((f) => ({ max: f.maxJpy, ...(f.minJpy !== undefined ? { min: f.minJpy } : {}) }));

describe('extractFunding reads the units of Japanese amounts', () => {
  it.each([
    ['研究費は2.5千万円/年度です。', 25_000_000],
    ['企画調査費:3百万円程度(上限)', 3_000_000],
    ['1課題当たり年間 12,000千円(上限)', 12_000_000],
    ['5千万円程度/年(上限)', 50_000_000],
  ])('%s', (text, max) => {
    expect(ceilings(text)).toEqual([{ max }]);
  });
});

describe('extractFunding reads English amounts however they are spelled', () => {
  it('takes a number written as a word', () => {
    expect(ceilings('The budget is three billion yen per proposal.')).toEqual([{ max: 3_000_000_000 }]);
  });

  it('takes a scale glued to its number and misspelled', () => {
    expect(ceilings('up to 45milion yen per project')).toEqual([{ max: 45_000_000 }]);
  });

  it('reads a yen sign followed by a space', () => {
    expect(ceilings('¥ 20,000 (per day)')).toEqual([{ max: 20_000 }]);
  });
});

describe('extractFunding keeps both ends of a range, the upper end as the ceiling', () => {
  it.each([
    ['Japanese, a bare lower end in the upper end\'s unit', '研究費:2~4千万円程度/年', { min: 20_000_000, max: 40_000_000 }],
    ['Japanese, 千円 on both sides of the tilde', '調査費 1,500~3,000千円程度', { min: 1_500_000, max: 3_000_000 }],
    ['Japanese, two whole amounts joined', '500万円~1,000万円', { min: 5_000_000, max: 10_000_000 }],
    ['English, the currency before a hyphenated range', 'about JPY 8 - 50 million per project per year', { min: 8_000_000, max: 50_000_000 }],
    ['English, "between ... and ..."', 'approximately between 20 million and 25 million yen per theme', { min: 20_000_000, max: 25_000_000 }],
    ['English, "to"', 'from 150 million to 500 million yen per team', { min: 150_000_000, max: 500_000_000 }],
    ['English, "Japanese yen"', 'an allowance ranging from 3.5 million to 6.5 million Japanese yen per year', { min: 3_500_000, max: 6_500_000 }],
    ['Japanese, 以上 … 以下', '1課題あたり総額2億円以上10億円以下', { min: 200_000_000, max: 1_000_000_000 }],
  ])('%s', (_, text, range) => {
    expect(ceilings(text)).toEqual([range]);
  });

  it('does not read "and" between two amounts as a range without "between"', () => {
    expect(ceilings('10 million yen for the first year and 20 million yen for the second')).toEqual([{ max: 10_000_000 }, { max: 20_000_000 }]);
  });
});

describe('extractFunding says what an amount is counted per', () => {
  it.each([
    ['1課題当たり年間 19,000千円(上限)', 'project/year'],
    ['2課題当たり年間 19,000千円(上限)', '2 projects/year'],
    ['総額1,500万円/3年間を上限とします', 'total'],
    ['年間1億円を上限に3年間から5年間', 'year'],
    ['月額 200,000円', 'month'],
    ['JPY 15,000,000 per project per year', 'project/year'],
    ['up to 18 million JPY in total', 'total'],
  ])('%s -> %s', (text, per) => {
    expect(extractFunding(text)[0]?.per).toBe(per);
  });

  it('says nothing when the page says nothing', () => {
    expect(extractFunding('上限 5,000万円')[0]?.per).toBeUndefined();
  });
});

describe('extractFunding and indirect costs', () => {
  it('reads "inclusive of overhead" as including indirect costs', () => {
    expect(extractFunding('39 million yen per project over three years, inclusive of overhead cost')[0]?.includesIndirect).toBe(true);
  });

  it('reads "plus overhead" as excluding them', () => {
    expect(extractFunding('23 million yen (plus overhead costs 7 million yen)')[0]?.includesIndirect).toBe(false);
  });
});
