/** Dates and deadlines, every form the agencies write, in English and Japanese. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dateLead, extractDeadlines, findDates, leadAbove } from '#parsers/extract/dates.ts';

/** "kind date [time] [iso] [flags]": one line per deadline, so a table row reads as the page would. */
const brief = (text: string, year?: number, heading?: string) =>
  extractDeadlines(text, { year, heading }).map((d) => [
    d.kind, d.date, d.time, d.iso, d.yearInferred && '(year inferred)', d.tentative && '(tentative)',
  ].filter(Boolean).join(' '));

describe('extractDeadlines', () => {
  describe('English forms', () => {
    it.each([
      ['Deadline: June 3, 2025 (12:59) Japan Standard Time (JST)', ['submission 2025-06-03 12:59 2025-06-03T12:59:00+09:00']],
      ['2025 Call for Applications: April 15, 2025 - May 22, 2025 (1:00PM JST)', ['open 2025-04-15 2025-04-15T23:59:00+09:00', 'submission 2025-05-22 13:00 2025-05-22T13:00:00+09:00']],
      ['Application deadline: 05/28/24', ['submission 2024-05-28 2024-05-28T23:59:00+09:00']],
      ['Application deadline: 5/28/2025, 5:00 p.m. JST', ['submission 2025-05-28 17:00 2025-05-28T17:00:00+09:00']],
      ['Deadline: 3 June 2025, noon (Japan time)', ['submission 2025-06-03 12:00 2025-06-03T12:00:00+09:00']],
      ['Application deadline at JSPS: October 3, 2025 (Fri.) 17:00 JST', ['submission 2025-10-03 17:00 2025-10-03T17:00:00+09:00']],
      ['Submission due: Tuesday, June 2, 2026 (Tue) 12:00 noon', ['submission 2026-06-02 12:00 2026-06-02T12:00:00+09:00']],
      ['Pre-registration deadline: May 12, 2026, 5:00 p.m. (JST)', ['preregistration 2026-05-12 17:00 2026-05-12T17:00:00+09:00']],
      ['Deadline: 2025-05-12 12:00', ['submission 2025-05-12 12:00 2025-05-12T12:00:00+09:00']],
      ['Interviews: Mid-July 2025 (planned)', ['interview 2025-07 (tentative)']],
      ['Notification of results: September 2025', ['notification 2025-09']],
      ['Start of research: December 2025', ['start 2025-12']],
      ['Deadline: May 12, 2026, 17:00 CET', ['submission 2026-05-13 01:00 2026-05-13T01:00:00+09:00']],
      ['Deadline: June 1, 2026 at 5:00 p.m. EDT', ['submission 2026-06-02 06:00 2026-06-02T06:00:00+09:00']],
      ['Deadline: June 1, 2026, 12:00 (Japan Standard Time)', ['submission 2026-06-01 12:00 2026-06-01T12:00:00+09:00']],
      ['Start of fellowship: April 1, 2026 - September 30, 2026', ['start 2026-04-01 2026-04-01T23:59:00+09:00', 'start 2026-09-30 2026-09-30T23:59:00+09:00']],
    ])('%s', (text, expected) => {
      expect(brief(text)).toEqual(expected);
    });
  });

  describe('Japanese forms', () => {
    it.each([
      ['研究提案〆切：2025年5月12日（月）正午', ['submission 2025-05-12 12:00 2025-05-12T12:00:00+09:00']],
      ['研究提案〆切：２０２５年５月１２日（月）正午', ['submission 2025-05-12 12:00 2025-05-12T12:00:00+09:00']],
      ['提出期限：令和7年5月12日（月）17:00', ['submission 2025-05-12 17:00 2025-05-12T17:00:00+09:00']],
      ['応募締切：令和８年６月２日（火）午後５時', ['submission 2026-06-02 17:00 2026-06-02T17:00:00+09:00']],
      ['締切：平成31年4月26日（金）12時', ['submission 2019-04-26 12:00 2019-04-26T12:00:00+09:00']],
      ['締切：令和元年5月31日(金)正午', ['submission 2019-05-31 12:00 2019-05-31T12:00:00+09:00']],
      ['提出締切：2025年3月末日（予定）', ['submission 2025-03-31 2025-03-31T23:59:00+09:00 (tentative)']],
      ['面接審査期間：2025年8月～9月（予定）', ['interview 2025-08 (tentative)', 'interview 2025-09 (year inferred) (tentative)']],
      ['書類審査期間：2025年5月下旬～8月上旬', ['review 2025-05 (tentative)', 'review 2025-08 (year inferred) (tentative)']],
      ['採択通知：2025年9月頃（予定）', ['notification 2025-09 (tentative)']],
      ['公募開始：2024年12月2日（月）', ['open 2024-12-02 2024-12-02T23:59:00+09:00']],
      ['公募期間：令和８年４月７日（火）～令和８年６月２日（火）正午', ['open 2026-04-07 2026-04-07T23:59:00+09:00', 'submission 2026-06-02 12:00 2026-06-02T12:00:00+09:00']],
      ['エントリー締切：2026年5月15日（金）17時00分', ['preregistration 2026-05-15 17:00 2026-05-15T17:00:00+09:00']],
      ['研究開始：2025年12月（予定）', ['start 2025-12 (tentative)']],
      ['提出期限：2026年1月15日 17:00（日本時間）', ['submission 2026-01-15 17:00 2026-01-15T17:00:00+09:00']],
      ['報告書提出期限：2025年度末', ['submission 2026-03-31 2026-03-31T23:59:00+09:00']],
      ['提出期限：令和7年度末', ['submission 2026-03-31 2026-03-31T23:59:00+09:00']],
    ])('%s', (text, expected) => {
      expect(brief(text)).toEqual(expected);
    });
  });

  describe('a missing year is taken from the document and marked as inferred', () => {
    it('from the same line, giving noon to the date it stands next to', () => {
      expect(brief('2025 call for proposals: April 10 – Noon, June 3')).toEqual([
        'open 2025-04-10 2025-04-10T23:59:00+09:00 (year inferred)', 'submission 2025-06-03 12:00 2025-06-03T12:00:00+09:00 (year inferred)',
      ]);
    });
    it('from the blocks before, in Japanese, with the kind from the words around it', () => {
      expect(brief('4月17日（木）正午までに事前連絡をお願いします', 2025)).toEqual(['preregistration 2025-04-17 12:00 2025-04-17T12:00:00+09:00 (year inferred)']);
      expect(brief('公募期間：3月3日（月）～5月12日（月）正午', 2025)).toEqual([
        'open 2025-03-03 2025-03-03T23:59:00+09:00 (year inferred)', 'submission 2025-05-12 12:00 2025-05-12T12:00:00+09:00 (year inferred)',
      ]);
    });
    it('from the end of a range for its start ("Late May to July 2025")', () => {
      expect(brief('Document screening: Late May to July 2025')).toEqual(['review 2025-05 (year inferred) (tentative)', 'review 2025-07']);
    });
    it('and without any year in sight, no date is invented', () => {
      expect(brief('Deadline: June 3 (noon)')).toEqual([]);
    });
  });

  it('invents nothing: TBD, TBA and 未定 are no deadline, and dates that are not about the call are ignored', () => {
    expect(brief('2025 Call for Applications: TBD (the US and Japan)')).toEqual([]);
    expect(brief('公募締切：未定')).toEqual([]);
    expect(brief('Notification of results: TBA')).toEqual([]);
    expect(brief('(As of July 1, 2024)')).toEqual([]);
    expect(brief('2025.04.25 The submission deadline has been extended by one week.')).toEqual([]);
    expect(brief('2025年4月25日 公募締切を延長しました。詳しくは公募要領をご覧ください。')).toEqual([]);
    expect(brief('令和7年3月14日（金）')).toEqual([]);
    expect(brief('研究期間：5年間（2025年12月～2031年3月）')).toEqual([]);
  });

  describe('forms of real agency pages, one surface form each', () => {
    it.each([
      ['a day before its month, with an ordinal', '(closing date for proposals: 3rd October 2025)', ['submission 2025-10-03 2025-10-03T23:59:00+09:00']],
      ['a weekday before an ordinal day', 'Closing date: Friday 14th March 2025', ['submission 2025-03-14 2025-03-14T23:59:00+09:00']],
      ['a day-first range whose first half has no year', 'Application window: 12 January to 6 February 2026',
        ['open 2026-01-12 2026-01-12T23:59:00+09:00 (year inferred)', 'submission 2026-02-06 2026-02-06T23:59:00+09:00']],
      ['month and day glued together, the year written before', 'In 2023 the fourth joint call ran from June7 to August 9.',
        ['open 2023-06-07 2023-06-07T23:59:00+09:00 (year inferred)', 'submission 2023-08-09 2023-08-09T23:59:00+09:00 (year inferred)']],
      ['a weekday glued after the year, and "12:00noon"', 'Application period: May 1, 2026(Fri)- June 3, 2026(Wed) 12:00noon, Japan time',
        ['open 2026-05-01 2026-05-01T23:59:00+09:00', 'submission 2026-06-03 12:00 2026-06-03T12:00:00+09:00']],
      ['a month-first slash date with a bare weekday', 'Submission Deadline 09/14/26 Mon noon (JST)', ['submission 2026-09-14 12:00 2026-09-14T12:00:00+09:00']],
      ['a qualified month with a comma before the year', 'Submission Deadline Mid-June, 2026', ['submission 2026-06 (tentative)']],
      ['a range across the new year, the year written at its end', 'Call window: December 1 – January 31, 2027',
        ['open 2026-12-01 2026-12-01T23:59:00+09:00 (year inferred)', 'submission 2027-01-31 2027-01-31T23:59:00+09:00']],
      ['a range with weekdays written before its days', 'Application period: from Tuesday, 1 April to Monday, 12 May 2025',
        ['open 2025-04-01 2025-04-01T23:59:00+09:00 (year inferred)', 'submission 2025-05-12 2025-05-12T23:59:00+09:00']],
      ['an opening said as acceptance', 'Proposals accepted from: 1 April 2025 (Tue)', ['open 2025-04-01 2025-04-01T23:59:00+09:00']],
    ])('%s', (_, text, expected) => {
      expect(brief(text)).toEqual(expected);
    });

    it.each([
      ['an era year with the Western year in brackets, and 午後4時30分', '公募期間：令和8(2026)年4月1日(水)~6月2日(火)午後4時30分(厳守)',
        ['open 2026-04-01 2026-04-01T23:59:00+09:00', 'submission 2026-06-02 16:30 2026-06-02T16:30:00+09:00 (year inferred)']],
      ['a から…まで range whose second half has no year', '課題の募集を平成30年7月2日から9月28日まで行いました。',
        ['open 2018-07-02 2018-07-02T23:59:00+09:00', 'submission 2018-09-28 2018-09-28T23:59:00+09:00 (year inferred)']],
      ['an opening said after the date (から開始します)', '研究提案書の受付を令和7年10月6日(月)から開始します。', ['open 2025-10-06 2025-10-06T23:59:00+09:00']],
      ['a range whose end the page lost', '研究提案の募集(令和7年4月10日~6月1', ['open 2025-04-10 2025-04-10T23:59:00+09:00']],
      ['a range with the opening\'s time between its dates', 'e-Radでの受付期間 2025年4月1日（火）10:00～5月12日（月）12:00',
        ['open 2025-04-01 10:00 2025-04-01T10:00:00+09:00', 'submission 2025-05-12 12:00 2025-05-12T12:00:00+09:00 (year inferred)']],
    ])('%s', (_, text, expected) => {
      expect(brief(text)).toEqual(expected);
    });

    it('an opening with no year, said after the date (から申請を受け付けています), takes the year written before it', () => {
      expect(brief('2026年度第1回公募は5月7日(木)から申請を受け付けています。')).toEqual(['open 2026-05-07 2026-05-07T23:59:00+09:00 (year inferred)']);
    });

    it('a weekday printed beside a yearless date picks its year among the year in force and its neighbours', () => {
      // Under FY2025, "1月26日(月)" is in 2026: January 26 was a Monday in 2026, a Sunday in 2025.
      expect(brief('募集開始：1月26日(月)', 2025)).toEqual(['open 2026-01-26 2026-01-26T23:59:00+09:00 (year inferred)']);
    });

    it('a year the range itself writes is not second-guessed by a wrong weekday', () => {
      expect(brief('公募期間：令和8年3月2日(月)~5月13日(火)正午')).toEqual([
        'open 2026-03-02 2026-03-02T23:59:00+09:00', 'submission 2026-05-13 12:00 2026-05-13T12:00:00+09:00 (year inferred)',
      ]);
    });

    it('a day the calendar does not have is no deadline', () => {
      expect(brief('公募締切：令和7年11月31日(月)正午')).toEqual([]);
      expect(brief('Deadline: February 29 (noon)', 2025)).toEqual([]);
    });

    it('the label line a layout set above the dates says what they are', () => {
      const read = extractDeadlines('May 1, 2026 (Fri) – June 3, 2026 (Wed) 12:00', { lead: dateLead('Application period:') });
      expect(read.map((d) => [d.kind, d.date, d.time, d.label])).toEqual([
        ['open', '2026-05-01', null, 'Application period'], ['submission', '2026-06-03', '12:00', 'Application period'],
      ]);
      expect(dateLead('The call closed on June 3, 2026.')).toBeUndefined();
    });

    it('label lines stacked above a date: the step from the outer line, the track from the inner, past earlier entries of the list', () => {
      // Lines above the date, nearest first.
      expect(leadAbove(['特別推進研究、基盤研究(S・A)', '応募書類の提出(送信)期限・提出先'])).toBe('応募書類の提出(送信)期限・提出先 特別推進研究、基盤研究(S・A)');
      expect(leadAbove(['Course B', '※ Japan time', 'May 12, 2026 (noon)', 'Course A', 'Deadline'])).toBe('Deadline Course B');
      expect(leadAbove(['Call opens'])).toBe('Call opens');
      // No step above: the nearest label; a sentence ends the walk.
      expect(leadAbove(['Course A', 'Please read the guidelines.', 'Deadline'])).toBe('Course A');
      const read = extractDeadlines('令和8(2026) 年9月7日(月)午後4時30分(厳守)', { lead: leadAbove(['基盤研究(B・C)', '応募書類の提出期限']) });
      expect(read.map((d) => [d.kind, d.date, d.time, d.label])).toEqual([['submission', '2026-09-07', '16:30', '応募書類の提出期限 基盤研究(B・C)']]);
    });
  });

  describe('forms the agencies write that no page of the corpus taught us, one each', () => {
    it.each([
      ['the year first, a dot and a month name', 'Call window: 2026.Feb.2 (Mon) - 2026.April.10 (Fri)',
        ['open 2026-02-02 2026-02-02T23:59:00+09:00', 'submission 2026-04-10 2026-04-10T23:59:00+09:00']],
      ['a day, a month abbreviation and a year joined by hyphens', 'Deadline: 18-Jun-2026', ['submission 2026-06-18 2026-06-18T23:59:00+09:00']],
      ['a day, a month and a year with commas all through', 'Call for proposals to be submitted by 17, November, 2026', ['submission 2026-11-17 2026-11-17T23:59:00+09:00']],
      ['an ordinal set apart from its day', 'Joint call for proposals to be submitted by 7 th May 2026', ['submission 2026-05-07 2026-05-07T23:59:00+09:00']],
      ['a slash date whose first number cannot be a month is day first', 'Closing date: 18/06/2026', ['submission 2026-06-18 2026-06-18T23:59:00+09:00']],
      ['a day first with dots, as European partners write it', 'Deadline at the partner agency: 18.06.2026', ['submission 2026-06-18 2026-06-18T23:59:00+09:00']],
      ['a yearless slash date with its weekday, after a step label', '締切：5/12（火）正午', ['submission 2026-05-12 12:00 2026-05-12T12:00:00+09:00 (year inferred)']],
      ['a range written from a から with a comma', '公募期間は令和8年2月2日(月)から、11月6日(金)までです。',
        ['open 2026-02-02 2026-02-02T23:59:00+09:00', 'submission 2026-11-06 2026-11-06T23:59:00+09:00 (year inferred)']],
      ['a range across the year end, yearless, its end taking the next year', '受付期間：12月1日（火）～1月15日（金）正午',
        ['open 2026-12-01 2026-12-01T23:59:00+09:00 (year inferred)', 'submission 2027-01-15 12:00 2027-01-15T12:00:00+09:00 (year inferred)']],
      ['"no later than" a time before the date', 'Proposals must reach JSPS no later than 17:00 JST on Friday, 12 June 2026',
        ['submission 2026-06-12 17:00 2026-06-12T17:00:00+09:00']],
      ['"received by" a p.m. time in Japan time, then "on" the date', 'Applications must be received by 5 p.m. Japan time on June 12, 2026.',
        ['submission 2026-06-12 17:00 2026-06-12T17:00:00+09:00']],
      ['a range whose end carries its time before it, "Noon (12:00, Japan time) on"', 'Application Call Period: April 6 (Mon.) ~ Noon (12:00, Japan time) on June 9 (Tue.), 2026',
        ['open 2026-04-06 2026-04-06T23:59:00+09:00 (year inferred)', 'submission 2026-06-09 12:00 2026-06-09T12:00:00+09:00']],
      ['"until noon on"', 'Applications will be accepted until noon on June 12, 2026 (Japan time).', ['submission 2026-06-12 12:00 2026-06-12T12:00:00+09:00']],
      ['a time written before the date with its am/pm', 'Submission deadline: 5:00 PM (JST), June 12, 2026', ['submission 2026-06-12 17:00 2026-06-12T17:00:00+09:00']],
      ['a 24-hour time with a needless pm, its minute in one digit', 'Deadline: June 12, 2026 (13:1pm Japan Standard Time)', ['submission 2026-06-12 13:01 2026-06-12T13:01:00+09:00']],
      ['午後5時 and 必着', '〆切：令和8年6月12日（金）午後5時必着', ['submission 2026-06-12 17:00 2026-06-12T17:00:00+09:00']],
      ['a postmark date, with no other word of the call', '2026年6月12日（金）消印有効', ['submission 2026-06-12 2026-06-12T23:59:00+09:00']],
      ['(必着) in brackets after the date', '申請書類の提出期限：2026年6月12日（金）(必着)', ['submission 2026-06-12 2026-06-12T23:59:00+09:00']],
    ])('%s', (_, text, expected) => {
      expect(brief(text, 2026)).toEqual(expected);
    });

    it('the host institution\'s deadline and e-Rad\'s are two deadlines, each with its own label', () => {
      const read = extractDeadlines('所属機関内締切：5月1日（金）、e-Rad受付締切：5月12日（火）正午', { year: 2026 });
      expect(read.map((d) => [d.label, d.date, d.time])).toEqual([['所属機関内締切', '2026-05-01', null], ['e-Rad受付締切', '2026-05-12', '12:00']]);
      const english = extractDeadlines('Deadline at the host institution: April 24, 2026; e-Rad deadline: May 12, 2026 (12:00 noon JST)');
      expect(english.map((d) => [d.label, d.date, d.time])).toEqual([['Deadline at the host institution', '2026-04-24', null], ['e-Rad deadline', '2026-05-12', '12:00']]);
    });

    it('two times for one day, one per submission system, are two deadlines, each in JST', () => {
      const read = extractDeadlines('Deadline: 10 June 2026, 12:00 CEST (partner portal) / 17:00 JST (e-Rad)');
      expect(read.map((d) => [d.label, d.date, d.time])).toEqual([['Deadline (partner portal)', '2026-06-10', '19:00'], ['Deadline (e-Rad)', '2026-06-10', '17:00']]);
      // The same moment stated in two zones is one deadline, even when the other zone missed summer time.
      expect(brief('Deadline: 10 June 2026, 17:00 JST / 10:00 CEST')).toEqual(['submission 2026-06-10 17:00 2026-06-10T17:00:00+09:00']);
      expect(extractDeadlines('Deadline: 18 June 2026, 17:00 (JST) / 10:00 (CET)').map((d) => [d.label, d.time])).toEqual([['Deadline', '17:00']]);
    });

    it('a zone named by region or city keeps the summer time of its date', () => {
      expect(brief('The call is open until 5:00 p.m. Eastern Time on March 16, 2026.')).toEqual(['submission 2026-03-17 06:00 2026-03-17T06:00:00+09:00']);
      expect(brief('Deadline: 15 January 2026, 17:00 Brussels time')).toEqual(['submission 2026-01-16 01:00 2026-01-16T01:00:00+09:00']);
      expect(brief('Deadline: 15 June 2026, 17:00 Brussels time')).toEqual(['submission 2026-06-16 00:00 2026-06-16T00:00:00+09:00']);
    });

    it('a schedule line that starts with its date names its step after it', () => {
      expect(brief('14 Oct 2026 Closing for the letters of intent (partner side only)')).toEqual(['submission 2026-10-14 2026-10-14T23:59:00+09:00']);
      expect(brief('20 Nov 2026 Start accepting full proposals')).toEqual(['open 2026-11-20 2026-11-20T23:59:00+09:00']);
      expect(brief('2026年5月12日（火）　申請書の提出期限')).toEqual(['submission 2026-05-12 2026-05-12T23:59:00+09:00']);
      // An item number before the date, and the step as the label.
      expect(extractDeadlines('(3)11月10日 財団の推薦受付締切', { year: 2026 }).map((d) => [d.kind, d.date, d.label])).toEqual([['submission', '2026-11-10', '財団の推薦受付締切']]);
      // A news line is still when it was posted; the day it gives the step is read.
      expect(brief('2026.04.01 Deadline extended to May 19')).toEqual(['submission 2026-05-19 2026-05-19T23:59:00+09:00 (year inferred)']);
      expect(brief('2026.04.01 Submission deadline extended')).toEqual([]);
      expect(brief('2026年4月20日（月）　公募説明会（オンライン）を開催しました')).toEqual([]);
    });

    it('a dated notice that acceptance has started gives the day the call opened', () => {
      expect(brief('(6/2) 2026年度の申請受付を開始しました。', 2026)).toEqual(['open 2026-06-02 2026-06-02T23:59:00+09:00 (year inferred)']);
      expect(brief('・【7/1】第2回の公募を開始しました', 2026)).toEqual(['open 2026-07-01 2026-07-01T23:59:00+09:00 (year inferred)']);
      expect(brief('2026.03.02 The FY2026 call for proposals has been opened.')).toEqual(['open 2026-03-02 2026-03-02T23:59:00+09:00']);
      // A page count is no date.
      expect(findDates('公募要領(1/3) 申請書様式(2/3)')).toEqual([]);
    });

    it('the verb after a date says what it is: 通知 is a notification, までに… the step it names', () => {
      expect(brief('5月31日までの申請分 → 採否結果を7月上旬に通知', 2026)).toEqual([
        'submission 2026-05-31 2026-05-31T23:59:00+09:00 (year inferred)', 'notification 2026-07 (year inferred) (tentative)',
      ]);
      expect(brief('応募される方は4月17日（金）正午までにフォームから事前連絡をしてください。', 2026))
        .toEqual(['preregistration 2026-04-17 12:00 2026-04-17T12:00:00+09:00 (year inferred)']);
    });
  });

  describe('dates that are not this call\'s dates', () => {
    it('the previous cycle\'s dates in brackets are neither the deadline nor a second one', () => {
      expect(brief('提出期限：2026年5月12日（火）正午（昨年度：2025年5月13日）')).toEqual(['submission 2026-05-12 12:00 2026-05-12T12:00:00+09:00']);
      expect(brief('Deadline: June 2, 2026 (previous call: June 3, 2025)')).toEqual(['submission 2026-06-02 2026-06-02T23:59:00+09:00']);
    });

    it('a posting or event day written after the date (掲載, 開催) is not the call\'s', () => {
      expect(brief('公募説明資料 PDF 4月10日掲載', 2026)).toEqual([]);
      expect(brief('4月20日(月)開催の公募説明会の資料を公開しました。', 2026)).toEqual([]);
    });

    it('a date in another sentence of the block takes none of this sentence\'s words', () => {
      expect(brief('The agreement was signed in April 2003. The call was open until July 31, 2008.')).toEqual(['submission 2008-07-31 2008-07-31T23:59:00+09:00']);
    });

    it('a date in brackets a cycle before this cycle\'s, with no word of a step, is the previous cycle\'s', () => {
      expect(brief('公募締切：令和8年6月18日 (令和7年6月19日)')).toEqual(['submission 2026-06-18 2026-06-18T23:59:00+09:00']);
      expect(brief('公募開始：令和8年7月14日 (令和7年8月1日) (注：一部の種目のみ令和7年7月1日)')).toEqual(['open 2026-07-14 2026-07-14T23:59:00+09:00']);
      // A bracket that names its step is a step of this call.
      expect(brief('Deadline: 5 June 2026 (pre-registration: 20 April 2026)')).toEqual([
        'submission 2026-06-05 2026-06-05T23:59:00+09:00', 'preregistration 2026-04-20 2026-04-20T23:59:00+09:00',
      ]);
    });

    it('the old day of an extended or moved deadline gives way to the new one, which keeps the step\'s label', () => {
      const read = (text: string) => extractDeadlines(text, { year: 2026 }).map((d) => [d.kind, d.date, d.time, d.label]);
      expect(read('応募締切：2026年5月12日（火）正午 ⇒ 2026年5月19日（火）正午に延長しました')).toEqual([['submission', '2026-05-19', '12:00', '応募締切']]);
      expect(read('Deadline: May 12, 2026 (extended to May 19, 2026)')).toEqual([['submission', '2026-05-19', null, 'Deadline']]);
      expect(read('The deadline has been extended from May 12 to May 19, 2026.')).toEqual([['submission', '2026-05-19', null, 'The deadline has been extended']]);
      expect(read('応募締切を5月12日（火）から5月19日（火）に延長しました。')).toEqual([['submission', '2026-05-19', null, '応募締切を']]);
      // A window whose deadline may move is still a window.
      expect(brief('Application period: April 1 – May 12, 2026 (the deadline may be extended)')).toEqual([
        'open 2026-04-01 2026-04-01T23:59:00+09:00 (year inferred)', 'submission 2026-05-12 2026-05-12T23:59:00+09:00',
      ]);
    });

    it('a date in a condition on who may apply (a degree, credits, "as of") is no deadline', () => {
      expect(brief('令和8年3月31日までに博士の学位を取得した者で、申請時に40歳未満の者')).toEqual([]);
      expect(brief('大学院博士課程に在学し、令和8年3月31日までに所定の単位を修得の上退学した者（申請可）')).toEqual([]);
      expect(brief('令和8年4月1日現在、博士の学位を取得後5年未満の者が申請できます。')).toEqual([]);
      // 昭和 is read, so a birth date is a date of its own year, and a condition.
      expect(brief('申請時に39歳以下（昭和62年4月2日以降に生まれた者）であること', 2026)).toEqual([]);
      expect(findDates('昭和62年4月2日').map((d) => [d.year, d.month, d.day])).toEqual([[1987, 4, 2]]);
      expect(brief('Applicants to this call must have obtained their doctoral degree on or after April 2, 2021.')).toEqual([]);
    });

    it('a change-log entry\'s date is when the change was made, unless it gives a step its new day', () => {
      expect(brief('Update on Theme 2 - Annex 3 Letter of Intent form - 14 April 2026')).toEqual([]);
      expect(brief('Update: the application deadline has been extended until 30 June 2026.')).toEqual(['submission 2026-06-30 2026-06-30T23:59:00+09:00']);
    });

    it('a visit or fellowship start period is a period of the award, not a step of the call', () => {
      expect(brief('Visit start period: Between July 2026 to the end of March 2027')).toEqual([]);
      expect(brief('Fellowship Start Period: June 2026 to the end of March 2027')).toEqual([]);
      expect(brief('招へい期間：2026年9月1日～2027年3月31日')).toEqual([]);
      // Nor is the period when selection results can be viewed.
      expect(brief('審査結果の確認可能期間：令和8年5月12日(火)〜令和8年11月30日(月)')).toEqual([]);
    });
  });

  describe('the grammar of a day, in forms no page here showed (one form a test, its variants together)', () => {
    it('a day "of" its month, with or without an ordinal, a comma or an abbreviation', () => {
      expect(brief('Application deadline: the 22nd of February, 2027')).toEqual(['submission 2027-02-22 2027-02-22T23:59:00+09:00']);
      expect(brief('Closing date: 3rd of Sept. 2026')).toEqual(['submission 2026-09-03 2026-09-03T23:59:00+09:00']);
      expect(brief('Nominations close on 9 of October 2026.')).toEqual(['submission 2026-10-09 2026-10-09T23:59:00+09:00']);
    });

    it('a weekday between the day and the year', () => {
      expect(brief('Call closes: 12 March (Fri) 2027')).toEqual(['submission 2027-03-12 2027-03-12T23:59:00+09:00']);
      expect(findDates('15 January (Fri) 2027').map((d) => [d.year, d.month, d.day, d.weekday])).toEqual([[2027, 1, 15, 5]]);
    });

    it('a weekday marked as a holiday beside the day, which still joins a range', () => {
      expect(brief('受付期間：2026年5月6日(水・祝)～5月12日(火)正午')).toEqual([
        'open 2026-05-06 2026-05-06T23:59:00+09:00', 'submission 2026-05-12 12:00 2026-05-12T12:00:00+09:00 (year inferred)',
      ]);
      expect(findDates('11月23日(月祝)').map((d) => d.weekday)).toEqual([1]);
    });

    it('a month name with a slip, between a day and a four-digit year only', () => {
      expect(brief('Deadline: 14 Feburary 2027')).toEqual(['submission 2027-02-14 2027-02-14T23:59:00+09:00']);
      expect(brief('Closing date: Septmber 30, 2026')).toEqual(['submission 2026-09-30 2026-09-30T23:59:00+09:00']);
      expect(brief('Call opens: 3 Novmeber 2026')).toEqual(['open 2026-11-03 2026-11-03T23:59:00+09:00']);
      // Words near a month's name are no month: "Augusta", "Marine", "Junior" are not August, March, June.
      expect(findDates('3 Augusta 2026, 5 Marine 2026, 7 Junior 2026, Round 2, 2026')).toEqual([]);
    });

    it('a year said relative to the one in force (同年, 翌年, "of the same year")', () => {
      expect(brief('募集期間：令和8年6月24日から同年10月7日まで')).toEqual([
        'open 2026-06-24 2026-06-24T23:59:00+09:00', 'submission 2026-10-07 2026-10-07T23:59:00+09:00 (year inferred)',
      ]);
      expect(brief('公募期間：令和8年12月1日から翌年1月15日まで')).toEqual([
        'open 2026-12-01 2026-12-01T23:59:00+09:00', 'submission 2027-01-15 2027-01-15T23:59:00+09:00 (year inferred)',
      ]);
      expect(brief('The call opened on April 1, 2026 and closes on October 7 of the same year.')).toEqual([
        'open 2026-04-01 2026-04-01T23:59:00+09:00', 'submission 2026-10-07 2026-10-07T23:59:00+09:00 (year inferred)',
      ]);
      // 同年 with no year in sight invents none.
      expect(brief('締切：同年10月7日')).toEqual([]);
    });

    it('a range of days in one month, the month written once', () => {
      const window = (text: string) => brief(text).map((d) => d.split(' ').slice(0, 3).join(' '));
      expect(window('Application period: 1–14 June 2026')).toEqual(['open 2026-06-01 2026-06-01T23:59:00+09:00', 'submission 2026-06-14 2026-06-14T23:59:00+09:00']);
      expect(window('Submission window: 3- 9 July 2026')).toEqual(['open 2026-07-03 2026-07-03T23:59:00+09:00', 'submission 2026-07-09 2026-07-09T23:59:00+09:00']);
      expect(window('Submission window: June 1 to 14, 2026')).toEqual(['open 2026-06-01 2026-06-01T23:59:00+09:00', 'submission 2026-06-14 2026-06-14T23:59:00+09:00']);
      expect(window('Paper applications are accepted between 3 and 9 July 2026.')).toEqual(['open 2026-07-03 2026-07-03T23:59:00+09:00', 'submission 2026-07-09 2026-07-09T23:59:00+09:00']);
      expect(brief('受付期間：2026年6月1日（月）～14日（日）正午')).toEqual([
        'open 2026-06-01 2026-06-01T23:59:00+09:00', 'submission 2026-06-14 12:00 2026-06-14T12:00:00+09:00 (year inferred)',
      ]);
      expect(window('令和8年4月1日（水）から同月30日（木）まで申請を受け付けます。')).toEqual(['open 2026-04-01 2026-04-01T23:59:00+09:00', 'submission 2026-04-30 2026-04-30T23:59:00+09:00']);
      // The era's initial with dots, as forms and PDFs abbreviate it.
      expect(brief('提出期限：R8.5.12（火）正午')).toEqual(['submission 2026-05-12 12:00 2026-05-12T12:00:00+09:00']);
      // A count of days, a time or an address is no second day.
      expect(findDates('4月1日から3日以内に、5月12日から10日間').map((d) => d.day)).toEqual([1, 12]);
      expect(findDates('May 12 – 14:00, April 10 - 12 noon, 5-3-1 Kojimachi').map((d) => d.day)).toEqual([12, 10]);
    });
  });

  describe('times and zones as partners abroad write them', () => {
    it('a deadline stated to the second keeps its second in its moment', () => {
      expect(brief('公募締切：令和8年1月26日(月) 12時00分30秒【厳守】')).toEqual(['submission 2026-01-26 12:00 2026-01-26T12:00:30+09:00']);
      expect(brief('Deadline: May 12, 2026, 23:59:59 JST')).toEqual(['submission 2026-05-12 23:59 2026-05-12T23:59:59+09:00']);
      expect(brief('公募締切：令和8年1月26日(月) 12時00分00秒')).toEqual(['submission 2026-01-26 12:00 2026-01-26T12:00:00+09:00']);
    });

    it('a time with a dot or an h, where a zone or "at" says it is one', () => {
      expect(brief('Deadline: 30 September 2026 at 16.00 CEST')).toEqual(['submission 2026-09-30 23:00 2026-09-30T23:00:00+09:00']);
      expect(brief('Deadline: 12.05.2026, 12.00 CET')).toEqual(['submission 2026-05-12 20:00 2026-05-12T20:00:00+09:00']);
      expect(brief('Deadline: 2 March 2027, 16h00 Paris time')).toEqual(['submission 2027-03-03 00:00 2027-03-03T00:00:00+09:00']);
      // A decimal is no time.
      expect(brief('Funding: 7.50 million yen per year; Deadline: May 12, 2026')).toEqual(['submission 2026-05-12 2026-05-12T23:59:00+09:00']);
    });

    it('a zone named by a country\'s adjective or a city, with that region\'s summer time', () => {
      expect(brief('Call closes: 20 September 2026 at 16.15 Finnish time')).toEqual(['submission 2026-09-20 22:15 2026-09-20T22:15:00+09:00']);
      expect(brief('Deadline: 30 January 2027, kl. 14.00 Swedish time')).toEqual(['submission 2027-01-30 22:00 2027-01-30T22:00:00+09:00']);
      expect(brief('Closing date: 12 May 2026, 23:59 local time in Helsinki')).toEqual(['submission 2026-05-13 05:59 2026-05-13T05:59:00+09:00']);
      expect(brief('Deadline: 12 May 2026, noon Beijing time')).toEqual(['submission 2026-05-12 13:00 2026-05-12T13:00:00+09:00']);
      // Korean time is Japan's: nothing to convert, no other zone stated.
      expect(extractDeadlines('Deadline: 12 May 2026, 5 p.m. Korean time').map((d) => [d.time, d.statedTimezone])).toEqual([['17:00', undefined]]);
    });
  });

  describe('what a date is: the words nearest it, its own clause, its label lines', () => {
    it('the step named nearest before the date names it, not an earlier one in the sentence', () => {
      expect(brief('The agency announced a joint call for research of up to three years in duration (call open from June 22 until September 15).', 2026)).toEqual([
        'open 2026-06-22 2026-06-22T23:59:00+09:00 (year inferred)', 'submission 2026-09-15 2026-09-15T23:59:00+09:00 (year inferred)',
      ]);
      expect(brief('The programme supports projects of up to five years (proposals accepted from April 1 to May 29, 2026).')).toEqual([
        'open 2026-04-01 2026-04-01T23:59:00+09:00 (year inferred)', 'submission 2026-05-29 2026-05-29T23:59:00+09:00',
      ]);
      // An aside in brackets stays with its phrase: "Interview (for those who passed the review)" is an interview.
      expect(brief('Interview (for those who passed the document review): 3 July 2026')).toEqual(['interview 2026-07-03 2026-07-03T23:59:00+09:00']);
    });

    it('a step noun or verb right after a Japanese date names it (の締め切り, 締切, に締め切ります, に公募を開始)', () => {
      expect(brief('令和8年4月10日に公募を開始しました。5月29日の締切までに40件の応募がありました。')).toEqual([
        'open 2026-04-10 2026-04-10T23:59:00+09:00', 'submission 2026-05-29 2026-05-29T23:59:00+09:00 (year inferred)',
      ]);
      expect(brief('(5月29日締切)', 2026)).toEqual(['submission 2026-05-29 2026-05-29T23:59:00+09:00 (year inferred)']);
      expect(brief('令和8年4月1日に公募を開始し、同年6月30日に締め切ります。')).toEqual([
        'open 2026-04-01 2026-04-01T23:59:00+09:00', 'submission 2026-06-30 2026-06-30T23:59:00+09:00 (year inferred)',
      ]);
      // A step noun with a colon names the date after it.
      expect(brief('公募開始：6月1日 締切：6月18日', 2026)).toEqual([
        'open 2026-06-01 2026-06-01T23:59:00+09:00 (year inferred)', 'submission 2026-06-18 2026-06-18T23:59:00+09:00 (year inferred)',
      ]);
    });

    it('a sentence speaks for a date only when the date is its only one: a signing beside a call window is no step', () => {
      expect(brief('JSTとパートナー機関は、令和8年4月3日(金)に覚書を締結し、令和8年5月1日(金)から6月30日(火)までの間、共同で課題を募集しました。')).toEqual([
        'open 2026-05-01 2026-05-01T23:59:00+09:00', 'submission 2026-06-30 2026-06-30T23:59:00+09:00 (year inferred)',
      ]);
      expect(brief('JST and the partner agency signed an agreement on 3 April 2026 and opened the joint call on 10 April 2026.')).toEqual(['open 2026-04-10 2026-04-10T23:59:00+09:00']);
      expect(brief('令和8年4月3日に協定を締結し、4月10日に公募を開始しました。')).toEqual(['open 2026-04-10 2026-04-10T23:59:00+09:00 (year inferred)']);
      expect(brief('The earthquake of 25 April 2026 hit the region; the urgent call was open from 5 May to 18 May 2026.')).toEqual([
        'open 2026-05-05 2026-05-05T23:59:00+09:00 (year inferred)', 'submission 2026-05-18 2026-05-18T23:59:00+09:00',
      ]);
    });

    it('a range that leads its line names its step after its end', () => {
      expect(brief('12–14 May 2026 Interviews (online)').map((d) => d.split(' ').slice(0, 2).join(' '))).toEqual(['interview 2026-05-12', 'interview 2026-05-14']);
      expect(brief('2026年6月1日～14日 公募期間').map((d) => d.split(' ').slice(0, 2).join(' '))).toEqual(['open 2026-06-01', 'submission 2026-06-14']);
    });

    it('a month after a range mark needs no qualifier, so the next step\'s date is its own', () => {
      expect(brief('書類選考 2026年6月～7月 面接選考 2026年8月上旬')).toEqual([
        'review 2026-06', 'review 2026-07 (year inferred)', 'interview 2026-08 (tentative)',
      ]);
    });

    it('a step label with 日 or "date" before its colon still marks a yearless slash date', () => {
      expect(brief('〆切日：5/29（金）', 2026)).toEqual(['submission 2026-05-29 2026-05-29T23:59:00+09:00 (year inferred)']);
      expect(brief('Closing date: 5/29 (Fri)', 2026)).toEqual(['submission 2026-05-29 2026-05-29T23:59:00+09:00 (year inferred)']);
    });

    it('a letter of intent or a pre-registration alone is a step of the call', () => {
      expect(brief('Letter of intent (mandatory): by 15 May 2026')).toEqual(['preregistration 2026-05-15 2026-05-15T23:59:00+09:00']);
      expect(brief('事前登録：令和8年5月15日（金）まで')).toEqual(['preregistration 2026-05-15 2026-05-15T23:59:00+09:00']);
    });

    it('dates listed in one sentence with no word of their own share the step named before the first', () => {
      expect(brief('The deadlines are May 12, 2026 for Course A and June 1, 2026 for Course B.')).toEqual([
        'submission 2026-05-12 2026-05-12T23:59:00+09:00', 'submission 2026-06-01 2026-06-01T23:59:00+09:00',
      ]);
      expect(brief('締切は、Aコースが令和8年5月12日、Bコースが6月1日です。')).toEqual([
        'submission 2026-05-12 2026-05-12T23:59:00+09:00', 'submission 2026-06-01 2026-06-01T23:59:00+09:00 (year inferred)',
      ]);
    });

    it('a range no word names is a call window only in words of a call, and never when it spans more than a year', () => {
      expect(extractDeadlines('Period: 1 April 2026 – 31 March 2029', { heading: 'Call for proposals 2026' })).toEqual([]);
      expect(brief('During the period of 11 October through 9 November 2026, the office visited eight universities.')).toEqual([]);
      // A window its label names stays a window, however long.
      expect(brief('公募期間：令和8年4月1日～令和10年3月31日（随時受付）').map((d) => d.split(' ')[0])).toEqual(['open', 'submission']);
    });

    it('a range is the call\'s window only when nothing nearer names it: a start window of the award is its start', () => {
      expect(extractDeadlines('1 July 2026 - 30 November 2026', { lead: dateLead('Fellowship starting date:') }).map((d) => [d.kind, d.date])).toEqual([
        ['start', '2026-07-01'], ['start', '2026-11-30'],
      ]);
      expect(brief('Fellowship start window: 1 October 2026 – 31 March 2027').map((d) => d.split(' ')[0])).toEqual(['start', 'start']);
      expect(brief('Exchanges start between 1 April and 30 September 2027.').map((d) => d.split(' ')[0])).toEqual(['start', 'start']);
    });
  });

  describe('dates of the office, of events and of agreements, which are no steps of the call', () => {
    it('an office closure, before or after its days, in either language', () => {
      expect(brief('The office will be closed from December 27, 2026 to January 4, 2027; inquiries received then will be answered afterwards.')).toEqual([]);
      expect(brief('※令和8年12月29日～令和9年1月3日は当機構年末年始休業のため、お問い合わせへの回答は1月4日以降となります。')).toEqual([]);
      expect(brief('年末年始(令和8年12月29日～令和9年1月3日)は休業いたします。公募締切は令和9年1月15日です。')).toEqual(['submission 2027-01-15 2027-01-15T23:59:00+09:00']);
    });

    it('an event\'s day: a briefing, a symposium, a workshop held, whatever call it speaks of', () => {
      expect(brief('Information session: May 20, 2026, 14:00-15:30 (online)')).toEqual([]);
      expect(brief('The kick-off symposium of the call will be held on 5 June 2026 in Tokyo.')).toEqual([]);
      expect(brief('A workshop was held on March 7-8, 2026 to discuss the call for proposals.')).toEqual([]);
      expect(brief('開催日：令和8年6月5日（金）', undefined, '公募説明会')).toEqual([]);
      // An event in the date's own phrase owns it, in either word order; so does a signature.
      expect(brief('説明会の申込締切：令和8年6月5日（金）')).toEqual([]);
      expect(brief('Registration deadline for the online briefing: June 5, 2026')).toEqual([]);
      expect(extractDeadlines('Date of signature: 19 June 2026', { heading: 'Memorandum of Cooperation on joint calls' })).toEqual([]);
      expect(extractDeadlines('契約締結日：令和8年6月1日', { heading: '公募情報' })).toEqual([]);
      // A deadline beside an event in brackets stays; a step of a programme named for seminars stays.
      expect(brief('Deadline: May 12, 2026 (an information session will be held on April 20, 2026)')).toEqual(['submission 2026-05-12 2026-05-12T23:59:00+09:00']);
      expect(brief('Application deadline for Joint Seminars: May 12, 2026')).toEqual(['submission 2026-05-12 2026-05-12T23:59:00+09:00']);
      expect(brief('Interviews will be held on 3 July 2026.')).toEqual(['interview 2026-07-03 2026-07-03T23:59:00+09:00']);
    });
  });

  it('keeps an unlabelled date under a schedule heading as kind "other", but not one whose words name something else', () => {
    expect(brief('2025年7月1日（火）', undefined, 'スケジュール')).toEqual(['other 2025-07-01 2025-07-01T23:59:00+09:00']);
    expect(brief('Orientation: 15 June 2025', undefined, 'Schedule')).toEqual([]);
    // An opening ceremony is no opening of the call.
    expect(brief('15 June 2025 Opening ceremony', undefined, 'Schedule')).toEqual([]);
  });

  it('never throws and only ever returns valid dates, whatever the text', () => {
    const pieces = fc.constantFrom('Deadline', '締切', '2025年', '13月', '5月', '32日', 'June', '31', ',', ' ', '～', '-', 'noon', '正午', '25:99', '令和', '元年', '(月)', '12:00', '05/28/24', 'TBD');
    fc.assert(fc.property(fc.array(fc.oneof(pieces, fc.string()), { maxLength: 12 }), (parts) => {
      for (const d of extractDeadlines(parts.join(''), { year: 2025 })) {
        expect(d.date).toMatch(/^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/);
        if (d.iso) expect(Number.isNaN(Date.parse(d.iso))).toBe(false);
        if (d.time) expect(d.time).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/);
      }
    }), { numRuns: 300 });
    expect(findDates('')).toEqual([]);
  });
});

describe('findDates', () => {
  it('finds dates glued to each other and to a row label, as table cells copied without spaces come', () => {
    expect(findDates('1stOctober 6, 2025April 1, 2026- March 31, 2027').map((d) => [d.year, d.month, d.day])).toEqual([[2025, 10, 6], [2026, 4, 1], [2027, 3, 31]]);
  });

  it('reads "Round 2, May 2026" as a month, not as May 2', () => {
    expect(findDates('Round 2, May 2026').map((d) => [d.year, d.month, d.day])).toEqual([[2026, 5, undefined]]);
  });

  it('never reads a month inside a word', () => {
    expect(findDates('Decision 12 Marines 3')).toEqual([]);
  });

  it('keeps the weekday a date is printed with', () => {
    expect(findDates('January 13 (Tue), 3月8日(金), Monday 22nd February 2016').map((d) => d.weekday)).toEqual([2, 5, 1]);
  });
});
