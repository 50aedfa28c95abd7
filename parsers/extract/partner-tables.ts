/**
 * Partner tables: a table whose header names a partner column ("Partner funding agency", 相手機関,
 * 相手国機関, 協力機関, "Nominating Authorities", "counterpart") lists one partner per row, with its country
 * in a country column when there is one (国名, "Country", 国・地域). The header may be a row of plain
 * cells (no <th>): the first row that reads as one names the columns of the rows under it.
 *
 * Rows as pages write them: a country cell spanned over several rows leaves the rows below it one cell
 * short, their cells right-aligned ("全米医学アカデミー(NAM) | 平成31年2月12日" under "米国 | 国立衛生研究所 (NIH) | 平成28年1月11日");
 * a cell may hold a funder and its successor ("研究開発イノベーション庁(SEIDI) (現 科学イノベーション省 (MCIN))"),
 * both partners.
 */
import type { Block } from '../document/blocks.ts';
import { fold } from '../document/text.ts';
import { countryCode } from './countries.ts';

type Row = Extract<Block, { type: 'table-row' }>;

/** What a partner row says: the partner cell, and the cells beside it. */
export interface PartnerRow { cell: string; country?: string; participation?: string; note?: string; counterpart: boolean }

const PARTNER_COLUMN = /相手(?:国)?(?:側)?(?:の)?(?:ファンディング|資金配分)?機関|協力機関|参加機関|連携機関|パートナー機関|資金配分機関|ファンディング機関|\bagenc(?:y|ies)\b|organi[sz]ations?|funders?\b|funding (?:body|bodies|partner)|counterparts?|partners?\b|nominating authorit|^機関名?$/i;
const NOT_PARTNER_COLUMN = /研究機関|所属機関|申請機関|代表機関|受入機関|共同研究機関|提案機関|host|applicant|research institution/i;
const COUNTRY_COLUMN = /国名|国・地域|^国$|相手国$|country|countries|region/i;
const DATE_LIKE = /\d{4}|[年月日]|\d{1,2}\/\d{1,2}/;

const col = (header: string[], re: RegExp, not?: RegExp): number => header.findIndex((h) => re.test(h) && !(not?.test(h)));
const tableOf = (row: Row): string => row.loc.replace(/\s*tr:\d+$/, '');

/** A row of plain cells that names a partner column, read as the header of the rows under it. */
function headerLike(row: Row): string[] | undefined {
  const cells = row.cells.map((c) => fold(c).trim());
  if (cells.length < 2 || cells.some((c) => c.length > 30 || /\d/.test(c))) return undefined;
  return col(cells, PARTNER_COLUMN, NOT_PARTNER_COLUMN) >= 0 ? cells : undefined;
}

/** Each partner row of the given blocks, by block; rows of other tables are not in the map. */
export function partnerRows(blocks: Block[]): Map<Block, PartnerRow> {
  const out = new Map<Block, PartnerRow>();
  const headers = new Map<string, string[]>();
  let previous: PartnerRow | undefined;
  for (const block of blocks) {
    if (block.type !== 'table-row') continue;
    const table = tableOf(block);
    const own = block.header ?? headers.get(table);
    if (!own) {
      const header = headerLike(block);
      if (header) headers.set(table, header);
      continue;
    }
    const row = readRow(block, own, previous);
    if (row) out.set(block, row);
    previous = row ?? previous;
  }
  return out;
}

function readRow(block: Row, header: string[], previous: PartnerRow | undefined): PartnerRow | undefined {
  const partnerCol = col(header, PARTNER_COLUMN, NOT_PARTNER_COLUMN);
  if (partnerCol < 0) return undefined;
  // A short row whose last cell is a date lost its first cells to a span from the row above.
  const shift = block.cells.length < header.length && DATE_LIKE.test(block.cells.at(-1) ?? '') && !countryCode(block.cells[0] ?? '') ? header.length - block.cells.length : 0;
  const cell = (i: number): string | undefined => (i >= shift ? block.cells[i - shift]?.trim() || undefined : undefined);
  const partner = cell(partnerCol);
  if (!partner || header.some((h) => fold(h).trim() === fold(partner).trim())) return undefined;
  const countryCol = col(header, COUNTRY_COLUMN, PARTNER_COLUMN);
  const countryText = countryCol >= 0 ? cell(countryCol) : undefined;
  const country = (countryText ? countryCode(countryText) : undefined) ?? (countryCol >= 0 && countryCol < shift ? previous?.country : undefined);
  const other = (re: RegExp): string | undefined => {
    const i = col(header, re);
    return i >= 0 && i !== partnerCol && i !== countryCol ? cell(i) : undefined;
  };
  const participation = other(/participation|type|参加/i);
  const note = other(/note|remarks|備考/i);
  return {
    cell: partner, counterpart: /counterpart|相手(?:国)?側/i.test(header[partnerCol]!),
    ...(country ? { country } : {}), ...(participation ? { participation } : {}), ...(note ? { note } : {}),
  };
}
