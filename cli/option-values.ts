/**
 * The numbers, dates and URLs the commands take, read strictly. JavaScript's own readers are lenient in
 * ways that surprise: Number('') is 0, Date.parse('1') is 2001-01-01 and Date.parse('2025-02-31') is
 * March 3. Here a value is what it says or it is refused, with the form to write instead.
 */

/** The longest span a --within can ask for: a century, well inside what a Date can hold. */
const MAX_SPAN_DAYS = 36_600;
/** The longest interval between scheduled cycles: ten weeks. */
const MAX_MINUTES = 100_000;

/**
 * A day (YYYY-MM-DD, midnight in Japan) or an ISO 8601 time, as an ISO instant.
 * @example parseDay('2025-04-01', '--since') // '2025-03-31T15:00:00.000Z'
 */
export function parseDay(text: string, flag: string): string {
  //           year     month    day      T hour     minute   (second   (fraction))   zone
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/.exec(text);
  const [, year, month, day, hour = '0', minute = '0', second = '0'] = match ?? [];
  const time = match ? Date.parse(match[4] === undefined ? `${text}T00:00:00+09:00` : text) : NaN;
  if (!match || !isCalendarDay(Number(year), Number(month), Number(day)) || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59 || Number.isNaN(time)) {
    throw new Error(`${flag} "${text}" is not a date: write YYYY-MM-DD (midnight in Japan) or an ISO 8601 time such as 2025-04-01T09:00:00+09:00`);
  }
  return new Date(time).toISOString();
}

/** True when the day exists in the calendar: Date.UTC rolls 2025-02-31 over to March 3, so the round trip tells. */
function isCalendarDay(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** "60d", "8w", "2m" (30-day months) or a bare number of days, as days: at least one, at most a century. */
export function parseWithin(text: string, flag = '--within'): number {
  const match = /^(\d{1,6})\s*([dwm]?)$/.exec(text.trim());
  const days = match ? Number(match[1]) * ({ '': 1, d: 1, w: 7, m: 30 } as Record<string, number>)[match[2]!]! : 0;
  if (days < 1 || days > MAX_SPAN_DAYS) throw new Error(`${flag} "${text}" is not a span: write 60d, 8w or 2m (days, weeks or 30-day months; from 1 day to ${MAX_SPAN_DAYS / 366} years)`);
  return days;
}

/** A TCP port to listen on: a whole number from 1 to 65535 (0, "any free port", is what leaving the option out means). */
export function parsePort(text: string, flag: string): number {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : 0;
  if (port < 1 || port > 65_535) throw new Error(`${flag} "${text}" is not a port: write a number from 1 to 65535`);
  return port;
}

/** Minutes between scheduled cycles: a whole number from 1 (a negative or zero interval would run cycles back to back). */
export function parseMinutes(text: string, flag: string): number {
  const minutes = /^\d{1,6}$/.test(text) ? Number(text) : 0;
  if (minutes < 1 || minutes > MAX_MINUTES) throw new Error(`${flag} "${text}" is not a number of minutes: write a whole number from 1 to ${MAX_MINUTES}`);
  return minutes;
}

/** Where pages are served, for absolute links in e-mails and feeds: an http(s) URL with a host and no credentials. */
export function parseBaseUrl(text: string, flag: string): string {
  const url = URL.canParse(text) ? new URL(text) : undefined;
  if (!url || !['http:', 'https:'].includes(url.protocol) || !url.hostname || url.username || url.password) {
    throw new Error(`${flag} "${text}" must be an http(s) URL: where \`fundwatch serve\` (or your server) serves the subscription pages, such as http://127.0.0.1:8787/`);
  }
  return text;
}
