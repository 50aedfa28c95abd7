/**
 * The one write that records a check: a state alone, a health event and its state, or a new snapshot
 * with its change events and state in one commit. Kept apart from deciding so that a dry run is simply
 * a decision never applied, and so that every write a check can make is listed in one place.
 */
import type { ChangeEvent } from '../domain/changes.ts';
import type { HealthEvent, Snapshot, SourceState } from '../domain/snapshots.ts';
import type { Store } from '../ports/store.ts';

export type CheckWrite =
  | { kind: 'state'; state: SourceState }
  | { kind: 'health'; event: HealthEvent; state: SourceState }
  | { kind: 'snapshot'; snapshot: Snapshot; events: ChangeEvent[]; state: SourceState; expectedVersion: number };

export async function applyCheck(store: Pick<Store, 'putState' | 'putHealthEvent' | 'commitSnapshot'>, write: CheckWrite): Promise<void> {
  switch (write.kind) {
    case 'state':
      return store.putState(write.state);
    case 'health':
      await store.putHealthEvent(write.event);
      return store.putState(write.state);
    case 'snapshot':
      return store.commitSnapshot(write.snapshot, write.events, write.state, write.expectedVersion);
  }
}
