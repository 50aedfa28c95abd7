/**
 * The time grammar: where a (NFKC-folded) text writes a time of day and what it says ("12:00", "noon", "正午",
 * "午後4時30分", "5:00 p.m.", "16.15 Finnish time"). Dates are date-grammar.ts's; a time inside a date is none.
 */
import type { DateHit } from './date-grammar.ts';

export interface TimeHit {
  start: number;
  end: number;
  time: string;
  /** The second, where the page states one ("12時00分30秒", "23:59:59"). */
  second?: number;
}

/** What may follow a European time to mark it as one: a zone's abbreviation, or a place's name and "time". */
const ZONE_WORDS = '(?:JST|CES?T|EES?T|WES?T|UTC|GMT|BST|[ECMP][SD]T|KST|SGT|ICT|IST)\\b|[A-Z][a-z]+(?:\\s+[A-Z][a-z]+)?\\s+(?:(?:standard|summer|daylight)\\s+)?(?:local\\s+)?time\\b';
const TIME_PATTERNS: Array<{ re: RegExp; read: (m: RegExpExecArray) => string }> = [
  { re: /正午|\bnoon\b/gi, read: () => '12:00' },
  { re: /午後\s*(\d{1,2})\s*時(?:\s*(\d{1,2})\s*分)?/g, read: (m) => hhmm(Number(m[1]) + 12, Number(m[2] ?? 0)) },
  { re: /午前\s*(\d{1,2})\s*時(?:\s*(\d{1,2})\s*分)?/g, read: (m) => hhmm(Number(m[1]), Number(m[2] ?? 0)) },
  // 5 p.m., 5:00PM, and "13:1pm" (a minute written with one digit, and a 24-hour time with a needless pm)
  { re: /(?<![\d:])(\d{1,2})(?::(\d{1,2}))?\s*([AaPp])\.?\s?[Mm]\.?/g, read: (m) => hhmm(Number(m[1]) % 12 + (/p/i.test(m[3]!) ? 12 : 0), Number(m[2] ?? 0)) },
  // 17:00, and "12:1" (a minute written with one digit is still that minute, not no time)
  { re: /(?<![\d/])(\d{1,2}):(\d{2}|\d(?!\d))(?::(\d{2}))?(?![\d/])/g, read: (m) => hhmm(Number(m[1]), Number(m[2]), m[3]) },
  { re: /(?<![\d年月])(\d{1,2})\s*時(?:\s*(\d{1,2})\s*分(?:\s*(\d{1,2})\s*秒)?)?/g, read: (m) => hhmm(Number(m[1]), Number(m[2] ?? 0), m[3]) },
  // European forms, "16.15 Finnish time", "at 16.15", "kl. 16.00", "16h00 CET": a dot or an h is a time only where a
  // zone, "at", "kl." or "hrs" says so ("7.69 million yen" is none)
  { re: /(?<=\b(?:at|kl\.?|until)\s*)(\d{1,2})[.h](\d{2})(?![\d.])/gi, read: (m) => hhmm(Number(m[1]), Number(m[2])) },
  { re: new RegExp(`(?<![\\d.,])(\\d{1,2})[.h](\\d{2})(?![\\d.])(?=\\s*(?:hrs?\\b|hours\\b|\\(?${ZONE_WORDS}))`, 'g'), read: (m) => hhmm(Number(m[1]), Number(m[2])) },
];

function hhmm(h: number, m: number, s?: string): string {
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}${s ? `:${s.padStart(2, '0')}` : ''}`;
}

/** The times a text writes, outside its dates ("12:00", "noon", "午後4時30分", "5:00 p.m."). */
export function findTimes(text: string, dates: DateHit[]): TimeHit[] {
  const hits: TimeHit[] = [];
  for (const { re, read } of TIME_PATTERNS) {
    for (const m of text.matchAll(re)) {
      const start = m.index;
      const end = start + m[0].length;
      if ([...hits, ...dates].some((h) => start < h.end && end > h.start)) continue;
      const [hh, mm, ss] = read(m as RegExpExecArray).split(':');
      if (Number(hh) < 24 && Number(mm) < 60 && Number(ss ?? 0) < 60) hits.push({ start, end, time: `${hh}:${mm}`, ...(Number(ss) ? { second: Number(ss) } : {}) });
    }
  }
  return hits;
}
