/**
 * Bilingual disagreement as a change worth reporting, once: after a cycle, the latest records of each
 * programme's English and Japanese pages are merged (parsers/merge.ts), and every fact the two state
 * differently (an applicant's date, a ceiling, a support period) becomes one change event. Its id
 * comes from the fact and both values, and it is stored at a fixed key, so the same disagreement is
 * reported once however many cycles see it; a different value is a new report.
 */
import { sha256Hex } from '#lib/hash.ts';
import { mergePrograms } from '#parsers/merge.ts';
import type { Disagreement, ParseResult } from '#parsers/schema.ts';
import type { Source } from '#parsers/sources.ts';
import type { Change, ChangeEvent } from '../domain/changes.ts';
import type { Clock } from '../ports/clock.ts';
import type { EventLog, SnapshotStore } from '../ports/store.ts';
import { deadlineWord } from './summaries.ts';

/** The dates an applicant acts on; review and interview windows differing by a week are not worth an e-mail. */
const ACTIONABLE = new Set(['submission', 'preregistration', 'open']);

export async function reportDisagreements(deps: { store: SnapshotStore & EventLog; clock: Clock }, sources: Source[]): Promise<ChangeEvent[]> {
  const byProgramme = new Map<string, Source[]>();
  for (const s of sources) if (s.program) byProgramme.set(s.program, [...(byProgramme.get(s.program) ?? []), s]);
  const events: ChangeEvent[] = [];
  for (const [programId, group] of byProgramme) {
    if (!group.some((s) => s.lang === 'en') || !group.some((s) => s.lang === 'ja')) continue;
    const read: Array<{ source: Source; result: ParseResult; version: number }> = [];
    for (const source of group) {
      const snapshot = await deps.store.getLatestSnapshot(source.id);
      if (snapshot) read.push({ source, result: snapshot.result, version: snapshot.version });
    }
    const merged = mergePrograms(read.map((r) => r.result)).find((p) => p.id === programId);
    for (const d of merged?.disagreements ?? []) {
      if (d.field === 'deadline' && !ACTIONABLE.has(d.kind ?? '')) continue;
      const home = read.find((r) => r.source.url === d.en.url) ?? read[0]!;
      events.push(toEvent(programId, d, home.source, deps.clock()));
    }
  }
  return deps.store.putChangeEvents(events);
}

function toEvent(programId: string, d: Disagreement, source: Source, now: Date): ChangeEvent {
  const id = sha256Hex(['disagreement', programId, d.callId, d.field, d.kind, d.track, d.includesIndirect, d.en.values.join(','), d.ja.values.join(',')].join('|'), 24);
  // Stored at version 0 of the English page: a fixed key, whatever snapshots come later.
  return { id, sourceId: source.id, agency: source.agency, url: source.url, detectedAt: now.toISOString(), fromVersion: 0, toVersion: 0, change: toChange(programId, d) };
}

function toChange(programId: string, d: Disagreement): Change {
  const category = d.field === 'deadline' ? 'deadline' : d.field === 'funding' ? 'funding' : 'period';
  const what = {
    en: d.field === 'deadline' ? `${deadlineWord(d.kind, 'en')}s` : d.field === 'funding' ? `funding ceilings${d.includesIndirect ? ' incl. indirect costs' : ''}` : 'support periods',
    ja: d.field === 'deadline' ? deadlineWord(d.kind, 'ja') : d.field === 'funding' ? `研究費の上限${d.includesIndirect ? '（間接経費込み）' : ''}` : '支援期間',
  };
  const values = (v: string[], lang: 'en' | 'ja' = 'en') => v.map((x) => (/^\d+$/.test(x) ? `${Number(x).toLocaleString('en')}${lang === 'ja' ? '円' : ' yen'}`
    : x.replace(/^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}):00\+09:00$/, '$1 $2 JST'))).join(lang === 'ja' ? '、' : ', ');
  const track = d.track ? ` (${d.track})` : '';
  return {
    // Worth knowing, rarely urgent: the change that caused it (a deadline moved on one page) leads the e-mail.
    programId, callId: d.callId, category, kind: 'changed', severity: d.field === 'deadline' ? 'medium' : 'low',
    before: { lang: 'en', values: d.en.values, url: d.en.url }, after: { lang: 'ja', values: d.ja.values, url: d.ja.url },
    summary: {
      en: `The English and Japanese pages state different ${what.en}${track}: ${values(d.en.values)} (English) / ${values(d.ja.values)} (Japanese)`,
      ja: `英語版と日本語版で${what.ja}${track}が異なります: ${values(d.en.values, 'ja')}（英語版）/ ${values(d.ja.values, 'ja')}（日本語版）`,
    },
    evidence: { before: d.en.evidence.join(' / '), after: d.ja.evidence.join(' / ') },
    disagreement: true,
  };
}
