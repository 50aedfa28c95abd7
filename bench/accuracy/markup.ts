/**
 * A corpus text as a page: the same plain, agency-like markup that `../shared/corpus/score.mjs` wraps
 * around each text (it is not any real site's layout), so that the numbers here and the scorer's agree.
 * Paragraph runs with two or more `|` lines become a table, runs of bulleted lines a list, anything else
 * one <div> per line; `variant` 1 is the cosmetic version (one more menu item, other side note and year).
 */
import type { CorpusPage } from './corpus.ts';

const SITE: Record<CorpusPage['agency'], [string, string]> = {
  JST: ['Japan Science and Technology Agency', '科学技術振興機構'],
  AMED: ['Japan Agency for Medical Research and Development', '日本医療研究開発機構'],
  JSPS: ['Japan Society for the Promotion of Science', '日本学術振興会'],
};

export const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const BULLET = /^\s*[•・\-*]\s/;

/** The text's blank-line-separated runs as tables, lists and lines. */
export function markupText(text: string): string {
  const blocks: string[] = [];
  for (const run of text.split(/\n\s*\n/)) {
    const lines = run.split('\n').filter((l) => l.trim());
    if (!lines.length) continue;
    if (lines.filter((l) => l.includes('|')).length >= 2) {
      const rows = lines.filter((l) => !/^\s*\|?\s*-{3}/.test(l))
        .map((l) => `<tr>${l.replace(/^\s*\||\|\s*$/g, '').split('|').map((c) => `<td>${escapeHtml(c.trim())}</td>`).join('')}</tr>`);
      blocks.push(`<table class="tbl">${rows.join('\n')}</table>`);
    } else if (lines.every((l) => BULLET.test(l))) {
      blocks.push(`<ul>${lines.map((l) => `<li>${escapeHtml(l.replace(/^\s*[•・\-*]\s*/, ''))}</li>`).join('')}</ul>`);
    } else {
      blocks.push(lines.map((l) => `<div class="txt">${escapeHtml(l)}</div>`).join('\n'));
    }
  }
  return blocks.join('\n');
}

/** The whole page: head, top bar, global menu, breadcrumbs, the content, a side note and a footer. */
export function wrapPage(page: Pick<CorpusPage, 'agency' | 'lang' | 'url'>, text: string, variant: 0 | 1 = 0, content = markupText(text)): string {
  const ja = page.lang === 'ja';
  const [en, jn] = SITE[page.agency];
  const title = (text.split('\n').find((l) => l.trim()) ?? '').slice(0, 90);
  const menu = ja ? ['トップ', '事業案内', '公募', '報道発表', '採用', 'サイトマップ'] : ['Top', 'Programs', 'Funding', 'Press', 'Careers', 'Sitemap'];
  if (variant) menu.splice(3, 0, ja ? 'イベント' : 'Events');
  return `<!doctype html><html lang="${page.lang}"><head><meta charset="utf-8"><title>${escapeHtml(title)} - ${ja ? jn : en}</title>
<link rel="canonical" href="${page.url}"><script src="/js/site${variant ? '-2' : ''}.js"></script></head>
<body class="${variant ? 'v2' : 'v1'}"><div id="top-bar"><a href="/">${ja ? jn : en}</a> <a href="/en/">English</a> <a href="/">日本語</a></div>
<ul id="gnav">${menu.map((m) => `<li><a href="/${escapeHtml(m)}">${escapeHtml(m)}</a></li>`).join('')}</ul>
<ol class="topic-path"><li><a href="/">${ja ? 'トップ' : 'Top'}</a></li><li>${escapeHtml(title.slice(0, 40))}</li></ol>
<div id="main-contents">
${content}
</div>
<div id="side"><h3>${ja ? '新着情報' : 'What’s new'}</h3><p>${variant ? '2026.01.05' : '2025.12.01'} ${ja ? 'システムメンテナンスのお知らせ' : 'System maintenance notice'}</p></div>
<div id="footer"><p>Copyright © ${variant ? 2026 : 2025} ${en}. All rights reserved.</p><a href="/privacy">${ja ? '個人情報保護' : 'Privacy'}</a></div>
</body></html>`;
}

/** A listing text as a list page: each labelled title a link in its line, one <li> per line. */
export function wrapListing(listing: Pick<CorpusPage, 'agency' | 'lang' | 'url'> & { text: string; entries: Array<{ title: string }> }): string {
  let body = escapeHtml(listing.text);
  const base = listing.url.replace(/[^/]*$/, '');
  listing.entries.forEach((e, i) => {
    body = body.replace(escapeHtml(e.title), `<a href="${base}entry-${i}.html">${escapeHtml(e.title)}</a>`);
  });
  const list = `<ul>${body.split('\n').filter((x) => x.trim()).map((x) => `<li>${x}</li>`).join('\n')}</ul>`;
  return wrapPage(listing, '', 0, '').replace('<div id="main-contents">\n\n</div>', `<div id="main-contents">${list}</div>`);
}
