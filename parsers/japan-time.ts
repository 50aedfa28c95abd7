/**
 * Japan's wall clock (Asia/Tokyo, +09:00 all year: no daylight saving since 1951), the one calendar every
 * deadline, reminder and closing day is counted in. Plain arithmetic, no time-zone database needed.
 */
export const JST_OFFSET_MS = 9 * 3_600_000;

/** "YYYY-MM-DDTHH:MM:SS" as a clock in Japan reads at `instant`. */
export function japanWallClock(instant: Date): string {
  return new Date(instant.getTime() + JST_OFFSET_MS).toISOString().slice(0, 19);
}

/** The date in Japan at `instant`: "2026-11-22". */
export function japanDay(instant: Date): string {
  return japanWallClock(instant).slice(0, 10);
}
