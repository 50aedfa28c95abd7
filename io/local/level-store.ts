/**
 * dynalite's LevelDB, opened by us: dynalite opens it lazily and reports a failure from inside a request,
 * so both ways of using the engine (over HTTP, dynalite.ts; in this process, dynalite-table.ts) open it
 * first and turn a failure into one LocalStoreError that says what to do.
 */

/** The local store cannot be opened; the message names the folder and the way out. */
export class LocalStoreError extends Error {
  override name = 'LocalStoreError';
}

export interface LevelDb { open(): Promise<void>; close(): Promise<void> }

/** Opens the database now (the open dynalite would start on the next tick), so that its failure is ours to report. */
export async function openDatabase(db: LevelDb, path: string | undefined): Promise<void> {
  try {
    await db.open();
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause ?? {};
    const reason = (cause.message ?? (err as Error).message).replace(/\s+/g, ' ');
    if (cause.code === 'LEVEL_LOCKED') {
      throw new LocalStoreError(`the local store ${path} is in use by another fundwatch command (run, serve or a query): wait for it to end or stop it, then try again`);
    }
    if (cause.code === 'LEVEL_CORRUPTION') {
      throw new LocalStoreError(`the local store ${path} is damaged (${reason}): restore the data folder from a backup, or move it aside and start a new one with \`fundwatch run --offline --data DIR\``);
    }
    throw new LocalStoreError(`the local store ${path} cannot be opened (${reason}): check that the data folder is readable and writable, or choose another with --data`);
  }
}
