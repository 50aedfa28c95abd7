import ICAL from 'ical.js';
import { beforeEach, describe, expect, it } from 'vitest';
import { renderIcs } from '#core/analyst/feeds/ics.ts';
import type { DeadlineView } from '#core/analyst/views.ts';
import { HOSTILE, deadline, sampleCatalog } from '../../../helpers/catalog.ts';

const NOW = new Date('2026-11-22T00:00:00.000Z');
const OPTIONS = { name: 'fundwatch: deadlines', now: NOW };

/** Every property a deadline event may carry; anything else in a VEVENT was injected. */
const EVENT_PROPERTIES = new Set([
  'uid', 'sequence', 'dtstamp', 'dtstart', 'dtend', 'summary', 'description', 'url', 'status', 'transp',
  'x-microsoft-cdo-alldayevent', 'x-microsoft-msncalendar-alldayevent',
]);

/** Parses with ical.js, resolving TZID=Asia/Tokyo with the VTIMEZONE the feed itself defines. */
function parseIcs(ics: string): { calendar: ICAL.Component; events: ICAL.Component[] } {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  return { calendar, events: calendar.getAllSubcomponents('vevent') };
}

function only(deadlines: DeadlineView[]): ICAL.Component {
  const { events } = parseIcs(renderIcs(deadlines, OPTIONS));
  expect(events).toHaveLength(1);
  return events[0]!;
}

const value = (c: ICAL.Component, name: string): string => String(c.getFirstPropertyValue(name));
const time = (c: ICAL.Component, name: string): ICAL.Time => c.getFirstPropertyValue(name) as ICAL.Time;
/** Undoes RFC 5545 line folding, so each entry is one content line. */
const unfold = (ics: string): string[] => ics.replace(/\r\n[ \t]/g, '').split('\r\n');

describe('renderIcs', () => {
  // Proves that the feed's own VTIMEZONE is what resolves the times, not a zone left from an earlier test.
  beforeEach(() => ICAL.TimezoneService.reset());

  it('writes one VEVENT per deadline, with UID = uid@fundwatch, its SEQUENCE and DTSTAMP = now in UTC', () => {
    const deadlines = sampleCatalog().deadlines;

    const { events } = parseIcs(renderIcs(deadlines, OPTIONS));

    expect(events.map((e) => value(e, 'uid'))).toEqual(deadlines.map((d) => `${d.uid}@fundwatch`));
    expect(events.map((e) => e.getFirstPropertyValue('sequence'))).toEqual(deadlines.map(() => 0));
    expect(events.map((e) => value(e, 'dtstamp'))).toEqual(deadlines.map(() => '2026-11-22T00:00:00Z'));
  });

  it('defines Asia/Tokyo once, as a fixed +09:00 zone without daylight saving', () => {
    const { calendar } = parseIcs(renderIcs(sampleCatalog().deadlines, OPTIONS));

    const zones = calendar.getAllSubcomponents('vtimezone');
    expect(zones.map((z) => value(z, 'tzid'))).toEqual(['Asia/Tokyo']);
    expect(zones[0]!.getAllSubcomponents('daylight')).toHaveLength(0);
    const standard = zones[0]!.getAllSubcomponents('standard');
    expect(standard.map((s) => [value(s, 'tzoffsetfrom'), value(s, 'tzoffsetto'), value(s, 'tzname')]))
      .toEqual([['+09:00', '+09:00', 'JST']]);
  });

  it('dates a timed deadline in Japan time: TZID=Asia/Tokyo, the stated wall-clock time, the stated moment', () => {
    const event = only([deadline()]);

    const start = event.getFirstProperty('dtstart')!;
    expect(start.getParameter('tzid')).toBe('Asia/Tokyo');
    expect(time(event, 'dtstart').toString()).toBe('2026-12-10T12:00:00');
    expect(time(event, 'dtstart').toUnixTime() * 1000).toBe(Date.parse('2026-12-10T12:00:00+09:00'));
  });

  it("writes the same Japan wall-clock time whatever the server's own time zone", () => {
    const serverZone = process.env.TZ;
    try {
      process.env.TZ = 'America/Los_Angeles';
      expect(time(only([deadline()]), 'dtstart').toString()).toBe('2026-12-10T12:00:00');
    } finally {
      if (serverZone === undefined) delete process.env.TZ;
      else process.env.TZ = serverZone;
    }
  });

  it('gives a timed deadline thirty minutes from the stated moment, across midnight when need be', () => {
    const event = only([deadline({ date: '2026-12-10', time: '23:45', iso: '2026-12-10T23:45:00+09:00' })]);

    expect(time(event, 'dtstart').toString()).toBe('2026-12-10T23:45:00');
    expect(time(event, 'dtend').toString()).toBe('2026-12-11T00:15:00');
    expect(event.getFirstProperty('dtend')!.getParameter('tzid')).toBe('Asia/Tokyo');
  });

  it('writes a deadline without a time as an all-day event (VALUE=DATE) ending the next day', () => {
    const event = only([deadline({ date: '2027-02-01', time: null, iso: '2027-02-01T00:00:00+09:00' })]);

    expect(time(event, 'dtstart').isDate).toBe(true);
    expect(time(event, 'dtstart').toString()).toBe('2027-02-01');
    expect(time(event, 'dtend').toString()).toBe('2027-02-02');
  });

  it('places a month-only deadline on the 1st, all day and tentative, saying the day is not yet announced', () => {
    const event = only([deadline({ date: '2027-03', time: null, iso: null, label: 'Deadline' })]);

    expect(time(event, 'dtstart').isDate).toBe(true);
    expect(time(event, 'dtstart').toString()).toBe('2027-03-01');
    expect(value(event, 'status')).toBe('TENTATIVE');
    expect(value(event, 'summary')).toBe('[JST] ASPIRE: Deadline (day not yet announced)');
  });

  it('marks a tentative deadline TENTATIVE with a "(planned)" note in the page language, once', () => {
    const en = only([deadline({ tentative: true })]);
    const ja = only([deadline({ tentative: true, lang: 'ja', label: '申請締切' })]);
    const alreadySaid = only([deadline({ tentative: true, label: 'Deadline (planned)' })]);

    expect(value(en, 'status')).toBe('TENTATIVE');
    expect(value(en, 'summary')).toBe('[JST] ASPIRE: Application deadline (planned)');
    expect(value(ja, 'summary')).toBe('[JST] 先端国際共同研究推進事業: 申請締切（予定）');
    expect(value(alreadySaid, 'summary')).toBe('[JST] ASPIRE: Deadline (planned)');
  });

  it('marks a firm deadline CONFIRMED and every deadline TRANSPARENT, so it never makes anyone look busy', () => {
    const event = only([deadline()]);

    expect(value(event, 'status')).toBe('CONFIRMED');
    expect(value(event, 'transp')).toBe('TRANSPARENT');
  });

  it('keeps the UID of a moved deadline and raises its SEQUENCE, so calendars move the entry', () => {
    const before = only([deadline({ date: '2026-12-03', iso: '2026-12-03T12:00:00+09:00', sequence: 0 })]);
    const after = only([deadline({ date: '2026-12-10', iso: '2026-12-10T12:00:00+09:00', sequence: 1 })]);

    expect(value(after, 'uid')).toBe(value(before, 'uid'));
    expect(before.getFirstPropertyValue('sequence')).toBe(0);
    expect(after.getFirstPropertyValue('sequence')).toBe(1);
    expect(time(after, 'dtstart').toString()).toBe('2026-12-10T12:00:00');
  });

  it("titles the event [agency] programme: label in the page's language, falling back to the other name", () => {
    const [, amed] = sampleCatalog().deadlines;
    const ja = only([amed!]);
    const noJapaneseName = only([deadline({ lang: 'ja', label: '申請締切', programName: { en: 'ASPIRE' } })]);

    expect(value(ja, 'summary')).toBe('[AMED] 医療研究開発推進事業: 公募締切');
    expect(value(ja, 'description')).toContain(`ページの記載: 「${amed!.evidence}」`);
    expect(value(noJapaneseName, 'summary')).toBe('[JST] ASPIRE: 申請締切');
  });

  it("describes the call, the page's own words, the stated time zone and the page, and links the page", () => {
    const d = deadline({ statedTimezone: 'CET' });

    const event = only([d]);

    const description = value(event, 'description');
    expect(description).toContain('Call: FY2025 call for proposals');
    expect(description).toContain(`The page says: “${d.evidence}”`);
    expect(description).toContain('The page states the time in CET; shown here in Japan time.');
    expect(description).toContain(`Source: ${d.url}`);
    expect(value(event, 'url')).toBe(d.url);
  });

  it('keeps hostile page text as text: no injected property, event or calendar line', () => {
    const hostile = deadline({
      uid: `x\r\nBCC:victim@example.org\r\nEND:VEVENT`, callTitle: HOSTILE, evidence: `${HOSTILE}\nEND:VEVENT\nBEGIN:VEVENT`,
      label: `Deadline; a, b\\ ${HOSTILE}`, programName: { en: HOSTILE }, statedTimezone: HOSTILE,
    });

    const ics = renderIcs([hostile], { ...OPTIONS, name: HOSTILE, description: HOSTILE });
    const { calendar, events } = parseIcs(ics);

    expect(events).toHaveLength(1);
    const event = events[0]!;
    expect(event.getAllProperties().map((p) => p.name).filter((n) => !EVENT_PROPERTIES.has(n))).toEqual([]);
    expect(calendar.getAllProperties().map((p) => p.name).sort()).toEqual(['method', 'name', 'prodid', 'version', 'x-wr-caldesc', 'x-wr-calname']);
    expect(unfold(ics).filter((line) => /^(BCC|END:VEVENT|BEGIN:VEVENT)/.test(line))).toEqual(['BEGIN:VEVENT', 'END:VEVENT']);
    // Round trip: what a calendar app shows is the page's text, line breaks normalized to \n.
    expect(value(event, 'description')).toContain(`Call: ${HOSTILE.replace('\r\n', '\n')}`);
    expect(value(event, 'description')).toContain(`${HOSTILE.replace('\r\n', '\n')}\nEND:VEVENT\nBEGIN:VEVENT”`);
    expect(value(event, 'summary')).toBe(`[JST] ${oneLineHostile()}: Deadline; a, b\\ ${oneLineHostile()}`);
    expect(value(event, 'uid')).toBe('x%0D%0ABCC%3Avictim%40example.org%0D%0AEND%3AVEVENT@fundwatch');
  });

  it('leaves out a page URL that is not http(s)', () => {
    const event = only([deadline({ url: 'javascript:alert(1)' })]);

    expect(event.getFirstProperty('url')).toBeNull();
    expect(value(event, 'description')).not.toContain('javascript:');
  });

  it('skips a deadline on a day that does not exist, and still writes the others', () => {
    const { events } = parseIcs(renderIcs([deadline({ uid: 'bad', date: '2027-02-31' }), deadline()], OPTIONS));

    expect(events.map((e) => value(e, 'uid'))).toEqual(['jst-aspire.fy2025.submission.en@fundwatch']);
  });

  it('keeps a deadline whose time is not a clock reading ("24:00") as an all-day event on its day', () => {
    const event = only([deadline({ time: '24:00' })]);

    expect(time(event, 'dtstart').isDate).toBe(true);
    expect(time(event, 'dtstart').toString()).toBe('2026-12-10');
  });

  it('is a valid calendar with no deadlines: the VTIMEZONE keeps it at the one component RFC 5545 requires', () => {
    const { calendar, events } = parseIcs(renderIcs([], OPTIONS));

    expect(events).toHaveLength(0);
    expect(calendar.getAllSubcomponents('vtimezone')).toHaveLength(1);
  });

  it('writes CRLF lines of at most 75 octets, with every calendar property before the first component', () => {
    const ics = renderIcs(sampleCatalog().deadlines, { ...OPTIONS, url: 'https://example.org/fundwatch/' });

    expect(ics.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    expect(ics.split('\r\n').filter((line) => Buffer.byteLength(line) > 75)).toEqual([]);
    const lines = unfold(ics).slice(1, -1);
    const firstComponent = lines.findIndex((line) => line.startsWith('BEGIN:'));
    const lastComponent = lines.findLastIndex((line) => line.startsWith('END:'));
    expect(lines.slice(lastComponent + 1)).toEqual([]);
    expect(lines.slice(0, firstComponent).map((line) => line.split(/[:;]/)[0]))
      .toEqual(['VERSION', 'PRODID', 'URL', 'METHOD', 'NAME', 'X-WR-CALNAME']);
  });
});

function oneLineHostile(): string {
  return HOSTILE.replace(/\s+/g, ' ').trim();
}
