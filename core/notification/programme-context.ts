/** What a change e-mail says about each programme beyond the change: its names and the deadlines still ahead. */
import { endOfJapanMonth } from '#lib/japan-time.ts';
import { deadlineKey } from '#parsers/deadline-key.ts';
import type { Deadline } from '#parsers/schema.ts';
import type { ChangeEvent } from '../domain/changes.ts';
import type { SnapshotStore } from '../ports/store.ts';
import type { ProgrammeContext } from './email/change-email.ts';

/** Each programme's name and its deadlines still ahead, from the latest snapshots of the sources that changed. */
export async function programmeContexts(store: Pick<SnapshotStore, 'getLatestSnapshot'>, events: ChangeEvent[], now: Date): Promise<Map<string, ProgrammeContext>> {
  const contexts = new Map<string, ProgrammeContext>();
  for (const sourceId of new Set(events.map((e) => e.sourceId))) {
    const snapshot = await store.getLatestSnapshot(sourceId);
    for (const program of snapshot?.result.programs ?? []) {
      const context: ProgrammeContext = contexts.get(program.id) ?? { names: {}, upcoming: [] };
      context.names.en ??= program.name.en;
      context.names.ja ??= program.name.ja;
      const ahead = program.calls.flatMap((c) => c.deadlines).filter((d) => isAhead(d, now));
      context.upcoming = dedupeDeadlines([...context.upcoming, ...ahead]).sort((a, b) => (a.iso ?? a.date).localeCompare(b.iso ?? b.date)).slice(0, 5);
      contexts.set(program.id, context);
    }
  }
  return contexts;
}

function isAhead(d: Deadline, now: Date): boolean {
  const end = d.iso ? Date.parse(d.iso) : endOfJapanMonth(d.date);
  return Number.isFinite(end) && end >= now.getTime();
}

/** One of each step (kind, date and time): several pages of a programme state most dates alike. */
export const dedupeDeadlines = (ds: Deadline[]): Deadline[] => [...new Map(ds.map((d) => [deadlineKey(d), d] as const)).values()];
