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
 */
import type { Deadline, DeadlineKind } from '#parsers/schema.ts';
import type { Block } from '../document/blocks.ts';
import { fold } from '../document/text.ts';
import { eraYear } from './date-grammar.ts';
import { stepLine } from './date-words.ts';
import { extractDeadlines, findDates, lastYearIn } from './dates.ts';

type Step = DeadlineKind | 'period';
interface Column { name: string; step: Step }

/** Word classes of header names: what is sent in, and the verbs that open a call. */
const CALL_NOUN = '(?:applications?|acceptance|calls?|submissions?|proposals?|recruitment|entries)';
const OPEN_WORD = '(?:start(?:s|ing)?|begin(?:s|ning)?|open(?:s|ing)?|launch(?:es)?)';

/**
 * Header words of a schedule, each naming one step; longer names first where one holds another (審査結果通知 before
 * 審査). An opening is a start word and a call word in either order ("Start Acceptance", "Acceptance starts",
 * "Opening of applications"), a closing a deadline or a call word with a closing word ("Call closes", "Close of
 * submissions"); the programme's own running ("Program Implementation", "Exchange period") is a period, not a step.
 */
const STEP_NAMES: Array<[Step, string]> = [
  ['period', '(?:invitation|visit|stay|arrival|fellowship|research|project|support|implementation)\\s+(?:start\\s+)?periods?|periods?\\s+(?:for|of)\\s+(?:arrival|stay|visit|invitation|support|research)(?:\\s+in\\s+japan)?'
    + '|(?:program(?:me)?|project|exchange)\\s+(?:impl\\w*|periods?|dates?)|招へい期間|滞在期間|来日期間|渡日期間|採用期間|研究期間|(?:研究)?実施(?:予定)?期間|支援期間|派遣期間'],
  ['preregistration', 'pre-?registration(?:\\s+deadline)?|事前(?:登録|申請)(?:締切|締め切り|期限)?'],
  ['open', `${CALL_NOUN}\\s+(?:period|${OPEN_WORD}(?:\\s+date)?)|${OPEN_WORD}\\s+(?:of\\s+)?(?:the\\s+)?${CALL_NOUN}|open(?:ing)?\\s+date|call\\s+opens?`
    + '|(?:公募|募集|応募|申請)?受付(?:開始|期間)(?:日時|日|時期)?|(?:公募|募集|応募|申請)(?:開始|期間)(?:日時|日|時期)?'],
  ['submission', `(?:(?:application|submission|proposal|recommendation)\\s+)?deadline|clos(?:e|ing)\\s+date|due\\s+date|${CALL_NOUN}\\s+(?:closes?|closing|ends?)|(?:close|closing|end)\\s+of\\s+(?:the\\s+)?${CALL_NOUN}`
    + '|(?:公募|募集|応募|申請|提出|受付)?(?:締切|締め切り|〆切|期限)(?:日時|日|時刻)?'],
  ['interview', 'interviews?|面接(?:審査|選考)?'],
  ['notification', '(?:notification|announcement)\\s+of\\s+(?:the\\s+)?(?:selection\\s+)?results?|results?\\s+(?:notification|announcement)|results?|notification|announcement|(?:funding\\s+|selection\\s+)?decisions?|採択(?:予定)?(?:時期|日)|(?:採択|採否|選考|審査)?結果(?:の)?(?:通知|発表)?|採択(?:通知|決定|発表)|採否(?:通知|決定)|(?:交付)?内定|交付決定'],
  ['review', '(?:document\\s+)?(?:screening|review)|(?:書類)?(?:審査|選考)(?:期間)?'],
  ['start', 'start\\s+of\\s+(?:research|project|fellowship)|(?:research|project|fellowship|program(?:me)?)\\s+start(?:s|ing)?(?:\\s+date)?|(?:研究|事業|支援|採用)開始(?:日|時期)?'],
];
const STEP = new RegExp(STEP_NAMES.map(([, s]) => `(${s})`).join('|'), 'gi');
/** What may stand between the step names of a header line or a header cell. */
const HEADER_GLUE = /^[\s/・,、|()（）\-–—:：]*$/;

/** A footnote marker beside a header's name: "審査結果通知(※3)", "Deadline*1", "公募締切(注2)". */
const FOOTNOTE = /[(（]\s*(?:※|注|\*)\s*\d{0,2}\s*[)）]|(?:※|\*)\d{0,2}|注\d{1,2}\)?/g;

/**
 * What a header may say of a step besides its name: a bracketed qualifier ("(JST)", "（必着）", "(online)") and
 * whose step it is ("Application deadline at JSPS", "Deadline for host institutions").
 */
const QUALIFIER = /[(（][^)）]{0,16}[)）]|\b(?:at|for|to|by|via)\s+(?:the\s+)?[A-Za-z][\w-]*(?:\s+(?:side|institutions?|office|portal))?/g;

/** The steps a header line or cell names, in order, when naming steps is all it does. */
export function stepColumns(text: string): Column[] | undefined {
  const t = fold(text).replace(FOOTNOTE, '').trim();
  if (!t || t.length > 120) return undefined;
  const columns = [...t.matchAll(STEP)].map((m) => ({ name: m[0].trim(), step: STEP_NAMES[m.slice(1).findIndex(Boolean)]![0] }));
  if (!columns.length || !HEADER_GLUE.test(t.replace(STEP, ' ').replace(QUALIFIER, ' '))) return undefined;
  // A cell naming one step is named as written ("Application deadline at JSPS"), its footnote marks aside.
  return columns.length === 1 ? [{ ...columns[0]!, name: t }] : columns;
}

/** The words a row may hold beside its dates: times, zones, weekdays, qualifiers and marks, nothing else. */
const FILLER_WORDS = /\b(noon|JST|Japan(?: Standard)? Time|a\.?m\.?|p\.?m\.?|tentative|planned|TBC|or (?:later|after)|and after|in|from|the|around|about|approx(?:imately)?|by|on|after|before)\b|正午|厳守|予定|頃|以降|まで|必着|日本時間|\d{1,2}:\d{1,2}|午[前後]\s*\d{1,2}\s*時(\s*\d{1,2}\s*分)?|\d{1,2}\s*時(\s*\d{1,2}\s*分)?/gi;
const FILLER = /^[\s()（）[\]【】~〜～\-–—,、・/]*$/;
const RANGE_MARK = /^\s*(?:[-–—~〜～]|to|until|through|から)\s*$/i;
const ROW_LABEL = /^[^.。:：]{0,16}$/;

/** A line read as a schedule row: its label ("1st", "第1回", "Course D") and its slots (a date, or a range), or undefined. */
export function rowSlots(text: string): { label: string; slots: string[] } | undefined {
  const t = fold(text);
  const dates = findDates(t);
  if (!dates.length) return undefined;
  // A weekday written before the first day ("Monday 22nd February") is the date's, not the row's name.
  const label = t.slice(0, dates[0]!.start).replace(/\b(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s*$/i, '').trim();
  if (!ROW_LABEL.test(label)) return undefined;
  const slots: string[] = [];
  let from = dates[0]!.start;
  for (const [i, hit] of dates.entries()) {
    const next = dates[i + 1];
    const between = t.slice(hit.end, next?.start ?? t.length).replace(FILLER_WORDS, ' ');
    if (next && RANGE_MARK.test(between)) continue;
    if (!FILLER.test(between.replace(/[-–—~〜～]\s*$/, ''))) return undefined;
    slots.push(t.slice(from, next?.start ?? t.length).trim());
    from = next?.start ?? t.length;
  }
  return { label, slots };
}

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

/** A line that is nothing but a date or a range ("September 5, 2025", "June 2025", "令和7年9月5日（金）正午"). */
function loneDate(text: string): boolean {
  if (text.length > 60) return false;
  const t = fold(text);
  const dates = findDates(t);
  if (!dates.length) return false;
  const rest = dates.reduceRight((r, d) => r.slice(0, d.start) + r.slice(d.end), t).replace(FILLER_WORDS, ' ').replace(/\b(onward|onwards|or later)\b|以降/gi, ' ');
  return FILLER.test(rest.replace(/\b(to|until)\b|から/gi, ' '));
}

const BULLET = /^\s*[-–—・•*]/;

/** What a short line below a date says ("-Application Deadline", "・申請受付開始"): a step, news, or 'line' (a step with no name here). */
function lineBelow(block: Block | undefined): ReturnType<typeof stepLine> | 'line' | undefined {
  if (!block || block.type === 'heading' || block.type === 'table-row') return undefined;
  const text = fold(block.text);
  if (text.length > 80 || findDates(text).length || /[.。]$/.test(text)) return undefined;
  const said = stepLine(` ${text}`) ?? 'line';
  // "-Guidelines published on the website": under a date's bullet, what is done is a step, not news.
  return said === 'news' && BULLET.test(text) ? 'line' : said;
}
const isStep = (said: ReturnType<typeof lineBelow>): said is DeadlineKind => Boolean(said && said !== 'line' && said !== 'news');

/**
 * A schedule written as a date on its line and its steps on the lines below ("June 2025", "-Publication of the
 * guidelines", "-Start of application acceptance"; "令和7年9月5日（金）", "・申請締切"): the date is the first step
 * named below it, labelled by it; steps this reader has no name for ("-Selection of awardees") give nothing. The
 * other way round, a label above its date ("Application Deadline", then "September 5, 2025"), is the sentence
 * reader's: the lines below are the date's when they are bullets under it, or when the schedule starts with a
 * date rather than with a label.
 */
function dateThenStep(items: TableInput[], at: number): { deadlines: Deadline[]; lines: number } | undefined {
  const below: Block[] = [];
  for (let j = at + 1; j < items.length && below.length < 4; j += 1) {
    const said = lineBelow(items[j]!.block);
    if (!said || said === 'news') break;
    below.push(items[j]!.block);
  }
  if (!below.length) return undefined;
  let first = at;
  while (first >= 2 && loneDate(items[first - 2]!.block.text) && lineBelow(items[first - 1]!.block) && lineBelow(items[first - 1]!.block) !== 'news') first -= 2;
  if (!BULLET.test(below[0]!.text) && isStep(lineBelow(items[first - 1]?.block))) return undefined;
  const step = below.find((b) => isStep(lineBelow(b)));
  if (!step) return { deadlines: [], lines: below.length };
  const date = items[at]!.block.text;
  const label = fold(step.text).replace(/^[\s\-–—・•*]+/, '').trim();
  const kind = lineBelow(step) as DeadlineKind;
  return { deadlines: extractDeadlines(date, { year: items[at]!.year, kind, label, evidence: `${date.trim()} ${step.text.trim()}` }), lines: below.length };
}

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

/**
 * Slots matched to the header's steps by count: as many slots as steps, one each; one slot more, the
 * header lost its first column, and the slot before a deadline is the opening of that window.
 */
function nameSlots(slots: string[], columns: Column[]): Array<{ text: string; column: Column }> | undefined {
  if (slots.length === columns.length) return slots.map((text, j) => ({ text, column: columns[j]! }));
  if (slots.length === columns.length + 1 && columns[0]?.step === 'submission') {
    return slots.map((text, j) => ({ text, column: j === 0 ? { name: '', step: 'open' } : columns[j - 1]! }));
  }
  return undefined;
}

interface RowContext { caption: string; label: string; year?: number; evidence: string }

/** One row's dates, step by step, each year taken from the row before the page, and never before the row's previous step. */
function readRow(cells: Array<{ text: string; column: Column }>, row: RowContext): Deadline[] {
  const out: Deadline[] = [];
  let year = row.year;
  for (const { text, column } of cells) {
    if (column.step === 'period') continue;
    const label = [row.caption, row.label, column.name].filter(Boolean).join(' ');
    const read = (y?: number): Deadline[] => extractDeadlines(text, { year: y, kind: column.step as DeadlineKind, label, evidence: row.evidence });
    let found = read(year);
    const previous = out.at(-1)?.date;
    if (year !== undefined && previous && found.some((d) => d.yearInferred && d.date < previous)) found = read(year + 1);
    out.push(...found);
    // The next cell is in this cell's year: the one it writes, or the one its weekday chose.
    year = lastYearIn(text) ?? (found.length ? Number(found.at(-1)!.date.slice(0, 4)) : year);
  }
  return out;
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
