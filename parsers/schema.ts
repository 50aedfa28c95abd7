/**
 * The normalized programme schema: the one definition from which the TypeScript types, the runtime
 * validation and the published JSON Schema (docs/program.schema.json) all come.
 *
 * Field names are a contract read by tools outside the project: add fields freely, rename none.
 * Every extracted value carries `evidence`, the exact text of the page it came from, so that an
 * e-mail can quote the page.
 */
// The namespace import lets the bundler keep only the parts of zod used (the named `z` export pulls all of it in).
import * as z from 'zod';

export const AGENCIES = ['JST', 'AMED', 'JSPS'] as const;
export const Agency = z.enum(AGENCIES);
export type Agency = z.infer<typeof Agency>;

export const Lang = z.enum(['en', 'ja']);
export type Lang = z.infer<typeof Lang>;

const Evidence = z.string().describe('The exact text of the page that the value came from.');

export const DeadlineKind = z.enum([
  'submission', 'preregistration', 'open', 'review', 'interview', 'notification', 'start', 'other',
]);
export type DeadlineKind = z.infer<typeof DeadlineKind>;

export const Deadline = z.object({
  kind: DeadlineKind,
  label: z.string(),
  date: z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/).describe('YYYY-MM-DD, or YYYY-MM when the page gives only a month.'),
  time: z.string().regex(/^\d{2}:\d{2}$/).nullable(),
  timezone: z.literal('Asia/Tokyo'),
  iso: z.string().nullable().describe('The moment with its offset, or null when the page gives no day.'),
  yearInferred: z.boolean().optional().describe('True when the page omitted the year and it was taken from context.'),
  statedTimezone: z.string().optional().describe('The zone the page stated the time in, when not JST; date and time are converted to JST.'),
  tentative: z.boolean().optional().describe('True when the page marks the date as planned or approximate (予定, 頃, planned, TBC, around).'),
  evidence: Evidence,
});
export type Deadline = z.infer<typeof Deadline>;

export const AgencyRole = z.enum(['administering', 'partner', 'counterpart', 'co-organizer']);
export const FundingAgency = z.object({
  name: z.string(),
  acronym: z.string().optional(),
  country: z.string().optional().describe('ISO 3166-1 alpha-2, or EU.'),
  role: AgencyRole,
  participation: z.string().optional(),
  note: z.string().optional(),
  evidence: Evidence,
});
export type FundingAgency = z.infer<typeof FundingAgency>;

export const Eligibility = z.object({ text: z.string(), track: z.string().optional(), evidence: Evidence });
export type Eligibility = z.infer<typeof Eligibility>;

export const Funding = z.object({
  maxJpy: z.number().int().nonnegative().describe('The ceiling in yen: the upper end where the page gives a range.'),
  minJpy: z.number().int().nonnegative().optional().describe('The lower end, where the page gives a range ("1~3千万円", "JPY 6 - 100 million").'),
  per: z.string().optional().describe('What the amount is counted per, as the page says it: "project", "project/year", "person/month", "total"; a count other than one stays ("2 projects").'),
  includesIndirect: z.boolean(),
  track: z.string().optional(),
  evidence: Evidence,
});
export type Funding = z.infer<typeof Funding>;

export const Period = z.object({
  yearsMin: z.number().optional(),
  yearsMax: z.number().optional(),
  start: z.string().optional(),
  end: z.string().optional(),
  track: z.string().optional(),
  evidence: Evidence,
});
export type Period = z.infer<typeof Period>;

export const Contact = z.object({ email: z.string(), role: z.string().optional(), evidence: Evidence });
export type Contact = z.infer<typeof Contact>;

export const CallStatus = z.enum(['open', 'closed', 'upcoming', 'unknown']);
export type CallStatus = z.infer<typeof CallStatus>;

export const Call = z.object({
  id: z.string(),
  title: z.string(),
  track: z.string().optional(),
  status: CallStatus,
  deadlines: z.array(Deadline),
  agencies: z.array(FundingAgency),
  eligibility: z.array(Eligibility),
  funding: z.array(Funding),
  periods: z.array(Period),
  countries: z.array(z.string()),
  fields: z.array(z.string()),
  contacts: z.array(Contact),
});
export type Call = z.infer<typeof Call>;

export const Disagreement = z.object({
  callId: z.string(),
  field: z.enum(['deadline', 'funding', 'period']),
  kind: DeadlineKind.optional().describe('For a deadline: which one.'),
  track: z.string().optional(),
  includesIndirect: z.boolean().optional().describe('For funding: whether the compared ceilings include indirect costs.'),
  en: z.object({ values: z.array(z.string()), url: z.string(), evidence: z.array(Evidence) }),
  ja: z.object({ values: z.array(z.string()), url: z.string(), evidence: z.array(Evidence) }),
}).describe('The English and Japanese pages of one programme state different facts; kept so that it can be reported once.');
export type Disagreement = z.infer<typeof Disagreement>;

export const Program = z.object({
  id: z.string(),
  agency: Agency,
  name: z.object({ en: z.string().optional(), ja: z.string().optional() }),
  url: z.string(),
  calls: z.array(Call),
  sources: z.array(z.string()).optional().describe('In a merged record: the URLs of every page it was read from.'),
  disagreements: z.array(Disagreement).optional().describe('In a merged record: facts the English and Japanese pages state differently.'),
});
export type Program = z.infer<typeof Program>;

export const ParseResult = z.object({
  source: z.object({ url: z.string(), agency: Agency, lang: Lang, contentHash: z.string() }),
  programs: z.array(Program),
  notes: z.array(z.string()).optional().describe('Why the page yielded little or nothing, when it did: for the maintainer reading the output.'),
});
export type ParseResult = z.infer<typeof ParseResult>;

/** JSON Schema of a parse result, generated from the definition above. */
export function parseResultJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(ParseResult, { target: 'draft-2020-12' }) as Record<string, unknown>;
}

export class SchemaViolation extends Error {
  override name = 'SchemaViolation';
  constructor(readonly issues: string[]) {
    super(`the parsed record does not match the programme schema: ${issues.slice(0, 3).join('; ')}`);
  }
}

/** Validates a parse result at runtime; throws SchemaViolation listing the first problems. */
export function validateParseResult(value: unknown): ParseResult {
  const result = ParseResult.safeParse(value);
  if (result.success) return result.data;
  throw new SchemaViolation(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
}
