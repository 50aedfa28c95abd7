/**
 * Hours from UTC of the zones a page might state a time in. The agencies write JST; a time stated in
 * another zone ("17:00 CET", "5:00 p.m. EDT", "11:59 p.m. Eastern Time", "16:00 Brussels time") is converted
 * to JST, so that every moment compares. An abbreviation says its offset ("CET" is +1 even in May, as the page
 * wrote it); a zone named without one ("Eastern Time", "Brussels time") keeps the summer time of its date.
 */
import { DAY_MS } from '#lib/japan-time.ts';
import type { TimeHit } from './time-grammar.ts';

const ZONES: Record<string, number> = {
  UTC: 0, GMT: 0, WET: 0, CET: 1, BST: 1, CEST: 2, EET: 2, EEST: 3, IST: 5.5, ICT: 7, WIB: 7, SGT: 8, CST_CN: 8, KST: 9, JST: 9,
  AEST: 10, AEDT: 11, NZST: 12, NZDT: 13, EST: -5, EDT: -4, CDT: -5, MST: -7, MDT: -6, PST: -8, PDT: -7,
};

/**
 * Zones named by a region, a country's adjective or a city ("Eastern Time", "Finnish time", "Brussels time",
 * "Beijing time"), with their standard offset and whose summer time they keep: the US's, the EU's, Australia's, or none.
 * A name needs "time" after it ("Finnish time", "Swedish local time", "Eastern Standard Time"); "local time" alone names no zone.
 */
type Summer = 'us' | 'eu' | 'au' | 'none';
const PLACES: Array<{ names: string; standard: number; summer: Summer }> = [
  { names: 'Eastern|Washington|New York|Boston', standard: -5, summer: 'us' },
  { names: 'Central|Chicago', standard: -6, summer: 'us' },
  { names: 'Mountain|Denver', standard: -7, summer: 'us' },
  { names: 'Pacific|Los Angeles|San Francisco|Seattle', standard: -8, summer: 'us' },
  { names: 'Central European Summer|Eastern European Summer', standard: 2, summer: 'none' },
  { names: 'Central European|Brussels|Paris|Berlin|Bonn|Madrid|Rome|Amsterdam|Vienna|Stockholm|Oslo|Copenhagen|Prague|Warsaw|Budapest|Zurich|Geneva|Bern'
    + '|Swedish|Norwegian|Danish|German|French|Belgian|Dutch|Spanish|Italian|Austrian|Swiss|Polish|Czech|Hungarian|Slovak|Slovenian|Croatian', standard: 1, summer: 'eu' },
  { names: 'Eastern European|Helsinki|Vilnius|Riga|Tallinn|Athens|Bucharest|Sofia|Kyiv|Finnish|Finland|Estonian|Latvian|Lithuanian|Greek|Romanian|Bulgarian|Ukrainian', standard: 2, summer: 'eu' },
  { names: 'UK|London|British|Dublin|Irish|Lisbon|Portuguese|Greenwich Mean|Western European', standard: 0, summer: 'eu' },
  { names: 'Coordinated Universal|Universal', standard: 0, summer: 'none' },
  { names: 'Japan|Tokyo|Japanese|Korea|Korean|Seoul', standard: 9, summer: 'none' },
  { names: 'China|Chinese|Beijing|Taiwan|Taipei|Hong Kong|Singapore|Malaysian?|Kuala Lumpur|Philippine|Manila|Australian Western|Perth', standard: 8, summer: 'none' },
  { names: 'Thai|Thailand|Bangkok|Vietnam|Vietnamese|Hanoi|Indonesian?|Jakarta|Western Indonesian', standard: 7, summer: 'none' },
  { names: 'India|Indian|New Delhi|Delhi|Sri Lanka', standard: 5.5, summer: 'none' },
  { names: 'Kenya|Nairobi|East Africa|Turkish|Istanbul|Moscow', standard: 3, summer: 'none' },
  { names: 'South Africa|Johannesburg|Pretoria', standard: 2, summer: 'none' },
  { names: 'Brazil|Brasilia|Sao Paulo|Argentina|Buenos Aires', standard: -3, summer: 'none' },
  { names: 'Australian Eastern|Sydney|Canberra|Melbourne', standard: 10, summer: 'au' },
];
const NAMED = PLACES.map(({ names, standard, summer }) => ({
  re: new RegExp(`^(?:U\\.?S\\.?\\s+)?(?:${names})(?:\\s+(?:Standard|Daylight|Summer))?\\s+(?:local\\s+)?Time\\b|^(?:local\\s+)?time\\s+in\\s+(?:${names})\\b`, 'i'),
  standard,
  summer,
}));
NAMED.push(
  { re: /^日本時間/, standard: 9, summer: 'none' }, { re: /^協定世界時/, standard: 0, summer: 'none' },
  { re: /^(?:US\s+)?ET\b/, standard: -5, summer: 'us' }, { re: /^CT\b/, standard: -6, summer: 'us' },
  { re: /^MT\b/, standard: -7, summer: 'us' }, { re: /^PT\b/, standard: -8, summer: 'us' },
);
const ABBREVIATION = new RegExp(`^(${Object.keys(ZONES).filter((z) => !z.includes('_')).join('|')})\\b`, 'i');
const pad = (n: number): string => String(n).padStart(2, '0');

/** The Sunday on or before a day of a month (UTC). */
const sundayBefore = (y: number, m: number, d: number): number => {
  const t = Date.UTC(y, m - 1, d);
  return t - new Date(t).getUTCDay() * DAY_MS;
};

/**
 * Whether summer time is in force on a day: the US from the second Sunday of March to the first of November, Europe
 * from the last Sunday of March to the last of October, south-east Australia from the first Sunday of October to
 * the first of April.
 */
function inSummer(rule: Exclude<Summer, 'none'>, date: string): boolean {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = Date.UTC(y, m - 1, d);
  if (rule === 'us') return t >= sundayBefore(y, 3, 14) && t < sundayBefore(y, 11, 7);
  if (rule === 'au') return t < sundayBefore(y, 4, 7) || t >= sundayBefore(y, 10, 7);
  return t >= sundayBefore(y, 3, 31) && t < sundayBefore(y, 10, 31);
}

const ZONE_ABBREVIATIONS = new RegExp(`\\b(${Object.keys(ZONES).filter((z) => !z.includes('_')).join('|')})\\b`, 'g');
const ZONE_NAMES = new RegExp(`\\b(?:U\\.?S\\.?\\s+)?(?:${PLACES.map((p) => p.names).join('|')})(?:\\s+(?:Standard|Daylight|Summer))?\\s+(?:local\\s+)?Time\\b|日本時間`, 'gi');
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
