/** diffResults, read as the specification of what counts as a change and how it is told. */
import { describe, expect, it } from 'vitest';
import { diffResults } from '#core/changes/diff.ts';
import { recordHash } from '#core/changes/canonical.ts';
import { agency, call, deadline, record } from '../../helpers/programs.ts';

const only = (before = record(), after = record()) => diffResults(before, after);

describe('diffResults', () => {
  it('reports a moved deadline with both moments, the days moved and both summaries', () => {
    const [change, ...rest] = only(record(), record([call({ deadlines: [deadline('2025-05-19')] })]));

    expect(rest).toEqual([]);
    expect(change).toMatchObject({ programId: 'jst-aspire', callId: 'fy2025', category: 'deadline', kind: 'changed', severity: 'medium',
      before: { date: '2025-05-12', time: '12:00' }, after: { date: '2025-05-19', time: '12:00' } });
    expect(change?.summary.en).toBe('Submission deadline (Proposal deadline) moved from 2025-05-12 12:00 JST to 2025-05-19 12:00 JST (7 days later)');
    expect(change?.summary.ja).toContain('7日延期');
    expect(change?.evidence).toEqual({ before: 'Deadline: 2025-05-12 12:00', after: 'Deadline: 2025-05-19 12:00' });
  });

  it('rates a deadline brought forward as high severity', () => {
    expect(only(record(), record([call({ deadlines: [deadline('2025-05-01')] })]))[0]?.severity).toBe('high');
  });

  it('reports added and removed deadlines', () => {
    const pre = deadline('2025-04-10', null, { kind: 'preregistration', label: 'Pre-registration' });
    expect(only(record(), record([call({ deadlines: [deadline('2025-05-12'), pre] })])).map((c) => [c.category, c.kind])).toEqual([['deadline', 'added']]);
    expect(only(record([call({ deadlines: [deadline('2025-05-12'), pre] })]), record()).map((c) => [c.category, c.kind])).toEqual([['deadline', 'removed']]);
  });

  it('reports a partner agency that joined, with its country', () => {
    const nhgri = agency('National Institutes of Health (NIH)/ National Human Genome Research Institute (NHGRI)', 'NHGRI', 'US');
    const [change] = only(record(), record([call({ agencies: [...call().agencies, nhgri] })]));

    expect(change).toMatchObject({ category: 'agency', kind: 'added', after: { acronym: 'NHGRI', country: 'US' } });
    expect(change?.summary.en).toBe('Partner agency added: National Institutes of Health (NIH)/ National Human Genome Research Institute (NHGRI) (US)');
  });

  it('reports a partner agency that left', () => {
    expect(only(record(), record([call({ agencies: [call().agencies[0]!] })])).map((c) => [c.category, c.kind, (c.before as { acronym: string }).acronym]))
      .toEqual([['agency', 'removed', 'DFG']]);
  });

  it('shows a reworded English eligibility term as the words that changed', () => {
    const text = 'Applicants must hold a doctoral degree obtained within ten years.';
    const [change] = only(record(), record([call({ eligibility: [{ text, evidence: text }] })]));

    expect(change).toMatchObject({ category: 'eligibility', kind: 'changed', severity: 'high' });
    const diff = (change?.after as { diff: Array<{ op: string; text: string }> }).diff;
    expect(diff.filter((o) => o.op !== 'equal')).toEqual([{ op: 'delete', text: 'six' }, { op: 'insert', text: 'ten' }]);
  });

  it('shows a reworded Japanese eligibility term as the changed word, segmented without spaces', () => {
    const before = '博士号取得後10年未満の研究者であること。';
    const after = '博士号取得後15年未満の研究者であること。';
    const [change] = only(record([call({ eligibility: [{ text: before, evidence: before }] })]), record([call({ eligibility: [{ text: after, evidence: after }] })]));

    const changed = (change?.after as { diff: Array<{ op: string; text: string }> }).diff.filter((o) => o.op !== 'equal');
    expect(changed).toEqual([{ op: 'delete', text: '10' }, { op: 'insert', text: '15' }]);
  });

  it('reports funding, period, country, field and contact changes', () => {
    const after = record([call({ funding: [{ maxJpy: 500_000_000, includesIndirect: false, evidence: 'Up to 500 million yen' }],
      periods: [{ yearsMax: 6, evidence: '6 years' }], countries: ['AU', 'DE', 'SE'], fields: [], contacts: [{ email: 'new@jst.go.jp', evidence: 'new' }] })]);

    expect(only(record(), after).map((c) => `${c.category}:${c.kind}`)).toEqual([
      'funding:changed', 'period:changed', 'countries:added', 'fields:removed', 'contact:removed', 'contact:added',
    ]);
  });

  it('reports a new call as opened and a vanished call as removed', () => {
    const next = call({ id: 'fy2026', title: 'FY2026 call' });
    expect(only(record(), record([call(), next])).map((c) => [c.callId, c.category, c.kind, c.summary.en])).toEqual([['fy2026', 'status', 'added', 'New call: FY2026 call']]);
    expect(only(record([call(), next]), record()).map((c) => [c.callId, c.kind])).toEqual([['fy2026', 'removed']]);
  });

  it('finds nothing in reordered tables, full-width forms, whitespace or evidence-only edits', () => {
    const reordered = record([call({ agencies: [...call().agencies].reverse(), countries: ['DE', 'AU'],
      eligibility: [{ text: '  Applicants must hold a doctoral degree obtained within six years.\n', evidence: 'different words on the page' }] })]);
    const wide = record([call({ title: 'ＦＹ２０２５ call' })]);

    expect(only(record(), reordered)).toEqual([]);
    expect(only(record(), wide)).toEqual([]);
    expect(recordHash(reordered)).toBe(recordHash(record()));
  });
});
