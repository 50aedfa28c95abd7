/** `fundwatch sources`: the registry, with each source's last status from the local store. */
import { resolve } from 'node:path';
import { loadRegistry, DEFAULT_SOURCES_FILE } from '#parsers/sources.ts';
import type { SourceState } from '#core/domain/snapshots.ts';
import { openLocalStore } from '../local-store.ts';
import { hasStore } from '../data-folder.ts';

export async function sourcesCommand(options: { sources?: string; data: string; json?: boolean }, print: (line: string) => void = console.log): Promise<void> {
  const sources = await loadRegistry(options.sources ? resolve(options.sources) : DEFAULT_SOURCES_FILE);
  const states = new Map((await lastStates(resolve(options.data))).map((s) => [s.sourceId, s]));
  const rows = sources.map((s) => ({ ...s, state: states.get(s.id) }));
  if (options.json) {
    print(JSON.stringify(rows, null, 2));
    return;
  }
  for (const row of rows) {
    const status = row.state ? `${row.state.lastOutcome} at ${row.state.lastCheckedAt} (snapshot v${row.state.snapshotVersion})` : 'never checked';
    print(`${row.id.padEnd(32)} ${row.agency.padEnd(5)} ${row.lang} ${row.kind.padEnd(4)} ${status}${row.state?.lastError ? `: ${row.state.lastError}` : ''}`);
    print(`${''.padEnd(32)} ${row.url}`);
  }
}

/** Each source's last state; none where no run has made a store yet (the registry is still worth listing, and no store is made). */
async function lastStates(dataDir: string): Promise<SourceState[]> {
  if (!hasStore(dataDir)) return [];
  const local = await openLocalStore(dataDir);
  try {
    return await local.store.listStates();
  } finally {
    await local.close();
  }
}
