import { describe, expect, it } from 'vitest';
import { checkHealth } from '#core/monitoring/health.ts';
import { call, record } from '../../helpers/programs.ts';

describe('checkHealth', () => {
  it('accepts a first record with data and an edit that keeps every facet', () => {
    expect(checkHealth(undefined, record()).healthy).toBe(true);
    expect(checkHealth(record(), record([call({ countries: [] })])).healthy).toBe(true);
  });

  it('flags a page that yields nothing at all', () => {
    const empty = record([call({ deadlines: [], agencies: [], eligibility: [], funding: [], contacts: [] })]);
    expect(checkHealth(undefined, empty)).toMatchObject({ healthy: false, reason: 'the page yielded no programme data' });
    expect(checkHealth(record(), { ...record(), programs: [] }).healthy).toBe(false);
  });

  it('flags a call that lost all its deadlines, agencies or eligibility, naming what was lost', () => {
    expect(checkHealth(record(), record([call({ deadlines: [] })]))).toMatchObject({ healthy: false, lost: ['jst-aspire/fy2025: deadlines'] });
    expect(checkHealth(record(), record([call({ agencies: [], eligibility: [] })])).lost).toEqual(['jst-aspire/fy2025: agencies', 'jst-aspire/fy2025: eligibility']);
  });
});
