/**
 * What the record took, and whether a thing seen in a block is among it. A thing is taken when the
 * record holds its value, wherever it was read: a deadline or support period on that day or in that
 * month, a ceiling of that many yen, that address, that agency. So a fact the page repeats (a summary
 * box, then the schedule table) is no miss, while a block whose deadline was taken can still show the
 * open date of its range that was not, and a prose list of partners the one partner the record lacks.
 * A field that reads a thing as something else takes it too, by its block: a date in a support period
 * or in a term of who may apply, an amount in such a term (its evidence and the block's text contain
 * one another).
 */
import type { Deadline, ParseResult } from '#parsers/schema.ts';
import type { Block } from '../document/blocks.ts';
import { fold } from '../document/text.ts';
import type { Sighting } from './sightings.ts';
import { DAY_MS } from '#lib/japan-time.ts';

export interface Taken {
  /** Days and months of deadlines and support periods, "2025-06-03" and "2025-06", plus the same without the year ("06-03"). */
  dates: Set<string>;
  yen: Set<number>;
  emails: Set<string>;
  /** Partner, counterpart and co-organizer agencies (never the administering agency: its evidence is one word). */
  agencies: Array<{ name: string; acronym?: string }>;
  /** The evidence of the fields that take each kind of thing (deadlines for dates, funding for amounts...). */
  evidence: Record<Sighting['kind'], string[]>;
  /** The evidence of the fields that read a kind of thing as something else: dates and amounts as terms or periods. */
  readAsOther: Partial<Record<Sighting['kind'], string[]>>;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * The days a deadline may be written as: its JST day, and for a time stated in a zone behind Japan
 * ("June 3, 17:00 CET" is June 4 in JST) the day before too.
 */
function statedDays(d: Deadline): string[] {
  if (!d.statedTimezone || d.date.length < 10) return [d.date];
  const before = new Date(Date.parse(`${d.date}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
  return [d.date, before];
}

export function takenBy(result: ParseResult): Taken {
  const calls = result.programs.flatMap((p) => p.calls);
  const partners = calls.flatMap((c) => c.agencies).filter((a) => a.role !== 'administering');
  const days = [...calls.flatMap((c) => c.deadlines.flatMap(statedDays)), ...calls.flatMap((c) => c.periods.flatMap((p) => [p.start, p.end]))]
    .filter((d): d is string => Boolean(d));
  return {
    dates: new Set(days.flatMap((d) => [d, d.slice(5)])),
    yen: new Set(calls.flatMap((c) => c.funding.map((f) => f.maxJpy))),
    emails: new Set(calls.flatMap((c) => c.contacts.map((x) => x.email.toLowerCase()))),
    agencies: partners.map((a) => ({ name: fold(a.name).toLowerCase(), ...(a.acronym ? { acronym: a.acronym } : {}) })),
    evidence: {
      date: calls.flatMap((c) => c.deadlines.map((x) => x.evidence)),
      amount: calls.flatMap((c) => c.funding.map((x) => x.evidence)),
      address: calls.flatMap((c) => c.contacts.map((x) => x.evidence)),
      'agency-like': partners.map((a) => a.evidence),
    },
    readAsOther: {
      date: calls.flatMap((c) => [...c.periods, ...c.eligibility].map((x) => x.evidence)),
      amount: calls.flatMap((c) => c.eligibility.map((x) => x.evidence)),
    },
  };
}

/**
 * Whether a field's evidence and a block are the same words: one contains the other. A short evidence
 * (a table cell: "5億円") counts inside a block only as one of the block's own cells, so that "5年間" in
 * one row does not vouch for a date in another.
 */
function sameWords(evidence: string, block: Block): boolean {
  const e = evidence.trim();
  if (!e) return false;
  if (e.includes(block.text)) return true;
  return block.text.includes(e) && (e.length >= 12 || (block.type === 'table-row' && block.cells.includes(e)));
}

function holdsValue(s: Sighting, taken: Taken): boolean {
  switch (s.kind) {
    case 'date': {
      const day = s.day !== undefined ? `${pad(s.month)}-${pad(s.day)}` : pad(s.month);
      return taken.dates.has(s.year !== undefined ? `${s.year}-${day}` : day);
    }
    case 'amount': return taken.yen.has(s.yen);
    case 'address': return taken.emails.has(s.email);
    case 'agency-like': {
      const name = fold(s.name).toLowerCase();
      return taken.agencies.some((a) => (a.acronym && (a.acronym === s.acronym || s.known?.includes(a.acronym)))
        || (a.name && (a.name.includes(name) || name.includes(a.name))));
    }
  }
}

/** Whether a field that takes this kind of thing read something from the block (then what it left there, it left beside what it took). */
export function tookFrom(kind: Sighting['kind'], block: Block, taken: Taken): boolean {
  return taken.evidence[kind].some((e) => sameWords(e, block));
}

export function isTaken(s: Sighting, block: Block, taken: Taken): boolean {
  return holdsValue(s, taken) || (taken.readAsOther[s.kind] ?? []).some((e) => sameWords(e, block));
}
