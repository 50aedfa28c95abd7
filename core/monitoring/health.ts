/**
 * Parser health: a page that suddenly yields nothing where it used to is a broken parser or a site
 * redesign, not a programme that lost all its deadlines. Such a record is kept out of the store and
 * raised to maintainers; subscribers hear nothing.
 */
import type { Call, ParseResult } from '#parsers/schema.ts';

export interface HealthVerdict {
  healthy: boolean;
  reason?: string;
  lost: string[];
}

const FACETS = ['deadlines', 'agencies', 'eligibility'] as const;

/** What a call says beyond the page's own agency (which every page of that agency names anyway). */
const hasData = (call: Call): boolean => call.deadlines.length + call.eligibility.length + call.funding.length + call.contacts.length
  + call.agencies.filter((a) => a.role !== 'administering').length > 0;

const facetCount = (call: Call, facet: (typeof FACETS)[number]): number =>
  facet === 'agencies' ? call.agencies.filter((a) => a.role !== 'administering').length : call[facet].length;

/** Every facet the previous record had, call by call: what a collapsed page has lost. */
function everything(previous: ParseResult): string[] {
  return previous.programs.flatMap((p) => p.calls.flatMap((c) => FACETS.filter((f) => facetCount(c, f) > 0).map((f) => `${p.id}/${c.id}: ${f}`)));
}

export function checkHealth(previous: ParseResult | undefined, next: ParseResult): HealthVerdict {
  const nextCalls = next.programs.flatMap((p) => p.calls.map((c) => ({ key: `${p.id}/${c.id}`, call: c })));
  if (!nextCalls.some(({ call }) => hasData(call))) {
    if (!previous) return { healthy: false, reason: 'the page yielded no programme data', lost: [] };
    return { healthy: false, reason: 'the page no longer yields any programme data (layout change or parser failure)', lost: everything(previous) };
  }
  if (!previous) return { healthy: true, lost: [] };
  const byKey = new Map(nextCalls.map(({ key, call }) => [key, call]));
  const lost: string[] = [];
  for (const program of previous.programs) {
    for (const call of program.calls) {
      const now = byKey.get(`${program.id}/${call.id}`);
      if (!now) continue;
      for (const facet of FACETS) if (facetCount(call, facet) > 0 && facetCount(now, facet) === 0) lost.push(`${program.id}/${call.id}: ${facet}`);
    }
  }
  // A page that drops every deadline, every agency or every eligibility term of a call it still lists
  // is far likelier a moved table than a real edit: hold it for a maintainer to look at.
  return lost.length > 0
    ? { healthy: false, reason: `the page stopped yielding ${lost.join(', ')}`, lost }
    : { healthy: true, lost };
}
