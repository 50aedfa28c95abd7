/** Funders named together in a list ("JST, DFG and XYZF"): the unknown acronyms such a list holds, and its runs. */
import { placeCode } from './countries.ts';
import { CONNECTOR, isAcronymLike, type Mention } from './mention-words.ts';

const ACRONYM_TOKEN = /(?<![A-Za-z0-9*&-])[A-Z][A-Za-z0-9*&-]{1,11}(?![A-Za-z0-9*&])/g;

/** Unknown acronyms in a list with funders ("JST, DFG and XYZF"): a list of funders holds only funders. */
export function listedMentions(text: string, mentions: Mention[]): Mention[] {
  const out: Mention[] = [];
  const taken = (i: number): boolean => [...mentions, ...out].some((m) => i >= m.start && i < m.end);
  let grew = true;
  while (grew) {
    grew = false;
    for (const t of text.matchAll(ACRONYM_TOKEN)) {
      const start = t.index;
      const end = start + t[0].length;
      if (taken(start) || !isAcronymLike(t[0]) || t[0].length < 3) continue;
      // Only a list with a foreign funder in it: "PRIME, AMED specifies" is no list of funders.
      const beside = [...mentions, ...out].some((m) => (m.form === 'listed' || (m.candidates.length && m.candidates.every((f) => f.country !== 'JP')))
        && (CONNECTOR.test(text.slice(m.end, start)) || CONNECTOR.test(text.slice(end, m.start))));
      if (!beside) continue;
      out.push({ start, end, acronym: t[0], candidates: [], form: 'listed', needs: 'nothing' });
      grew = true;
    }
  }
  return out;
}

/**
 * Runs of mentions named together, as one list: joined by a comma, "and", 及び, "/" or nothing at all ("…部(DST)…会議所(ICMR)"),
 * an earlier one's country in brackets or a later one's possessive country between ("X (USA), Y (UK)", "X (RX),
 * Thailand's Y (TY)"). Runs of one are left out.
 */
export function namedTogether(text: string, mentions: readonly Mention[]): Mention[][] {
  const runs: Mention[][] = [];
  let run: Mention[] = [];
  for (const m of mentions) {
    const last = run.at(-1);
    if (last && joins(text.slice(last.end, m.start))) run.push(m);
    else {
      if (run.length > 1) runs.push(run);
      run = [m];
    }
  }
  if (run.length > 1) runs.push(run);
  return runs;
}

const LIST_JOIN = /^(?:\(\s*[^()]{1,30}\)\s*)?(?:,|、|，|;|；|\/|・|&|and|or|及び|および|並びに|ならびに|と|や)?\s*(?:(?:and|or)\s+)?(?:the\s+)?([^]*?)\s*$/i;
function joins(gap: string): boolean {
  if (gap.length > 40) return false;
  const rest = LIST_JOIN.exec(gap.trim())?.[1] ?? gap;
  if (!rest) return true;
  // What is left may be the next one's country, possessive ("Thailand’s", "the Philippines’").
  const place = rest.replace(/['’]s?$/, '');
  return place !== rest && placeCode(place) !== undefined;
}

/** Mentions next to each other in a list ("JST, MOST and NSTDA"), for acronyms that need a funder's company. */
export function listedWith(text: string, m: Mention, others: ReadonlyArray<{ start: number; end: number }>): boolean {
  return others.some((o) => o !== m && (CONNECTOR.test(text.slice(o.end, m.start)) || CONNECTOR.test(text.slice(m.end, o.start))));
}
