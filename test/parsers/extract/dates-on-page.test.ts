/**
 * Dates on whole pages, as the agencies lay them out around the call: a notice list whose lines say the
 * call opened, a change log, a schedule written line by line, a table a copy broke over lines. Each page is
 * in the project's own words and goes through parsePage, so the record is what a subscriber would get.
 */
import { describe, expect, it } from 'vitest';
import { parsePage } from '#parsers/parse-page.ts';

/** The page's deadlines, "kind date time" each, over all its calls. */
async function deadlines(body: string, lang: 'en' | 'ja' = 'en'): Promise<string[]> {
  const html = `<html lang="${lang}"><body><main>${body}</main></body></html>`;
  const source = { id: 'test', agency: 'JST' as const, lang, kind: 'html' as const, url: 'https://www.jst.go.jp/test/dates.html' };
  const result = await parsePage({ source, body: new TextEncoder().encode(html) });
  return result.programs.flatMap((p) => p.calls).flatMap((c) => c.deadlines).map((d) => [d.kind, d.date, d.time].filter(Boolean).join(' '));
}

describe('dates on a page', () => {
  it('a notice list: the days it says acceptance began are the openings, the other notices are no dates of the call', async () => {
    const body = `<h1>交流計画の申請</h1><p>最新のお知らせ（2026/7/3）</p><ul>
      <li>（7/1）2026年度の第2回申請受付を開始しました。</li>
      <li>（6/20）申請にあたっての注意事項を更新しました。</li>
      <li>（5/18）2026年度の申請受付を開始しました。申請の手順は募集要項をご覧ください。</li></ul>`;
    expect(await deadlines(body, 'ja')).toEqual(['open 2026-07-01', 'open 2026-05-18']);
  });

  it('a change log: the day a form was revised is no deadline; the day a deadline was moved to is', async () => {
    const body = `<h1>Call for proposals FY2026</h1><p>Change log</p>
      <p>2026.05.02 The application deadline has been extended until 12 June 2026.</p>
      <p>Update information for Theme 1 - Annex 4 Budget Plan - 20 April 2026</p>
      <p>Submission Deadline 06/12/26 Fri (noon JST)</p>`;
    expect(await deadlines(body)).toEqual(['submission 2026-06-12', 'submission 2026-06-12 12:00']);
  });

  it('a schedule of dated lines, each naming its step after the date', async () => {
    const body = `<h1>Joint call with a partner agency</h1><p>Schedule</p>
      <p>14 Sep 2026 Closing for letters of intent (partner side only)</p>
      <p>After the middle of Oct 2026 Notification of the first screening</p>
      <p>2 Nov 2026 Start accepting full proposals</p>`;
    expect(await deadlines(body)).toEqual(['submission 2026-09-14', 'notification 2026-10', 'open 2026-11-02']);
  });

  it('a schedule table a copy broke over lines, the previous cycle in brackets: one opening and deadline per row, none from last year', async () => {
    const body = `<h1>公募スケジュール</h1><table>
      <tr><td>種目</td><td>公募開始</td><td>公募締切</td><td>交付内定(※1)</td></tr>
      <tr><td>基盤研究(S)</td><td>令和8年4月10日 (令和7年7月1日)</td></tr>
      <tr><td>令和8年6月18日 (令和7年9月5日)</td></tr><tr><td>令和9年4月上旬 (令和8年4月上旬)</td></tr>
      <tr><td>若手研究</td><td>令和8年7月14日 (令和7年8月1日)</td></tr>
      <tr><td>令和8年9月17日 (令和7年10月6日)</td></tr><tr><td>令和9年4月上旬 (令和8年4月上旬)</td></tr></table>`;
    expect(await deadlines(body, 'ja')).toEqual(['open 2026-04-10', 'submission 2026-06-18', 'notification 2027-04', 'open 2026-07-14', 'submission 2026-09-17']);
  });

  it('deadlines under one step line, each date on its own line below its track, with notes between', async () => {
    const body = `<h1>令和9年度 科研費の公募</h1><p>応募書類の提出期限</p>
      <p>基盤研究(S・A)</p><p>令和8(2026) 年9月7日(月)午後4時30分(厳守)</p><p>※期限までに電子申請システムにより送信すること。</p>
      <p>基盤研究(B・C)、若手研究</p><p>令和8(2026) 年10月7日(水)午後4時30分(厳守)</p><p>※期限までに電子申請システムにより送信すること。</p>`;
    expect(await deadlines(body, 'ja')).toEqual(['submission 2026-09-07 16:30', 'submission 2026-10-07 16:30']);
  });

  it('a page that gives only the call\'s window, in a sentence about something else, gives its opening and its deadline only', async () => {
    const body = `<h1>Agency signs a memorandum with a partner funder</h1>
      <p>The two agencies signed the memorandum on May 19, 2026 and have held two workshops to date, in February 2024 and March 2025.</p>
      <p>The agency has announced a joint call for research of up to three years in duration (call open from June 22 until September 15).</p>
      <p>Last updated 07/10/26</p>`;
    expect(await deadlines(body)).toEqual(['open 2026-06-22', 'submission 2026-09-15']);
  });

  it('a page of events and office notices gives no dates of a call', async () => {
    const body = `<h1>事後評価委員会の開催について</h1><p>公募課題の事後評価を以下の日程で行いました。</p>
      <p>開催日：令和8年9月18日(金)、9月24日(木)、10月1日(木)</p>
      <p>※令和8年12月29日～令和9年1月3日は当機構年末年始休業のため、お問い合わせへの回答は1月4日以降となります。</p>`;
    expect(await deadlines(body, 'ja')).toEqual([]);
    const english = `<h1>Office news</h1><p>A workshop on the joint call was held on March 7-8, 2026 in Tokyo.</p>
      <p>During the period of 11 October through 9 November 2026, the office visited eight universities to present its fellowships.</p>
      <p>The office will be closed from December 27, 2026 to January 4, 2027.</p>`;
    expect(await deadlines(english)).toEqual([]);
  });

  it('a schedule as a two-column table of step and date, in either language, each row its step', async () => {
    const ja = `<h1>令和8年度 公募</h1><h2>スケジュール</h2><table><tr><td>公募開始</td><td>令和8年4月1日（水）</td></tr>
      <tr><td>公募締切</td><td>令和8年5月29日（金）正午</td></tr><tr><td>研究開始</td><td>令和8年10月1日</td></tr></table>`;
    expect(await deadlines(ja, 'ja')).toEqual(['open 2026-04-01', 'submission 2026-05-29 12:00', 'start 2026-10-01']);
    const en = `<h1>Joint call 2026</h1><table><tr><th>Step</th><th>Date</th></tr><tr><td>Opening of the call</td><td>1 April 2026</td></tr>
      <tr><td>Closing of the call</td><td>29 May 2026, 16:00 CEST</td></tr><tr><td>Funding decision</td><td>October 2026</td></tr></table>`;
    expect(await deadlines(en)).toEqual(['open 2026-04-01', 'submission 2026-05-29 23:00', 'notification 2026-10']);
  });

  it('a programme\'s schedule of events, as a table or as dated lines, gives no step of a call', async () => {
    const table = `<h1>Summer Program 2026</h1><h2>Program schedule</h2><table><tr><th>Date</th><th>Program</th></tr>
      <tr><td>14 June 2026</td><td>Arrival in Japan</td></tr><tr><td>15 June 2026</td><td>Opening ceremony</td></tr>
      <tr><td>15 - 20 June 2026</td><td>Orientation and homestay</td></tr><tr><td>24 August 2026</td><td>Departure from Japan</td></tr></table>`;
    expect(await deadlines(table)).toEqual([]);
    const lines = `<h1>Summer Program 2026</h1><p>Schedule</p><p>14 June Arrival in Japan</p><p>15 June Opening Ceremony</p>
      <p>15 - 20 June Orientation Session &amp; Homestay</p><p>24 August Departure from Japan</p><p>The program runs from June to August 2026.</p>`;
    expect(await deadlines(lines)).toEqual([]);
  });

  it('a call page with a closure notice: the deadline only', async () => {
    const body = `<h1>令和8年度 公募について</h1><p>公募締切：令和9年1月15日（金）正午</p>
      <p>※令和8年12月28日（月）～令和9年1月4日（月）は年末年始のため、お問い合わせへの対応を休止します。</p>`;
    expect(await deadlines(body, 'ja')).toEqual(['submission 2027-01-15 12:00']);
  });

  it('an overseas office\'s page: per country, a call that opens and closes, in its own zone, and the fellowship\'s start window', async () => {
    const body = `<h1>Postdoctoral Fellowships (Standard)</h1><p>FY2027 Call</p><p>Sweden</p><p>Call opens</p><p>20 November 2026</p>
      <p>Call closes</p><p>15 January (Fri) 2027, 17:00 CET</p><p>Fellowship starting date:</p><p>1 July 2027 - 30 November 2027</p>
      <p>Finland</p><p>Call opens</p><p>24 August 2026</p><p>Call closes</p><p>21 September 2026 at 16.15 Finnish time</p>`;
    expect(await deadlines(body)).toEqual([
      'open 2026-11-20', 'submission 2027-01-16 01:00', 'start 2027-07-01', 'start 2027-11-30', 'open 2026-08-24', 'submission 2026-09-21 22:15',
    ]);
  });

  it('a block with a condition and a deadline: the condition\'s date is left, the deadline kept, sentence by sentence', async () => {
    const body = `<h1>Call for proposals FY2026</h1>
      <p>Applicants must have held a permanent post in Japan since April 1, 2021. Proposals must be submitted through e-Rad by June 12, 2026 (noon JST).</p>`;
    expect(await deadlines(body)).toEqual(['submission 2026-06-12 12:00']);
  });

  it('a date inside a condition on who may apply is no deadline of the call', async () => {
    const body = `<h1>特別研究員の募集</h1><p>申請資格</p>
      <p>令和8年4月1日現在、博士の学位を取得後5年未満の者。</p>
      <p>大学院博士課程に在学し、令和8年3月31日までに所定の単位を修得の上退学した者も申請できます。</p>
      <p>申請書提出期限：令和8年5月29日（金）17時（必着）</p>`;
    expect(await deadlines(body, 'ja')).toEqual(['submission 2026-05-29 17:00']);
  });
});
