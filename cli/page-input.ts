/**
 * Turns a `parse`/`diff` argument (a file or a URL) into the page bytes and the Source it belongs to:
 * the registry entry when the URL (or the fixture path's URL) is registered, else an ad-hoc source.
 */
import { readFile } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import { DEFAULT_FETCHER_OPTIONS, type FetcherOptions } from '#io/fetch/options.ts';
import type { PageInput } from '#parsers/parse-page.ts';
import type { Agency, Lang } from '#parsers/schema.ts';
import type { Source } from '#parsers/sources.ts';
import { ADMINISTERING } from '#parsers/extract/agencies.ts';
import { FIXTURE_SITES } from './project-paths.ts';

export interface SourceHints {
  agency?: Agency;
  lang?: Lang;
}

export async function readPageInput(arg: string, registry: Source[], hints: SourceHints = {}, fetcherOptions: FetcherOptions = DEFAULT_FETCHER_OPTIONS): Promise<PageInput> {
  if (/^https?:\/\//i.test(arg)) {
    const { createFetcher } = await import('#io/fetch/fetcher.ts'); // loaded only for a URL: a file needs no fetcher
    const fetcher = createFetcher(fetcherOptions);
    try {
      const page = await fetcher.fetch(arg);
      if (page.kind !== 'fetched') throw new Error(`${arg} answered 304 Not Modified to an unconditional request`);
      refuseEmpty(arg, page.body);
      return { source: sourceFor(page.finalUrl, registry, hints), body: page.body, mediaType: page.mediaType, charset: page.charset, finalUrl: page.finalUrl };
    } finally {
      await fetcher.close();
    }
  }
  let body: Buffer;
  try {
    body = await readFile(arg);
  } catch {
    throw new Error(`cannot read ${arg}: pass an existing HTML or PDF file, or an http(s) URL of an agency page`);
  }
  refuseEmpty(arg, body);
  const url = fixtureUrl(arg) ?? new URL(`file://${resolve(arg)}`).href;
  const mediaType = mediaTypeOfFile(arg, body);
  // A saved page says whose it is: its canonical link, or the agency it names most; its lang attribute or script says the language.
  const registered = registry.some((s) => s.url === url);
  const sniffed = mediaType === 'text/html' && !registered ? sniffPage(body.toString('utf8')) : {};
  // The canonical link names the page on an agency's host, and on the agencies' other sites too (the JSPS overseas
  // offices' own domains) when the page says whose it is: the page, not the file name, then gives the programme its id,
  // so two saved versions of one page are one programme.
  const knownAgency = hints.agency ?? sniffed.agency;
  const pageUrl = sniffed.canonical && /^https?:\/\//i.test(sniffed.canonical) && (agencyOf(sniffed.canonical) || knownAgency) ? sniffed.canonical : url;
  const source = sourceFor(pageUrl, registry, definedHints({ agency: sniffed.agency, lang: sniffed.lang, ...definedHints(hints) }), mediaType === 'application/pdf' ? 'pdf' : 'html');
  return { source, body, mediaType, finalUrl: pageUrl };
}

/** An empty body (a failed download, a file truncated to nothing) would read as a page with no calls at all. */
function refuseEmpty(name: string, body: Uint8Array): void {
  if (body.length === 0) throw new Error(`${name} is empty: nothing to read (save or download the page again)`);
}

/**
 * A PDF starts with %PDF-; a file named .pdf may have a little junk before it, which PDF readers (and
 * parsers/parse-page.ts) accept within the first 1024 bytes. A file named .pdf without it is refused rather
 * than read as HTML: it is most often an error page saved under the document's name.
 */
function mediaTypeOfFile(name: string, body: Buffer): 'application/pdf' | 'text/html' {
  if (body.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (!/\.pdf$/i.test(name)) return 'text/html';
  if (body.subarray(0, 1024).toString('latin1').includes('%PDF-')) return 'application/pdf';
  throw new Error(`${name} is named .pdf but is not a PDF (it does not start with %PDF-): download the document again, or rename the file if it is an HTML page`);
}

const definedHints = (hints: SourceHints): SourceHints => Object.fromEntries(Object.entries(hints).filter(([, v]) => v !== undefined));

/** What an HTML file says of itself: canonical URL, the agency it names most often, its language. */
export function sniffPage(html: string): { canonical?: string; agency?: Agency; lang?: Lang } {
  const canonical = /<link[^>]+rel=["']canonical["'][^>]*href=["']([^"']+)["']/i.exec(html)?.[1]
    ?? /<meta[^>]+property=["']og:url["'][^>]*content=["']([^"']+)["']/i.exec(html)?.[1];
  const counts = (Object.keys(ADMINISTERING) as Agency[]).map((a) => [a, (html.match(new RegExp(ADMINISTERING[a].names.source, 'g')) ?? []).length] as const)
    .sort((x, y) => y[1] - x[1]);
  const agency = counts[0]![1] > 0 && counts[0]![1] > counts[1]![1] ? counts[0]![0] : undefined;
  const declared = /<html[^>]*\blang=["']?(en|ja)/i.exec(html)?.[1]?.toLowerCase() as Lang | undefined;
  return { ...(canonical ? { canonical } : {}), ...(agency ? { agency } : {}), ...(declared ? { lang: declared } : {}) };
}

/** fixtures/sites/<host>/<path>/v1.html -> https://<host>/<path> (the `_index` folder is a path ending in /). */
export function fixtureUrl(file: string): string | undefined {
  const rel = relative(FIXTURE_SITES, resolve(file));
  if (rel.startsWith('..')) return undefined;
  const parts = rel.split(sep).slice(0, -1);
  if (parts.length < 2) return undefined;
  const [host, ...path] = parts;
  const tail = path.at(-1) === '_index' ? `${path.slice(0, -1).join('/')}/` : path.join('/');
  return `https://${host}/${tail}`.replace(/\/+$/, (m) => (m ? '/' : ''));
}

function sourceFor(url: string, registry: Source[], hints: SourceHints, kind: 'html' | 'pdf' = 'html'): Source {
  const known = registry.find((s) => s.url === url);
  if (known) return { ...known, ...definedHints(hints) };
  const agency = hints.agency ?? agencyOf(url);
  if (!agency) throw new Error(`cannot tell which agency ${url} belongs to: pass --agency JST, AMED or JSPS`);
  const lang = hints.lang ?? (/\/(en|english)(\/|_|\.|$)|_en\./i.test(url) ? 'en' : 'ja');
  return { id: 'adhoc', agency, lang, kind, url };
}

function agencyOf(url: string): Agency | undefined {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return undefined;
  }
  if (/(^|\.)jst\.go\.jp$/.test(host)) return 'JST';
  if (/(^|\.)amed\.go\.jp$/.test(host)) return 'AMED';
  if (/(^|\.)jsps\.go\.jp$/.test(host)) return 'JSPS';
  return undefined;
}
