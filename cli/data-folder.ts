/**
 * The data folder (--data): made for the commands that write it (run, serve), required for the ones that
 * only read it (the queries), so that a mistyped --data is refused instead of answered with an empty store.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

export const DEFAULT_DATA_DIR = 'data';

/** Makes the folder, saying in one line when the path, or a folder above it, is a file. */
export async function makeDataFolder(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new Error(`--data ${dir} is a file, not a folder: choose a folder for the local store`);
    if (code === 'ENOTDIR') throw new Error(`--data ${dir} is below a file, not a folder: choose a folder for the local store`);
    throw new Error(`--data ${dir} cannot be made (${(err as Error).message}): choose a folder you can write to`);
  }
}

/** The local store's LevelDB folder inside a data folder. */
export const storeFolder = (dataDir: string): string => join(dataDir, 'dynamodb');

/** True when the data folder holds a store some run made (LevelDB writes CURRENT when it creates one). */
export function hasStore(dataDir: string): boolean {
  return existsSync(join(storeFolder(dataDir), 'CURRENT'));
}

/** Refuses a folder with no store, naming it and the command that makes one. */
export function requireStore(dataDir: string): void {
  if (!hasStore(dataDir)) {
    throw new Error(`no fundwatch store in ${dataDir}: make one with \`fundwatch run --offline --data ${dataDir}\`, or point --data at the folder a run used`);
  }
}
