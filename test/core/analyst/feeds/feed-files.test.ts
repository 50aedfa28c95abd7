import { parseFeed } from '@rowanmanning/feed-parser';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { FEED_PATHS, type FeedFile, feedFiles } from '#core/analyst/feeds/feed-files.ts';
import type { Catalog } from '#core/analyst/views.ts';
import { change, deadline, programme, sampleCatalog } from '../../../helpers/catalog.ts';

const NOW = new Date('2026-11-22T00:00:00.000Z');
const BASE = 'https://example.org/fundwatch/';

function file(files: FeedFile[], path: string): FeedFile {
  const found = files.find((f) => f.path === path);
  if (!found) throw new Error(`no ${path} among ${files.map((f) => f.path).join(', ')}`);
  return found;
}

function uids(ics: string): string[] {
  return new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent').map((e) => String(e.getFirstPropertyValue('uid')));
}

function entryIds(atom: string): Array<string | null> {
  return parseFeed(atom).items.map((i) => i.id);
}

describe('feedFiles', () => {
  it('writes every calendar, change feed and JSON document, at the paths FEED_PATHS gives the page', () => {
    const files = feedFiles(sampleCatalog(), { baseUrl: BASE, now: NOW });

    expect(files.map((f) => f.path)).toEqual([
      FEED_PATHS.deadlines(), FEED_PATHS.agencyDeadlines('JST'), FEED_PATHS.agencyDeadlines('AMED'), FEED_PATHS.agencyDeadlines('JSPS'),
      FEED_PATHS.programmeDeadlines('jst-aspire'), FEED_PATHS.programmeDeadlines('amed-cycle'), FEED_PATHS.programmeDeadlines('jsps-bilateral'),
      FEED_PATHS.changes(), FEED_PATHS.changes('ja'),
      FEED_PATHS.agencyChanges('JST'), FEED_PATHS.agencyChanges('AMED'), FEED_PATHS.agencyChanges('JSPS'),
      FEED_PATHS.deadlinesJson(), FEED_PATHS.changesJson(), FEED_PATHS.schema('deadlines'), FEED_PATHS.schema('changes'),
    ]);
    expect(files.map((f) => f.path)).toEqual([
      'feeds/deadlines.ics', 'feeds/deadlines-jst.ics', 'feeds/deadlines-amed.ics', 'feeds/deadlines-jsps.ics',
      'feeds/programmes/jst-aspire.ics', 'feeds/programmes/amed-cycle.ics', 'feeds/programmes/jsps-bilateral.ics',
      'feeds/changes.atom', 'feeds/changes.ja.atom', 'feeds/changes-jst.atom', 'feeds/changes-amed.atom', 'feeds/changes-jsps.atom',
      'feeds/deadlines.json', 'feeds/changes.json', 'feeds/schemas/deadlines.v1.json', 'feeds/schemas/changes.v1.json',
    ]);
  });

  it('serves calendars as text/calendar, feeds as application/atom+xml, documents as application/json and schemas as application/schema+json, all UTF-8', () => {
    const files = feedFiles(sampleCatalog(), { baseUrl: BASE, now: NOW });
    const expected = (path: string): [string, string] => {
      if (path.endsWith('.ics')) return ['text/calendar; charset=utf-8', 'BEGIN:VCALENDAR'];
      if (path.endsWith('.atom')) return ['application/atom+xml; charset=utf-8', '<?xml'];
      return [path.startsWith('feeds/schemas/') ? 'application/schema+json; charset=utf-8' : 'application/json; charset=utf-8', '{'];
    };

    for (const f of files) {
      const [type, start] = expected(f.path);
      expect(f.contentType).toBe(type);
      expect(f.body.startsWith(start)).toBe(true);
    }
  });

  it('puts every deadline in the main calendar and each agency its own', () => {
    const catalog = sampleCatalog();

    const files = feedFiles(catalog, { baseUrl: BASE, now: NOW });

    expect(uids(file(files, 'feeds/deadlines.ics').body)).toEqual(catalog.deadlines.map((d) => `${d.uid}@fundwatch`));
    expect(uids(file(files, 'feeds/deadlines-jst.ics').body))
      .toEqual(['jst-aspire.fy2025.submission.en@fundwatch', 'jst-aspire.fy2025.interview.en@fundwatch']);
    expect(uids(file(files, 'feeds/deadlines-amed.ics').body)).toEqual(['amed-cycle.fy2026.submission.ja@fundwatch']);
    expect(uids(file(files, 'feeds/deadlines-jsps.ics').body)).toEqual(['jsps-bilateral.fy2026.submission.en@fundwatch']);
  });

  it("gives each programme a calendar of only its own deadlines, still a calendar when it has none", () => {
    const catalog: Catalog = { ...sampleCatalog(), programmes: [...sampleCatalog().programmes, programme({ id: 'jst-sicorp', nextDeadline: undefined })] };

    const files = feedFiles(catalog, { baseUrl: BASE, now: NOW });

    expect(uids(file(files, 'feeds/programmes/jst-aspire.ics').body))
      .toEqual(['jst-aspire.fy2025.submission.en@fundwatch', 'jst-aspire.fy2025.interview.en@fundwatch']);
    expect(uids(file(files, 'feeds/programmes/jst-sicorp.ics').body)).toEqual([]);
    expect(file(files, 'feeds/programmes/jst-sicorp.ics').body).toContain('TZID:Asia/Tokyo');
  });

  it('writes no file, and gives no path, for a programme id that is not a plain slug', () => {
    const unsafe = ['../../etc/passwd', 'a/b', 'Has Space', 'UPPER', '', 'x.ics'];
    const catalog: Catalog = { ...sampleCatalog(), programmes: unsafe.map((id) => programme({ id })) };

    const files = feedFiles(catalog, { baseUrl: BASE, now: NOW });

    expect(files.filter((f) => f.path.startsWith('feeds/programmes/'))).toEqual([]);
    expect(unsafe.map((id) => FEED_PATHS.programmeDeadlines(id))).toEqual(unsafe.map(() => undefined));
  });

  it('keeps a passed deadline for 30 days so it does not vanish from calendars at once; a month-only date lasts its month', () => {
    const catalog: Catalog = { ...sampleCatalog(), deadlines: [
      deadline({ uid: 'passed-long-ago', date: '2026-10-22', time: null }),
      deadline({ uid: 'passed-recently', date: '2026-10-23', time: null }),
      deadline({ uid: 'month-just-ended', date: '2026-09', time: null, iso: null }),
      deadline({ uid: 'month-within-window', date: '2026-10', time: null, iso: null }),
      deadline({ uid: 'upcoming', date: '2026-12-10' }),
    ] };

    const files = feedFiles(catalog, { baseUrl: BASE, now: NOW });

    expect(uids(file(files, 'feeds/deadlines.ics').body))
      .toEqual(['passed-recently@fundwatch', 'month-within-window@fundwatch', 'upcoming@fundwatch']);
  });

  it('splits changes by agency, and writes the Japanese feed with the Japanese summaries', () => {
    const catalog = sampleCatalog();

    const files = feedFiles(catalog, { baseUrl: BASE, now: NOW });

    expect(entryIds(file(files, 'feeds/changes.atom').body)).toEqual(catalog.changes.map((c) => `tag:fundwatch,2026:change/${c.id}`));
    expect(entryIds(file(files, 'feeds/changes-jst.atom').body)).toEqual(['tag:fundwatch,2026:change/c-1', 'tag:fundwatch,2026:change/c-2']);
    expect(entryIds(file(files, 'feeds/changes-amed.atom').body)).toEqual(['tag:fundwatch,2026:change/c-3']);
    expect(entryIds(file(files, 'feeds/changes-jsps.atom').body)).toEqual([]);
    expect(parseFeed(file(files, 'feeds/changes.ja.atom').body).items.map((i) => i.title)).toEqual(catalog.changes.map((c) => c.summary.ja));
  });

  it('points each feed at its own URL under baseUrl, with or without a trailing slash, and gives feeds distinct ids', () => {
    for (const baseUrl of ['https://example.org/fundwatch', BASE]) {
      const atoms = feedFiles(sampleCatalog(), { baseUrl, now: NOW }).filter((f) => f.path.endsWith('.atom'));

      expect(atoms.map((f) => parseFeed(f.body).self)).toEqual(atoms.map((f) => `${BASE}${f.path}`));
      expect(atoms.map((f) => parseFeed(f.body).url)).toEqual(atoms.map(() => BASE));
      expect(new Set(atoms.map((f) => /<id>([^<]+)<\/id>/.exec(f.body)?.[1])).size).toBe(atoms.length);
    }
  });

  it('keeps change feeds to the newest 200 changes', () => {
    const many = Array.from({ length: 250 }, (_, i) => change({ id: `c-${i}`, detectedAt: new Date(Date.UTC(2026, 10, 20) - i * 60_000).toISOString() }));

    const files = feedFiles({ ...sampleCatalog(), changes: many }, { baseUrl: BASE, now: NOW });

    const ids = entryIds(file(files, 'feeds/changes.atom').body);
    expect(ids).toHaveLength(200);
    expect(ids[0]).toBe('tag:fundwatch,2026:change/c-0');
    expect(ids.at(-1)).toBe('tag:fundwatch,2026:change/c-199');
  });
});
