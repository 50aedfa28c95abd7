/**
 * Where a text names a research funder, in English and Japanese: known funders from the gazetteer, and
 * funders it lacks from the way pages write them. Each finder is one surface form:
 *
 *   known          "the Swiss National Science Foundation (SNSF)", "UKRI", "全米科学財団(NSF)注2)"
 *   named          "Program Management Unit for ... (PMU-B)": a funder's head word, then its acronym
 *   spelled        "BRC (The Borduria Research Council)": an acronym, then its name in brackets
 *   of-country     "DOST of The Philippines", "NRF of Korea"
 *   nationality    "Vietnamese MOST", "Thai NSTDA"
 *   listed         "JST, DFG and XYZF": an unknown acronym in a list with known funders
 *   country-named  "Ministry of Health of the Republic of Lithuania", "リトアニア共和国保健省"
 *   japanese       "南アフリカ医学研究評議会(SAMRC)", "アメリカ国立科学財団 (National Science Foundation:NSF)"
 *   column         "リトアニア | 保健省": a body's name in the cell after a country
 *
 * Finders only find; whether a mention is a partner of the call is decided by the caller (agency-roles.ts). *
 * The finders live by script and shape: latin-mentions.ts (known, named, spelled, of-country, nationality),
 * country-named-mentions.ts (country-named, column), japanese-mentions.ts, mention-lists.ts (listed).
 */
import { memo } from '../document/text.ts';
import { columnMentions, countryNamedMentions } from './country-named-mentions.ts';
import { fundersFor } from './funders.ts';
import { japaneseMentions } from './japanese-mentions.ts';
import { knownMentions, namedMentions, nationalityMentions, ofCountryMentions, spelledMentions } from './latin-mentions.ts';
import { listedMentions } from './mention-lists.ts';
import { isAcronymLike, type Mention } from './mention-words.ts';

export { listedWith, namedTogether } from './mention-lists.ts';
export type { Mention, MentionForm } from './mention-words.ts';

/** Footnote marks glued to a name ("…省注)", "(ACR)注2)", "(DST)*1", "(DOST(*2))", "※3"): no part of any name. */
const FOOTNOTE_MARK = /(?<=[\p{L}\p{N})\]])(?:\(?注\s?\d{0,2}\)|\(?\*\d{1,2}\)?|※\d{1,2})/gu;

const CUT_AFTER = /^\s+(?:of|for|and|the|in|on|de|du|des|der|für)\s*$/;

/** Every funder mention in a folded text, in order, overlapping finds merged into one (remembered for the page: blocks repeat). */
export const findMentions = memo((text: string): readonly Mention[] => mentionsIn(text));

function mentionsIn(raw: string): Mention[] {
  // Marks become spaces, so that every place in the text stays where it was.
  const text = raw.replace(FOOTNOTE_MARK, (mark) => ' '.repeat(mark.length));
  const found = [
    ...knownMentions(text), ...namedMentions(text), ...spelledMentions(text), ...ofCountryMentions(text), ...nationalityMentions(text),
    ...countryNamedMentions(text), ...japaneseMentions(text), ...columnMentions(text),
  ];
  // A name the line breaks before its end ("National Research Council of" | "Thailand (NRCT)") is no name of its own.
  const merged = withExpansions(text, mergeOverlaps(text, found)).filter((m) => !CUT_AFTER.test(text.slice(m.end)));
  return [...merged, ...listedMentions(text, merged)].sort((a, b) => a.start - b.start);
}

/**
 * "ACR (Full Name)" is one body: the bracket after an acronym spells it out ("KVA (The Royal Swedish Academy of
 * Sciences)"), even where the line ends inside it ("STINT (The Swedish Foundation for International Cooperation in").
 * The name is taken only when the bracket closes on it; a name cut by the line is no name.
 */
function withExpansions(text: string, mentions: Mention[]): Mention[] {
  const out: Mention[] = [];
  for (const m of mentions) {
    const from = Math.max(0, m.start - 60);
    const lead = /(?<![A-Za-z0-9*&])(?<![A-Za-z0-9]-)([A-Z][A-Za-z0-9*&-]{1,11})\s*\(\s*(?:[Tt]he\s+)?(?:[A-Z][\w'’-]*\s+){0,3}$/.exec(text.slice(from, m.start));
    const open = lead ? text.indexOf('(', from + lead.index) + 1 : -1;
    const close = lead ? /^[^()]*\)/.exec(text.slice(m.end)) : null;
    // The bracket holds the name and nothing else, or the line ends inside it; "(NordForsk Application Portal)" is no name.
    const spelled = close ? /^\s*\)$/.test(close[0]) : lead !== null && !text.slice(m.end).includes(')');
    if (!m.name || m.acronym || !lead || !spelled || !isAcronymLike(lead[1]!)) {
      out.push(m);
      continue;
    }
    const start = from + lead.index;
    const acronym = lead[1]!;
    // The acronym alone may have been found already ("STINT", a known funder): it is this body.
    if (out.at(-1)?.start === start) out.pop();
    const { name: _, ...rest } = m;
    const expanded: Mention = { ...rest, start, end: close ? m.end + close[0].length : text.length, acronym, candidates: fundersFor(acronym).length ? fundersFor(acronym) : m.candidates };
    if (close) expanded.name = text.slice(open, m.end).trim().replace(/^the\s+/i, '');
    out.push(expanded);
  }
  return out;
}

/** Two finds on the same words are one mention: the known funder's entry with the fullest name written. */
function mergeOverlaps(text: string, found: Mention[]): Mention[] {
  const sorted = [...found].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Mention[] = [];
  for (const m of sorted) {
    const prev = out.at(-1);
    if (!prev || m.start >= prev.end) {
      out.push({ ...m });
      continue;
    }
    prev.end = Math.max(prev.end, m.end);
    // A gazetteer name is exact; a pattern's name is a guess at where the name starts. A name inside the bracket after
    // the one written first ("英国医学研究会議(MRC: Medical Research Council)") is its translation, not the name.
    const translation = text.slice(prev.start, m.start).includes('(');
    if (m.name && (!prev.name || (m.form === 'known' && prev.form !== 'known' && !translation))) prev.name = m.name;
    prev.acronym ??= m.acronym;
    prev.country ??= m.country;
    if (!prev.candidates.length) prev.candidates = m.candidates;
    else if (m.candidates.length) {
      const both = prev.candidates.filter((f) => m.candidates.includes(f));
      if (both.length) prev.candidates = both;
    }
    if (m.needs === 'nothing' || (m.needs === 'company' && prev.needs === 'role')) prev.needs = m.needs;
  }
  return out;
}
