/** `fundwatch publish --out DIR`: the page and the calendar and Atom feeds, generated from the store into a folder. */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { publish } from '#web/publish.ts';
import { folderWriter } from '#io/publish/folder-writer.ts';
import { DEFAULT_SOURCES_FILE, loadRegistry } from '#parsers/sources.ts';
import { openStoreTarget, type StoreTargetOptions } from '../store-target.ts';

export async function publishCommand(options: StoreTargetOptions & { out: string; baseUrl?: string; subscribeUrl?: string; sources?: string },
  out: (line: string) => void = console.log, now = new Date()): Promise<void> {
  const dir = resolve(options.out);
  const baseUrl = options.baseUrl ?? pathToFileURL(`${dir}/`).href;
  if (!/^(https?|file):\/\//.test(baseUrl)) throw new Error(`--base-url "${baseUrl}" must be an http(s) URL: where the folder will be served from`);
  // The registry names the programmes feeds/programmes.json lists beside the calls found on the listings.
  const registry = await loadRegistry(options.sources ? resolve(options.sources) : DEFAULT_SOURCES_FILE);
  const target = await openStoreTarget(options);
  try {
    const { files, catalog } = await publish(target.store, now, folderWriter(dir), { baseUrl, registry, ...(options.subscribeUrl ? { subscribeUrl: options.subscribeUrl } : {}) });
    out(`Published ${files} files from ${target.label} to ${dir}: ${catalog.programmes.length} programmes, ${catalog.deadlines.length} upcoming deadlines, ${catalog.changes.length} recent changes.`);
    out(`Open ${pathToFileURL(`${dir}/index.html`).href}; calendars: feeds/*.ics, change feeds: feeds/*.atom, JSON: feeds/deadlines.json, feeds/changes.json, feeds/programmes.json.`);
  } finally {
    await target.close();
  }
}
