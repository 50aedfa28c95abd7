/**
 * Research fields: a list written out ("AI & Information, Biotechnology, ..., and Telecommunications",
 * "AI・情報、バイオ、…、通信の7分野") split into names, each normalized through parsers/data/fields.json so
 * that both languages give the same field; "in the field of “Healthcare”" names one field in a sentence.
 */
import fieldsData from '../data/fields.json' with { type: 'json' };
import { fold } from '../document/text.ts';

const norm = (s: string): string => fold(s).toLowerCase().replace(/\s+/g, ' ').trim();
const ALIASES = new Map(fieldsData.fields.flatMap((f) => f.aliases.map((a) => [norm(a), f.name] as const)));

export const FIELD_LABEL = /research (fields?|areas?)|fields? of research|target fields?|priority (research )?fields|研究分野|対象分野|^分野$|分野・領域/i;

export function normalizeField(name: string): string {
  return ALIASES.get(norm(name)) ?? name.trim();
}

/** The fields of a list written under a fields heading or label. */
export function splitFields(raw: string): string[] {
  const text = fold(raw).replace(/[。.]$/, '').replace(/の\s*\d+\s*分野$|\s*\(\d+ fields?\)$/i, '');
  // Split at commas and "and", but not inside brackets: "量子マテリアル（量子材料、量子センシング 等）" is one field.
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const piece of text.split(/(\s*(?:[,、;；]|，)\s*(?:and\s+)?|\s+and\s+|[(（]|[)）])/)) {
    if (/^[(（]$/.test(piece)) depth += 1;
    if (/^[)）]$/.test(piece)) depth = Math.max(0, depth - 1);
    const separator = /^(\s*(?:[,、;；]|，)\s*(?:and\s+)?|\s+and\s+)$/.test(piece);
    if (separator && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else current += piece;
  }
  parts.push(current.trim());
  const kept = parts.filter((p) => p && p.length <= 60);
  return [...new Set(kept.map(normalizeField))];
}

/** "AMED will support research projects in the field of “Healthcare”": a field named in a sentence. */
export function fieldsInSentence(raw: string): string[] {
  const m = /\bin the (?:research )?fields? of\s+[“"']([^”"']{2,60})[”"']/i.exec(fold(raw));
  return m ? splitFields(m[1]!) : [];
}
