/**
 * The document and extract stages in one call: page bytes -> normalized, schema-validated record.
 * Pure apart from CPU: no clock, no network, no file system.
 */
import { sha256Hex } from '#lib/hash.ts';
import { validateParseResult, type ParseResult, type Program } from './schema.ts';
import type { Document } from './document/blocks.ts';
import type { Source } from './sources.ts';
import { decodeBody } from './document/charset.ts';
import { forgetMemos } from './document/text.ts';
import { htmlToDocument } from './document/html.ts';
import { DocumentLimitError, PAGE_BUDGET_MS, withBudget, withinBlockSize } from './document/limits.ts';
import { templateFor } from './document/templates.ts';
import { extractPrograms } from './extract/program.ts';

export interface PageInput {
  source: Source;
  body: Uint8Array;
  mediaType?: string;
  charset?: string;
  finalUrl?: string;
  /** How long the document and extract stages may take (default PAGE_BUDGET_MS); PDF.js's own reading is not counted. */
  budgetMs?: number;
}

export class UnreadableDocumentError extends Error {
  override name = 'UnreadableDocumentError';
}

const isPdfBytes = (body: Uint8Array): boolean => Buffer.from(body.subarray(0, 1024)).toString('latin1').includes('%PDF-');

/** A page's record with the document it was read from, for tools that look at what the record left (parsers/explain/). */
export interface ParsedPage { result: ParseResult; document: Document }

export async function parsePage(input: PageInput): Promise<ParseResult> {
  return (await parsePageWithDocument(input)).result;
}

/**
 * parsePage, also returning the document blocks the record was read from.
 * @example const { result, document } = await parsePageWithDocument({ source, body });
 */
export async function parsePageWithDocument(input: PageInput): Promise<ParsedPage> {
  const { source, body } = input;
  forgetMemos();
  const url = input.finalUrl ?? source.url;
  // The bytes decide, not the label: a PDF served as text/html (or the reverse) is still read right.
  const pdf = isPdfBytes(body);
  if (source.kind === 'pdf' && !pdf && /<html|<!doctype/i.test(Buffer.from(body.subarray(0, 512)).toString('latin1')) === false) {
    throw new UnreadableDocumentError(`${url} should be a PDF but the response is neither PDF nor HTML; check the URL in a browser`);
  }
  const budget = input.budgetMs ?? PAGE_BUDGET_MS;
  // Only synchronous stretches run under the budget (withBudget never awaits): see limits.ts.
  let doc: Document | undefined;
  let programs: Program[];
  try {
    if (pdf) doc = await readPdf(body, url);
    ({ doc, programs } = withBudget(budget, () => {
      const read = withinBlockSize(doc ?? htmlToDocument(wholeHtml(decodeBody(body, input.charset).text, url), url, templateFor(url, source.adapter)));
      return { doc: read, programs: extractPrograms(read, source) };
    }));
  } catch (err) {
    if (err instanceof DocumentLimitError || isOverflow(err)) throw new UnreadableDocumentError(unreadable(err, url), { cause: err });
    throw err;
  }
  const contentHash = sha256Hex(body);
  const notes = yieldNotes(doc, programs);
  const result = validateParseResult({
    source: { url, agency: source.agency, lang: source.lang, contentHash },
    programs,
    ...(notes.length ? { notes } : {}),
  });
  return { result, document: doc };
}

/**
 * The PDF reader (PDF.js, 1.6 MB minified) is loaded the first time a PDF arrives: an HTML page never pays
 * for it. The specifier is the package's own import so that a Lambda bundle can ship the reader as a file of
 * its own (infra/constructs/monitor-function.ts) and the handler's module stays small.
 */
async function readPdf(body: Uint8Array, url: string): Promise<Document> {
  const { pdfToDocument, UnreadablePdfError } = await import('#parsers/document/pdf.ts');
  try {
    return await pdfToDocument(body, url);
  } catch (err) {
    if (err instanceof UnreadablePdfError) throw new UnreadableDocumentError(err.message, { cause: err });
    throw err;
  }
}

/**
 * A page past the bounds, in words a maintainer can act on. A RangeError (a stack or an array outgrown) is
 * a bound this code missed: still this page's fault, never a crash of the cycle.
 */
const isOverflow = (err: unknown): err is RangeError =>
  err instanceof RangeError && /call stack size|Invalid (array|string) length/.test(err.message);

function unreadable(err: Error, url: string): string {
  const why = err instanceof DocumentLimitError ? err.message : `unreadable: too complex (${err.message})`;
  return `${url} is ${why}; the snapshot is kept and the page is tried again next cycle: open it in a browser, and if it stays so, report it to the site or remove the source`;
}

/**
 * A document that opens with <html> (or a doctype) but never closes it was cut short on the way (a proxy,
 * a CMS dying mid-render, even with a matching Content-Length): read as is, its lost tail would be
 * reported as removed facts.
 */
function wholeHtml(text: string, url: string): string {
  if (/^\s*(<!doctype|<html)/i.test(text) && !/<\/html\s*>/i.test(text)) {
    throw new UnreadableDocumentError(`${url} was cut short: the HTML never reaches </html>; it is read again next cycle`);
  }
  return text;
}

/** A page that yields nothing says why, so that "no deadlines" is never mistaken for "the call has none". */
function yieldNotes(doc: Document, programs: Program[]): string[] {
  if (doc.blocks.length === 0) {
    return [`the page has no readable content (${doc.boilerplate.length} navigation or footer parts only): it may be rendered by script, an error page, or a login page`];
  }
  const calls = programs.flatMap((p) => p.calls);
  const found = calls.some((c) => c.deadlines.length + c.funding.length + c.eligibility.length + c.contacts.length + c.periods.length > 0
    || c.agencies.some((a) => a.role !== 'administering'));
  return found ? [] : [`the page's ${doc.blocks.length} content blocks gave no deadlines, amounts, periods, partner agencies, eligibility terms or contacts: it may not be a programme page, or its layout changed`];
}
