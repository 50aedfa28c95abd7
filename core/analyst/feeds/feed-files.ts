/**
 * The published feed files: which calendars and Atom feeds exist, where each lives, and what it holds.
 * The public page builds its links with FEED_PATHS, so a link and its file cannot drift apart.
 */
import { DAY_MS, japanDay } from '#lib/japan-time.ts';
import { AGENCIES, type Agency, type Lang } from '#parsers/schema.ts';
import type { Source } from '#parsers/sources.ts';
import { choicesNamedBy } from '../../subscriptions/programme-choices.ts';
import { renderAtom } from './atom.ts';
import { renderIcs } from './ics.ts';
import { changesJson, dataTime, deadlinesJson, JSON_CONTENT_TYPE, JSON_SCHEMA_CONTENT_TYPE, schemaJson } from './json-feeds.ts';
import { programmesJson } from './programmes-json.ts';
import type { Catalog, ChangeView, DeadlineView, ProgrammeView } from '../views.ts';

export interface FeedFile {
  /** Relative to the site root, without a leading slash. */
  path: string;
  contentType: string;
  body: string;
}

export const ICS_CONTENT_TYPE = 'text/calendar; charset=utf-8';
export const ATOM_CONTENT_TYPE = 'application/atom+xml; charset=utf-8';

/** Programme ids are slugs; anything else never becomes part of a file path. */
const SAFE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/**
 * Calendar apps delete an event as soon as it leaves a subscribed feed. Keeping a passed deadline for
 * a month means it does not vanish the day after, when someone looks back to check what they missed.
 */
const KEEP_PASSED_DAYS = 30;
/** Readers look only at the head of a feed; a bounded file stays cheap to poll. */
const MAX_ENTRIES = 200;

/** Permanent feed ids: not derived from baseUrl, so moving the site does not turn every feed into a new one. */
const FEED_IDS = { changes: 'tag:fundwatch,2026:changes' } as const;

const CALENDAR_DESCRIPTION = 'Deadlines stated on the research-funding pages fundwatch monitors, in Japan time. '
  + 'Each entry quotes the page; check the page before you rely on a date.';

/** Where each feed lives, relative to the site root. */
export const FEED_PATHS = {
  deadlines: (): string => 'feeds/deadlines.ics',
  agencyDeadlines: (agency: Agency): string => `feeds/deadlines-${agency.toLowerCase()}.ics`,
  /** Undefined for an id that is not a plain slug: no file is written for it, so there is nothing to link. */
  programmeDeadlines: (programId: string): string | undefined =>
    SAFE_ID.test(programId) ? `feeds/programmes/${programId}.ics` : undefined,
  /** Japanese titles and text in changes.ja.atom; English in changes.atom. */
  changes: (lang: Lang = 'en'): string => (lang === 'ja' ? 'feeds/changes.ja.atom' : 'feeds/changes.atom'),
  agencyChanges: (agency: Agency): string => `feeds/changes-${agency.toLowerCase()}.atom`,
  /** The same deadlines and changes as JSON, for programs; each names its schema, published beside it. */
  deadlinesJson: (): string => 'feeds/deadlines.json',
  changesJson: (): string => 'feeds/changes.json',
  /** Every programme and found call with its names: the subscription pages in AWS read their list from it. */
  programmesJson: (): string => 'feeds/programmes.json',
  schema: (document: 'deadlines' | 'changes' | 'programmes'): string => `feeds/schemas/${document}.v1.json`,
} as const;

/**
 * Every feed file for one catalog: all deadlines, per agency and per programme (iCalendar), all
 * changes, in Japanese, and per agency (Atom), and both as JSON with their schemas.
 *
 * @example
 * feedFiles(catalog, { baseUrl: 'https://example.org/fundwatch/', now: new Date() })
 *   .map((f) => f.path); // ['feeds/deadlines.ics', 'feeds/deadlines-jst.ics', ...]
 */
export function feedFiles(catalog: Catalog, options: { baseUrl: string; now: Date }): FeedFile[] {
  const site = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;
  const deadlines = catalog.deadlines.filter((d) => stillRelevant(d, options.now));
  const calendar = (path: string, name: string, list: DeadlineView[]): FeedFile => ({
    path, contentType: ICS_CONTENT_TYPE,
    body: renderIcs(list, { name, description: CALENDAR_DESCRIPTION, now: options.now, url: site }),
  });
  const atom = (path: string, title: string, id: string, list: ChangeView[], lang: Lang = 'en'): FeedFile => ({
    path, contentType: ATOM_CONTENT_TYPE,
    body: renderAtom(list.slice(0, MAX_ENTRIES), { title, id, selfUrl: new URL(path, site).href, siteUrl: site, updated: options.now, lang }),
  });
  return [
    calendar(FEED_PATHS.deadlines(), 'fundwatch: JST, AMED and JSPS deadlines', deadlines),
    ...AGENCIES.map((a) => calendar(FEED_PATHS.agencyDeadlines(a), `fundwatch: ${a} deadlines`, ofAgency(deadlines, a))),
    ...programmeCalendars(catalog.programmes, deadlines, calendar),
    atom(FEED_PATHS.changes('en'), 'fundwatch: changes to JST, AMED and JSPS programme pages', FEED_IDS.changes, catalog.changes),
    atom(FEED_PATHS.changes('ja'), 'fundwatch: JST・AMED・JSPS 公募ページの変更', `${FEED_IDS.changes}/ja`, catalog.changes, 'ja'),
    ...AGENCIES.map((a) => atom(FEED_PATHS.agencyChanges(a), `fundwatch: changes to ${a} programme pages`,
      `${FEED_IDS.changes}/${a.toLowerCase()}`, ofAgency(catalog.changes, a))),
    ...jsonFiles(catalog, deadlines, site),
  ];
}

/** deadlines.json (the calendar's deadlines) and changes.json (every change of the catalog), then their schemas. */
function jsonFiles(catalog: Catalog, deadlines: DeadlineView[], site: string): FeedFile[] {
  const url = (path: string): string => new URL(path, site).href;
  const generatedAt = dataTime(catalog.changes, catalog.generatedAt);
  const json = (path: string, body: string): FeedFile => ({ path, contentType: JSON_CONTENT_TYPE, body });
  return [
    json(FEED_PATHS.deadlinesJson(), deadlinesJson(deadlines, { self: url(FEED_PATHS.deadlinesJson()), schema: url(FEED_PATHS.schema('deadlines')), generatedAt })),
    json(FEED_PATHS.changesJson(), changesJson(catalog.changes, { self: url(FEED_PATHS.changesJson()), schema: url(FEED_PATHS.schema('changes')), generatedAt })),
    ...(['deadlines', 'changes'] as const).map((name) => ({ path: FEED_PATHS.schema(name), contentType: JSON_SCHEMA_CONTENT_TYPE, body: schemaJson(name) })),
  ];
}

/**
 * feeds/programmes.json and its schema: the registry's programmes and the found calls, named by the
 * catalog's pages (or a found call's listing title), as the subscription forms offer them. Its
 * generatedAt is the newest change or found call, so a republish of unchanged data gives the same bytes.
 *
 * @example programmeListFiles(catalog, registry, await store.listDiscoveredSources(), { baseUrl }).map((f) => f.path)
 *   // ['feeds/programmes.json', 'feeds/schemas/programmes.v1.json']
 */
export function programmeListFiles(catalog: Catalog, registry: readonly Source[], discovered: readonly Source[], options: { baseUrl: string }): FeedFile[] {
  const site = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;
  const path = FEED_PATHS.programmesJson();
  const foundAt = discovered.flatMap((s) => (s.discovered ? [s.discovered.foundAt] : []));
  const body = programmesJson(choicesNamedBy(registry, catalog.programmes, discovered), {
    self: new URL(path, site).href, schema: new URL(FEED_PATHS.schema('programmes'), site).href,
    generatedAt: dataTime(catalog.changes, catalog.generatedAt, foundAt),
  });
  return [
    { path, contentType: JSON_CONTENT_TYPE, body },
    { path: FEED_PATHS.schema('programmes'), contentType: JSON_SCHEMA_CONTENT_TYPE, body: schemaJson('programmes') },
  ];
}

function programmeCalendars(
  programmes: ProgrammeView[], deadlines: DeadlineView[], calendar: (path: string, name: string, list: DeadlineView[]) => FeedFile,
): FeedFile[] {
  const files = new Map<string, FeedFile>();
  for (const p of programmes) {
    const path = FEED_PATHS.programmeDeadlines(p.id);
    if (!path || files.has(path)) continue;
    const name = p.name.en ?? p.name.ja ?? p.id;
    files.set(path, calendar(path, `fundwatch: ${name} (${p.agency}) deadlines`, deadlines.filter((d) => d.programId === p.id)));
  }
  return [...files.values()];
}

function ofAgency<T extends { agency: Agency }>(items: T[], agency: Agency): T[] {
  return items.filter((item) => item.agency === agency);
}

/**
 * Upcoming, or passed within KEEP_PASSED_DAYS (Japan dates). A month-only date lasts until the month
 * ends: "2027-02" compares as "2027-02-31", after every real day of February.
 */
function stillRelevant(d: DeadlineView, now: Date): boolean {
  const cutoff = japanDay(new Date(now.getTime() - KEEP_PASSED_DAYS * DAY_MS));
  const lastDay = /^\d{4}-\d{2}$/.test(d.date) ? `${d.date}-31` : d.date;
  return lastDay >= cutoff;
}
