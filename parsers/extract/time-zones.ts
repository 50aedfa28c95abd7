/**
 * Hours from UTC of the zones a page might state a time in. The agencies write JST; a time stated in
 * another zone ("17:00 CET", "5:00 p.m. EDT", "11:59 p.m. Eastern Time", "16:00 Brussels time") is converted
 * to JST, so that every moment compares. An abbreviation says its offset ("CET" is +1 even in May, as the page
 * wrote it); a zone named without one ("Eastern Time", "Brussels time") keeps the summer time of its date.
 */
import type { TimeHit } from './date-grammar.ts';

const ZONES: Record<string, number> = {
  UTC: 0, GMT: 0, WET: 0, CET: 1, BST: 1, CEST: 2, EET: 2, EEST: 3, IST: 5.5, ICT: 7, WIB: 7, SGT: 8, CST_CN: 8, KST: 9, JST: 9,
  AEST: 10, AEDT: 11, NZST: 12, NZDT: 13, EST: -5, EDT: -4, CDT: -5, MST: -7, MDT: -6, PST: -8, PDT: -7,
};

/** Zones named by region or city, with their standard offset and whose summer time they keep. */
const NAMED: Array<{ re: RegExp; standard: number; summer: 'us' | 'eu' | 'none' }> = [
  { re: /^(?:US\s+)?Eastern(?:\s+(?:Standard|Daylight))?\s+Time|^(?:US\s+)?ET\b/i, standard: -5, summer: 'us' },
  { re: /^(?:US\s+)?Central(?:\s+(?:Standard|Daylight))?\s+Time|^CT\b/i, standard: -6, summer: 'us' },
  { re: /^(?:US\s+)?Mountain(?:\s+(?:Standard|Daylight))?\s+Time|^MT\b/i, standard: -7, summer: 'us' },
  { re: /^(?:US\s+)?Pacific(?:\s+(?:Standard|Daylight))?\s+Time|^PT\b/i, standard: -8, summer: 'us' },
  { re: /^Central European Summer Time/i, standard: 2, summer: 'none' },
  { re: /^Central European Time|^(?:Brussels|Paris|Berlin|Bonn|Madrid|Rome|Amsterdam|Vienna|Stockholm|Oslo|Copenhagen|Prague|Warsaw)\s+(?:local\s+)?time/i, standard: 1, summer: 'eu' },
  { re: /^(?:Helsinki|Vilnius|Riga|Tallinn|Athens)\s+(?:local\s+)?time|^Eastern European Time/i, standard: 2, summer: 'eu' },
  { re: /^(?:UK|London|British|Dublin|Lisbon)\s+(?:local\s+)?time/i, standard: 0, summer: 'eu' },
  { re: /^Coordinated Universal Time|^協定世界時/i, standard: 0, summer: 'none' },
  { re: /^日本時間|^Japan(?:\s+Standard)?\s+Time|^Tokyo\s+time/i, standard: 9, summer: 'none' },
];
const ABBREVIATION = new RegExp(`^(${Object.keys(ZONES).filter((z) => !z.includes('_')).join('|')})\\b`, 'i');
const pad = (n: number): string => String(n).padStart(2, '0');

/** The Sunday on or before a day of a month (UTC). */
const sundayBefore = (y: number, m: number, d: number): number => {
  const t = Date.UTC(y, m - 1, d);
  return t - new Date(t).getUTCDay() * 86_400_000;
};

/** Whether summer time is in force on a day: the US from the second Sunday of March to the first of November, Europe from the last Sunday of March to the last of October. */
function inSummer(rule: 'us' | 'eu', date: string): boolean {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = Date.UTC(y, m - 1, d);
  if (rule === 'us') return t >= sundayBefore(y, 3, 14) && t < sundayBefore(y, 11, 7);
  return t >= sundayBefore(y, 3, 31) && t < sundayBefore(y, 10, 31);
}

const ZONE_ABBREVIATIONS = new RegExp(`\\b(${Object.keys(ZONES).filter((z) => !z.includes('_')).join('|')})\\b`, 'g');
const ZONE_NAMES = /\b(Japan(?: Standard)?|Tokyo|(?:US )?(?:Eastern|Central|Mountain|Pacific)(?: Standard| Daylight)?|Central European(?: Summer)?) Time\b|日本時間/gi;
/** A label without the zones it names ("Deadline: 11:59 p.m. EDT," is "Deadline"). */
export const withoutZones = (text: string): string => text.replace(ZONE_ABBREVIATIONS, ' ').replace(ZONE_NAMES, ' ');

/**
 * The zone stated right after a time, as hours from UTC on `date` (for the summer time of a named zone);
 * none for JST and when no zone is stated.
 */
export function zoneAfter(text: string, time: TimeHit, date?: string): { zone: string; offset: number } | undefined {
  const after = text.slice(time.end, time.end + 40).replace(/^[\s(（]*(?:noon|正午)?[\s(（]*/i, '');
  const abbreviation = ABBREVIATION.exec(after);
  if (abbreviation) {
    const offset = ZONES[abbreviation[1]!.toUpperCase()];
    return offset === undefined || offset === 9 ? undefined : { zone: abbreviation[1]!, offset };
  }
  for (const { re, standard, summer } of NAMED) {
    const m = re.exec(after);
    if (!m) continue;
    const offset = standard + (summer !== 'none' && date && inSummer(summer, date) ? 1 : 0);
    return offset === 9 ? undefined : { zone: m[0], offset };
  }
  return undefined;
}

/** A day and time at `offset` hours from UTC, as the same moment in JST. */
export function toJst(date: string, time: string, offset: number): { date: string; time: string } {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const jst = new Date(Date.UTC(y, mo - 1, d, h, mi) + (9 - offset) * 3_600_000);
  return { date: `${jst.getUTCFullYear()}-${pad(jst.getUTCMonth() + 1)}-${pad(jst.getUTCDate())}`, time: `${pad(jst.getUTCHours())}:${pad(jst.getUTCMinutes())}` };
}
