/**
 * HTML to blocks with cheerio's htmlparser2 build (cheerio/slim): it closes the implied end tags these
 * pages rely on, parses faster than parse5 and keeps parse5 and its charset tables (iconv-lite) out of
 * the Lambda bundle; charsets are decoded before (charset.ts). The tree is built within the page bounds
 * (bounded-dom.ts), so the walks below may recurse: no page reaches them deeper than 512 levels. Chrome (navigation, header, footer, breadcrumbs, scripts, social links,
 * "last updated" stamps) is set aside as boilerplate, so a site redesign cannot reach the record.
 */
import * as cheerio from 'cheerio/slim';
import type { AnyNode, Element, ParentNode } from 'domhandler';
import type { Block, Document } from './blocks.ts';
import { parseBounded } from './bounded-dom.ts';
import { elementsPassing, firstPassing, simpleTest } from './simple-selectors.ts';
import { MAX_RAW_BLOCK_CHARS, MAX_TABLE_CELLS, rawBlockTooLarge, spend, tableTooLarge } from './limits.ts';
import type { SiteTemplate } from './templates.ts';
import { clean } from './text.ts';

const DROPPED = simpleTest('script, style, noscript, iframe, template, svg, form, button')!;
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
  const $ = cheerio.load(parseBounded(html));
  const root = $.root()[0]!;
  // A title is a line: its first thousand characters are all of it, and all that is worth collapsing.
  const title = clean($('title').first().text().slice(0, 1000)) || undefined;
  $(elementsPassing(root, DROPPED)).remove();
  const boilerplate: Block[] = [];
  // A <header> or <footer> inside the article is the article's own (its title, its notes); the site's are chrome.
  const siteEnds = elementsPassing(root, (el) => el.name === 'header' || el.name === 'footer').filter((el) => !insideContent(el));
  const chrome = [CHROME, ...(template?.chrome ?? [])].join(', ');
  const chromeTest = simpleTest(chrome);
  const chromeParts = (chromeTest ? $(elementsPassing(root, chromeTest)) : $(chrome)).add(siteEnds);
  chromeParts.each((_, el) => {
    const text = textOf(el as Element);
    if (text) boilerplate.push({ type: 'paragraph', text, loc: locOf(el as Element) });
  });
  chromeParts.remove();
  const blocks: Block[] = [];
  walk($, contentRoot($, template), blocks, containersOf(root));
  return { url, title, blocks: blocks.filter((b) => !isStamp(b, boilerplate)), boilerplate };
}

/** The template's content area when it still matches; after a redesign, the first generic guess that holds text; else the body. */
function contentRoot($: cheerio.CheerioAPI, template: SiteTemplate | undefined): Element | undefined {
  for (const selector of [...(template ? [template.content] : []), ...MAIN]) {
    const test = simpleTest(selector);
    const el = test ? firstPassing($.root()[0]!, test) : ($(selector).get(0) as Element | undefined);
    if (el && textOf(el, undefined, 4096).length > 40) return el;
  }
  return $('body').get(0) as Element | undefined;
}

/** Whether an element sits in an article, main or section ($(el).parents(selector), as a plain walk up that the budget sees). */
function insideContent(el: AnyNode): boolean {
  for (let up = el.parent; up; up = up.parent) {
    spend();
    const tag = tagOf(up);
    if (tag === 'article' || tag === 'main' || tag === 'section' || (up as Element).attribs?.role === 'main') return true;
  }
  return false;
}

function isStamp(block: Block, boilerplate: Block[]): boolean {
  if (!STAMP.test(block.text)) return false;
  boilerplate.push(block);
  return true;
}

const tagOf = (node: AnyNode): string | undefined => (node.type === 'tag' ? (node as Element).tagName.toLowerCase() : undefined);
const isList = (node: AnyNode): boolean => tagOf(node) === 'ul' || tagOf(node) === 'ol';

/**
 * The text of an element, a line break read as a space ("Call for<br>proposals" is two words), children that
 * `skip` names left out. A walk over the nodes: the blocks are built from thousands of these, and a selector
 * query per element (find('br')) cost more than the rest of the document stage.
 */
function textOf(el: Element, skip?: (child: AnyNode) => boolean, enough = Number.POSITIVE_INFINITY): string {
  let out = '';
  const visit = (node: AnyNode): void => {
    if (out.length >= enough) return;
    if (node.type === 'text') {
      out += rawText(node);
      if (out.length > MAX_RAW_BLOCK_CHARS && out.length < enough) throw rawBlockTooLarge();
    } else if (node.type === 'tag' || node.type === 'script' || node.type === 'style') {
      spend();
      if ((node as Element).tagName.toLowerCase() === 'br') out += ' ';
      else for (const child of (node as Element).children) visit(child);
    } else if (node.type === 'cdata') for (const child of (node as unknown as { children: AnyNode[] }).children) visit(child);
  };
  for (const child of el.children) if (!skip?.(child)) visit(child);
  return clean(out);
}

/** A text node's text, refused when it alone is longer than any block may be. */
function rawText(node: AnyNode): string {
  const { data } = node as unknown as { data: string };
  if (data.length > MAX_RAW_BLOCK_CHARS) throw rawBlockTooLarge();
  return data;
}

function walk($: cheerio.CheerioAPI, node: AnyNode | undefined, out: Block[], containers: Set<AnyNode>): void {
  if (!node || node.type !== 'tag') return;
  spend();
  const el = node as Element;
  const tag = el.tagName.toLowerCase();
  if (/^h[1-6]$/.test(tag)) return push(out, { type: 'heading', level: Number(tag[1]), text: textOf(el), loc: locOf(el) });
  if (tag === 'table') return table(el, out);
  if (tag === 'li') {
    push(out, { type: 'list-item', text: textOf(el, isList), loc: locOf(el) });
    for (const child of el.children) if (isList(child)) walk($, child, out, containers);
    return;
  }
  if (tag === 'dt') {
    const dd = nextSiblingTagged(el, 'dd');
    return push(out, { type: 'paragraph', text: `${textOf(el)}: ${dd ? textOf(dd) : ''}`, loc: locOf(el) });
  }
  if (tag === 'dd') return;
  if (tag === 'p' || (!containers.has(el) && tag !== 'ul' && tag !== 'ol' && tag !== 'dl')) {
    return push(out, { type: 'paragraph', text: textOf(el), loc: locOf(el) });
  }
  for (const child of el.children) {
    if (child.type === 'text') {
      const loose = clean(rawText(child));
      if (loose) push(out, { type: 'paragraph', text: loose, loc: locOf(el) });
    } else walk($, child, out, containers);
  }
}

const BLOCK_LEVEL = simpleTest('p, div, ul, ol, dl, dt, dd, table, h1, h2, h3, h4, h5, h6, li, section, article, header, footer')!;

/**
 * Every element that holds a block-level element somewhere inside: the rest (a div or span of inline
 * content only) is a paragraph of its own. One pass over the block-level elements, marking their
 * ancestors, instead of a query per element.
 */
function containersOf(root: ParentNode): Set<AnyNode> {
  const containers = new Set<AnyNode>();
  for (const el of elementsPassing(root, BLOCK_LEVEL)) {
    for (let up = el.parent; up && !containers.has(up); up = up.parent) containers.add(up);
  }
  return containers;
}

interface Cell { text: string; th: boolean }

/**
 * A table becomes one block per data row. Leading rows of header cells (several, when a header is
 * grouped: "Call for Japan based researchers" over "ASPIRE for Top Scientists") give each column its
 * header path; a first cell in <th> is the row's own header ("Support scale"). Row- and column spans
 * are expanded, so every cell knows its country, track and attribute.
 */
/** The first following sibling element with this tag ("the dd of a dt"). */
function nextSiblingTagged(el: Element, tag: string): Element | undefined {
  for (let next = el.next; next; next = next.next) {
    spend();
    if (tagOf(next) === tag) return next as Element;
  }
  return undefined;
}

/** The rows of a table, not of the tables nested in its cells. */
function rowsOf(table: Element): Element[] {
  const rows: Element[] = [];
  const visit = (node: AnyNode): void => {
    const tag = tagOf(node);
    if (tag === 'tr') rows.push(node as Element);
    else if (tag && tag !== 'table') for (const child of (node as Element).children) visit(child);
  };
  for (const child of table.children) visit(child);
  return rows;
}

/** A table's rows as a grid of cells, a cell spanning rows or columns repeated in each; rows with no text left out. */
function gridOf(el: Element): Cell[][] {
  const grid: Cell[][] = [];
  const spans = new Map<number, { cell: Cell; left: number }>();
  let filled = 0;
  for (const tr of rowsOf(el)) {
    spend();
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
    for (const node of tr.children) {
      const tag = tagOf(node);
      if (tag !== 'td' && tag !== 'th') continue;
      const td = node as Element;
      fillSpans();
      const cell = { text: textOf(td), th: tag === 'th' };
      const colspan = Math.min(Number(td.attribs.colspan ?? 1) || 1, 50);
      const rowspan = Math.min(Number(td.attribs.rowspan ?? 1) || 1, 500);
      for (let i = 0; i < colspan; i += 1) {
        cells.push(cell);
        if (rowspan > 1) spans.set(col, { cell, left: rowspan - 1 });
        col += 1;
      }
      if (filled + cells.length > MAX_TABLE_CELLS) throw tableTooLarge();
    }
    fillSpans();
    if ((filled += cells.length) > MAX_TABLE_CELLS) throw tableTooLarge();
    if (cells.some((c) => c.text)) grid.push(cells);
  }
  return grid;
}

function table(el: Element, out: Block[]): void {
  const grid = gridOf(el);
  // Header rows: the leading rows whose every filled cell is a <th>.
  let headerRows = 0;
  while (headerRows < grid.length - 1 && headerRows < 3 && grid[headerRows]!.every((c) => c.th || !c.text)) headerRows += 1;
  const width = grid.reduce((widest, row) => Math.max(widest, row.length), 0); // no spread: a long table is more arguments than the stack takes
  const header = headerRows
    ? Array.from({ length: width }, (_, j) => [...new Set(grid.slice(0, headerRows).map((r) => r[j]?.text ?? '').filter(Boolean))].join(' / '))
    : undefined;
  for (const [i, row] of grid.slice(headerRows).entries()) {
    const cells = row.map((c) => c.text);
    const rowHeader = row[0]?.th && row.length > 1 && !(header?.[0]) ? cells[0] : undefined;
    push(out, {
      type: 'table-row', cells, ...(header ? { header } : {}), ...(rowHeader ? { rowHeader } : {}),
      text: [...new Set(cells.filter(Boolean))].join(' | '), loc: `${locOf(el)} tr:${i + headerRows + 1}`,
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
