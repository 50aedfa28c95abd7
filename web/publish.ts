/**
 * Publishing after a cycle: the page and the feeds, generated from the store, handed file by file to a
 * writer (a folder locally, an S3 bucket behind CloudFront in AWS). Generation is pure (renderSite,
 * feedFiles); only the writer does I/O.
 */
import type { Store } from '#core/ports/store.ts';
import { feedFiles, programmeListFiles } from '#core/analyst/feeds/feed-files.ts';
import { readCatalog } from '#core/analyst/read-catalog.ts';
import { renderSite } from './site/render-site.ts';
import type { Catalog } from '#core/analyst/views.ts';
import { DAY_MS } from '#lib/japan-time.ts';
import type { Source } from '#parsers/sources.ts';

export interface PublishedFile {
  path: string;
  contentType: string;
  body: string;
}

export type FileWriter = (file: PublishedFile) => Promise<void>;

export interface PublishOptions {
  /** Where the published folder is reachable (feeds carry absolute self links). */
  baseUrl: string;
  /** The subscription form, linked from the page. */
  subscribeUrl?: string;
  /**
   * The registry the cycle watches: given, feeds/programmes.json lists its programmes and the calls found
   * on the listings, named (the subscription pages in AWS read their list from it).
   */
  registry?: readonly Source[];
}

/** How far back the page's "recent changes" and the change feeds reach. */
export const PUBLISHED_HISTORY_DAYS = 180;

/** Every file for one catalog; with `discovered` (and options.registry), the programme list too. */
export function publishedFiles(catalog: Catalog, now: Date, options: PublishOptions, discovered?: readonly Source[]): PublishedFile[] {
  return [
    ...renderSite(catalog, { now, baseUrl: options.baseUrl, ...(options.subscribeUrl ? { subscribeUrl: options.subscribeUrl } : {}) }),
    ...feedFiles(catalog, { baseUrl: options.baseUrl, now }),
    ...(options.registry && discovered ? programmeListFiles(catalog, options.registry, discovered, { baseUrl: options.baseUrl }) : []),
  ];
}

export async function publish(store: Store, now: Date, write: FileWriter, options: PublishOptions): Promise<{ files: number; catalog: Catalog }> {
  const catalog = await readCatalog(store, now, new Date(now.getTime() - PUBLISHED_HISTORY_DAYS * DAY_MS).toISOString());
  // The programme list's names come from the catalog's programmes: no snapshot is read twice, only the found calls added.
  const discovered = options.registry ? await store.listDiscoveredSources() : undefined;
  const files = publishedFiles(catalog, now, options, discovered);
  for (const file of files) await write(file);
  return { files: files.length, catalog };
}
