import { describe, expect, it } from 'vitest';
import { extractDeadlines } from '#parsers/extract/dates.ts';

const brief = (text: string, year?: number) =>
  extractDeadlines(text, { year }).map((d) => `${d.kind} ${d.date}${d.time ? ` ${d.time}` : ''}${d.iso ? ` ${d.iso}` : ''}${d.yearInferred ? ' (year inferred)' : ''}`);

describe('extractDeadlines', () => {
  it.each([
    ['Deadline: June 3, 2025 (12:59) Japan Standard Time (JST)', ['submission 2025-06-03 12:59 2025-06-03T12:59:00+09:00']],
    ['2025 Call for Applications: April 15, 2025 - May 22, 2025 (1:00PM JST)', ['open 2025-04-15 2025-04-15T23:59:00+09:00', 'submission 2025-05-22 13:00 2025-05-22T13:00:00+09:00']],
    ['研究提案〆切：2025年5月12日（月）正午', ['submission 2025-05-12 12:00 2025-05-12T12:00:00+09:00']],
    ['研究提案〆切：２０２５年５月１２日（月）正午', ['submission 2025-05-12 12:00 2025-05-12T12:00:00+09:00']],
    ['提出期限：令和7年5月12日（月）17:00', ['submission 2025-05-12 17:00 2025-05-12T17:00:00+09:00']],
    ['Deadline: End of March 2025', ['submission 2025-03']],
    ['Application deadline: 05/28/24', ['submission 2024-05-28 2024-05-28T23:59:00+09:00']],
    ['面接審査期間：2025年8月～9月（予定）', ['interview 2025-08']],
  ])('%s', (text, expected) => {
    expect(brief(text)).toEqual(expected);
  });

  it('gives noon to the date it stands next to, and the year from context', () => {
    expect(brief('2025 call for proposals: April 10 – Noon, June 3')).toEqual([
      'open 2025-04-10 2025-04-10T23:59:00+09:00 (year inferred)', 'submission 2025-06-03 12:00 2025-06-03T12:00:00+09:00 (year inferred)',
    ]);
    expect(brief('4月17日（木）正午までに事前連絡をお願いします', 2025)).toEqual(['submission 2025-04-17 12:00 2025-04-17T12:00:00+09:00 (year inferred)']);
  });

  it('invents nothing: TBD and 未定 are no deadline, and dates that are not about the call are ignored', () => {
    expect(brief('2025 Call for Applications: TBD (the US and Japan)')).toEqual([]);
    expect(brief('公募締切：未定')).toEqual([]);
    expect(brief('(As of July 1, 2024)')).toEqual([]);
    expect(brief('2025.04.25 The submission deadline has been extended by one week.')).toEqual([]);
  });
});
