/**
 * Schedule tables, read as tables: the column headers name the step (公募開始, 締切, 提出期限, Deadline,
 * Result, Invitation period ...), the row header names the track or the round (Course A, 第1回, 1st),
 * and each date cell is that step of that row.
 *
 *     Deadline        Result      Invitation period          <- header: steps, one per column
 *   1 January 25 (Thu) February 22 (Thu) Mid April  Late May ~ March 14, 2025
 *   ^ row label        ^ one slot more than the header names: the header lost its first column,
 *                        which in a schedule is the opening before the deadline
 *
 * Two shapes reach here: <table> rows (cells and header known) and tables whose markup was lost, one
 * line per row ("1stSeptember 4, 2020April 1, 2021- March 31, 2022"), where a row is cut into slots at
 * its dates (a range is one slot) and matched to the header by count. A yearless date takes its year
 * from its own row (a year written in an earlier cell), else from the fiscal year the page states
 * before the table ("Schedule for FY2024"), else from the last year written before it; a weekday printed
 * beside it decides between neighbouring years, and a step never comes before the row's previous step.
 * Periods of the funded work (invitation, arrival, research periods) are columns, not deadlines.
 *
 * The header's step names are schedule-columns.ts's, a row's slots and reading schedule-rows.ts's, and a date
 * over its step lines schedule-date-lines.ts's.
 */
import type { Deadline } from '#parsers/schema.ts';
import type { Block } from '../document/blocks.ts';
import { fold } from '../document/text.ts';
import { eraYear } from './date-grammar.ts';
import { findDates } from './dates.ts';
import { stepColumns, type Column } from './schedule-columns.ts';
import { dateThenStep, loneDate } from './schedule-date-lines.ts';
import { nameSlots, readRow, rowSlots } from './schedule-rows.ts';

/** What the reader knows of a block of the section. */
export interface TableInput { block: Block; year?: number }

/**
 * The deadlines of every schedule table in a section, by the blocks they were read from. A block in
 * the map was read as part of a table (its entry may be empty: a header, a row of periods); the other
 * blocks are left to the sentence reader.
 */
export function readScheduleTables(items: TableInput[]): Map<Block, Deadline[]> {
  const out = new Map<Block, Deadline[]>();
  const tableHeaders = new Map<string, Array<Column | undefined>>();
  const { rows, original } = barredRows(items);
  for (let i = 0; i < rows.length; i += 1) {
    const { block } = rows[i]!;
    if (block.type === 'table-row') {
      const parts = wrappedRow(rows, i, tableHeaders);
      const read = tableRow(joinRow(parts), tableHeaders, () => tableYear(rows, i));
      if (read) parts.forEach((part, k) => out.set(original.get(part) ?? part, k ? [] : read));
      i += parts.length - 1;
    } else if (block.type !== 'heading' && stepColumns(block.text)) {
      i = lineTable(rows, i, out) - 1;
    } else if (block.type !== 'heading' && loneDate(block.text)) {
      // The step lines below a date are its own, not the header of a table.
      const read = dateThenStep(rows, i);
      if (read) out.set(block, read.deadlines);
      i += read?.lines ?? 0;
    }
  }
  return out;
}

type Row = Extract<Block, { type: 'table-row' }>;

/**
 * A table whose copy lost its markup but kept its cell marks, one paragraph to a line ("研究種目名 | 公募開始 |
 * 公募締切 |", "基盤研究(S) | 令和8年4月10日 |", "令和8年6月18日 |"), read as the rows it was; a line of dates
 * after such lines, without marks (where the copy was cut), is its last row. Each row remembers its paragraph.
 */
function barredRows(items: TableInput[]): { rows: TableInput[]; original: Map<Block, Block> } {
  const original = new Map<Block, Block>();
  let run: string | undefined;
  const rows = items.map((item) => {
    const { block } = item;
    const barred = block.type !== 'table-row' && block.type !== 'heading' && block.text.includes('|');
    const lastRow = run !== undefined && block.type === 'paragraph' && findDates(fold(block.text))[0]?.start === 0;
    if (!barred && !lastRow) {
      run = undefined;
      return item;
    }
    run ??= block.loc;
    const row: Row = { type: 'table-row', cells: block.text.split('|').map((c) => c.trim()).filter(Boolean), text: block.text, loc: `${run} bars tr:${original.size}` };
    original.set(row, block);
    return { ...item, block: row };
  });
  return { rows, original };
}

const tableOf = (row: Row): string => row.loc.replace(/ tr:\d+$/, '');
const dated = (cell: string | undefined): boolean => Boolean(cell && findDates(fold(cell)).length);

/**
 * A row a copy broke over several lines, one cell or two to a line ("基盤研究(S) | 令和5年4月13日 |", then
 * "令和5年6月19日 |", ...): the lines after it whose cells are dates belong to it until it has as many cells
 * as the header names; a line starting with a name of its own is the next row.
 */
function wrappedRow(items: TableInput[], at: number, headers: Map<string, Array<Column | undefined>>): Row[] {
  const first = items[at]!.block as Row;
  const width = first.header?.length ?? headers.get(tableOf(first))?.length ?? 0;
  const parts = [first];
  let cells = first.cells.length;
  for (let i = at + 1; cells < width && i < items.length; i += 1) {
    const next = items[i]!.block;
    if (next.type !== 'table-row' || tableOf(next) !== tableOf(first) || !dated(next.cells[0]) || cells + next.cells.length > width) break;
    parts.push(next);
    cells += next.cells.length;
  }
  return parts;
}

const joinRow = (parts: Row[]): Row => (parts.length === 1 ? parts[0]! : {
  ...parts[0]!, cells: parts.flatMap((p) => p.cells), text: parts.map((p) => p.text).join(' | '),
});


/** A table whose markup was lost: header lines of step names, then one line per row. Returns the index after it. */
function lineTable(items: TableInput[], start: number, out: Map<Block, Deadline[]>): number {
  const columns: Column[] = [];
  let i = start;
  for (let more: Column[] | undefined; i < items.length && items[i]!.block.type !== 'table-row' && (more = stepColumns(items[i]!.block.text)); i += 1) {
    columns.push(...more);
  }
  const caption = captionBefore(items, start);
  const year = tableYear(items, start);
  const header = items.slice(start, i).map((x) => x.block);
  let rows = 0;
  for (; i < items.length && items[i]!.block.type !== 'heading'; i += 1) {
    const row = rowSlots(items[i]!.block.text);
    const named = row && nameSlots(row.slots, columns);
    if (!row || !named) break;
    out.set(items[i]!.block, readRow(named, { caption, label: row.label, year, evidence: items[i]!.block.text }));
    rows += 1;
  }
  if (rows) for (const block of header) out.set(block, []);
  return rows ? i : start + 1;
}

/** A <table> row under step-naming column headers; a row of step names alone is the header of the rows after it. */
function tableRow(block: Extract<Block, { type: 'table-row' }>, headers: Map<string, Array<Column | undefined>>, year: () => number | undefined): Deadline[] | undefined {
  const table = block.loc.replace(/ tr:\d+$/, '');
  // A header row in plain cells: step names, but for the first column's own name ("Track", "回").
  const names = block.cells.map((c) => (c ? stepColumns(c)?.[0] : undefined));
  if (names.filter(Boolean).length >= 2 && names.every((n, j) => n || !block.cells[j] || (j === 0 && !findDates(fold(block.cells[0]!)).length))) {
    headers.set(table, names);
    return [];
  }
  const own = block.header?.map((h) => stepColumns(h)?.[0]) ?? headers.get(table);
  if (!own?.some(Boolean)) return undefined;
  const dated = block.cells.map((c, j) => ({ text: c, column: own[j] })).filter((c, j) => c.text && block.cells.indexOf(c.text) === j && findDates(fold(c.text)).length);
  if (!dated.length) return undefined;
  const rowLabel = block.rowHeader ?? (findDates(fold(block.cells[0] ?? '')).length || own[0] ? '' : block.cells[0] ?? '');
  const context = { caption: '', label: rowLabel, year: year(), evidence: block.text };
  if (dated.every((c) => c.column)) return readRow(dated.map((c) => ({ text: c.text, column: c.column! })), context);
  const named = nameSlots(dated.map((c) => c.text), own.flatMap((c) => c ?? []));
  return named ? readRow(named, context) : undefined;
}


const FISCAL_YEAR = /(?:FY\s?|fiscal year\s?)(\d{4})|(\d{4})\s*年度|(令和|平成)\s*(\d{1,2}|元)\s*年度/gi;

/** The year a table's yearless dates are in: the fiscal year stated last before it, else the last year written before it. */
function tableYear(items: TableInput[], at: number): number | undefined {
  for (let i = at; i >= 0 && i > at - 12; i -= 1) {
    const m = [...fold(items[i]!.block.text).matchAll(FISCAL_YEAR)].at(-1);
    if (m) return m[3] ? eraYear(m[3], m[4]!) : Number(m[1] ?? m[2]);
  }
  return items[at]!.year;
}

/** The short title line a table stands under ("Course D", "Schedule:"), looking past at most two sentences about it. */
function captionBefore(items: TableInput[], at: number): string {
  for (let i = at - 1; i >= 0 && i >= at - 3; i -= 1) {
    const { block } = items[i]!;
    const text = fold(block.text);
    if (block.type === 'heading' || block.type === 'table-row' || findDates(text).length) return '';
    if (text.length <= 40 && !/[.。]$/.test(text)) return text.replace(/[:：]\s*$/, '');
  }
  return '';
}
