/**
 * Eligibility read from whole pages: one short page a surface form, written for this project. Each
 * reproduces a layout real agency pages use (headings styled as plain paragraphs, a list introduced by a
 * requirement, a flattened table row, a row header, a column header) and the sections that look like
 * eligibility but are not (invitee requirements, evaluation criteria).
 */
import { describe, expect, it } from 'vitest';
import { parsePage } from '#parsers/parse-page.ts';
import type { Lang } from '#parsers/schema.ts';

async function terms(body: string, lang: Lang = 'en'): Promise<string[]> {
  const html = `<!doctype html><html lang="${lang}"><head><title>Call</title></head><body>
<ul id="gnav"><li><a href="/">Top</a></li><li><a href="/calls">Calls</a></li></ul>
<main><h1>Joint call for proposals</h1>${body}</main><footer><p>Copyright JST</p></footer></body></html>`;
  const source = { id: 'page', agency: 'JST' as const, lang, kind: 'html' as const, url: 'https://www.jst.go.jp/test/call.html', adapter: 'none' };
  const result = await parsePage({ source, body: new TextEncoder().encode(html) });
  return result.programs.flatMap((p) => p.calls).flatMap((c) => c.eligibility).map((e) => e.text);
}

describe('eligibility on a page', () => {
  it('takes the sentence that says who may apply out of a paragraph, and nothing else of it', async () => {
    expect(await terms('<p>The call supports joint research for three years. Researchers at universities or companies in Japan were invited to submit proposals. Up to 18 million yen is available.</p>'))
      .toEqual(['Researchers at universities or companies in Japan were invited to submit proposals.']);
  });

  it('reads what stands under a heading styled as a plain paragraph ("3. 応募資格")', async () => {
    expect(await terms('<div>2. 募集分野</div><div>情報科学の全分野とします。</div><div>3. 応募資格</div><div>日本国内の大学や研究機関で研究に従事している研究者。</div><div>4. 支援期間</div><div>3年間</div>', 'ja'))
      .toEqual(['日本国内の大学や研究機関で研究に従事している研究者。']);
  });

  it('reads the items of a list introduced by a requirement, without the introduction', async () => {
    const page = '<p>To be eligible, the partner PI must meet one of the following requirements:</p><ul><li>Holds a permanent post at a university in Korea.</li><li>Has already received funding from the partner agency.</li></ul>';

    expect(await terms(page)).toEqual(['Holds a permanent post at a university in Korea.', 'Has already received funding from the partner agency.']);
  });

  it('does not read the paragraph after such a list as one of its items', async () => {
    const page = '<p>To be eligible, the partner PI must meet one of the following requirements:</p><ul><li>Holds a permanent post at a university in Korea.</li></ul><p>Researchers in the joint teams meet twice a year in Seoul.</p>';

    expect(await terms(page)).toEqual(['Holds a permanent post at a university in Korea.']);
  });

  it('reads a flattened Japanese table row by its own label', async () => {
    const page = '<div>対象分野 自然科学全般</div><div>提案機関の要件 大学を代表機関とし、1社以上の企業を含む3機関以上の連名による申請</div>';

    expect(await terms(page, 'ja')).toEqual(['提案機関の要件 大学を代表機関とし、1社以上の企業を含む3機関以上の連名による申請']);
  });

  it('reads a table row by its row header, and a cell by its column header', async () => {
    const rowHeader = '<table><tr><th>Eligible applicants</th><td>Researchers leading an independent group in Japan</td></tr><tr><th>Budget</th><td>Up to 5 million yen</td></tr></table>';
    const columnHeader = '<table><tr><th>区分</th><th>応募資格</th></tr><tr><td>A</td><td>国内の研究機関に所属する常勤の研究者</td></tr></table>';

    expect(await terms(rowHeader)).toEqual(['Researchers leading an independent group in Japan']);
    expect(await terms(columnHeader, 'ja')).toEqual(['国内の研究機関に所属する常勤の研究者']);
  });

  it('leaves the requirements for invitees, even under an eligibility heading', async () => {
    const page = '<h2>Eligibility criteria</h2><p>Individual applications cannot be accepted.</p><p>Requirements for invitees</p><ul><li>University students and postdoctoral researchers under 40 years old</li><li>The invitee must be visiting Japan for the first time.</li></ul>';

    expect(await terms(page)).toEqual(['Individual applications cannot be accepted.']);
  });

  it('leaves the items of a list of evaluation criteria', async () => {
    const page = '<p>The following evaluation criteria were applied to each proposal:</p><ol><li>Ability of the principal investigator to lead the team</li><li>Researchers must show a clear plan for exchange.</li></ol>';

    expect(await terms(page)).toEqual([]);
  });

  it('keeps the heading-like line above a footnote mark or an attribute name on a line of its own', async () => {
    const page = '<div>申請資格</div><div>学位</div><div>※2</div><div>令和8年4月1日現在、博士の学位を取得後5年未満の者</div><div>職歴</div><div>常勤の研究職にあった期間が通算して5年未満の者</div>';

    expect(await terms(page, 'ja')).toEqual(['令和8年4月1日現在、博士の学位を取得後5年未満の者', '常勤の研究職にあった期間が通算して5年未満の者']);
  });

  it('reads a Q&A answer under its question, and never the question', async () => {
    const page = '<p>Q1 応募できる機関の要件を教えてください。</p><p>A1 国内に事業所を有する法人である必要があります。</p><p>Q2 説明会はいつ開催されますか。</p><p>A2 4月中旬に開催を予定しています。</p>';

    expect(await terms(page, 'ja')).toEqual(['国内に事業所を有する法人である必要があります。']);
  });

  it('reads a table row without header cells by its short first cell', async () => {
    const page = '<table><tr><td>Eligibility</td><td>Researchers in Japan or Korea</td></tr><tr><td>Budget</td><td>Up to 5 million yen</td></tr></table>';

    expect(await terms(page)).toEqual(['Researchers in Japan or Korea']);
  });

  it('reads lines that start with a bullet glyph as items of the introduction, and ends the list at a line without one', async () => {
    const page = '<p>Researchers who meet all the following requirements are eligible to apply:</p><div>● Must hold a doctoral degree.</div><div>● Fluent in English or Japanese</div><div>● At least three years of research experience</div><div>Successful teams will meet in Tokyo each spring.</div>';

    expect(await terms(page)).toEqual([
      'Researchers who meet all the following requirements are eligible to apply:', 'Must hold a doctoral degree.', 'Fluent in English or Japanese', 'At least three years of research experience',
    ]);
  });

  it('reads a sentence that goes on from a term ("However, …") as part of it, in the next block too, and not after anything else', async () => {
    const after = '<p>Applicants must hold a doctoral degree.</p><p>However, doctoral candidates in their final year are also included.</p>';
    const alone = '<p>The call supports joint research.</p><p>However, doctoral candidates in their final year are also included.</p>';

    expect(await terms(after)).toEqual(['Applicants must hold a doctoral degree.', 'However, doctoral candidates in their final year are also included.']);
    expect(await terms(alone)).toEqual([]);
  });

  it('leaves the aims a list introduction announces', async () => {
    const page = '<p>JST will support joint research between researchers in Japan and Canada to pursue the following aims:</p><ul><li>To build lasting links between researchers of both countries.</li><li>To train young researchers through exchange.</li></ul>';

    expect(await terms(page)).toEqual([]);
  });

  it('reads bulleted conditions put as bare verbs of being or having, whatever heading they stand under', async () => {
    const page = '<div>Fields of research</div><div>All fields of science are covered.</div><div>· Be a national of a country with diplomatic relations with Japan</div><div>· Hold a doctorate awarded within the last six years</div><div>· Apply through your host researcher in Japan.</div>';

    expect(await terms(page)).toEqual(['Be a national of a country with diplomatic relations with Japan', 'Hold a doctorate awarded within the last six years']);
  });

  it('reads the items of a list introduced by naming eligibility ("応募資格は以下のとおりです。")', async () => {
    const page = '<p>応募資格は以下のとおりです。</p><ol><li>博士の学位を取得していること</li><li>日本国内に居住していること</li></ol>';

    expect(await terms(page, 'ja')).toEqual(['博士の学位を取得していること', '日本国内に居住していること']);
  });

  it('reads a table row of one cell as the heading it is', async () => {
    const page = '<table><tr><td>公募の段階</td><td>公募</td></tr><tr><td>2. 申請資格</td></tr><tr><td>大学院の博士課程に在籍していること</td></tr></table>';

    expect(await terms(page, 'ja')).toEqual(['大学院の博士課程に在籍していること']);
  });

  it('reads the items under a label line that ends in a colon ("For whom:")', async () => {
    expect(await terms('<div>For whom:</div><div>Pre- and postdoctoral researchers with permanent residency in Norway</div>'))
      .toEqual(['Pre- and postdoctoral researchers with permanent residency in Norway']);
  });

  it('keeps a question as the context of its answer, past the rows of a table written as lines', async () => {
    const page = '<p>Q1. How do the long-term and short-term invitation fellowships differ?</p><p>A1. As follows:</p><div>Programme Short-term Long-term</div><div>Eligibility Senior researchers with excellent records Mid-career researchers with excellent records</div>';

    expect(await terms(page)).toEqual([]);
  });

  it("leaves a tool's guesses at what the reader may qualify for", async () => {
    const page = '<p>This tool can be used to see which fellowships you may be eligible for.</p><p>Based on your answers, you are likely eligible for:</p><ul><li>You are a national of a country with diplomatic relations with Japan.</li><li>You can also apply through a nominating authority in your country.</li></ul>';

    expect(await terms(page)).toEqual([]);
  });

  it('reads a sentence a layout broke over two paragraphs whole', async () => {
    expect(await terms('<p>Applicants must hold a doctoral</p><p>degree from a university outside Japan.</p>'))
      .toEqual(['Applicants must hold a doctoral degree from a university outside Japan.']);
  });
});

describe('dates in a statement of who may apply', () => {
  async function read(body: string, lang: Lang): Promise<{ terms: string[]; dates: string[] }> {
    const html = `<!doctype html><html lang="${lang}"><head><title>Call</title></head><body><main><h1>Joint call</h1>${body}</main></body></html>`;
    const source = { id: 'page', agency: 'JST' as const, lang, kind: 'html' as const, url: 'https://www.jst.go.jp/test/call.html', adapter: 'none' };
    const calls = (await parsePage({ source, body: new TextEncoder().encode(html) })).programs.flatMap((p) => p.calls);
    return { terms: calls.flatMap((c) => c.eligibility.map((e) => e.text)), dates: calls.flatMap((c) => c.deadlines.map((d) => d.date)) };
  }

  it('are conditions, not deadlines, when the statement is taken under a heading-like line', async () => {
    const read1 = await read('<div>3. 応募資格</div><div>令和8年4月1日までに日本国内の研究機関に着任する予定の者</div><div>4. 研究期間</div><div>3年間</div>', 'ja');
    const read2 = await read('<div>Who can apply</div><div>Researchers who take up a post in Japan by 1 April 2026</div><div>Budget</div><div>Up to 3 million yen</div>', 'en');

    expect(read1).toEqual({ terms: ['令和8年4月1日までに日本国内の研究機関に着任する予定の者'], dates: [] });
    expect(read2).toEqual({ terms: ['Researchers who take up a post in Japan by 1 April 2026'], dates: [] });
  });
});
