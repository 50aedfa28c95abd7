/**
 * The document stage's own selector lists (what to drop, what is chrome, where content sits, what is block-level)
 * are lists of simple selectors: a tag, `#id`, `.class`, `[attr=value]`. Read as plain tests over one walk of the
 * tree, they cost a visit per element; given to cheerio, each query compiles its selector again (css-select keeps
 * no cache), which was about a twentieth of a warm parse (bench:parse profile, 2026-11-26). The matching is
 * css-select's for HTML: tag names as the parser lowercased them, ids, classes and these attributes compared
 * case-sensitively, a class as one of the whitespace-separated words of the attribute.
 */
import type { AnyNode, Element, ParentNode } from 'domhandler';

/** Does an element match one of the selectors? */
export type ElementTest = (el: Element) => boolean;

const SIMPLE = /^(?:([a-z][a-z0-9]*)|#([\w-]+)|\.([\w-]+)|\[([\w-]+)=([\w-]+)\])$/;

/**
 * A selector list as a test, or undefined when one of its parts is more than a simple selector (a site template's
 * "#main #contents" is left to cheerio).
 * @example simpleTest('nav, #header, .sns, [role=banner]')
 */
export function simpleTest(list: string): ElementTest | undefined {
  const tags = new Set<string>();
  const ids = new Set<string>();
  const classes = new Set<string>();
  const attrs: Array<[string, string]> = [];
  for (const part of list.split(',').map((p) => p.trim())) {
    const m = SIMPLE.exec(part);
    if (!m) return undefined;
    if (m[1]) tags.add(m[1]);
    else if (m[2]) ids.add(m[2]);
    else if (m[3]) classes.add(m[3]);
    else attrs.push([m[4]!, m[5]!]);
  }
  return (el) => {
    if (tags.has(el.name)) return true;
    const { attribs } = el;
    if (ids.size && attribs.id !== undefined && ids.has(attribs.id)) return true;
    if (classes.size && attribs.class !== undefined && attribs.class.split(/\s+/).some((c) => classes.has(c))) return true;
    return attrs.some(([name, value]) => attribs[name] === value);
  };
}

/** Elements as css-select sees them: tags, scripts and styles. */
const isElement = (node: AnyNode): node is Element => node.type === 'tag' || node.type === 'script' || node.type === 'style';

/** Every element under `root` that passes, in document order, nested ones included (as `$(selector)` returns them). */
export function elementsPassing(root: ParentNode, test: ElementTest): Element[] {
  const out: Element[] = [];
  const visit = (parent: ParentNode): void => {
    for (const child of parent.children) {
      if (!isElement(child)) continue;
      if (test(child)) out.push(child);
      visit(child);
    }
  };
  visit(root);
  return out;
}

/** The first element under `root` that passes, in document order. */
export function firstPassing(root: ParentNode, test: ElementTest): Element | undefined {
  for (const child of root.children) {
    if (!isElement(child)) continue;
    if (test(child)) return child;
    const inner = firstPassing(child, test);
    if (inner) return inner;
  }
  return undefined;
}
