/**
 * Japan's wall clock (Asia/Tokyo, +09:00 all year: no daylight saving since 1951), the one calendar every
 * deadline, reminder and closing day is counted in. Plain arithmetic, no time-zone database needed.
 */
export const JST_OFFSET_MS = 9 * 3_600_000;

/** One day in milliseconds: every span in days (reminders, digests, feeds, queries, grace periods) counts these. */
export const DAY_MS = 86_400_000;

/** "YYYY-MM-DDTHH:MM:SS" as a clock in Japan reads at `instant`. */
export function japanWallClock(instant: Date): string {
  return new Date(instant.getTime() + JST_OFFSET_MS).toISOString().slice(0, 19);
}

/** The date in Japan at `instant`: "2026-11-22". */
export function japanDay(instant: Date): string {
  return japanWallClock(instant).slice(0, 10);
}

/**
 * The first instant after the Japanese calendar month "YYYY-MM" ends: a deadline stated as a month only
 * ("end of April 2025") is still ahead until then.
 */
export function endOfJapanMonth(month: string): number {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  return Date.UTC(year, monthNumber, 1) - JST_OFFSET_MS;
}
