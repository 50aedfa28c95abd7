/** Small builders of realistic records for store and cycle tests. */
import type { ParseResult } from '#parsers/schema.ts';
import type { ChangeEvent } from '#core/domain/changes.ts';
import type { Snapshot, SourceState } from '#core/domain/snapshots.ts';

export function parseResult(deadline = '2025-05-12', padding = 0): ParseResult {
  return {
    source: { url: 'https://www.jst.go.jp/aspire/en/', agency: 'JST', lang: 'en', contentHash: 'c'.repeat(64) },
    programs: [{
      id: 'jst-aspire', agency: 'JST', name: { en: 'ASPIRE' }, url: 'https://www.jst.go.jp/aspire/en/',
      calls: [{
        id: 'fy2025', title: 'FY2025 ASPIRE call' + ' '.repeat(0), status: 'open',
        deadlines: [{ kind: 'submission', label: 'Deadline', date: deadline, time: '12:00', timezone: 'Asia/Tokyo',
          iso: `${deadline}T12:00:00+09:00`, evidence: `Deadline: ${deadline} 12:00 JST${'.'.repeat(padding)}` }],
        agencies: [{ name: 'Japan Science and Technology Agency', acronym: 'JST', country: 'JP', role: 'administering', evidence: 'JST' }],
        eligibility: [], funding: [], periods: [], countries: ['US', 'GB'], fields: [], contacts: [],
      }],
    }],
  };
}

export function snapshot(version: number, recordHash = `hash-${version}`, result = parseResult()): Snapshot {
  return { sourceId: 'jst-aspire-top-en', version, takenAt: `2025-04-0${version}T00:00:00.000Z`, recordHash, contentHash: 'c', result };
}

export function state(version: number, patch: Partial<SourceState> = {}): SourceState {
  return { sourceId: 'jst-aspire-top-en', lastCheckedAt: '2025-04-01T00:00:00.000Z', lastOutcome: 'changed',
    snapshotVersion: version, consecutiveFailures: 0, recordHash: `hash-${version}`, etag: `"e${version}"`, ...patch };
}

export function event(id: string, toVersion = 2, detectedAt = '2025-04-02T00:00:00.000Z'): ChangeEvent {
  return {
    id, sourceId: 'jst-aspire-top-en', agency: 'JST', url: 'https://www.jst.go.jp/aspire/en/', detectedAt, fromVersion: toVersion - 1, toVersion,
    change: { programId: 'jst-aspire', callId: 'fy2025', category: 'deadline', kind: 'changed', severity: 'high',
      before: { date: '2025-05-12' }, after: { date: '2025-05-19' }, summary: { en: 'moved', ja: '変更' }, evidence: { before: 'a', after: 'b' } },
  };
}
