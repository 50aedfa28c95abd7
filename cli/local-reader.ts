/**
 * The local store as the read commands open it (the queries, export, publish): dynalite called in this
 * process (io/local/dynalite-table.ts), with no HTTP server and no AWS SDK loaded. A data folder without
 * the table yet is opened the way `run` opens it (local-store.ts), which creates the table.
 */
import { openDynaliteTable } from '#io/local/dynalite-table.ts';
import { DEFAULT_TABLE_NAME } from '#io/store/table-design.ts';
import { storeOnTable } from '#io/store/store-on-table.ts';
import type { Store } from '#core/ports/store.ts';
import { storeFolder } from './data-folder.ts';

export interface LocalReader { store: Store; dbPath: string; close(): Promise<void> }

/** `dataDir` must exist (requireStore): a query never makes a store. */
export async function openLocalReader(dataDir: string): Promise<LocalReader> {
  const dbPath = storeFolder(dataDir);
  const direct = await openDynaliteTable(dbPath, DEFAULT_TABLE_NAME);
  if (direct) return { store: storeOnTable(direct.table), dbPath, close: direct.close };
  const { openLocalStore } = await import('./local-store.ts');
  return openLocalStore(dataDir);
}
