/** Published files into a local folder (`fundwatch publish --out DIR`), paths kept inside it. */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import type { FileWriter } from '#web/publish.ts';

export function folderWriter(root: string): FileWriter {
  const base = resolve(root);
  return async (file) => {
    const target = resolve(base, file.path);
    // Paths come from programme ids the parser derived from pages: never let one climb out of the folder.
    if (!target.startsWith(base + sep)) throw new Error(`refusing to write ${file.path}: outside ${base}`);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.body, 'utf8');
  };
}
