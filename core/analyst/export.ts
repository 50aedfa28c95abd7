/**
 * The complete history as JSON Lines, one stream per entity, for DuckDB, pandas or Athena. Streams
 * record by record through `write`, so an export of any size needs no more memory than one snapshot.
 * The shape of each entity is documented in docs/export.md; fields are only ever added.
 */
import type { CycleLog, EventLog, SnapshotStore } from '../ports/store.ts';
import { buildCatalog, type LatestSnapshot } from './catalog.ts';

export const EXPORT_ENTITIES = ['sources', 'snapshots', 'changes', 'deadlines', 'programmes', 'health', 'cycles'] as const;
export type ExportEntity = (typeof EXPORT_ENTITIES)[number];

export type ExportWriter = (entity: ExportEntity, record: Record<string, unknown>) => Promise<void>;

export async function exportStore(store: SnapshotStore & EventLog & CycleLog, now: Date, write: ExportWriter): Promise<Record<ExportEntity, number>> {
  const counts = Object.fromEntries(EXPORT_ENTITIES.map((e) => [e, 0])) as Record<ExportEntity, number>;
  const emit = async (entity: ExportEntity, record: Record<string, unknown>) => {
    counts[entity] += 1;
    await write(entity, record);
  };
  const states = await store.listStates();
  const events = [];
  // Every snapshot is read once below; the current ones are kept for the deadlines and programmes.
  const latest: LatestSnapshot[] = [];
  for (const state of states) {
    await emit('sources', { ...state });
    for (const version of await store.listSnapshotVersions(state.sourceId)) {
      const snapshot = await store.getSnapshot(state.sourceId, version.version);
      if (!snapshot) continue;
      if (snapshot.version === state.snapshotVersion) latest.push({ sourceId: snapshot.sourceId, takenAt: snapshot.takenAt, result: snapshot.result });
      const { source } = snapshot.result;
      await emit('snapshots', { sourceId: snapshot.sourceId, version: snapshot.version, takenAt: snapshot.takenAt, recordHash: snapshot.recordHash,
        contentHash: snapshot.contentHash, agency: source.agency, lang: source.lang, url: source.url, programs: snapshot.result.programs });
    }
    for (const event of await store.listChanges(state.sourceId)) {
      events.push(event);
      const c = event.change;
      await emit('changes', { id: event.id, detectedAt: event.detectedAt, sourceId: event.sourceId, agency: event.agency, url: event.url,
        fromVersion: event.fromVersion, toVersion: event.toVersion, programId: c.programId, callId: c.callId, category: c.category, kind: c.kind,
        severity: c.severity, summaryEn: c.summary.en, summaryJa: c.summary.ja, before: c.before, after: c.after,
        evidenceBefore: c.evidence.before ?? null, evidenceAfter: c.evidence.after ?? null, disagreement: c.disagreement ?? false });
    }
    for (const health of await store.listHealthEvents(state.sourceId)) await emit('health', { ...health });
  }
  const catalog = buildCatalog(latest, events, now, { includePast: true });
  for (const d of catalog.deadlines) await emit('deadlines', { ...d });
  for (const p of catalog.programmes) {
    const { nextDeadline, ...rest } = p;
    await emit('programmes', { ...rest, nextDeadlineUid: nextDeadline?.uid ?? null });
  }
  for (const cycle of await store.listCycleSummaries(1000)) await emit('cycles', { ...cycle });
  return counts;
}
