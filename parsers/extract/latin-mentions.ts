/**
 * Funder mentions in Latin letters: known funders by name or acronym, and unknown ones by how pages write them:
 * "Name (ACRONYM)", "ACRONYM (Full Name)", "NRF of Korea", "Vietnamese MOST".
 */
import { placeCode, placeEndingAt, placeStartingAt } from './countries.ts';
import { COMMON_ACRONYMS, funderHits, fundersFor, isNotFunder } from './funders.ts';
import { besideCountry, countryInName } from './mention-places.ts';
import { BODY_HEAD, FUNDER_HEAD, isAcronymLike, NOT_A_FUNDER_BODY, type Mention } from './mention-words.ts';

/** "ACRONYM of ...": the place after "of" is looked up, not matched against every country at every character. */
const ACRONYM_OF = /(?<![A-Za-z0-9*&-])([A-Z][A-Za-z0-9*&-]{1,11}) of (?=[A-Z]|the )/g;
const CAPS = /(?<![A-Za-z0-9*&-])[A-Z][A-Z0-9*&-]{2,11}(?![A-Za-z0-9*&])/g;

/** Known funders by name or acronym; a name followed by its acronym in brackets is one mention. */
export function knownMentions(text: string): Mention[] {
  return funderHits(text).map((hit) => {
    let end = hit.end;
    let acronym = hit.by === 'acronym' ? hit.text : undefined;
    const bracket = hit.by === 'name' ? /^\s*\(\s*([A-Za-z][A-Za-z0-9*&.\- ]{0,14}?)\s*\)/.exec(text.slice(end)) : null;
    if (bracket && isAcronymLike(bracket[1]!)) {
      acronym = bracket[1]!;
      end += bracket[0].length;
    }
    const bare = hit.by === 'acronym' && (hit.text.length <= 2 || COMMON_ACRONYMS.has(hit.text));
    const m: Mention = { start: hit.index, end, candidates: hit.candidates, form: 'known', needs: bare ? 'company' : 'nothing' };
    if (hit.by === 'name') m.name = hit.text.replace(/^the\s+/i, '');
    if (acronym) m.acronym = acronym;
    // Only an ambiguous term needs the country beside it ("MOST (Vietnam)"); a known funder brings its own.
    const country = hit.candidates.length > 1 ? besideCountry(text, hit.index, end) : undefined;
    if (country) m.country = country;
    return m;
  });
}

/** "Name (ACRONYM)" for a funder the gazetteer lacks: the longest tail of the capitalised run that reads as a body. */
export function namedMentions(text: string): Mention[] {
  const out: Mention[] = [];
  for (const m of text.matchAll(BRACKETED_ACRONYM)) {
    const acronym = m[1]!;
    const run = runBefore(text, m.index);
    if (!run || !isAcronymLike(acronym)) continue;
    const words = run.words;
    // Whether a head word stands at or after each word, read once from the end.
    const headAfter: boolean[] = [];
    for (let i = words.length - 1; i >= 0; i--) headAfter[i] = FUNDER_HEAD.test(words[i]!) || BODY_HEAD.test(words[i]!) || (headAfter[i + 1] ?? false);
    // A name starts with a capitalised word, not with an acronym of its own ("NEDO and Bio-oriented ... (BRAIN)" is two funders).
    const start = words.findIndex((w, i) => headAfter[i] && /^[A-Z][a-z]/.test(w) && !/^(?:The|This|These|Please|In|For|And|By|With|From|Both|Under|Through|Between)$/.test(w));
    if (start < 0) continue;
    const name = words.slice(start).join(' ').replace(/,$/, '');
    const end = m.index + m[0].length;
    if (NOT_A_FUNDER_BODY.test(name) || isNotFunder(name) || /^\s*(?:Program|Programme|Project)\b/i.test(text.slice(end))) continue;
    const offset = text.lastIndexOf(name, m.index);
    // Japan's own funders are all in the gazetteer: an unknown "Japan Agency for ... (X)" is an institute, not a partner.
    if (countryInName(name, true) === 'JP') continue;
    const country = countryInName(name) ?? besideCountry(text, offset, end);
    out.push({ start: offset, end, name, acronym, ...(country ? { country } : {}), candidates: fundersFor(acronym), form: 'named', needs: FUNDER_HEAD.test(name) ? 'nothing' : 'role' });
  }
  return out;
}

/** "ACRONYM (Full Name)" for a funder the gazetteer lacks: the bracket spells the acronym out ("BRC (The Borduria Research Council)"). */
export function spelledMentions(text: string): Mention[] {
  const out: Mention[] = [];
  for (const m of text.matchAll(SPELLED)) {
    const acronym = m[1]!;
    const name = m[2]!.trim().replace(/^the\s+/i, '');
    if (!isAcronymLike(acronym) || !(FUNDER_HEAD.test(name) || BODY_HEAD.test(name)) || NOT_A_FUNDER_BODY.test(name) || isNotFunder(name)) continue;
    if (countryInName(name, true) === 'JP') continue;
    const country = countryInName(name) ?? besideCountry(text, m.index, m.index + m[0].length);
    const candidates = fundersFor(acronym).length ? fundersFor(acronym) : fundersFor(name);
    out.push({ start: m.index, end: m.index + m[0].length, name, acronym, ...(country ? { country } : {}), candidates, form: 'named', needs: FUNDER_HEAD.test(name) ? 'nothing' : 'role' });
  }
  return out;
}

const SPELLED = /(?<![A-Za-z0-9*&])(?<![A-Za-z0-9]-)([A-Z][A-Za-z0-9*&-]{1,11})\s*\(\s*((?:[Tt]he\s+)?[A-Z][\w'’.,&\s-]{3,100}?)\s*\)/g;
const BRACKETED_ACRONYM = /\(\s*([A-Z][A-Za-z0-9*&-]{1,11})\s*\)/g;
const RUN_WORD = /^(?:[A-Z][\w'’.&*-]*|of|for|and|the|on|in|de|la|du|des|der|für|&|–|-)$/;

/**
 * The run of name words right before a place ("... the Federal Ministry of Education and Research" before
 * "(BMBF)"), read backwards word by word: capitalised words and the linking words of names, a comma inside
 * only before a capitalised word ("Agency for Science, Technology and Research"). Linear, where one regular
 * expression for it backtracks over every split of a long run.
 */
function runBefore(text: string, index: number): { words: string[] } | undefined {
  const words = text.slice(Math.max(0, index - 160), index).trimEnd().split(' ');
  const taken: string[] = [];
  for (let i = words.length - 1; i >= 0; i--) {
    const word = words[i]!;
    const bare = word.endsWith(',') ? word.slice(0, -1) : word;
    // A word ending a sentence ("Technologies.") ends the run; an abbreviation ("U.S.", "Inc.") does not.
    if (!bare || !RUN_WORD.test(bare) || (bare !== word && !/^[A-Z]/.test(taken.at(-1) ?? '')) || /[a-z]{3}\.$/.test(bare)) break;
    taken.push(word);
  }
  taken.reverse();
  while (taken.length && !/^[A-Z]/.test(taken[0]!)) taken.shift();
  return taken.length ? { words: taken } : undefined;
}

/** "NRF of Korea", "DOST of The Philippines": an acronym with its country. */
export function ofCountryMentions(text: string): Mention[] {
  const out: Mention[] = [];
  for (const m of text.matchAll(ACRONYM_OF)) {
    const place = placeStartingAt(text, m.index + m[0].length);
    if (!place || place.code === 'JP' || !isAcronymLike(m[1]!) || /^[A-Za-z]/.test(text[place.end] ?? '')) continue;
    out.push({ start: m.index, end: place.end, name: text.slice(m.index, place.end), acronym: m[1]!, country: place.code, candidates: fundersFor(m[1]!), form: 'of-country', needs: 'nothing' });
  }
  return out;
}

/** "Vietnamese MOST", "Thai NSTDA": a nationality before an acronym. */
export function nationalityMentions(text: string): Mention[] {
  const out: Mention[] = [];
  for (const m of text.matchAll(CAPS)) {
    // A nationality is a capitalised word right before: look only when one is there.
    const place = /(?:^|[\s(])[A-Z][\w.’'-]*\s$/.test(text.slice(Math.max(0, m.index - 30), m.index)) ? placeEndingAt(text, m.index) : undefined;
    if (!place || place.code === 'JP' || !isAcronymLike(m[0])) continue;
    const end = m.index + m[0].length;
    // A country's own name may end in capitals ("Lao PDR"): that is the country, not a funder of it.
    if (placeCode(text.slice(place.start, end))) continue;
    out.push({ start: place.start, end, name: text.slice(place.start, end), acronym: m[0], country: place.code, candidates: fundersFor(m[0]), form: 'nationality', needs: 'nothing' });
  }
  return out;
}
