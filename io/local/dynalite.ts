/**
 * The embedded DynamoDB-API engine for local runs and tests: dynalite, in this process, persisted in
 * LevelDB at `path` (so the next run compares against this one) or in memory without it.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import dynalite from 'dynalite';

export interface LocalEngine {
  endpoint: string;
  close(): Promise<void>;
}

type DynaliteFactory = (options: Record<string, unknown>) => Server;

export async function startDynalite(options: { path?: string; port?: number } = {}): Promise<LocalEngine> {
  const create = dynalite as unknown as DynaliteFactory;
  // Tables become ACTIVE at once: the CREATING delay only slows local runs down.
  const server = create({ path: options.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => reject(err.code === 'EADDRINUSE'
      ? new Error(`port ${options.port} is in use: stop the other fundwatch run or choose another port`)
      : new Error(`the local DynamoDB engine could not start (${err.message}); if the data folder is locked, another fundwatch run is using it`)));
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve());
    }),
  };
}
