/** A call's status comes from its own words, never from the page around it. */
import { describe, expect, it } from 'vitest';
import { parsePage } from '#parsers/parse-page.ts';

const source = { id: 'test', agency: 'JST' as const, lang: 'ja' as const, kind: 'html' as const, url: 'https://www.jst.go.jp/test/call.html' };
const CALL = '<h1>令和8年度 国際共同研究 公募</h1><p>公募は終了しました。</p><p>提出期限：令和8年5月12日(火)正午</p>';

async function calls(html: string) {
  const result = await parsePage({ source, body: new TextEncoder().encode(html) });
  return result.programs.flatMap((p) => p.calls).map((c) => ({ status: c.status, deadlines: c.deadlines.map((d) => `${d.kind} ${d.date} ${d.time}`) }));
}

/** The call's page in a site's chrome: a menu, a side box of news and a footer, each of which a redesign may change. */
function page(variant: 0 | 1, main = CALL): string {
  const menu = ['トップ', '公募', ...(variant ? ['イベント'] : []), '報道発表'].map((m) => `<li><a href="/${m}">${m}</a></li>`).join('');
  const news = variant ? '2026.01.05 新しい公募を開始しました（募集中）' : '2025.12.01 システムメンテナンスのお知らせ';
  return `<html lang="ja"><body><ul id="gnav">${menu}</ul><main>${main}</main>
    <div id="side"><h3>新着情報</h3><p>${news}</p></div><div id="footer"><p>Copyright © ${variant ? 2026 : 2025} JST</p></div></body></html>`;
}

describe('call status', () => {
  it('is the same whatever the chrome around the call says: menu, side news, copyright year', async () => {
    expect(await calls(page(0))).toEqual(await calls(page(1)));
    expect((await calls(page(1)))[0]!.status).toBe('closed');
  });

  it('takes nothing from a news list inside the content, which speaks of other calls too', async () => {
    const main = `<h1>令和8年度 国際共同研究 公募</h1><p>提出期限：令和8年5月12日(火)正午</p>
      <h2>新着情報</h2><ul><li>2026年4月1日 別事業の公募は終了しました。</li></ul>`;
    expect((await calls(page(0, main)))[0]!.status).toBe('unknown');
  });

  it('is upcoming when the call will be announced, not when its results or schedule will be', async () => {
    const later = '<h1>FY2026 Joint Call</h1><p>The joint call will be announced in April 2026.</p>';
    const results = '<h1>FY2026 Joint Call</h1><p>The call is now closed.</p><p>The interview schedule will be announced on this website.</p>';
    expect((await calls(page(0, later)))[0]!.status).toBe('upcoming');
    expect((await calls(page(0, results)))[0]!.status).toBe('closed');
  });
});
