/**
 * HTML to blocks with cheerio's htmlparser2 build (cheerio/slim): it closes the implied end tags these
 * pages rely on, parses faster than parse5 and keeps parse5 and its charset tables (iconv-lite) out of
 * the Lambda bundle; charsets are decoded before (charset.ts). Chrome (navigation, header, footer, breadcrumbs, scripts, social links,
 * "last updated" stamps) is set aside as boilerplate, so a site redesign cannot reach the record.
 */
import * as cheerio from 'cheerio/slim';
import type { AnyNode, Element } from 'domhandler';
import type { Block, Document } from './blocks.ts';
import type { SiteTemplate } from './templates.ts';
import { clean } from './text.ts';

const DROP = 'script, style, noscript, iframe, template, svg, form, button';
const CHROME = [
  'nav', 'aside', '[role=navigation]', '[role=banner]', '[role=contentinfo]',
  '#header', '#footer', '#gnav', '#globalnav', '#navi', '#nav', '#sidebar', '#side', '#pankuzu', '#topicpath', '#breadcrumb',
  '.l-header', '.l-footer', '.breadcrumb', '.topicpath', '.pankuzu', '.gnav', '.sidebar', '.sns', '.social', '.share',
  '.skip', '.pagetop', '.print', '.banner', '.local-nav', '.localnav',
].join(', ');
const MAIN = ['main', '#main', '#contents', '#content', 'article', '[role=main]'];
/** "Last updated 07/03/24", "更新日：2025年4月1日", "最終更新日": stamps change on every edit, facts don't. */
export const STAMP = /^(last\s*(updated|modified)|updated\s*(on)?|最終更新日?|更新日|掲載日)\s*[:：]?/i;

export function htmlToDocument(html: string, url: string, template?: SiteTemplate): Document {
  const $ = cheerio.load(html);
  const title = clean($('title').first().text()) || undefined;
  $(DROP).remove();
  const boilerplate: Block[] = [];
  // A <header> or <footer> inside the article is the article's own (its title, its notes); the site's are chrome.
  const siteEnds = $('header, footer').filter((_, el) => $(el).parents('article, main, [role=main], section').length === 0);
  const chrome = [CHROME, ...(template?.chrome ?? [])].join(', ');
  $(chrome).add(siteEnds).each((_, el) => {
    const text = clean($(el).text());
    if (text) boilerplate.push({ type: 'paragraph', text, loc: locOf(el as Element) });
  });
  $(chrome).add(siteEnds).remove();
  // The template's content area when it still matches; after a redesign, the generic guesses.
  const root = [...(template ? [template.content] : []), ...MAIN].map((sel) => $(sel).first()).find((el) => el.length > 0 && clean(el.text()).length > 40) ?? $('body');
  const blocks: Block[] = [];
  walk($, root.get(0), blocks, containersOf($));
  return { url, title, blocks: blocks.filter((b) => !isStamp(b, boilerplate)), boilerplate };
}

function isStamp(block: Block, boilerplate: Block[]): boolean {
  if (!STAMP.test(block.text)) return false;
  boilerplate.push(block);
  return true;
}

function walk($: cheerio.CheerioAPI, node: AnyNode | undefined, out: Block[], containers: Set<AnyNode>): void {
  if (!node || node.type !== 'tag') return;
  const el = node as Element;
  const tag = el.tagName.toLowerCase();
  const text = (): string => clean($(el).text());
  if (/^h[1-6]$/.test(tag)) return push(out, { type: 'heading', level: Number(tag[1]), text: text(), loc: locOf(el) });
  if (tag === 'table') return table($, el, out);
  if (tag === 'li') {
    const nested = $(el).children('ul, ol');
    const own = clean($(el).clone().children('ul, ol').remove().end().text());
    push(out, { type: 'list-item', text: own, loc: locOf(el) });
    nested.each((_, list) => walk($, list, out, containers));
    return;
  }
  if (tag === 'dt') return push(out, { type: 'paragraph', text: `${text()}: ${clean($(el).nextAll('dd').first().text())}`, loc: locOf(el) });
  if (tag === 'dd') return;
  if (tag === 'p' || (!containers.has(el) && tag !== 'ul' && tag !== 'ol' && tag !== 'dl')) {
    return push(out, { type: 'paragraph', text: clean($(el).find('br').replaceWith('\n').end().text()), loc: locOf(el) });
  }
  for (const child of el.children) {
    if (child.type === 'text') {
      const loose = clean((child as unknown as { data: string }).data);
      if (loose) push(out, { type: 'paragraph', text: loose, loc: locOf(el) });
    } else walk($, child, out, containers);
  }
}

const BLOCK_LEVEL = 'p, div, ul, ol, dl, dt, dd, table, h1, h2, h3, h4, h5, h6, li, section, article, header, footer';

/**
 * Every element that holds a block-level element somewhere inside: the rest (a div or span of inline
 * content only) is a paragraph of its own. One pass over the block-level elements, marking their
 * ancestors, instead of a query per element.
 */
function containersOf($: cheerio.CheerioAPI): Set<AnyNode> {
  const containers = new Set<AnyNode>();
  $(BLOCK_LEVEL).each((_, el) => {
    for (let up = el.parent; up && !containers.has(up); up = up.parent) containers.add(up);
  });
  return containers;
}

interface Cell { text: string; th: boolean }

/**
 * A table becomes one block per data row. Leading rows of header cells (several, when a header is
 * grouped: "Call for Japan based researchers" over "ASPIRE for Top Scientists") give each column its
 * header path; a first cell in <th> is the row's own header ("Support scale"). Row- and column spans
 * are expanded, so every cell knows its country, track and attribute.
 */
function table($: cheerio.CheerioAPI, el: Element, out: Block[]): void {
  const grid: Cell[][] = [];
  const spans = new Map<number, { cell: Cell; left: number }>();
  $(el).find('tr').filter((_, tr) => $(tr).closest('table').get(0) === el).each((_, tr) => {
    const cells: Cell[] = [];
    let col = 0;
    const fillSpans = (): void => {
      while (spans.has(col)) {
        const span = spans.get(col)!;
        cells.push(span.cell);
        if ((span.left -= 1) <= 0) spans.delete(col);
        col += 1;
      }
    };
    $(tr).children('td, th').each((_, node) => {
      fillSpans();
      const cell = { text: clean($(node).find('br').replaceWith(' ').end().text()), th: (node as Element).tagName.toLowerCase() === 'th' };
      const colspan = Math.min(Number($(node).attr('colspan') ?? 1) || 1, 50);
      const rowspan = Math.min(Number($(node).attr('rowspan') ?? 1) || 1, 500);
      for (let i = 0; i < colspan; i += 1) {
        cells.push(cell);
        if (rowspan > 1) spans.set(col, { cell, left: rowspan - 1 });
        col += 1;
      }
    });
    fillSpans();
    if (cells.some((c) => c.text)) grid.push(cells);
  });
  // Header rows: the leading rows whose every filled cell is a <th>.
  let headerRows = 0;
  while (headerRows < grid.length - 1 && headerRows < 3 && grid[headerRows]!.every((c) => c.th || !c.text)) headerRows += 1;
  const width = Math.max(0, ...grid.map((r) => r.length));
  const header = headerRows
    ? Array.from({ length: width }, (_, j) => [...new Set(grid.slice(0, headerRows).map((r) => r[j]?.text ?? '').filter(Boolean))].join(' / '))
    : undefined;
  for (const [i, row] of grid.slice(headerRows).entries()) {
    const cells = row.map((c) => c.text);
    const rowHeader = row[0]?.th && row.length > 1 && !(header?.[0]) ? cells[0] : undefined;
    push(out, {
      type: 'table-row', cells, ...(header ? { header } : {}), ...(rowHeader ? { rowHeader } : {}),
      text: cells.filter((c, j) => c && cells.indexOf(c) === j).join(' | '), loc: `${locOf(el)} tr:${i + headerRows + 1}`,
    });
  }
}

function push(out: Block[], block: Block): void {
  if (block.text) out.push(block);
}

function locOf(el: Element): string {
  const parts: string[] = [];
  for (let node: Element | null = el; node && node.type === 'tag' && parts.length < 4; node = node.parent as Element | null) {
    const id = node.attribs?.id ? `#${node.attribs.id}` : '';
    const cls = !id && node.attribs?.class ? `.${node.attribs.class.split(/\s+/)[0]}` : '';
    parts.unshift(`${node.tagName}${id}${cls}`);
  }
  return parts.join(' > ');
}
