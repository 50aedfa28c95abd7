/** How query results are printed: aligned for people (Japanese counts double), exact for tools. */
import { describe, expect, it } from 'vitest';
import { displayWidth, formatFrom, formatRows } from '#cli/format.ts';
import { parseDay, parseWithin } from '#cli/option-values.ts';

const rows = [
  { id: 'jst-aspire', name: '先端国際共同研究推進事業', days: 41 },
  { id: 'amed-x', name: 'Comma, "quoted"\nand a new line', days: null },
];

describe('formatRows', () => {
  it('aligns a table by display width, so Japanese names line up with the columns after them', () => {
    const table = formatRows([{ name: '日本語', n: 1 }, { name: 'abc', n: 22 }], ['name', 'n'], 'table').split('\n');
    expect(table).toEqual(['name    n', '------  --', '日本語  1', 'abc     22']);
    expect(displayWidth('日本語abc')).toBe(9);
  });

  it('never prints control characters from page text to the terminal, and shortens long cells', () => {
    const table = formatRows([{ t: `a\u001b[31mred\u0007${'x'.repeat(80)}` }], ['t'], 'table');
    expect(table).not.toMatch(/[\u001b\u0007]/);
    expect(table.split('\n')[2]).toMatch(/…$/);
  });

  it('writes CSV per RFC 4180: quoted fields with commas, quotes and line breaks; CRLF rows; empty for null', () => {
    expect(formatRows(rows, ['id', 'name', 'days'], 'csv')).toBe('id,name,days\r\njst-aspire,先端国際共同研究推進事業,41\r\named-x,"Comma, ""quoted""\nand a new line",');
  });

  it('writes JSON and JSON Lines with exactly the chosen columns, null for missing', () => {
    expect(JSON.parse(formatRows(rows, ['id', 'days'], 'json'))).toEqual([{ id: 'jst-aspire', days: 41 }, { id: 'amed-x', days: null }]);
    expect(formatRows(rows, ['id'], 'jsonl').split('\n').map((l) => JSON.parse(l))).toEqual([{ id: 'jst-aspire' }, { id: 'amed-x' }]);
  });

  it('prints "(nothing)" rather than a bare header when no row matches', () => {
    expect(formatRows([], ['id'], 'table')).toBe('(nothing)');
  });

  it('takes one format flag, table by default', () => {
    expect(formatFrom({})).toBe('table');
    expect(formatFrom({ csv: true })).toBe('csv');
    expect(() => formatFrom({ csv: true, json: true })).toThrow(/choose one output format, not --json and --csv/);
  });
});

describe('query arguments', () => {
  it('reads spans in days, weeks and 30-day months', () => {
    expect([parseWithin('60d'), parseWithin('8w'), parseWithin('2m'), parseWithin('10')]).toEqual([60, 56, 60, 10]);
    expect(() => parseWithin('soon')).toThrow(/write 60d, 8w or 2m/);
  });

  it('reads a bare day as midnight in Japan, and says how to write a date it cannot read', () => {
    expect(parseDay('2025-04-01', '--since')).toBe('2025-03-31T15:00:00.000Z');
    expect(parseDay('2025-04-01T12:00:00Z', '--since')).toBe('2025-04-01T12:00:00.000Z');
    expect(() => parseDay('April', '--until')).toThrow(/--until "April" is not a date: write YYYY-MM-DD/);
  });
});
