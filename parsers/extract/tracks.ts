/**
 * Tracks: the call types within one call ("ASPIRE for Top Scientists", "次世代のためのASPIRE", "Joint
 * call"). A page names them as the column headers of a call-type table, in headings ("Principal
 * investigators eligible for “ASPIRE for Top Scientists”"), and in label brackets ("支援規模（Top）").
 * Known tracks (parsers/data/tracks.json) are recorded under one canonical name in both languages.
 */
import tracksData from '../data/tracks.json' with { type: 'json' };
import type { Block } from '../document/blocks.ts';
import { fold } from '../document/text.ts';

/** Aliases worth finding inside a longer text: "Top" is a word of every other sentence, "次世代のためのASPIRE" is not. */
function searchable(alias: string): boolean {
  return /^[\x00-\x7f]+$/.test(alias) ? alias.length >= 6 : alias.length >= 3;
}

interface KnownTrack { name: string; aliases: string[] }
const KNOWN: KnownTrack[] = tracksData.tracks;
const norm = (s: string): string => fold(s).toLowerCase().replace(/[「」『』“”"']/g, '').trim();
/** The aliases, normalized once: each with whether it may be searched for inside a longer text. */
const NORMALIZED = KNOWN.map((t) => ({ track: t, aliases: t.aliases.map((a) => ({ norm: norm(a), searchable: searchable(a) })) }));

/** The canonical name of a track written as `label` (exactly, give or take case and quotes), if known. */
export function canonicalTrack(label: string): string | undefined {
  const n = norm(label);
  return NORMALIZED.find((t) => t.aliases.some((a) => a.norm === n))?.track.name;
}

/** A table whose columns are tracks: a header over several data columns, rows with their own headers. */
function isTrackTable(row: Extract<Block, { type: 'table-row' }>): boolean {
  return Boolean(row.rowHeader && row.header && row.header.filter(Boolean).length >= 2);
}

/** The track a column of a call-type table stands for: its most specific header, canonical when known. */
export function columnTrack(row: Extract<Block, { type: 'table-row' }>, column: number): string | undefined {
  if (!isTrackTable(row)) return undefined;
  const leaf = row.header?.[column]?.split(' / ').at(-1)?.trim();
  return leaf ? canonicalTrack(leaf) ?? leaf : undefined;
}

/** Every track a document names: call-type table columns plus known tracks written out in full. */
export function documentTracks(blocks: Block[]): string[] {
  const found = new Set<string>();
  for (const block of blocks) {
    if (block.type === 'table-row' && isTrackTable(block)) {
      block.cells.forEach((_, i) => {
        const track = i > 0 ? columnTrack(block, i) : undefined;
        if (track) found.add(track);
      });
    }
  }
  return [...found];
}


/**
 * The tracks a heading or label speaks of, in the order of the known list. `extra` are tracks found
 * on this page that the known list lacks (matched by their full name).
 */
export function tracksIn(text: string, extra: string[] = []): string[] {
  const n = norm(text);
  const hits = new Set<string>();
  // "支援規模（Top）", "Support scale (ASPIRE for Top Scientists)": a bracketed label names exactly one track.
  for (const m of fold(text).matchAll(/[(（]([^()（）]{1,40})[)）]/g)) {
    const track = canonicalTrack(m[1]!);
    if (track) hits.add(track);
  }
  for (const t of NORMALIZED) if (t.aliases.some((a) => a.searchable && n.includes(a.norm))) hits.add(t.track.name);
  for (const t of extra) if (!canonicalTrack(t) && t.length >= 6 && n.includes(norm(t))) hits.add(t);
  return [...hits];
}
