/**
 * The analyst views, computed from what the store holds: each source's latest snapshot and the change
 * events. Pure: read-catalog.ts does the reading, the CLI, the page and the feeds only render.
 */
import { japanDay } from '#lib/japan-time.ts';
import type { Call, Deadline, Lang, ParseResult, Program } from '#parsers/schema.ts';
import type { ChangeEvent } from '../domain/changes.ts';
import { show } from '../changes/summaries.ts';
import type { Catalog, ChangeView, DeadlineView, LocalizedName, ProgrammeView } from './views.ts';

export interface LatestSnapshot {
  sourceId: string;
  takenAt: string;
  result: ParseResult;
}

/** Sort key of a deadline: its moment, else its date; a month-only date sorts after the month's days. */
export function deadlineSortKey(d: Pick<DeadlineView, 'iso' | 'date'>): string {
  // Every moment is in +09:00, so the ISO strings sort as times do.
  if (d.iso) return d.iso;
  return d.date.length === 7 ? `${d.date}-99` : `${d.date}T99`;
}

/**
 * Whether a deadline is still ahead at `now` (a date without time counts until the day's end in Japan).
 * `jstToday` is japanDay(now), given by callers that ask for many deadlines at once.
 */
export function isUpcoming(d: Pick<DeadlineView, 'iso' | 'date' | 'time'>, now: Date, jstToday = japanDay(now)): boolean {
  if (d.iso && d.time) return Date.parse(d.iso) >= now.getTime();
  return d.date.length === 7 ? d.date >= jstToday.slice(0, 7) : d.date >= jstToday;
}

const slug = (text: string): string => text.toLowerCase().normalize('NFKC').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '');

/**
 * One deadline's identity: programme, call, kind, track and page language, never the date; the n-th of
 * several same-kind dates in one call (two review rounds) gets its position.
 */
function deadlineUid(programId: string, call: Call, d: Deadline, lang: Lang, nth: number): string {
  return [programId, call.id, d.kind, ...(call.track ? [slug(call.track)] : []), lang, ...(nth > 0 ? [String(nth + 1)] : [])].join('.');
}

/** How often each deadline moved: 'changed' deadline events of its source, programme, call and kind. */
function moveCounts(events: ChangeEvent[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of events) {
    const c = e.change;
    if (c.category !== 'deadline' || c.kind !== 'changed' || c.disagreement) continue;
    const kind = (c.after as { kind?: string } | null)?.kind;
    const key = `${e.sourceId}|${c.programId}|${c.callId}|${kind}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function deadlinesOf(snapshot: LatestSnapshot, program: Program, moves: Map<string, number>): DeadlineView[] {
  const { lang, url, agency } = snapshot.result.source;
  return program.calls.flatMap((call) => {
    const seen = new Map<string, number>();
    return call.deadlines.map((d): DeadlineView => {
      const nth = seen.get(d.kind) ?? 0;
      seen.set(d.kind, nth + 1);
      return {
        uid: deadlineUid(program.id, call, d, lang, nth),
        sequence: moves.get(`${snapshot.sourceId}|${program.id}|${call.id}|${d.kind}`) ?? 0,
        programId: program.id, programName: program.name, agency: program.agency ?? agency, callId: call.id, callTitle: call.title,
        callStatus: call.status, ...(call.track ? { track: call.track } : {}), kind: d.kind, label: d.label, date: d.date, time: d.time, iso: d.iso,
        ...(d.tentative ? { tentative: true } : {}), ...(d.statedTimezone ? { statedTimezone: d.statedTimezone } : {}),
        lang, url: program.url || url, sourceId: snapshot.sourceId, evidence: d.evidence, fields: call.fields, countries: call.countries,
      };
    });
  });
}

const union = (lists: string[][]): string[] => [...new Set(lists.flat())].sort();
const mergeNames = (a: LocalizedName, b: LocalizedName): LocalizedName => ({ en: a.en ?? b.en, ja: a.ja ?? b.ja });

export function changeView(event: ChangeEvent, names: Map<string, LocalizedName>, langOf: (sourceId: string) => Lang): ChangeView {
  const c = event.change;
  const text = (value: unknown): string => (value === null || value === undefined ? '' : show(value));
  return {
    id: event.id, detectedAt: event.detectedAt, sourceId: event.sourceId, agency: event.agency, lang: langOf(event.sourceId), url: event.url,
    programId: c.programId, programName: names.get(c.programId) ?? {}, callId: c.callId, category: c.category, kind: c.kind, severity: c.severity,
    summary: c.summary, before: text(c.before), after: text(c.after), evidence: c.evidence, ...(c.disagreement ? { disagreement: true } : {}),
  };
}

/** Deadlines soonest first; the same moment by uid. */
const soonestFirst = (deadlines: DeadlineView[]): DeadlineView[] =>
  deadlines.sort((a, b) => deadlineSortKey(a).localeCompare(deadlineSortKey(b)) || a.uid.localeCompare(b.uid));

/**
 * The catalog's deadlines alone (buildCatalog(...).deadlines), without the programme views and changes it
 * also builds: what the deadlines query needs, a third of the catalog's work on a 2,000-source store.
 */
export function buildDeadlines(snapshots: LatestSnapshot[], now: Date): DeadlineView[] {
  const jstToday = japanDay(now);
  const moves = new Map<string, number>();
  const deadlines = snapshots.flatMap((snapshot) => snapshot.result.programs.flatMap((program) => deadlinesOf(snapshot, program, moves)));
  return soonestFirst(deadlines.filter((d) => isUpcoming(d, now, jstToday)));
}

/**
 * The catalog at `now`: every programme (its pages merged by id across languages), every dated step of
 * every current call that is still ahead (or all of them with includePast), soonest first, and the given
 * change events, newest first.
 */
export function buildCatalog(snapshots: LatestSnapshot[], events: ChangeEvent[], now: Date, options: { includePast?: boolean } = {}): Catalog {
  const moves = moveCounts(events);
  const programmes = new Map<string, ProgrammeView>();
  const deadlines: DeadlineView[] = [];
  const langs = new Map(snapshots.map((s) => [s.sourceId, s.result.source.lang]));
  for (const snapshot of snapshots) {
    for (const program of snapshot.result.programs) {
      const own = deadlinesOf(snapshot, program, moves);
      deadlines.push(...own);
      const calls = program.calls;
      const view: ProgrammeView = {
        id: program.id, agency: program.agency, name: program.name,
        pages: [{ sourceId: snapshot.sourceId, lang: snapshot.result.source.lang, url: snapshot.result.source.url }],
        calls: calls.map((c) => ({ id: c.id, title: c.title, status: c.status, ...(c.track ? { track: c.track } : {}) })),
        fields: union(calls.map((c) => c.fields)), countries: union(calls.map((c) => c.countries)),
        partners: union(calls.map((c) => c.agencies.filter((a) => a.role !== 'administering').map((a) => a.acronym ?? a.name))),
      };
      const known = programmes.get(program.id);
      programmes.set(program.id, known ? {
        ...known, name: mergeNames(known.name, view.name), pages: [...known.pages, ...view.pages.filter((p) => !known.pages.some((k) => k.sourceId === p.sourceId))],
        calls: [...known.calls, ...view.calls.filter((c) => !known.calls.some((k) => k.id === c.id && k.track === c.track))],
        fields: union([known.fields, view.fields]), countries: union([known.countries, view.countries]), partners: union([known.partners, view.partners]),
      } : view);
    }
  }
  const jstToday = japanDay(now);
  const upcoming = soonestFirst(options.includePast ? deadlines : deadlines.filter((d) => isUpcoming(d, now, jstToday)));
  const names = new Map([...programmes].map(([id, p]) => [id, p.name]));
  const changes = events.map((e) => changeView(e, names, (id) => langs.get(id) ?? 'en'))
    .sort((a, b) => b.detectedAt.localeCompare(a.detectedAt) || a.id.localeCompare(b.id));
  // Each programme's deadlines ahead (soonest first) and its newest change, grouped in one pass each: asking the
  // whole list once per programme cost a 2,000-source store most of its catalog time (bench/results/queries.md).
  const aheadOf = new Map<string, DeadlineView[]>();
  for (const d of options.includePast ? upcoming.filter((u) => isUpcoming(u, now, jstToday)) : upcoming) {
    const list = aheadOf.get(d.programId);
    if (list) list.push(d);
    else aheadOf.set(d.programId, [d]);
  }
  const lastOf = new Map<string, ChangeView>();
  for (const c of changes) if (!c.disagreement && !lastOf.has(c.programId)) lastOf.set(c.programId, c);
  for (const programme of programmes.values()) {
    const ahead = aheadOf.get(programme.id) ?? [];
    const next = ahead.find((d) => ['submission', 'preregistration'].includes(d.kind)) ?? ahead[0];
    if (next) programme.nextDeadline = next;
    const last = lastOf.get(programme.id);
    if (last) programme.lastChangedAt = last.detectedAt;
  }
  const sorted = [...programmes.values()].sort((a, b) => a.agency.localeCompare(b.agency) || a.id.localeCompare(b.id));
  return { generatedAt: now.toISOString(), programmes: sorted, deadlines: upcoming, changes };
}
