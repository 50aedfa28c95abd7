/**
 * HTML to blocks with cheerio. Chrome (navigation, header, footer, breadcrumbs, scripts, social links,
 * "last updated" stamps) is set aside as boilerplate, so a site redesign cannot reach the record.
 */
import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import type { Block, Document } from './blocks.ts';
import { clean } from './text.ts';

const DROP = 'script, style, noscript, iframe, template, svg, form, button';
const CHROME = [
  'header', 'nav', 'footer', 'aside', '[role=navigation]', '[role=banner]', '[role=contentinfo]',
  '#header', '#footer', '#gnav', '#globalnav', '#navi', '#nav', '#sidebar', '#side', '#pankuzu', '#topicpath', '#breadcrumb',
  '.l-header', '.l-footer', '.breadcrumb', '.topicpath', '.pankuzu', '.gnav', '.sidebar', '.sns', '.social', '.share',
  '.skip', '.pagetop', '.print', '.banner', '.local-nav', '.localnav',
].join(', ');
const MAIN = ['main', '#main', '#contents', '#content', 'article', '[role=main]'];
/** "Last updated 07/03/24", "更新日：2025年4月1日", "最終更新日": stamps change on every edit, facts don't. */
export const STAMP = /^(last\s*(updated|modified)|updated\s*(on)?|最終更新日?|更新日|掲載日)\s*[:：]?/i;

export function htmlToDocument(html: string, url: string): Document {
  const $ = cheerio.load(html);
  const title = clean($('title').first().text()) || undefined;
  $(DROP).remove();
  const boilerplate: Block[] = [];
  $(CHROME).each((_, el) => {
    const text = clean($(el).text());
    if (text) boilerplate.push({ type: 'paragraph', text, loc: locOf(el as Element) });
  });
  $(CHROME).remove();
  const root = MAIN.map((sel) => $(sel).first()).find((el) => el.length > 0 && clean(el.text()).length > 40) ?? $('body');
  const blocks: Block[] = [];
  walk($, root.get(0), blocks);
  return { url, title, blocks: blocks.filter((b) => !isStamp(b, boilerplate)), boilerplate };
}

function isStamp(block: Block, boilerplate: Block[]): boolean {
  if (!STAMP.test(block.text)) return false;
  boilerplate.push(block);
  return true;
}

function walk($: cheerio.CheerioAPI, node: AnyNode | undefined, out: Block[]): void {
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
    nested.each((_, list) => walk($, list, out));
    return;
  }
  if (tag === 'dt') return push(out, { type: 'paragraph', text: `${text()}: ${clean($(el).nextAll('dd').first().text())}`, loc: locOf(el) });
  if (tag === 'dd') return;
  if (tag === 'p' || (isLeafBlock($, el) && tag !== 'ul' && tag !== 'ol' && tag !== 'dl')) {
    return push(out, { type: 'paragraph', text: clean($(el).find('br').replaceWith('\n').end().text()), loc: locOf(el) });
  }
  for (const child of el.children) {
    if (child.type === 'text') {
      const loose = clean((child as unknown as { data: string }).data);
      if (loose) push(out, { type: 'paragraph', text: loose, loc: locOf(el) });
    } else walk($, child, out);
  }
}

/** A div or span holding only inline content is a paragraph of its own. */
function isLeafBlock($: cheerio.CheerioAPI, el: Element): boolean {
  return $(el).find('p, div, ul, ol, dl, table, h1, h2, h3, h4, h5, h6, li, section, article').length === 0;
}

function table($: cheerio.CheerioAPI, el: Element, out: Block[]): void {
  const grid: string[][] = [];
  const spans = new Map<number, { text: string; left: number }>();
  let header: string[] | undefined;
  $(el).find('tr').each((rowIndex, tr) => {
    const cells: string[] = [];
    const isHeader = $(tr).children('td').length === 0 && $(tr).children('th').length > 0;
    let col = 0;
    const fillSpans = (): void => {
      while (spans.has(col)) {
        const span = spans.get(col)!;
        cells.push(span.text);
        if ((span.left -= 1) <= 0) spans.delete(col);
        col += 1;
      }
    };
    $(tr).children('td, th').each((_, cell) => {
      fillSpans();
      const text = clean($(cell).text());
      const colspan = Number($(cell).attr('colspan') ?? 1) || 1;
      const rowspan = Number($(cell).attr('rowspan') ?? 1) || 1;
      for (let i = 0; i < colspan; i += 1) {
        cells.push(text);
        if (rowspan > 1) spans.set(col, { text, left: rowspan - 1 });
        col += 1;
      }
    });
    fillSpans();
    if (isHeader && !header) header = cells;
    else if (cells.some(Boolean)) grid.push(cells);
    void rowIndex;
  });
  for (const [i, cells] of grid.entries()) {
    push(out, { type: 'table-row', cells, ...(header ? { header } : {}), text: cells.filter(Boolean).join(' | '), loc: `${locOf(el)} tr:${i + 1}` });
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
