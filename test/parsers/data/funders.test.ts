/**
 * The funder gazetteer (parsers/data/funders.json), checked as data: its shape and size, real country
 * codes, one entry per acronym and country, and every term several funders share listed as ambiguous and
 * placed by the country named beside it.
 */
import { describe, expect, it } from 'vitest';
import data from '#parsers/data/funders.json' with { type: 'json' };
import { COUNTRY_NAMES } from '#parsers/extract/countries.ts';
import { AMBIGUOUS, COMMON_ACRONYMS, FUNDERS, fundersFor, isNotFunder, placeFunder } from '#parsers/extract/funders.ts';

const KINDS = ['council', 'agency', 'ministry', 'academy', 'foundation', 'institute', 'international'];
const regionName = new Intl.DisplayNames(['en'], { type: 'region' });
/** A real ISO 3166-1 alpha-2 code (ICU knows its name), EU for the Union's bodies, XI for international ones. */
const validCode = (code: string): boolean => code === 'XI' || (/^[A-Z]{2}$/.test(code) && regionName.of(code) !== code);
const terms = (f: (typeof FUNDERS)[number]): string[] => [...f.acronyms, f.name, ...f.aliases, ...f.ja].map((t) => t.replace(/^the\s+/i, ''));
describe('the funder gazetteer', () => {
  it('says how to add an entry', () => {
    expect(data.$comment).toMatch(/To add a funder/);
  });

  it('holds at least 300 funders of at least 40 countries, each with a name, a country and a kind', () => {
    expect(FUNDERS.length).toBeGreaterThanOrEqual(300);
    expect(new Set(FUNDERS.map((f) => f.country).filter((c) => c !== 'XI' && c !== 'EU')).size).toBeGreaterThanOrEqual(40);
    for (const f of FUNDERS) {
      expect(f.name.trim(), JSON.stringify(f)).not.toBe('');
      expect(KINDS, f.name).toContain(f.kind);
      for (const t of terms(f)) expect(t, f.name).toBe(t.trim());
    }
  });

  it('has the international programmes’ bodies', () => {
    for (const name of ['Human Frontier Science Program Organization', 'Belmont Forum', 'European Commission', 'European Research Council', 'European Innovation Council', 'e-ASIA JRP Secretariat', 'Coalition for Epidemic Preparedness Innovations', 'Global Alliance for Chronic Diseases']) {
      expect(fundersFor(name), name).toHaveLength(1);
    }
  });

  it('gives every funder a real ISO 3166-1 alpha-2 code, EU or XI', () => {
    for (const f of FUNDERS) expect(validCode(f.country), `${f.name}: ${f.country}`).toBe(true);
  });

  it('has one entry per acronym and country', () => {
    const pairs = FUNDERS.flatMap((f) => f.acronyms.map((a) => `${a}|${f.country}`));
    expect(pairs.filter((p, i) => pairs.indexOf(p) !== i)).toEqual([]);
  });

  it('lists every term that several funders share as ambiguous, with exactly their countries', () => {
    const byTerm = new Map<string, Array<(typeof FUNDERS)[number]>>();
    for (const f of FUNDERS) for (const t of new Set(terms(f))) if (fundersFor(t).length > 1) byTerm.set(t, [...(byTerm.get(t) ?? []), f]);
    const listed = new Map(AMBIGUOUS.map((a) => [a.term, a]));
    for (const [term, funders] of byTerm) {
      const entry = listed.get(term) ?? [...listed.values()].find((a) => a.term.toLowerCase() === term.toLowerCase());
      expect(entry, `"${term}" is shared by ${funders.map((f) => f.country).join(', ')}: add it to "ambiguous"`).toBeDefined();
      expect([...new Set(fundersFor(term).map((f) => f.country))].sort(), term).toEqual([...entry!.countries].sort());
    }
    for (const a of AMBIGUOUS) expect(fundersFor(a.term).length, `"${a.term}" is listed as ambiguous but names one funder`).toBeGreaterThan(1);
  });

  it('places every ambiguous term by the country named beside it, and without one only by its default', () => {
    for (const a of AMBIGUOUS) {
      for (const code of a.countries) {
        expect(COUNTRY_NAMES[code], `${code} must be a country pages can name`).toBeDefined();
        expect(placeFunder(fundersFor(a.term), a.term, [code])?.country, `${a.term} beside ${code}`).toBe(code);
      }
      expect(placeFunder(fundersFor(a.term), a.term, [])?.country, `${a.term} alone`).toBe(a.default);
    }
  });

  it('keeps the bodies that fund no call apart from the funders', () => {
    for (const f of FUNDERS) for (const t of terms(f)) expect(isNotFunder(t), `${t} is both a funder and not one`).toBe(false);
    expect(isNotFunder('MEXT')).toBe(true);
    expect(isNotFunder('文部科学省')).toBe(true);
  });

  it('marks as common only acronyms it knows', () => {
    for (const a of COMMON_ACRONYMS) expect(fundersFor(a).length, a).toBeGreaterThan(0);
  });
});
