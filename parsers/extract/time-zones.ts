/**
 * Hours from UTC of the zones a page might state a time in. The agencies write JST; a time stated in
 * another zone ("17:00 CET", "5:00 p.m. EDT") is converted to JST, so that every moment compares.
 */
import type { TimeHit } from './date-grammar.ts';

const ZONES: Record<string, number> = {
  UTC: 0, GMT: 0, WET: 0, CET: 1, BST: 1, CEST: 2, EET: 2, EEST: 3, IST: 5.5, ICT: 7, WIB: 7, SGT: 8, CST_CN: 8, KST: 9, JST: 9,
  AEST: 10, AEDT: 11, NZST: 12, NZDT: 13, EST: -5, EDT: -4, CDT: -5, MST: -7, MDT: -6, PST: -8, PDT: -7,
};
const ZONE = new RegExp(`^[\\s(（]*(${Object.keys(ZONES).filter((z) => !z.includes('_')).join('|')}|協定世界時|日本時間|Japan (?:Standard )?Time)\\b`, 'i');
const pad = (n: number): string => String(n).padStart(2, '0');

/** The zone stated right after a time, as hours from UTC; none for JST and when no zone is stated. */
export function zoneAfter(text: string, time: TimeHit): { zone: string; offset: number } | undefined {
  const m = ZONE.exec(text.slice(time.end, time.end + 16));
  if (!m) return undefined;
  const name = m[1]!.toUpperCase();
  const offset = name === '協定世界時' ? 0 : /日本時間|JAPAN/.test(name) ? 9 : ZONES[name];
  return offset === undefined || offset === 9 ? undefined : { zone: m[1]!, offset };
}

/** A day and time at `offset` hours from UTC, as the same moment in JST. */
export function toJst(date: string, time: string, offset: number): { date: string; time: string } {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const jst = new Date(Date.UTC(y, mo - 1, d, h, mi) + (9 - offset) * 3_600_000);
  return { date: `${jst.getUTCFullYear()}-${pad(jst.getUTCMonth() + 1)}-${pad(jst.getUTCDate())}`, time: `${pad(jst.getUTCHours())}:${pad(jst.getUTCMinutes())}` };
}
