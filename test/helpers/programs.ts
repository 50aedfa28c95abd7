/** Builders of parse results for diff and health tests: one programme, one call, override what a test is about. */
import type { Call, Deadline, FundingAgency, ParseResult } from '#parsers/schema.ts';

export function deadline(date: string, time: string | null = '12:00', patch: Partial<Deadline> = {}): Deadline {
  return { kind: 'submission', label: 'Proposal deadline', date, time, timezone: 'Asia/Tokyo',
    iso: time ? `${date}T${time}:00+09:00` : null, evidence: `Deadline: ${date} ${time ?? ''}`, ...patch };
}

export function agency(name: string, acronym: string, country: string): FundingAgency {
  return { name, acronym, country, role: 'partner', participation: 'Existing grant', evidence: `${name} Existing grant` };
}

export function call(patch: Partial<Call> = {}): Call {
  return {
    id: 'fy2025', title: 'FY2025 call', status: 'open',
    deadlines: [deadline('2025-05-12')],
    agencies: [agency('Australian Research Council (ARC)', 'ARC', 'AU'), agency('German Research Foundation (DFG)', 'DFG', 'DE')],
    eligibility: [{ text: 'Applicants must hold a doctoral degree obtained within six years.', evidence: 'Applicants must hold a doctoral degree obtained within six years.' }],
    funding: [{ maxJpy: 380_000_000, includesIndirect: false, evidence: 'Up to 380 million yen' }],
    periods: [{ yearsMax: 5, evidence: '5 years' }],
    countries: ['AU', 'DE'], fields: ['Healthcare'], contacts: [{ email: 'aspire@jst.go.jp', evidence: 'aspire"AT"jst.go.jp' }],
    ...patch,
  };
}

export function record(calls: Call[] = [call()]): ParseResult {
  return {
    source: { url: 'https://www.jst.go.jp/aspire/en/', agency: 'JST', lang: 'en', contentHash: 'x' },
    programs: [{ id: 'jst-aspire', agency: 'JST', name: { en: 'ASPIRE' }, url: 'https://www.jst.go.jp/aspire/en/', calls }],
  };
}
