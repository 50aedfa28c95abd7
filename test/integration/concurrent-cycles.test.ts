/**
 * Two runs at once over one table (an overlapping schedule, a retried Lambda): two cycles find the
 * changes of fixture step 2 together, then two notifiers send them together. Whatever the interleaving,
 * every change is stored once, every snapshot version is taken once, and every subscriber gets one
 * e-mail per change set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult } from '#core/domain/cycles.ts';
import type { CycleReport } from '#core/monitoring/cycle.ts';
import type { ChangeCategory } from '#core/domain/changes.ts';
import { notifyPending } from '#core/notification/notify.ts';
import { matches } from '#core/notification/matching.ts';
import { deliveryKey } from '#core/notification/outbox.ts';
import type { Store } from '#core/ports/store.ts';
import { loadRegistry, type Source } from '#parsers/sources.ts';
import { countByRecipientAndReference, expectedAtStep2, startWorld, SUBSCRIBERS, subscriberOf, type World } from '../helpers/cycle-world.ts';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('two runs at once over the same table', () => {
  let world: World;
  let sources: Source[];
  let expected: Map<string, ChangeCategory[] | undefined>;
  let runs = 0;

  beforeAll(async () => {
    world = await startWorld();
    sources = await loadRegistry();
    expected = await expectedAtStep2();
  });
  afterAll(async () => {
    await world?.close();
  });

  /** A table with a healthy step-1 baseline, then two step-2 cycles, the second started `gapMs` after the first. */
  async function overlappingCycles(gapMs: number): Promise<{ tag: string; store: Store; reports: CycleReport[] }> {
    const tag = `conc-${(runs += 1)}`;
    const store = await world.table(tag);
    world.server.setStep(1);
    const baseline = await world.cycle(store, sources, () => new Date());
    expect(baseline.results.filter((r) => r.outcome !== 'new')).toEqual([]);
    world.server.setStep(2);
    const reports = await Promise.all([
      world.cycle(store, sources, () => new Date()),
      sleep(gapMs).then(() => world.cycle(store, sources, () => new Date())),
    ]);
    return { tag, store, reports };
  }

  async function assertStoredOnce(store: Store, reports: CycleReport[]): Promise<void> {
    for (const source of sources) {
      const categories = expected.get(source.id);
      const results = reports.map((r) => r.results.find((x) => x.sourceId === source.id)!);
      for (const result of results) assertOutcome(source.id, result, categories);
      // Disagreements between a programme's English and Japanese pages sit at version 0 of the English page.
      const stored = await store.listChanges(source.id);
      const changes = stored.filter((c) => c.toVersion !== 0);
      expect(new Set(stored.map((c) => c.id)).size, source.id).toBe(stored.length);
      const versions = await store.listSnapshotVersions(source.id);
      const latest = await store.getLatestSnapshot(source.id);
      const state = await store.getState(source.id);
      const changed = (categories?.length ?? 0) > 0;
      // Exactly one new snapshot for a changed page, none for the others, and the state points at it.
      expect(versions.map((v) => v.version), source.id).toEqual(changed ? [1, 2] : [1]);
      expect(latest?.version, source.id).toBe(changed ? 2 : 1);
      expect(state?.snapshotVersion, source.id).toBe(latest?.version);
      expect(state?.recordHash, source.id).toBe(latest?.recordHash);
      // Each change once: as many stored events as the diff has changes, none twice, all leading to version 2.
      const winner = results.find((r) => r.outcome === 'changed');
      expect(winner !== undefined, `${source.id}: one of the runs reports the change`).toBe(changed);
      const diff = winner?.changes ?? [];
      expect(new Set(changes.map((c) => c.id)).size, source.id).toBe(changes.length);
      expect(changes.length, source.id).toBe(diff.length);
      expect([...new Set(changes.map((c) => c.change.category))].sort(), source.id).toEqual(changed ? [...categories!].sort() : []);
      expect(changes.every((c) => c.fromVersion === 1 && c.toVersion === 2), source.id).toBe(true);
    }
    // A disagreement either run reported is stored, once.
    const reported = reports.flatMap((r) => r.disagreements);
    for (const d of reported) {
      expect((await store.listChanges(d.sourceId)).filter((c) => c.id === d.id), d.id).toHaveLength(1);
    }
  }

  /** What one of the two runs may report: the expected verb, or a lost race that kept the winner's result. */
  function assertOutcome(sourceId: string, result: CheckResult, categories: ChangeCategory[] | undefined): void {
    if (result.outcome === 'failed') {
      expect(result.error, sourceId).toMatch(/ConcurrentUpdateError|another run updated source/);
      return;
    }
    const allowed = categories === undefined ? ['not-modified'] : categories.length === 0 ? ['unchanged', 'not-modified'] : ['changed', 'not-modified'];
    expect(allowed, `${sourceId}: ${result.outcome} ${result.error ?? ''}`).toContain(result.outcome);
  }

  async function assertNotifiedOnce(tag: string, store: Store, gapMs: number): Promise<void> {
    const pending = await store.listPendingEvents();
    expect(pending.length).toBeGreaterThan(0);
    const now = new Date();
    const reports = await Promise.all([
      notifyPending({ store, mailer: world.mailer(), clock: () => now }),
      sleep(gapMs).then(() => notifyPending({ store, mailer: world.mailer(), clock: () => now })),
    ]);
    expect(reports.flatMap((r) => r.failures)).toEqual([]);
    // A third run settles what the two left owed, and finds nothing to send.
    expect((await notifyPending({ store, mailer: world.mailer(), clock: () => now })).emailsSent).toBe(0);
    expect(await store.listPendingEvents()).toEqual([]);

    const want: Record<string, number> = {};
    for (const s of SUBSCRIBERS.filter((x) => x.status === 'confirmed').map((x) => subscriberOf(x, tag))) {
      const ids = pending.filter((e) => matches(s, e)).map((e) => e.id);
      if (ids.length > 0) want[`${s.email}|${deliveryKey(s.id, ids)}`] = 1;
    }
    expect(Object.keys(want).length).toBeGreaterThanOrEqual(3);
    expect(countByRecipientAndReference(await world.inbox(tag))).toEqual(want);
    expect(reports[0]!.emailsSent + reports[1]!.emailsSent).toBe(Object.keys(want).length);
  }

  it('started at the same moment: each change stored once, each snapshot taken once, each e-mail sent once', async () => {
    const { tag, store, reports } = await overlappingCycles(0);
    await assertStoredOnce(store, reports);
    await assertNotifiedOnce(tag, store, 0);
  });

  it.each([1, 3, 5, 8, 13])('staggered by %i ms: the same, whichever run gets where first', async (gapMs) => {
    const { tag, store, reports } = await overlappingCycles(gapMs);
    await assertStoredOnce(store, reports);
    await assertNotifiedOnce(tag, store, gapMs);
  });
});
