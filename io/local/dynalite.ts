/**
 * The embedded DynamoDB-API engine for local runs and tests: dynalite, in this process, persisted in
 * LevelDB at `path` (so the next run compares against this one) or in memory without it.
 *
 * dynalite opens its LevelDB lazily and, when that fails (the folder locked by another fundwatch, a
 * damaged or unreadable store), throws from inside its request handler: a stack trace from the first
 * request, the process left running. So the database is opened here, before the engine listens, and a
 * failure becomes one LocalStoreError that says what to do (level-store.ts).
 */
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import dynalite from 'dynalite';
import { openDatabase, type LevelDb } from './level-store.ts';

export { LocalStoreError } from './level-store.ts';

export interface LocalEngine {
  endpoint: string;
  close(): Promise<void>;
}

type DynaliteFactory = (options: Record<string, unknown>) => Server;
interface DynaliteDbModule { create(options: Record<string, unknown>): { db: LevelDb } }

export async function startDynalite(options: { path?: string; port?: number } = {}): Promise<LocalEngine> {
  // Tables become ACTIVE at once: the CREATING delay only slows local runs down.
  const { server, db } = createEngine({ path: options.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await openDatabase(db, options.path);
  try {
    await listen(server, options.port);
  } catch (err) {
    await db.close();
    throw err;
  }
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve());
    }),
  };
}

/** dynalite's server and the LevelDB it made, caught as its db module creates it (the factory keeps it private). */
function createEngine(options: Record<string, unknown>): { server: Server; db: LevelDb } {
  const dbModule = createRequire(import.meta.url)('dynalite/db') as DynaliteDbModule;
  const create = dbModule.create;
  let db: LevelDb | undefined;
  dbModule.create = (opts) => {
    const store = create(opts);
    db = store.db;
    return store;
  };
  try {
    const server = (dynalite as unknown as DynaliteFactory)(options);
    return { server, db: db! };
  } finally {
    dbModule.create = create;
  }
}

function listen(server: Server, port: number | undefined): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => reject(err.code === 'EADDRINUSE'
      ? new Error(`port ${port} is in use: stop the other fundwatch run or choose another port`)
      : new Error(`the local DynamoDB engine could not start (${err.message})`)));
    server.listen(port ?? 0, '127.0.0.1', () => resolve());
  });
}
