/**
 * Reading the catalog from the store, through the keys and indexes designed for each question (no
 * scans): the states list (byTime LIST#STATES) and the latest snapshots in batches of a hundred; the
 * change log by month (byTime CHANGES#YYYY-MM); one source's versions and changes from its partition.
 */
import type { EventLog, SnapshotStore } from '../ports/store.ts';
import { buildCatalog, buildDeadlines, changeView, type LatestSnapshot } from './catalog.ts';
import type { Catalog, ChangeView, DeadlineView } from './views.ts';

export async function readLatestSnapshots(store: SnapshotStore): Promise<LatestSnapshot[]> {
  const states = (await store.listStates()).filter((s) => s.snapshotVersion > 0);
  const snapshots = await store.getSnapshots(states.map((s) => ({ sourceId: s.sourceId, version: s.snapshotVersion })));
  // In the states' order, as one read per source gave them: the catalog's ties keep falling the same way.
  const order = new Map(states.map((s, i) => [s.sourceId, i]));
  return snapshots.sort((a, b) => order.get(a.sourceId)! - order.get(b.sourceId)!)
    .map((s) => ({ sourceId: s.sourceId, takenAt: s.takenAt, result: s.result }));
}

/** The catalog at `now`, with the changes detected in [changesSince, changesUntil) (ISO; until defaults to now). */
export async function readCatalog(store: SnapshotStore & EventLog, now: Date, changesSince: string, changesUntil = new Date(now.getTime() + 1).toISOString()): Promise<Catalog> {
  const [snapshots, events] = await Promise.all([readLatestSnapshots(store), store.listChangesBetween(changesSince, changesUntil)]);
  return buildCatalog(snapshots, events, now);
}

/** The deadlines still ahead at `now`, soonest first: the current snapshots only (the change log is not read). */
export async function upcomingDeadlines(store: SnapshotStore, now: Date): Promise<DeadlineView[]> {
  return buildDeadlines(await readLatestSnapshots(store), now);
}

export interface HistoryEntry {
  at: string;
  sourceId: string;
  what: 'snapshot' | 'change';
  version: number;
  change?: ChangeView;
}

/** Every snapshot and change of a programme's pages over time, oldest first. */
export async function readHistory(store: SnapshotStore & EventLog, catalog: Catalog, programId: string): Promise<HistoryEntry[]> {
  const programme = catalog.programmes.find((p) => p.id === programId);
  if (!programme) {
    const known = catalog.programmes.map((p) => p.id).join(', ') || 'none yet: run `fundwatch run` first';
    throw new Error(`no programme "${programId}" in the store; known programmes: ${known}`);
  }
  const names = new Map(catalog.programmes.map((p) => [p.id, p.name]));
  const langOf = (sourceId: string) => programme.pages.find((p) => p.sourceId === sourceId)?.lang ?? 'en';
  const entries: HistoryEntry[] = [];
  for (const page of programme.pages) {
    for (const v of await store.listSnapshotVersions(page.sourceId)) entries.push({ at: v.takenAt, sourceId: page.sourceId, what: 'snapshot', version: v.version });
    for (const event of await store.listChanges(page.sourceId)) {
      if (event.change.programId !== programId) continue;
      entries.push({ at: event.detectedAt, sourceId: page.sourceId, what: 'change', version: event.toVersion, change: changeView(event, names, langOf) });
    }
  }
  // At the same moment a snapshot comes before the changes it brought, and those before a disagreement they opened.
  const rank = (e: HistoryEntry) => (e.what === 'snapshot' ? 0 : e.change?.disagreement ? 2 : 1);
  return entries.sort((a, b) => a.at.localeCompare(b.at) || rank(a) - rank(b) || a.sourceId.localeCompare(b.sourceId));
}
