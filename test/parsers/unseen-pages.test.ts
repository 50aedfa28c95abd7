/**
 * Pages with no adapter: three pages written in the agencies' styles on templates the parser has never
 * seen (fixtures/unseen), read by the generic rules alone. Each yields what a careful reader takes
 * from it (fixtures/unseen/expected.json): every deadline and no other, the amounts, the partner
 * agencies with their countries, the e-mail addresses and the eligibility terms.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parsePage } from '#parsers/parse-page.ts';
import type { Agency, Lang } from '#parsers/schema.ts';

interface Expected {
  agency: Agency; lang: Lang;
  deadlines: Array<{ kind: string; date: string; time: string | null; tentative?: boolean }>;
  fundingJpy: number[]; agencies: Array<{ acronym: string; country: string }>; emails: string[]; eligibilityContains: string[];
}
const dir = new URL('../../fixtures/unseen/', import.meta.url);
const { $comment: _, ...expectations } = JSON.parse(await readFile(new URL('expected.json', dir), 'utf8')) as Record<string, Expected> & { $comment: string };

describe.each(Object.entries(expectations))('%s, read with no adapter', (file, expected) => {
  const read = async () => {
    const source = { id: 'unseen', agency: expected.agency, lang: expected.lang, kind: 'html' as const, url: `https://www.${expected.agency.toLowerCase()}.go.jp/unseen/${file}`, adapter: 'none' };
    const result = await parsePage({ source, body: await readFile(new URL(file, dir)) });
    return result.programs.flatMap((p) => p.calls);
  };

  it('yields every deadline, with kind, day and time, and nothing else', async () => {
    const deadlines = (await read()).flatMap((c) => c.deadlines).map((d) => ({ kind: d.kind, date: d.date, time: d.time, ...(d.tentative ? { tentative: true } : {}) }));
    const key = (d: { kind: string; date: string }) => `${d.date} ${d.kind}`;
    expect([...new Map(deadlines.map((d) => [key(d), d])).values()].sort((a, b) => key(a).localeCompare(key(b))))
      .toEqual([...expected.deadlines].sort((a, b) => key(a).localeCompare(key(b))));
  });

  it('yields the funding amounts', async () => {
    expect(new Set((await read()).flatMap((c) => c.funding).map((f) => f.maxJpy))).toEqual(new Set(expected.fundingJpy));
  });

  it('yields the administering and partner agencies with their countries', async () => {
    const agencies = (await read()).flatMap((c) => c.agencies).map((a) => ({ acronym: a.acronym, country: a.country }));
    for (const agency of expected.agencies) expect(agencies).toContainEqual(agency);
    expect(new Set(agencies.map((a) => a.acronym))).toEqual(new Set(expected.agencies.map((a) => a.acronym)));
  });

  it('yields the e-mail addresses, de-obfuscated', async () => {
    expect(new Set((await read()).flatMap((c) => c.contacts).map((c) => c.email))).toEqual(new Set(expected.emails));
  });

  it('yields the eligibility terms in the page\'s own words', async () => {
    const terms = (await read()).flatMap((c) => c.eligibility);
    for (const fragment of expected.eligibilityContains) expect(terms.some((t) => t.text.includes(fragment) && t.evidence.includes(fragment)), fragment).toBe(true);
  });
});
