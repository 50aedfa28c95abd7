/** The deadlines query builds only the catalog's deadlines; they must be the catalog's, in its order. */
import { describe, expect, it } from 'vitest';
import { buildCatalog, buildDeadlines, type LatestSnapshot } from '#core/analyst/catalog.ts';
import type { ParseResult } from '#parsers/schema.ts';
import { event, parseResult } from '../../helpers/records.ts';

/** A page with a timed deadline, a date-only one and a month-only one, under its own programme id. */
function page(sourceId: string, programId: string, deadline: string): LatestSnapshot {
  const result: ParseResult = parseResult(deadline);
  const program = result.programs[0]!;
  const call = program.calls[0]!;
  const timed = call.deadlines[0]!;
  const calls = [{ ...call, deadlines: [timed, { ...timed, kind: 'notification' as const, time: null, iso: null, date: deadline },
    { ...timed, kind: 'start' as const, time: null, iso: null, date: deadline.slice(0, 7) }] }];
  return { sourceId, takenAt: '2025-04-01T00:00:00.000Z', result: { ...result, programs: [{ ...program, id: programId, calls }] } };
}

describe('buildDeadlines', () => {
  it('gives the catalog\'s upcoming deadlines, in its order, past ones left out', () => {
    const snapshots = [page('a-en', 'p-a', '2025-05-12'), page('b-en', 'p-b', '2025-04-10'), page('c-en', 'p-c', '2025-03-01'),
      page('a-ja', 'p-a', '2025-05-12'), page('d-en', 'p-d', '2025-04-10')];
    const now = new Date('2025-04-10T05:00:00.000Z');

    const deadlines = buildDeadlines(snapshots, now);

    expect(deadlines).toEqual(buildCatalog(snapshots, [], now).deadlines);
    expect(deadlines.map((d) => `${d.programId} ${d.kind} ${d.date}`)).toContain('p-b notification 2025-04-10');
    expect(deadlines.some((d) => d.programId === 'p-c')).toBe(false);
  });

  it('counts no moves: the change log is not read for the deadlines query', () => {
    const snapshots = [page('jst-aspire-top-en', 'jst-aspire', '2025-05-12')];
    const now = new Date('2025-04-01T00:00:00.000Z');

    expect(buildDeadlines(snapshots, now).map((d) => d.sequence)).toEqual(buildCatalog(snapshots, [], now).deadlines.map((d) => d.sequence));
    expect(buildCatalog(snapshots, [event('e1')], now).deadlines.length).toBe(buildDeadlines(snapshots, now).length);
  });
});
