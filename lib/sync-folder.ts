/** Durable writes on POSIX: a new file or a rename is on disk only once its folder is synced too. */
import { open } from 'node:fs/promises';

/** Syncs the folder itself; file systems that refuse fsync on a folder (and Windows) are let be: the file's own data is already flushed. */
export async function syncFolder(dir: string): Promise<void> {
  const folder = await open(dir, 'r');
  try {
    await folder.sync();
  } catch (err) {
    if (!['EINVAL', 'EPERM', 'EISDIR', 'ENOTSUP'].includes((err as NodeJS.ErrnoException).code ?? '')) throw err;
  } finally {
    await folder.close();
  }
}
