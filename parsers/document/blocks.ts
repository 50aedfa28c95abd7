/**
 * The document model: HTML and PDF both become an ordered list of blocks. Extractors only ever see
 * blocks, never markup, so a redesign of a site's chrome cannot reach the record.
 */
export type Block =
  | { type: 'heading'; level: number; text: string; loc: string }
  | { type: 'paragraph'; text: string; loc: string }
  | { type: 'list-item'; text: string; loc: string }
  | {
      type: 'table-row';
      /** Cell texts in order. */
      cells: string[];
      /** The table's header row applied to this row's cells (same length as cells), when the table has one. */
      header?: string[];
      /** The row's own header, when its first cell is a <th> ("Support scale", "Period of support"). */
      rowHeader?: string;
      /** The distinct cells joined with " | " (a spanned cell once), for extractors that read text. */
      text: string;
      loc: string;
    };

export interface Document {
  url: string;
  /** The document's own title (<title>, or the PDF's first heading). */
  title?: string;
  /** Content blocks in reading order. */
  blocks: Block[];
  /** Blocks recognised as boilerplate (navigation, footer, "last updated" stamps): kept out of the record. */
  boilerplate: Block[];
}
