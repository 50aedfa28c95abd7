/** The two dates of a listing entry: when it was posted, and the call's window, in the forms the agencies write. */
import { describe, expect, it } from 'vitest';
import { callWindow, isUpdateStamp, loneDay, postedDay } from '#parsers/listings/dates.ts';

describe('postedDay', () => {
  it.each([
    ['2026年4月14日', '2026-04-14'],
    ['２０２６年４月１４日', '2026-04-14'],
    ['令和8年4月14日（火）', '2026-04-14'],
    ['2026/04/10', '2026-04-10'],
    ['2026-04-10', '2026-04-10'],
    ['Apr. 10, 2026', '2026-04-10'],
    ['April 1, 2025', '2025-04-01'],
    ['1 April 2025', '2025-04-01'],
    ['2024/2/26', '2024-02-26'],
    ['令和7(2025)年3月7日', '2025-03-07'],
    ['令和７年（２０２５年）３月７日', '2025-03-07'],
    ['2025(令和7)年3月7日', '2025-03-07'],
    ['平成30年4月1日', '2018-04-01'],
    ['(19th Oct 2023)', '2023-10-19'],
    ['1st of September 2020', '2020-09-01'],
  ])('reads %s as %s', (text, day) => {
    expect(postedDay(text)).toBe(day);
  });

  it('gives nothing for a date without a year or day, or one that is not on the calendar', () => {
    expect(postedDay('4月14日')).toBeUndefined();
    expect(postedDay('April 2026')).toBeUndefined();
    expect(postedDay('2026年2月30日')).toBeUndefined();
    expect(postedDay(undefined)).toBeUndefined();
  });
});

describe('callWindow', () => {
  it.each([
    ['公募期間：令和7年1月15日（水）～令和7年2月26日（水）正午', { opens: '2025-01-15', closes: '2025-02-26' }],
    ['２０２６年４月１４日（火）～２０２６年６月１６日（火）正午', { opens: '2026-04-14', closes: '2026-06-16' }],
    ['2026年4月14日～6月16日', { opens: '2026-04-14', closes: '2026-06-16' }],
    ['2026年12月1日～1月15日', { opens: '2026-12-01', closes: '2027-01-15' }],
    ['Application period: April 14, 2026 - May 21, 2026 (1:00PM JST)', { opens: '2026-04-14', closes: '2026-05-21' }],
    ['Application period: 16 April 2026 - 12 June 2026', { opens: '2026-04-16', closes: '2026-06-12' }],
    ['申請受付締切：令和8年6月3日（水）午後4時30分', { closes: '2026-06-03' }],
    ['(Application deadline at JSPS: September 5, 2025)', { closes: '2025-09-05' }],
    ['2025年3月31日（月）必着', { closes: '2025-03-31' }],
    ['Call opens: April 1, 2026', { opens: '2026-04-01' }],
  ])('reads %s', (text, window) => {
    expect(callWindow(text)).toEqual(window);
  });

  it('leaves out a lone date that no word names: a guess would read as a fact', () => {
    expect(callWindow('2026年4月14日')).toBeUndefined();
    expect(callWindow('―')).toBeUndefined();
  });
});

describe('loneDay', () => {
  it.each([
    ['2023/6/1 |', '2023-06-01'],
    ['2026年4月14日（火）', '2026-04-14'],
    ['[Apr. 10, 2026]', '2026-04-10'],
    ['掲載日：令和8(2026)年4月14日', '2026-04-14'],
    ['2026.04.14 NEW', '2026-04-14'],
  ])('reads %s, a line that is only a date, as %s', (text, day) => {
    expect(loneDay(text)).toBe(day);
  });

  it('gives nothing for a line that says more than its date, or holds two', () => {
    expect(loneDay('2026年4月14日 公募説明会を開催します')).toBeUndefined();
    expect(loneDay('2026年4月14日～2026年6月16日')).toBeUndefined();
    expect(loneDay('令和7(2025)年3月7日更新')).toBeUndefined();
  });
});

describe('isUpdateStamp', () => {
  it.each(['令和7(2025)年3月7日更新', '(Last update: May 1, 2025)', 'Updated on 1 May 2025', '2025年4月1日現在', '最終更新日：2025年4月1日'])('knows %s for the page\'s own update stamp', (text) => {
    expect(isUpdateStamp(text)).toBe(true);
  });

  it('takes a date beside a notice for no stamp', () => {
    expect(isUpdateStamp('(2025年1月10日)')).toBe(false);
    expect(isUpdateStamp('2023/6/1 |')).toBe(false);
  });
});
