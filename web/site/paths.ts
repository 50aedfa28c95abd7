/**
 * Where every file of the site lives, and links between them. Links are relative to the linking page, so
 * the folder works opened from disk (file://) and served under any base path.
 */
import type { Lang } from '#parsers/schema.ts';
import { FEED_PATHS } from '#core/analyst/feeds/feed-files.ts';

export { FEED_PATHS } from '#core/analyst/feeds/feed-files.ts';

export const ASSETS = { css: 'assets/site.css', js: 'assets/filter.js', icon: 'assets/icon.svg' } as const;

/**
 * Whether a programme id can name a file: the feeds' own rule (a plain slug, never "..", never a slash),
 * so a programme has a page exactly when it has a calendar feed to link to.
 */
export function isSafeId(id: string): boolean {
  return id.length <= 100 && FEED_PATHS.programmeDeadlines(id) !== undefined;
}

const langRoot = (lang: Lang): string => (lang === 'en' ? '' : `${lang}/`);

export function indexPath(lang: Lang): string {
  return `${langRoot(lang)}index.html`;
}

export function programmePath(id: string, lang: Lang): string {
  return `${langRoot(lang)}programmes/${id}.html`;
}

/**
 * The link from one site file to another, both given from the site root.
 * @example relative('ja/programmes/a.html', 'feeds/deadlines.ics') // '../../feeds/deadlines.ics'
 */
export function relative(from: string, to: string): string {
  const fromDirs = from.split('/').slice(0, -1);
  const toParts = to.split('/');
  let common = 0;
  while (common < fromDirs.length && common < toParts.length - 1 && fromDirs[common] === toParts[common]) common += 1;
  return '../'.repeat(fromDirs.length - common) + toParts.slice(common).join('/');
}
