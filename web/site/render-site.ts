/**
 * The public static site, rendered from the catalog: an index and one page per programme in English
 * and in Japanese, one stylesheet, one script, one icon. Pure: the catalog and a clock in, files out; writing them
 * (to disk, to a bucket) is the caller's. The feeds the pages link to are rendered by feed-files.ts.
 */
import type { Lang } from '#parsers/schema.ts';
import type { Catalog, ProgrammeView } from '#core/analyst/views.ts';
import { FILTER_JS, ICON_SVG, SITE_CSS } from './assets.ts';
import { newestFirst } from './changes-view.ts';
import { upcomingDeadlines } from './deadlines-view.ts';
import { indexPage } from './index-page.ts';
import type { PageContext } from './layout.ts';
import { ASSETS, indexPath, isSafeId, programmePath } from './paths.ts';
import { programmePage } from './programme-page.ts';
import { UI } from './strings.ts';

export interface SiteFile {
  /** From the site root, e.g. "ja/programmes/jst-aspire.html". */
  path: string;
  contentType: string;
  body: string;
}

export interface SiteOptions {
  /** Which deadlines are still ahead, and how many days away they are. */
  now: Date;
  /** The e-mail subscription page; without it the page offers only the feeds. */
  subscribeUrl?: string;
  /** Where the site is published, for canonical links; every link between pages stays relative. */
  baseUrl?: string;
}

const LANGS: readonly Lang[] = ['en', 'ja'];
const HTML = 'text/html; charset=utf-8';

/** The programmes that get a page: the first of each id, and only ids that can name a file. */
function publishable(programmes: readonly ProgrammeView[]): ProgrammeView[] {
  const seen = new Set<string>();
  return programmes.filter((p) => isSafeId(p.id) && !seen.has(p.id) && seen.add(p.id));
}

/**
 * Every file of the site.
 * @example
 * for (const file of renderSite(catalog, { now: new Date(), subscribeUrl: 'https://fundwatch.example.org/' })) {
 *   await writeFile(join(out, file.path), file.body);
 * }
 */
export function renderSite(catalog: Catalog, options: SiteOptions): SiteFile[] {
  const programmes = publishable(catalog.programmes);
  const withPage = new Set(programmes.map((p) => p.id));
  const deadlines = upcomingDeadlines(catalog.deadlines, options.now);
  const changes = newestFirst(catalog.changes);
  const files: SiteFile[] = [];
  for (const lang of LANGS) {
    const context = (path: string): PageContext => ({
      lang, t: UI[lang], path, now: options.now, generatedAt: catalog.generatedAt, withPage, ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    });
    const index = indexPath(lang);
    files.push({ path: index, contentType: HTML, body: indexPage(context(index), { deadlines, changes, programmes, ...(options.subscribeUrl ? { subscribeUrl: options.subscribeUrl } : {}) }) });
    for (const programme of programmes) {
      const path = programmePath(programme.id, lang);
      const own = { programme, deadlines: deadlines.filter((d) => d.programId === programme.id), changes: changes.filter((c) => c.programId === programme.id) };
      files.push({ path, contentType: HTML, body: programmePage(context(path), own) });
    }
  }
  files.push({ path: ASSETS.css, contentType: 'text/css; charset=utf-8', body: SITE_CSS });
  files.push({ path: ASSETS.js, contentType: 'text/javascript; charset=utf-8', body: FILTER_JS });
  files.push({ path: ASSETS.icon, contentType: 'image/svg+xml', body: ICON_SVG });
  return files;
}
