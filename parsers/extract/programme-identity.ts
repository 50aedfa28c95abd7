/**
 * Which programme a page or a part of it is: its id (from the source, a known programme's heading, or the URL),
 * its name, and the split of a document that holds several programmes (seed 004).
 */
import type { Agency } from '#parsers/schema.ts';
import type { Source } from '#parsers/sources.ts';
import type { Block } from '../document/blocks.ts';
import { ADMINISTERING } from './agencies.ts';

/** "https://www.amed.go.jp/koubo/20/01/2001B_00101.html" -> "amed-koubo-20-01-2001b-00101": stable as long as the URL is. */
export function programmeIdFromUrl(source: Source): string {
  const path = (() => {
    try {
      return new URL(source.url).pathname;
    } catch {
      return source.url;
    }
  })();
  // A local file is named by its file name; a web page by the end of its path.
  const segments = source.url.startsWith('file:') ? -1 : -4;
  const slug = path.toLowerCase().replace(/\.(html?|pdf|php|aspx?)$/, '').replace(/\/(index)?$/, '').split('/').filter(Boolean).slice(segments).join('-')
    .replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return `${source.agency.toLowerCase()}-${slug || 'page'}`;
}

const GENERIC_NAME = /^(事業情報|事業概要|概要|制度概要|プログラム概要|about|about us|overview|outline|top|home|program(me)? (information|overview))$/i;

/** The programme's name: its first heading, or the <title> part that names it when the heading is generic. */
export function programmeName(blocks: Block[], title: string | undefined, agency: Agency): string {
  const heading = blocks.find((b) => b.type === 'heading')?.text ?? '';
  if (heading && !GENERIC_NAME.test(heading.trim())) return heading.replace(/^(outline of|about)\s+/i, '').slice(0, 200);
  const parts = (title ?? '').split(/\s*[｜|]\s*/).filter((p) => p && !GENERIC_NAME.test(p) && !ADMINISTERING[agency].names.test(p));
  return (parts[0] ?? heading ?? title ?? '').slice(0, 200);
}

const PROGRAMME_IDS: Array<[RegExp, string, Agency]> = [
  [/CREST/, 'jst-crest', 'JST'], [/PRESTO/, 'jst-presto', 'JST'], [/Interstellar/i, 'amed-interstellar', 'AMED'],
  [/U\.?S\.?-Japan Cooperative Medical/i, 'amed-usjcmsp', 'AMED'], [/e-ASIA/i, 'amed-e-asia', 'AMED'],
  [/International Fellowships/i, 'jsps-international-fellowships', 'JSPS'], [/HFSP|Human Frontier/i, 'amed-hfsp', 'AMED'],
  [/Advanced International Collaborative Research Program|ASPIRE.*\(AMED\)|AMED.*ASPIRE/i, 'amed-aspire', 'AMED'], [/ASPIRE/, 'jst-aspire', 'JST'],
];

/**
 * Seed 004 style: each heading naming a programme starts (or, when the programme comes again, resumes)
 * that programme. A section heading naming no programme we know ("Others") or a bracketed group line
 * ("[Remaining Abroad as a Member of a Japanese Research Team]") closes the programme before it; the
 * second line of a wrapped heading does not.
 */
export function splitProgrammes(blocks: Block[]): Array<{ id: string; agency?: Agency; blocks: Block[] }> {
  const out: Array<{ id: string; agency?: Agency; blocks: Block[] }> = [];
  let current: { id: string; agency?: Agency; blocks: Block[] } | undefined;
  let previous: Block | undefined;
  for (const block of blocks) {
    const known = block.type === 'heading' ? PROGRAMME_IDS.find(([re]) => re.test(block.text)) : undefined;
    if (known) {
      current = out.find((p) => p.id === known[1]);
      if (!current) out.push((current = { id: known[1], agency: known[2], blocks: [block] }));
    } else if ((block.type === 'heading' && block.level <= 2 && previous?.type !== 'heading') || /^\[[^\]]+\]$/.test(block.text)) {
      out.push((current = { id: '', blocks: [block] }));
    } else current?.blocks.push(block);
    previous = block;
  }
  return out.filter((p) => p.id).map((p) => ({ ...p, agency: p.agency ?? agencyNamedIn(p.blocks) }));
}

function agencyNamedIn(blocks: Block[]): Agency | undefined {
  const text = blocks.slice(0, 5).map((b) => b.text).join(' ');
  return (Object.keys(ADMINISTERING) as Agency[]).find((a) => ADMINISTERING[a].names.test(text));
}
