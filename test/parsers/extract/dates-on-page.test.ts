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
