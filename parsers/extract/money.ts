/** Funding ceilings in yen, in every form the agencies write them, with or without indirect costs. */
import type { Funding } from '#parsers/schema.ts';
import { fold } from '../document/text.ts';

const AMOUNT = /(?:¥|JPY\s?)\s*([\d,]+(?:\.\d+)?)\s*(million|billion|thousand)?|([\d,]+(?:\.\d+)?)\s*(million|billion|thousand)?\s*(?:yen|JPY)\b|([\d,]+(?:\.\d+)?)\s*(億|万|千)?\s*(億)?\s*([\d,]*)\s*(万)?\s*円/gi;
const SCALE: Record<string, number> = { million: 1e6, billion: 1e9, thousand: 1e3, 億: 1e8, 万: 1e4, 千: 1e3 };
const WITH_INDIRECT = /includ\w* indirect|indirect costs? (are|is) included|間接経費を含む|間接経費込み|間接経費含む/i;
const WITHOUT_INDIRECT = /exclud\w* indirect|direct costs? only|直接経費|間接経費を含まない|間接経費は含まない/i;

const num = (s: string | undefined): number => Number((s ?? '').replace(/,/g, ''));

export function extractFunding(raw: string): Funding[] {
  const text = fold(raw);
  const matches = [...text.matchAll(AMOUNT)];
  return matches.flatMap((m, i) => {
    let value: number;
    if (m[1] !== undefined) value = num(m[1]) * (SCALE[m[2]?.toLowerCase() ?? ''] ?? 1);
    else if (m[3] !== undefined) value = num(m[3]) * (SCALE[m[4]?.toLowerCase() ?? ''] ?? 1);
    else {
      // 3億5,000万円 = 3 x 10^8 + 5,000 x 10^4; 6,900万円; 5億円; 1,000,000円
      const head = num(m[5]) * (SCALE[m[6] ?? ''] ?? 1) * (m[7] ? 1e8 : 1);
      value = m[8] ? head + num(m[8]) * (m[9] ? 1e4 : 1) : head;
    }
    value = Math.round(value);
    if (!Number.isFinite(value) || value < 10_000) return [];
    // Indirect costs are said of the amount in its own clause: up to the next amount.
    const clause = text.slice(m.index, matches[i + 1]?.index ?? text.length);
    const before = text.slice(matches[i - 1] ? matches[i - 1]!.index + matches[i - 1]![0].length : 0, m.index);
    const includesIndirect = WITH_INDIRECT.test(clause) && !WITHOUT_INDIRECT.test(clause.slice(0, 40))
      || /(including|incl\.?|with) indirect|間接経費を含め|間接経費を含む場合/i.test(before.slice(-40));
    return [{ maxJpy: value, includesIndirect, evidence: raw.trim() }];
  });
}
