/**
 * HTML to a DOM that stops growing at the page bounds (limits.ts): the same htmlparser2 parse that
 * cheerio/slim runs, with a handler that refuses the element past MAX_DEPTH levels or past MAX_ELEMENTS
 * elements the moment the parser opens it, or past MAX_RAW_TEXT_CHARS of text as it arrives. A hostile page
 * is refused after that much work, never after building all of it, and every later walk over the DOM can
 * trust its depth.
 */
import { DomHandler, type Document } from 'domhandler';
import { Parser } from 'htmlparser2';
import { MAX_DEPTH, MAX_ELEMENTS, MAX_RAW_TEXT_CHARS, rawTextTooLarge, tooDeep, tooLarge } from './limits.ts';

class BoundedHandler extends DomHandler {
  private nodes = 0;
  private textChars = 0;

  override onopentag(name: string, attribs: Record<string, string>): void {
    // tagStack holds the document root and the new element's ancestors: its length is the new element's depth.
    if (this.tagStack.length > MAX_DEPTH) throw tooDeep();
    this.count();
    super.onopentag(name, attribs);
  }

  /** Comments count too: `<!---->` is as small as an element and costs a node (and a text node between two). */
  override oncomment(data: string): void {
    this.count();
    super.oncomment(data);
  }

  /**
   * Text counts as it arrives, so a page of more text than a document may hold stops here, half parsed,
   * instead of after its whole tree and blocks are built. A script's or a style's text is never read as
   * a block (html.ts drops them), and a real page may inline a large one: it does not count.
   */
  override ontext(data: string): void {
    const parent = this.tagStack.at(-1)?.type;
    if (parent !== 'script' && parent !== 'style' && (this.textChars += data.length) > MAX_RAW_TEXT_CHARS) {
      throw rawTextTooLarge();
    }
    super.ontext(data);
  }

  private count(): void {
    if ((this.nodes += 1) > MAX_ELEMENTS) throw tooLarge();
  }
}

/**
 * The document tree of `html`, or a DocumentLimitError past the bounds.
 * @example cheerio.load(parseBounded('<html><body><p>Deadline: May 12</p></body></html>'))
 */
export function parseBounded(html: string): Document {
  const handler = new BoundedHandler();
  new Parser(handler).end(html);
  return handler.root;
}
