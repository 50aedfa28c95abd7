/**
 * Rows out, in the format the reader asked for: an aligned table for people (Japanese characters
 * count two columns, as terminals draw them), JSON, JSON Lines or CSV (RFC 4180) for tools.
 */
export type Cell = string | number | boolean | null | undefined;
export type Row = Record<string, Cell>;
export const FORMATS = ['table', 'json', 'jsonl', 'csv'] as const;
export type Format = (typeof FORMATS)[number];

/** Columns a terminal draws twice as wide: CJK ideographs, kana, full-width forms, Hangul. */
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += WIDE.test(ch) ? 2 : 1;
  return width;
}

function truncate(text: string, max: number): string {
  if (displayWidth(text) <= max) return text;
  let out = '';
  for (const ch of text) {
    if (displayWidth(out + ch) > max - 1) break;
    out += ch;
  }
  return `${out}…`;
}

const text = (cell: Cell): string => (cell === null || cell === undefined ? '' : String(cell));
/** Scraped text may hold control characters: never let them reach the terminal. */
const printable = (value: string): string => value.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');

export function formatTable(rows: Row[], columns: string[], maxWidth = 48): string {
  if (rows.length === 0) return '(nothing)';
  const cells = rows.map((row) => columns.map((c) => truncate(printable(text(row[c])), maxWidth)));
  const widths = columns.map((c, i) => Math.max(displayWidth(c), ...cells.map((r) => displayWidth(r[i]!))));
  const line = (values: string[]) => values.map((v, i) => (i === values.length - 1 ? v : v + ' '.repeat(widths[i]! - displayWidth(v)))).join('  ').trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function formatCsv(rows: Row[], columns: string[]): string {
  return [columns, ...rows.map((row) => columns.map((c) => text(row[c])))].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export function formatRows(rows: Row[], columns: string[], format: Format): string {
  switch (format) {
    case 'json': return JSON.stringify(rows.map((row) => pick(row, columns)), null, 2);
    case 'jsonl': return rows.map((row) => JSON.stringify(pick(row, columns))).join('\n');
    case 'csv': return formatCsv(rows, columns).trimEnd();
    case 'table': return formatTable(rows, columns);
  }
}

function pick(row: Row, columns: string[]): Row {
  return Object.fromEntries(columns.map((c) => [c, row[c] ?? null]));
}

/** The format from the flags (--json, --jsonl, --csv), table by default; two at once is an error. */
export function formatFrom(options: { json?: boolean; jsonl?: boolean; csv?: boolean }): Format {
  const chosen = (['json', 'jsonl', 'csv'] as const).filter((f) => options[f]);
  if (chosen.length > 1) throw new Error(`choose one output format, not ${chosen.map((f) => `--${f}`).join(' and ')}`);
  return chosen[0] ?? 'table';
}
