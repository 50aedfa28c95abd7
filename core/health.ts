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

const hasData = (call: Call): boolean =>
  call.deadlines.length + call.agencies.length + call.eligibility.length + call.funding.length + call.contacts.length > 0;

export function checkHealth(previous: ParseResult | undefined, next: ParseResult): HealthVerdict {
  const nextCalls = next.programs.flatMap((p) => p.calls.map((c) => ({ key: `${p.id}/${c.id}`, call: c })));
  if (!nextCalls.some(({ call }) => hasData(call))) {
    const reason = previous ? 'the page no longer yields any programme data (layout change or parser failure)' : 'the page yielded no programme data';
    return { healthy: false, reason, lost: previous ? ['all programme data'] : [] };
  }
  if (!previous) return { healthy: true, lost: [] };
  const byKey = new Map(nextCalls.map(({ key, call }) => [key, call]));
  const lost: string[] = [];
  for (const program of previous.programs) {
    for (const call of program.calls) {
      const now = byKey.get(`${program.id}/${call.id}`);
      if (!now) continue;
      for (const facet of FACETS) if (call[facet].length > 0 && now[facet].length === 0) lost.push(`${program.id}/${call.id}: ${facet}`);
    }
  }
  // A page that drops every deadline, every agency or every eligibility term of a call it still lists
  // is far likelier a moved table than a real edit: hold it for a maintainer to look at.
  return lost.length > 0
    ? { healthy: false, reason: `the page stopped yielding ${lost.join(', ')}`, lost }
    : { healthy: true, lost };
}
