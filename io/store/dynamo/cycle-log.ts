/**
 * The tallies of fanned-out cycles on the table: one per worker's chunk (CYCLE#<startedAt> / CHUNK#<host>#<n>)
 * and one per finished cycle (CYCLE#<startedAt> / SUMMARY, listed on byTime LIST#CYCLES by start time).
 */
import type { ChunkSummary, CycleSummary } from '#core/domain/cycles.ts';
import type { CycleLog } from '#core/ports/store.ts';
import { keys, LISTS } from '../keys.ts';
import { TABLE_DESIGN } from '../table-design.ts';
import { epochSecondsAfter, itemsUnder, type Table } from './table.ts';

export function dynamoCycleLog(table: Table): CycleLog {
  return {
    async putCycleChunk(summary) {
      // Only the finishing step reads these; the cycle summary keeps the totals for good.
      await table.put({ ...keys.cycleChunk(summary.cycleId, summary.host, summary.chunk), type: 'cycle-chunk',
        summary, [TABLE_DESIGN.ttlAttribute]: epochSecondsAfter(summary.cycleId, 35) });
    },
    listCycleChunks: async (cycleId) =>
      (await itemsUnder(table, keys.cycleSummary(cycleId).PK, 'CHUNK#', { ConsistentRead: true })).map((item) => item.summary as ChunkSummary),
    async putCycleSummary(summary) {
      await table.put({ ...keys.cycleSummary(summary.cycleId), type: 'cycle', gsi1pk: LISTS.cycles, gsi1sk: summary.startedAt, summary });
    },
    async listCycleSummaries(limit = 20) {
      const items = await table.queryPage({ IndexName: 'byTime', KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': LISTS.cycles }, ScanIndexForward: false, Limit: limit });
      return items.map((item) => item.summary as CycleSummary);
    },
  };
}
