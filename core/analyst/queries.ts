/**
 * The analysts' questions as pure functions over the catalog: which programmes, which deadlines in the
 * next N days, what changed when. Each returns flat rows (for tables, CSV and JSON alike).
 */
import { DAY_MS, japanDay } from '#lib/japan-time.ts';
import type { Agency, Lang } from '#parsers/schema.ts';
import type { ChangeCategory } from '../domain/changes.ts';
import type { Catalog, ChangeView, DeadlineView, LocalizedName } from './views.ts';

export type Row = Record<string, string | number | boolean | null>;

export const nameIn = (name: LocalizedName, lang: Lang = 'en'): string => name[lang] ?? name[lang === 'en' ? 'ja' : 'en'] ?? '';

/** "2026-12-10 12:00 JST", "2027-02-01 JST", "2027-03 (day not announced)". */
export function jstText(d: Pick<DeadlineView, 'date' | 'time' | 'tentative'>): string {
  const base = d.date.length === 7 ? `${d.date} (day not announced)` : `${d.date}${d.time ? ` ${d.time}` : ''} JST`;
  return d.tentative ? `${base} (planned)` : base;
}

/**
 * The same moment in the reader's zone ("2026-12-10 04:00 Europe/Berlin"); only for a stated time, a
 * bare date stays a Japanese date.
 */
export function localText(d: Pick<DeadlineView, 'iso' | 'time'>, timeZone: string): string {
  if (!d.iso || !d.time) return '';
  const parts = localClock(timeZone).formatToParts(new Date(d.iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')} ${timeZone}`;
}

/** One formatter per zone: making one costs about as much as formatting a few hundred rows with it. */
const clocks = new Map<string, Intl.DateTimeFormat>();
function localClock(timeZone: string): Intl.DateTimeFormat {
  let clock = clocks.get(timeZone);
  if (!clock) {
    clock = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    clocks.set(timeZone, clock);
  }
  return clock;
}

/** Whole days from `now` to the deadline (0 = today in Japan). */
export function daysLeft(d: Pick<DeadlineView, 'iso' | 'date'>, now: Date): number | null {
  if (d.date.length === 7) return null;
  const jstToday = Date.parse(japanDay(now));
  return Math.round((Date.parse(d.date) - jstToday) / DAY_MS);
}

export interface ProgrammeFilter { agency?: Agency; lang?: Lang }

export function programmeRows(catalog: Catalog, filter: ProgrammeFilter = {}): Row[] {
  return catalog.programmes
    .filter((p) => !filter.agency || p.agency === filter.agency)
    .filter((p) => !filter.lang || p.pages.some((page) => page.lang === filter.lang))
    .map((p) => {
      const open = p.calls.filter((c) => c.status === 'open').length;
      const next = p.nextDeadline;
      return {
        id: p.id, agency: p.agency, name: nameIn(p.name, filter.lang), languages: [...new Set(p.pages.map((page) => page.lang))].sort().join(' '),
        calls: p.calls.length, open, next_deadline: next ? jstText(next) : '', next_kind: next?.kind ?? '', partners: p.partners.join(' '),
        last_changed: p.lastChangedAt ?? '',
      };
    });
}

export interface DeadlineFilter { withinDays?: number; agency?: Agency; programId?: string; timeZone?: string }

/**
 * Upcoming deadlines as rows. The same step stated by several pages of a programme (English, Japanese,
 * the call PDF) is one row listing their languages; pages that disagree stay separate rows.
 */
export function deadlineRows(catalog: Pick<Catalog, 'deadlines'>, now: Date, filter: DeadlineFilter = {}): Row[] {
  const until = filter.withinDays === undefined ? undefined : now.getTime() + filter.withinDays * DAY_MS;
  const rows = new Map<string, { d: DeadlineView; langs: Set<string>; sources: string[] }>();
  for (const d of catalog.deadlines) {
    if (filter.agency && d.agency !== filter.agency) continue;
    if (filter.programId && d.programId !== filter.programId) continue;
    if (until !== undefined && Date.parse(d.iso ?? (d.date.length === 7 ? `${d.date}-01` : d.date)) > until) continue;
    const key = [d.programId, d.callId, d.track ?? '', d.kind, d.date, d.time ?? ''].join('|');
    const row = rows.get(key) ?? { d, langs: new Set<string>(), sources: [] };
    row.langs.add(d.lang);
    row.sources.push(d.sourceId);
    rows.set(key, row);
  }
  return [...rows.values()].map(({ d, langs, sources }) => ({
    when_jst: jstText(d), ...(filter.timeZone ? { when_local: localText(d, filter.timeZone) } : {}), days_left: daysLeft(d, now),
    agency: d.agency, programme: d.programId, name: nameIn(d.programName, d.lang), call: d.callId, kind: d.kind, label: d.label,
    lang: [...langs].sort().join(' '), sources: [...new Set(sources)].join(' '), url: d.url, evidence: d.evidence, uid: d.uid,
  }));
}

export interface ChangeFilter { since?: string; until?: string; agency?: Agency; category?: ChangeCategory; programId?: string }

export function filterChanges(changes: ChangeView[], filter: ChangeFilter = {}): ChangeView[] {
  return changes
    .filter((c) => !filter.since || c.detectedAt >= filter.since)
    .filter((c) => !filter.until || c.detectedAt < filter.until)
    .filter((c) => !filter.agency || c.agency === filter.agency)
    .filter((c) => !filter.category || c.category === filter.category)
    .filter((c) => !filter.programId || c.programId === filter.programId);
}

export function changeRows(changes: ChangeView[], lang: Lang = 'en'): Row[] {
  return changes.map((c) => ({
    detected: c.detectedAt, agency: c.agency, programme: c.programId, call: c.callId, category: c.category, kind: c.kind, severity: c.severity,
    summary: c.summary[lang], before: c.before, after: c.after, evidence: c.evidence.after ?? c.evidence.before ?? '', source: c.sourceId, url: c.url,
    disagreement: c.disagreement ?? false,
  }));
}
