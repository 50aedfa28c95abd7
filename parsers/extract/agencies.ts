/**
 * Funding agencies: the administering agency of the page, and partner agencies from tables with a
 * country / agency / participation / notes layout (the AMED ASPIRE table), with acronyms from "Name (ACR)".
 */
import type { Agency, FundingAgency } from '#parsers/schema.ts';
import type { Block } from '../document/blocks.ts';
import { countryCode } from './countries.ts';

export const ADMINISTERING: Record<Agency, { name: string; names: RegExp }> = {
  JST: { name: 'Japan Science and Technology Agency', names: /Japan Science and Technology Agency|科学技術振興機構|\bJST\b/ },
  AMED: { name: 'Japan Agency for Medical Research and Development', names: /Japan Agency for Medical Research and Development|日本医療研究開発機構|\bAMED\b/ },
  JSPS: { name: 'Japan Society for the Promotion of Science', names: /Japan Society for the Promotion of Science|日本学術振興会|\bJSPS\b/ },
};

/** The page's administering agency, with the first place the page names it as evidence. */
export function administeringAgency(agency: Agency, blocks: Block[]): FundingAgency {
  const { name, names } = ADMINISTERING[agency];
  const block = blocks.find((b) => names.test(b.text));
  return { name, acronym: agency, country: 'JP', role: 'administering', evidence: block ? names.exec(block.text)![0] : agency };
}

const col = (header: string[] | undefined, re: RegExp): number => header?.findIndex((h) => re.test(h)) ?? -1;

/** A row of a partner-agency table; rows of other tables give nothing. */
export function partnerFromRow(block: Block): FundingAgency | undefined {
  if (block.type !== 'table-row') return undefined;
  const agencyCol = col(block.header, /agency|organi[sz]ation|funder|機関/i);
  if (agencyCol < 0) return undefined;
  const name = block.cells[agencyCol]?.trim();
  if (!name || /^(agency|funding agency)$/i.test(name)) return undefined;
  const cell = (re: RegExp): string | undefined => {
    const i = col(block.header, re);
    return i >= 0 && i !== agencyCol ? block.cells[i]?.trim() || undefined : undefined;
  };
  const countryText = cell(/country|region|国/i);
  const acronyms = [...name.matchAll(/\(([A-Za-z][A-Za-z0-9&-]{1,11})\)/g)].map((m) => m[1]!);
  const country = countryText ? countryCode(countryText) : undefined;
  const participation = cell(/participation|type|参加/i);
  const note = cell(/note|remarks|備考/i);
  return {
    name,
    ...(acronyms.length ? { acronym: acronyms.at(-1)! } : {}),
    ...(country ? { country } : {}),
    role: 'partner',
    ...(participation ? { participation } : {}),
    ...(note ? { note } : {}),
    evidence: block.text,
  };
}
