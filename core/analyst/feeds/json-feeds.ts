/**
 * The deadlines and the changes as JSON documents (feeds/deadlines.json, feeds/changes.json), for offices
 * that build on fundwatch instead of scraping its page. Their JSON Schemas are docs/schemas/*.v1.json,
 * published beside them.
 *
 * Every object is written from a literal in a fixed order, every list sorted here rather than trusted to
 * arrive sorted, and no clock is read: the same data gives the same bytes, so a poller's conditional GET
 * (the ETag is a hash of the body) costs nothing until something changed. Page text goes in as plain
 * JSON strings: JSON.stringify keeps it data, and no HTML is ever made or escaped here, so a consumer
 * gets the page's exact words and escapes them for wherever it shows them.
 */
import changesSchema from '../../../docs/schemas/changes.v1.json' with { type: 'json' };
import deadlinesSchema from '../../../docs/schemas/deadlines.v1.json' with { type: 'json' };
import programmesSchema from '../../../docs/schemas/programmes.v1.json' with { type: 'json' };
import type { ChangeView, DeadlineView, LocalizedName } from '../views.ts';

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
/** The media type JSON Schema 2020-12 registers for schemas. */
export const JSON_SCHEMA_CONTENT_TYPE = 'application/schema+json; charset=utf-8';
/** Version 1 only ever gains fields; removing one or changing its meaning makes a version 2 at new paths. */
export const JSON_FEED_VERSION = 1;

/** The schemas as committed in docs/schemas/, by document. */
export const JSON_SCHEMAS = { deadlines: deadlinesSchema, changes: changesSchema, programmes: programmesSchema } as const;

export interface JsonFeedOptions {
  /** Where the document itself is published (absolute). */
  self: string;
  /** Where its schema is published (absolute). */
  schema: string;
  /** See dataTime. */
  generatedAt: string;
}

/**
 * The time a document states as generatedAt: the newest change detected (or other time the data
 * gives, in `also`: the programme list adds when each call was found), not the clock, so that
 * republishing unchanged data gives the same bytes (as the Atom feed's updated time). Only when
 * nothing was ever detected does it fall back to the given time.
 *
 * @example dataTime(catalog.changes, catalog.generatedAt) // '2026-11-20T06:00:00.000Z'
 */
export function dataTime(changes: readonly ChangeView[], fallback: string, also: readonly string[] = []): string {
  const times = [...changes.map((c) => c.detectedAt), ...also].map((t) => Date.parse(t)).filter((t) => !Number.isNaN(t));
  return times.length > 0 ? new Date(Math.max(...times)).toISOString() : fallback;
}

/**
 * feeds/deadlines.json: every deadline given, soonest first, as described by docs/schemas/deadlines.v1.json.
 *
 * @example
 * JSON.parse(deadlinesJson(catalog.deadlines, { self, schema, generatedAt })).deadlines[0].id
 *   // 'jst-aspire.fy2025.submission.en'
 */
export function deadlinesJson(deadlines: readonly DeadlineView[], options: JsonFeedOptions): string {
  const entries = [...deadlines].sort(soonestFirst).map(deadlineEntry);
  return renderJson({ ...header(options), deadlines: entries });
}

/**
 * feeds/changes.json: every change given, newest first, as described by docs/schemas/changes.v1.json.
 * A change whose detection time cannot be read is left out (as in the Atom feed), so one bad record
 * never makes the document invalid.
 *
 * @example
 * JSON.parse(changesJson(catalog.changes, { self, schema, generatedAt })).changes[0].category // 'deadline'
 */
export function changesJson(changes: readonly ChangeView[], options: JsonFeedOptions): string {
  const entries = changes.filter((c) => !Number.isNaN(Date.parse(c.detectedAt))).sort(newestFirst).map(changeEntry);
  return renderJson({ ...header(options), changes: entries });
}

/** A schema's published body: the committed file's content, written the way the documents are. */
export function schemaJson(name: keyof typeof JSON_SCHEMAS): string {
  return renderJson(JSON_SCHEMAS[name]);
}

function header(options: JsonFeedOptions): { version: number; schema: string; self: string; generatedAt: string } {
  return { version: JSON_FEED_VERSION, schema: options.schema, self: options.self, generatedAt: options.generatedAt };
}

/** A document's bytes: two-space JSON and a final newline, for every document and schema alike. */
export function renderJson(document: unknown): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

function deadlineEntry(d: DeadlineView): Record<string, unknown> {
  return {
    id: d.uid,
    sequence: d.sequence,
    programme: programme(d.programId, d.programName),
    agency: d.agency,
    call: { id: d.callId, title: d.callTitle, status: d.callStatus, track: d.track ?? null },
    kind: d.kind,
    label: d.label,
    date: d.date,
    time: d.time,
    iso: d.iso,
    tentative: d.tentative === true,
    statedTimezone: d.statedTimezone ?? null,
    lang: d.lang,
    url: httpUrl(d.url),
    sourceId: d.sourceId,
    evidence: d.evidence,
    fields: sortedSet(d.fields),
    countries: sortedSet(d.countries),
  };
}

function changeEntry(c: ChangeView): Record<string, unknown> {
  return {
    id: c.id,
    detectedAt: new Date(c.detectedAt).toISOString(),
    programme: programme(c.programId, c.programName),
    agency: c.agency,
    callId: c.callId,
    category: c.category,
    kind: c.kind,
    severity: c.severity,
    disagreement: c.disagreement === true,
    summary: { en: c.summary.en, ja: c.summary.ja },
    before: c.before,
    after: c.after,
    evidence: { before: c.evidence.before ?? null, after: c.evidence.after ?? null },
    lang: c.lang,
    url: httpUrl(c.url),
    sourceId: c.sourceId,
  };
}

function programme(id: string, name: LocalizedName): { id: string; name: { en: string | null; ja: string | null } } {
  return { id, name: { en: name.en ?? null, ja: name.ja ?? null } };
}

/** A consumer may well make `url` a link: only http(s) addresses are given, never javascript: or data:. */
function httpUrl(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

function sortedSet(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

/**
 * A month without a day sorts after every day of its month ("2027-03" as "2027-03-32"), a day without a
 * time after every time of its day; the id and the page break the remaining ties.
 */
function soonestFirst(a: DeadlineView, b: DeadlineView): number {
  return compare(deadlineKey(a), deadlineKey(b));
}

function deadlineKey(d: DeadlineView): string {
  const day = /^\d{4}-\d{2}$/.test(d.date) ? `${d.date}-32` : d.date;
  return `${day} ${d.time ?? '99:99'} ${d.uid} ${d.sourceId}`;
}

function newestFirst(a: ChangeView, b: ChangeView): number {
  return Date.parse(b.detectedAt) - Date.parse(a.detectedAt) || compare(a.id, b.id);
}

/** Code-unit order, not the locale's: the same on every machine. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
