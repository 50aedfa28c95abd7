/** Schedule tables: column headers name the step, row headers the round or track, each date cell is that step of that row. */
import { describe, expect, it } from 'vitest';
import { htmlToDocument } from '#parsers/document/html.ts';
import { parsePage } from '#parsers/parse-page.ts';
import { stepColumns } from '#parsers/extract/schedule-columns.ts';
import { rowSlots } from '#parsers/extract/schedule-rows.ts';
import { readScheduleTables } from '#parsers/extract/schedule-table.ts';

/** The page's blocks read as one section, each with the year `year` in force; the deadlines, one line each. */
function readTables(body: string, year?: number): string[] {
  const { blocks } = htmlToDocument(`<html><body><main>${body}</main></body></html>`, 'https://www.jst.go.jp/test/');
  const tables = readScheduleTables(blocks.map((block) => ({ block, year })));
  return blocks.flatMap((b) => tables.get(b) ?? []).map((d) => [
    d.kind, d.date, d.time, `[${d.label}]`, d.yearInferred && '(year inferred)', d.tentative && '(tentative)',
  ].filter(Boolean).join(' '));
}

describe('stepColumns', () => {
  it('reads a header line as the steps it names, in order', () => {
    expect(stepColumns('Deadline Result')?.map((c) => c.step)).toEqual(['submission', 'notification']);
    expect(stepColumns('Application deadline Periods for arrival in Japan')?.map((c) => [c.name, c.step])).toEqual([
      ['Application deadline', 'submission'], ['Periods for arrival in Japan', 'period'],
    ]);
    expect(stepColumns('公募開始 ・ 公募締切 ・ 採択通知')?.map((c) => c.step)).toEqual(['open', 'submission', 'notification']);
    // 審査結果通知 is one step (the notification), not 審査 and 結果通知; a footnote marker is no word of the header.
    expect(stepColumns('審査結果通知(※3)')?.map((c) => [c.name, c.step])).toEqual([['審査結果通知', 'notification']]);
    expect(stepColumns('交付内定(注4)')?.map((c) => c.step)).toEqual(['notification']);
    // A header says when, in what zone and for whom besides the step's name.
    expect(['公募締切日時', '受付開始日時', '応募受付期間', '採択予定時期', 'Submission deadline (JST)', '提出期限（必着）', 'Application deadline at JSPS',
      'Notification of results', 'Interview (online)'].map((h) => stepColumns(h)?.map((c) => c.step).join())).toEqual([
      'submission', 'open', 'open', 'notification', 'submission', 'submission', 'submission', 'notification', 'interview',
    ]);
  });

  it('reads step names by word class: a start word and a call word in either order, a closing, the programme\'s own running', () => {
    const steps = (line: string) => stepColumns(line)?.map((c) => c.step).join(' ');
    expect(steps('Start Acceptance Application Deadline Result Notification Program Implementation')).toBe('open submission notification period');
    expect(steps('Opening of applications / Close of submissions / Funding decision')).toBe('open submission notification');
    expect(steps('Acceptance starts | Call closes | Exchange period')).toBe('open submission period');
    expect(steps('Project start date')).toBe('start');
  });

  it('is no header when the line says anything but step names', () => {
    expect(stepColumns('The deadline is firm')).toBeUndefined();
    expect(stepColumns('Course D')).toBeUndefined();
  });
});

describe('rowSlots', () => {
  it('cuts a row at its dates, a range being one slot, after a short row label', () => {
    expect(rowSlots('2 February 24 (Tue) May 14 (Thu) Mid July Late August ~ March 12, 2027')).toEqual({
      label: '2', slots: ['February 24 (Tue)', 'May 14 (Thu)', 'Mid July', 'Late August ~ March 12, 2027'],
    });
  });

  it('takes "In the" and "From the" before a date as part of its slot', () => {
    expect(rowSlots('2nd Round July 1st, 2026 August 31st, 2026 In the middle of October From the middle of November to March 15th, 2027')?.slots).toEqual([
      'July 1st, 2026', 'August 31st, 2026 In the', 'middle of October From the', 'middle of November to March 15th, 2027',
    ]);
  });

  it('is no row when words other than times and marks stand between the dates', () => {
    expect(rowSlots('Proposals are due on June 3, 2026, and results follow in July 2026')).toBeUndefined();
  });
});

describe('readScheduleTables', () => {
  it('reads a table whose markup was lost and whose header lost its first column: the extra first date opens the window', () => {
    const body = `<p>Track B</p><p>Schedule for FY2026 is as follows.</p>
      <p>Deadline Result</p><p>Visit period</p>
      <p>1 January 13 (Tue) February 24 (Tue) Mid April Late May ~ March 12, 2027</p>
      <p>2 February 25 (Wed) May 14 (Thu) Mid July Late August ~ March 12, 2027</p>`;
    expect(readTables(body, 2027)).toEqual([
      'open 2026-01-13 [Track B 1] (year inferred)', 'submission 2026-02-24 [Track B 1 Deadline] (year inferred)',
      'notification 2026-04 [Track B 1 Result] (year inferred) (tentative)',
      'open 2026-02-25 [Track B 2] (year inferred)', 'submission 2026-05-14 [Track B 2 Deadline] (year inferred)',
      'notification 2026-07 [Track B 2 Result] (year inferred) (tentative)',
    ]);
  });

  it('reads a calendar whose header names the opening, the deadline, the result and the programme\'s running, leaving the running out', () => {
    const body = `<p>Schedule for FY2026 is as below.</p>
      <p>  Start Acceptance Application Deadline Result Notification Program Implementation</p>
      <p>1st Round April 6th, 2026 May 29th, 2026 In the end of July From the end of August to March 12th, 2027</p>`;
    expect(readTables(body)).toEqual([
      'open 2026-04-06 [1st Round Start Acceptance]', 'submission 2026-05-29 [1st Round Application Deadline]',
      'notification 2026-07 [1st Round Result Notification] (year inferred)',
    ]);
  });

  it('reads rows whose cells were glued together, and leaves the arrival period out', () => {
    const body = `<p>Application deadline Periods for arrival in Japan</p>
      <p>1stOctober 6, 2025April 1, 2026- March 31, 2027</p><p>2ndMay 12, 2026October 1, 2026- March 31, 2027</p>`;
    expect(readTables(body)).toEqual(['submission 2025-10-06 [1st Application deadline]', 'submission 2026-05-12 [2nd Application deadline]']);
  });

  it('reads a <table> by its header cells, the row header naming the round, the year from the fiscal year before it', () => {
    const body = `<p>令和8年度の公募スケジュール</p><table>
      <tr><th>回</th><th>公募開始</th><th>公募締切</th><th>採択通知</th></tr>
      <tr><th>第1回</th><td>4月1日(水)</td><td>5月12日(火)正午</td><td>7月上旬</td></tr>
      <tr><th>第2回</th><td>11月4日(水)</td><td>1月14日(木)正午</td><td>3月下旬</td></tr></table>`;
    expect(readTables(body)).toEqual([
      'open 2026-04-01 [第1回 公募開始] (year inferred)', 'submission 2026-05-12 12:00 [第1回 公募締切] (year inferred)',
      'notification 2026-07 [第1回 採択通知] (year inferred) (tentative)',
      // A step never comes before the row's previous step: January after November is the next year's.
      'open 2026-11-04 [第2回 公募開始] (year inferred)', 'submission 2027-01-14 12:00 [第2回 公募締切] (year inferred)',
      'notification 2027-03 [第2回 採択通知] (year inferred) (tentative)',
    ]);
  });

  it('takes a first row of step names written in plain cells as the header of the rows below it', () => {
    const body = `<table><tr><td>Track</td><td>Call opens</td><td>Deadline</td></tr>
      <tr><td>Course A</td><td>April 1, 2026</td><td>June 2, 2026 (noon)</td></tr></table>`;
    expect(readTables(body)).toEqual(['open 2026-04-01 [Course A Call opens]', 'submission 2026-06-02 12:00 [Course A Deadline]']);
  });

  it('reads a call window under an application-period column as its opening and its deadline', () => {
    const body = `<table><tr><th>Round</th><th>Application period</th></tr>
      <tr><td>1st</td><td>April 1 – May 12, 2026 (17:00 JST)</td></tr></table>`;
    expect(readTables(body)).toEqual([
      'open 2026-04-01 [1st Application period] (year inferred)', 'submission 2026-05-12 17:00 [1st Application period]',
    ]);
  });

  it('reads a row a copy broke over several lines, its header names footnoted, the previous cycle\'s dates in brackets left out', () => {
    const body = `<table>
      <tr><td>種目名(※1)</td><td>公募開始</td><td>公募締切</td><td>審査結果通知(※2)</td><td>交付内定</td></tr>
      <tr><td>基盤研究(S)</td><td>令和8年4月10日 (令和7年7月1日)</td></tr>
      <tr><td>令和8年6月18日 (令和7年9月5日)</td></tr>
      <tr><td>令和9年2月中旬 (令和8年3月16日)</td></tr>
      <tr><td>令和9年4月上旬 (令和8年4月上旬)</td></tr>
      <tr><td>若手研究</td></tr>
      <tr><td>令和8年7月14日 (令和7年8月1日) (注:一部の種目は令和7年7月1日)</td></tr>
      <tr><td>令和8年9月17日 (令和7年10月6日)</td></tr></table>`;
    expect(readTables(body)).toEqual([
      'open 2026-04-10 [基盤研究(S) 公募開始]', 'submission 2026-06-18 [基盤研究(S) 公募締切]',
      'notification 2027-02 [基盤研究(S) 審査結果通知] (tentative)', 'notification 2027-04 [基盤研究(S) 交付内定] (tentative)',
      // The last row ends where the copy was cut: the cells it has are read.
      'open 2026-07-14 [若手研究 公募開始]', 'submission 2026-09-17 [若手研究 公募締切]',
    ]);
  });

  it('reads a schedule written as a date on its line and its steps on the lines below', () => {
    const body = `<p>Schedule for the FY2027 programme</p>
      <p>June 2026</p><p>-Guidelines published on the website</p><p>-Start of application acceptance</p>
      <p>September 4, 2026</p><p>-Application deadline</p>
      <p>Mid-December 2026</p><p>-Selection of candidates</p>`;
    // "Application deadline" is September 4's step, not the label of the December line below it.
    expect(readTables(body)).toEqual(['open 2026-06 [Start of application acceptance]', 'submission 2026-09-04 [Application deadline]']);
    const ja = `<p>令和8年5月7日（木）</p><p>公募開始</p><p>令和8年6月18日（木）正午</p><p>応募締切</p>`;
    expect(readTables(ja)).toEqual(['open 2026-05-07 [公募開始]', 'submission 2026-06-18 12:00 [応募締切]']);
  });

  it('gives a label written above its date to that date, not to the one above it', () => {
    expect(readTables('<p>Application deadline</p><p>September 4, 2026</p><p>Notification</p><p>December 2026</p>')).toEqual([
      'submission 2026-09-04 [Application deadline]', 'notification 2026-12 [Notification]',
    ]);
  });

  it('leaves a table whose columns name no step to the sentence reader', () => {
    const body = `<table><tr><th>Item</th><th>Date</th></tr><tr><td>Call opens</td><td>April 1, 2026</td></tr></table>`;
    expect(readTables(body)).toEqual([]);
  });
});

describe('a schedule table on a page', () => {
  it('gives each row its dates once, and a page sentence below it none of them again', async () => {
    const html = `<html lang="en"><body><main><h1>Exchange programme</h1><p>Schedule for FY2026:</p>
      <p>Deadline Result</p><p>Invitation period</p>
      <p>1 January 13 (Tue) February 24 (Tue) Mid April Late May ~ March 12, 2027</p>
      <p>Applications are sent to JST within the period above.</p></main></body></html>`;
    const source = { id: 'test', agency: 'JST' as const, lang: 'en' as const, kind: 'html' as const, url: 'https://www.jst.go.jp/test/schedule.html' };
    const result = await parsePage({ source, body: new TextEncoder().encode(html) });
    const deadlines = result.programs.flatMap((p) => p.calls).flatMap((c) => c.deadlines).map((d) => `${d.kind} ${d.date}`);
    expect(deadlines).toEqual(['open 2026-01-13', 'submission 2026-02-24', 'notification 2026-04']);
  });
});
