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

  it.each([
    ['JPY 5M per project', 5_000_000],
    ['up to ¥12mn per year', 12_000_000],
    ['a total of JPY 1.2bn', 1_200_000_000],
    ['a 500k yen travel grant', 500_000],
  ])('reads an abbreviated scale: %s', (text, max) => {
    expect(ceilings(text)).toEqual([{ max }]);
  });

  it('reads an abbreviated scale on both ends of a range', () => {
    expect(ceilings('JPY 3-5M per year')).toEqual([{ min: 3_000_000, max: 5_000_000 }]);
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

describe('extractFunding leaves out a lower bound that has no upper end', () => {
  it.each([
    ['Japanese 以上', '大型研究は1課題あたり総額1億円以上とします。'],
    ['Japanese 超', '契約額が5,000万円超の場合は別途審査します。'],
    ['Japanese 下限', '研究費の下限 300万円'],
    ['English "at least"', 'Each consortium must request at least JPY 5 million.'],
    ['English "a minimum of"', 'Projects with a minimum of 20 million yen per year are preferred.'],
    ['English "or more"', 'equipment costing 500,000 yen or more must be registered'],
  ])('%s', (_, text) => {
    expect(ceilings(text)).toEqual([]);
  });

  it('joins a lower bound to the ceiling after it in the same clause, whatever stands between', () => {
    expect(ceilings('総額5,000万円以上、3億円以下')).toEqual([{ min: 50_000_000, max: 300_000_000 }]);
    expect(ceilings('at least 5 million yen and at most 20 million yen per team')).toEqual([{ min: 5_000_000, max: 20_000_000 }]);
  });

  it('keeps a ceiling worded with "more" or "exceed" negated', () => {
    expect(ceilings('no more than 8 million yen per year')).toEqual([{ max: 8_000_000 }]);
    expect(ceilings('a budget not exceeding 12 million yen')).toEqual([{ max: 12_000_000 }]);
  });
});

describe('extractFunding lets a standard amount give way to the maximum beside it', () => {
  it.each([
    ['English, the maximum in brackets after', '4 million yen per year as standard (Max. 6 million yen)', 6_000_000],
    ['English, "typically … up to"', 'Grants are typically 10 million yen, up to 25 million yen for large teams.', 25_000_000],
    ['Japanese, 標準 with 上限 in brackets', '1課題あたり標準200万円(上限400万円)', 4_000_000],
    ['Japanese, 目安 then 最大', '年間500万円を目安とし、最大800万円まで', 8_000_000],
  ])('%s', (_, text, max) => {
    expect(ceilings(text)).toEqual([{ max }]);
  });

  it('keeps a standard amount that stands alone, and one in another sentence than the maximum', () => {
    expect(ceilings('The standard amount is 3 million yen per year.')).toEqual([{ max: 3_000_000 }]);
    expect(ceilings('標準額は年間300万円です。渡航費は別途上限50万円まで支給します。')).toEqual([{ max: 3_000_000 }, { max: 500_000 }]);
  });

  it('keeps two amounts where neither is said to be the standard (an allowance and a maximum)', () => {
    expect(ceilings('daily allowance of JPY 18,000 and research support of JPY 150,000 (maximum)')).toEqual([{ max: 18_000 }, { max: 150_000 }]);
  });
});

describe('extractFunding leaves out a budget that is no award', () => {
  it.each([
    ['an organisation\'s annual budget, in English', 'AMED\'s annual budget is about 127 billion yen.'],
    ['an organisation\'s budget, in Japanese', '機構の令和6年度予算は約1,270億円です。'],
    ['a figure no single award reaches', '事業全体で約4,800億円を投じる。'],
    ['a fiscal year\'s budget', '令和7年度当初予算 35億円'],
  ])('%s', (_, text) => {
    expect(ceilings(text)).toEqual([]);
  });

  it('keeps a budget counted per project, as call pages state their awards', () => {
    expect(ceilings('1プロジェクトあたりの予算規模は、総額上限10億円')).toEqual([{ max: 1_000_000_000 }]);
    expect(ceilings('JST\'s budget per project is up to 15 million yen.')).toEqual([{ max: 15_000_000 }]);
  });
});

describe('extractFunding leaves out what a company has and what a participant pays', () => {
  it.each([
    ['a company\'s capital, defining a small firm', '中小企業（資本金3億円以下又は従業員300人以下の会社）も代表機関になれます。'],
    ['a firm\'s sales', 'SMEs with an annual turnover of 5 billion yen or less may lead a consortium.'],
    ['a registration fee', 'A registration fee of JPY 20,000 is charged for the symposium.'],
    ['a participation fee in Japanese', '参加費：15,000円（懇親会を含む）'],
  ])('%s', (_, text) => {
    expect(ceilings(text)).toEqual([]);
  });

  it('keeps the award in the same sentence as a small firm\'s capital', () => {
    expect(ceilings('資本金3億円以下の企業が参加する課題には、1課題あたり上限5,000万円を支援します。')).toEqual([{ max: 50_000_000 }]);
  });
});
