/** The moments a date is given: the times that belong to it, each converted to JST from the zone the page states. */
import type { DateHit } from './date-grammar.ts';
import type { TimeHit } from './time-grammar.ts';
import { toJst, withoutZones, zoneAfter } from './time-zones.ts';

interface Moment { date: string; time: string | null; second?: number; zone?: string; venue?: string }
/** Between two times of one day that are alternatives, not a span: a zone, the system's name, and "/", "、", "or". */
const ALTERNATIVE_TIMES = /^\s*(?:[A-Za-z]{2,5}\s*)?(?:[(（][^)）]{0,40}[)）]\s*)?(?:\/|、|;|,|\bor\b|\band\b)\s*$/i;
/** The submission system or office a time is for, in brackets after it and its zone: "17:00 JST (e-Rad)". */
const VENUE = /^\s*(?:[A-Za-z]{2,5}\s*)?[(（]([^)）]{2,40})[)）]/;

/**
 * The moments a day is given: the time nearest it, or each of several times that are alternatives ("13:00 CEST
 * (NordForsk portal) / 17:00 JST (e-Rad)": one deadline per system), each converted to JST from the zone stated.
 */
export function momentsOf(hit: DateHit, dates: DateHit[], times: TimeHit[], text: string, day: string): Moment[] {
  if (!hit.day) return [{ date: day, time: null }];
  const own = timesOf(hit, dates, times, text);
  const alternatives = own.length > 1 && own.every((t, k) => k === 0 || ALTERNATIVE_TIMES.test(text.slice(own[k - 1]!.end, t.start)));
  const nearest = own.reduce<TimeHit | undefined>((best, t) => (!best || distance(t, hit) < distance(best, hit) ? t : best), undefined);
  const chosen = alternatives ? own : nearest ? [nearest] : [];
  if (!chosen.length) return [{ date: day, time: null }];
  const moments = chosen.map((t) => {
    const zone = zoneAfter(text, t, day);
    const moment = zone ? toJst(day, t.time, zone.offset) : { date: day, time: t.time };
    const named = alternatives ? VENUE.exec(text.slice(t.end))?.[1]?.trim() : undefined;
    // "(JST)" is a zone, not a system.
    const venue = named && withoutZones(named).trim() ? named : undefined;
    return { ...moment, ...(t.second ? { second: t.second } : {}), ...(zone ? { zone: zone.zone } : {}), ...(venue ? { venue } : {}) };
  });
  // "17:00 JST / 10:00 CET" in June is one moment whose zone missed summer time: a time within the hour of the JST
  // one is that one; a partner portal's own hour ("13:00 CEST / 17:00 JST") stays apart.
  const jst = moments.filter((m) => !m.zone);
  const kept = moments.filter((m) => !m.zone || !jst.some((j) => Math.abs(minutesOf(m) - minutesOf(j)) <= 60));
  return [...new Map(kept.map((m) => [`${m.date}|${m.time}`, m] as const)).values()];
}

const minutesOf = (m: Moment): number => Date.parse(`${m.date}T${m.time ?? '00:00'}:00Z`) / 60_000;

/** The times that belong to a date: the date a time is said to be "on", else the one it stands closest to ("April 10 – Noon, June 3": noon is June 3's). */
function timesOf(date: DateHit, dates: DateHit[], times: TimeHit[], text: string): TimeHit[] {
  return times.filter((t) => {
    // "Noon (12:00, Japan time) on June 8", "by 5 p.m. on 12 May": a time the text ties to the date after it.
    const led = dates.find((d) => d.start >= t.end && LEADS.test(withoutZones(text.slice(t.end, d.start))));
    if (led) return led === date;
    const distances = dates.map((d) => distance(t, d));
    return dates[distances.indexOf(Math.min(...distances))] === date;
  });
}
const LEADS = /^[\s,()（）]*(?:[\d:]+[\s,()（）]*)?\bon\s*(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s*)?$/i;
const distance = (t: TimeHit, d: DateHit): number => (t.start >= d.end ? t.start - d.end : d.start >= t.end ? d.start - t.end : Infinity);
