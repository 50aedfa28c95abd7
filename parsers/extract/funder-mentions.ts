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
 * Finders only find; whether a mention is a partner of the call is decided by the caller (agency-roles.ts).
 */
import { memo } from '../document/text.ts';
import { countryPlaces, placeCode, placeEndingAt, placeStartingAt } from './countries.ts';
import { COMMON_ACRONYMS, funderHits, fundersFor, isNotFunder, type Funder } from './funders.ts';

export type MentionForm = 'known' | 'named' | 'of-country' | 'nationality' | 'listed' | 'country-named' | 'japanese' | 'column';
export interface Mention {
  /** Span in the folded text. */
  start: number;
  end: number;
  /** The name as the text writes it, when it gives one (not only an acronym). */
  name?: string;
  acronym?: string;
  /** The country the words beside it name ("of Korea", "Thai", a country cell before it). */
  country?: string;
  /** Known funders it may be: one, several for an ambiguous term, none for a funder the gazetteer lacks. */
  candidates: Funder[];
  form: MentionForm;
  /**
   * What else it needs to count: nothing; a funder's company (an acronym that also reads as something
   * else: "the", a list of funders, a country, a role); or a role word (an unknown institute or centre).
   */
  needs: 'nothing' | 'company' | 'role';
}

/** Abbreviations of research administration that are no funder, whatever list they stand in. */
const NOT_ACRONYMS = /^(?:PIs?|PDs?|POs?|PMs?|PSs?|ECRs?|R&D|ICT|IoT|AI|IT|DX|GX|SDGs?|ODA|NGOs?|NPOs?|SMEs?|FAQs?|PDF|URL|JPY|USD|EUR|GBP|FY\d*|COVID(?:-19)?|MOU|MOC|MoU|MoC|RFP|CVs?|TBD|TBA|NA|NB|PDR|DPR|SAR|II|III|IV|VI|VII|VIII|IX|XI|UK|US|USA|EU|UN|JP|LLC|INC|LTD|CEO|CTO|PhD|DC\d?|SPD|RPD|CREST|PRESTO|ERATO|ACT-X|ACCEL|ASPIRE|NEXUS|SICORP|SATREPS|KAKENHI|JRP|LEAD|STI|S&T|Q&A|TEL|FAX|MAIL|NOTE|NEW|END|AND|THE|FOR|NOT|ALL)$/;
export const isAcronymLike = (s: string): boolean => /^[A-Z][A-Za-z0-9*&-]*[A-Z0-9*][A-Za-z0-9*&-]*$/.test(s) && !NOT_ACRONYMS.test(s) && !isNotFunder(s);

/** A funder's own head word: a body of this kind funds research when a page names it beside a call. */
export const FUNDER_HEAD = /\b(?:Foundation|Fund|Fonds|Council|Agency|Ministry|Academy|Commission|Trust|Secretariat|Authority|Administration|Department|Directorate|Stiftung|Gemeinschaft|Fondation|Fundação|Fundación|Fondazione|Agence|Agencia|Consejo|Conselho)\b/;
/** A body that may or may not fund: needs the sentence to give it a role. */
const BODY_HEAD = /\b(?:Institutes?|Institution|Center|Centre|Organi[sz]ation|Society|Association|Unit|Office|Board|Alliance|Coalition|Partnership|Programme Management Unit)\b/;
const NOT_A_FUNDER_BODY = /Universit|College|School|Hospital|Embassy|Consulate|Delegation|Museum|Laborator|大学|病院|大使館|領事館|学校/;
const NAME_WORD = "(?:[A-Z][\\w'’.&*-]*|of|for|and|the|on|in|de|la|du|des|der|für|&|–|-)";
const ACRONYM_TOKEN = /(?<![A-Za-z0-9*&-])[A-Z][A-Za-z0-9*&-]{1,11}(?![A-Za-z0-9*&])/g;
const HEAD = '(?:Ministry|Department|Secretariat|Council|Agency|Foundation|Academy|Fund)';
/** "ACRONYM of ...": the place after "of" is looked up, not matched against every country at every character. */
const ACRONYM_OF = /(?<![A-Za-z0-9*&-])([A-Z][A-Za-z0-9*&-]{1,11}) of (?=[A-Z]|the )/g;
const CAPS = /(?<![A-Za-z0-9*&-])[A-Z][A-Z0-9*&-]{2,11}(?![A-Za-z0-9*&])/g;
/** A body's name built on a head word, as a run of capitalised words and linking words: "Ministry of Health of the Republic of Lithuania". */
const HEADED_RUN = new RegExp(`(?:[A-Z][\\w'’-]*\\s+){0,4}${HEAD}(?:\\s+${NAME_WORD})*`, 'g');
const NATIONAL_HEADED = new RegExp(`(?<![A-Za-z])(?:Federal\\s+|National\\s+|State\\s+)?${HEAD}\\b(?:\\s+(?:of|for|and|[A-Z][a-z][\\w'’-]*))*`, 'g');
const CONNECTOR = /^\s*(?:,|、|，|\/|・|&|and|or|および|及び|並びに|と|ならびに)\s*(?:(?:and|or)\s+)?(?:the\s+)?$/i;

const JA_RUN = '[\\p{Script=Han}\\p{Script=Katakana}ー・]';
const HEAD_WORD = new RegExp(`\\b${HEAD}\\b`);
/** Japanese head words of a funder (財団, 評議会, 省 ...) and of a body that needs a role (研究所, センター). */
const JA_FUNDER_TAIL = /(?:財団|基金|評議会|協議会|研究会議|振興会|振興協会|協会|庁|省|局|総局|アカデミー|委員会|連合|振興機構|支援機構|推進機構|科学院|学術院|部)$/;
const JA_BODY_TAIL = /(?:機構|研究所|センター|研究院|院|会議)$/;
const JA_CORPORATE = /^(?:国立研究開発法人|独立行政法人|公益財団法人|一般財団法人|公益社団法人|一般社団法人|特殊法人|学校法人)/;
/** A Japanese name and a bracket after it that starts in Latin letters: its acronym, its English name, or both. */
const JA_WITH_BRACKET = new RegExp(`(${JA_RUN}{2,40})\\s*\\(\\s*([A-Z][^()]{1,100}?)\\s*\\)`, 'gu');
const ACRONYM_SOURCE = '[A-Z][A-Za-z0-9*&-]{1,11}';
/** What such a bracket holds: "ACR", "English Name: ACR", "English Name, ACR", "ACR: English Name", or the English name alone. */
const BRACKET_FORMS: Array<[RegExp, 'acronym' | 'name-acronym' | 'acronym-name' | 'name']> = [
  [new RegExp(`^(${ACRONYM_SOURCE})$`), 'acronym'],
  [new RegExp(`^([A-Z][^:：]{2,90}?)\\s*[:：,、]\\s*(${ACRONYM_SOURCE})$`), 'name-acronym'],
  [new RegExp(`^(${ACRONYM_SOURCE})\\s*[:：,、]\\s*([A-Z].{2,90})$`), 'acronym-name'],
  [/^([A-Z][\w'’.,&\s-]{3,100})$/, 'name'],
];
const JA_FUNDER_WORD = /省|庁|財団|基金|評議会|研究会議|アカデミー|振興会|協会/;
// A name led by its country ("リトアニア共和国保健省", "英国・王立協会", "イスラエルの科学技術宇宙省") ends at its head word, before a
// connector (及び, 並びに) or a particle.
const JA_AFTER_PLACE = new RegExp(`^(?:共和国|王国|連邦|合衆国|社会主義共和国|人民共和国)?(?:政府)?(の)?${JA_RUN}{0,24}?(?:省|庁|財団|研究財団|基金|評議会|研究会議|アカデミー|振興会|協会)(?!(?!及び|並びに)\\p{Script=Han}|\\p{Script=Katakana})`, 'u');
const JA_HEAD_ALONE = /^(?:省|庁|財団|研究財団|基金|評議会|研究会議|アカデミー|振興会|協会)$/;
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

/** A ministry, council or foundation placed by its country: "Ministry of Health of the Republic of Lithuania", "Lithuanian Ministry of Health", "リトアニア共和国保健省". */
export function countryNamedMentions(text: string): Mention[] {
  const out: Mention[] = [];
  const add = (start: number, name: string, country: string | undefined): void => {
    if (!country || country === 'JP' || NOT_A_FUNDER_BODY.test(name) || isNotFunder(name)) return;
    // "英国・王立協会" is the gazetteer's 英国王立協会: the country and the name, with or without a dot between.
    const candidates = fundersFor(name).length ? fundersFor(name) : fundersFor(name.replace('・', ''));
    out.push({ start, end: start + name.length, name, country, candidates, form: 'country-named', needs: 'nothing' });
  };
  if (HEAD_WORD.test(text)) {
    for (const m of text.matchAll(HEADED_RUN)) {
      // The first "of" in the run that a country follows ends the name there.
      for (const of of m[0].matchAll(/ of /g)) {
        const place = placeStartingAt(text, m.index + of.index + 4);
        if (!place) continue;
        const lead = /^(?:(?:The|This|These|In|For|And|With|By|From|Both|Under|Through)\s+)+/.exec(m[0])?.[0].length ?? 0;
        add(m.index + lead, text.slice(m.index + lead, place.end), place.code);
        break;
      }
    }
    for (const m of text.matchAll(NATIONAL_HEADED)) {
      const place = text[m.index - 1] === ' ' ? placeEndingAt(text, m.index) : undefined;
      if (place) add(place.start, text.slice(place.start, m.index + m[0].length).replace(/\s+(?:of|for|and)$/, ''), place.code);
    }
  }
  if (JA_FUNDER_WORD.test(text)) {
    for (const place of countryPlaces(text)) {
      const rest = JA_AFTER_PLACE.exec(text.slice(place.index + place.text.length));
      if (!rest || /^[\x00-\x7f]+$/.test(place.text)) continue;
      // "イスラエルの科学技術宇宙省": the country is the name's possessive, not part of it.
      const end = place.index + place.text.length;
      // A head word alone after it ("米国の財団") is a kind, not a name.
      const owned = rest[0].slice(rest[0].indexOf('の') + 1);
      if (rest[1] && !JA_HEAD_ALONE.test(owned)) add(end + rest[0].indexOf('の') + 1, owned, place.code);
      else if (!rest[1]) add(place.index, place.text + rest[0], place.code);
    }
  }
  return out;
}

/**
 * Japanese names with a bracket in Latin letters, footnote markers left outside: "全米科学財団(NSF)注2)",
 * "名称 (English Name:ACR)", "名称(ACR: English Name)", and an English name alone where it reads as a body's
 * ("科学技術宇宙省(Ministry of Science, Technology and Space)").
 */
export function japaneseMentions(text: string): Mention[] {
  const out: Mention[] = [];
  if (!/[\u3400-\u9fff\u30a0-\u30ff]\s*\(/.test(text)) return out;
  for (const m of text.matchAll(JA_WITH_BRACKET)) {
    const bracket = readBracket(m[2]!);
    if (!bracket) continue;
    const name = m[1]!.replace(JA_CORPORATE, '');
    const acronym = bracket.acronym;
    const funderLike = JA_FUNDER_TAIL.test(name);
    if ((!funderLike && !JA_BODY_TAIL.test(name)) || (acronym && !isAcronymLike(acronym)) || isNotFunder(name) || NOT_A_FUNDER_BODY.test(name)) continue;
    const byName = fundersFor(name).length ? fundersFor(name) : bracket.english ? fundersFor(bracket.english.replace(/^the\s+/i, '')) : [];
    const candidates = acronym && fundersFor(acronym).length ? fundersFor(acronym) : byName;
    const start = m.index + m[1]!.length - name.length;
    // A name that starts with its country ("インドネシア研究技術高等教育省…総局") is placed by it.
    const place = countryPlaces(name)[0];
    const country = place?.index === 0 && !/^[\x00-\x7f]+$/.test(place.text) ? place.code : undefined;
    out.push({ start, end: m.index + m[0].length, name, ...(acronym ? { acronym } : {}), ...(country ? { country } : {}), candidates, form: 'japanese', needs: funderLike || candidates.length ? 'nothing' : 'role' });
  }
  return out;
}

/** The acronym and the English name a bracket after a Japanese name gives; none where it is neither (a date, a note, a person). */
function readBracket(inside: string): { acronym?: string; english?: string } | undefined {
  for (const [re, form] of BRACKET_FORMS) {
    const m = re.exec(inside.trim());
    if (!m) continue;
    if (form === 'acronym') return { acronym: m[1]! };
    if (form === 'name-acronym') return { acronym: m[2]!, english: m[1]! };
    if (form === 'acronym-name') return { acronym: m[1]!, english: m[2]! };
    // The English name alone is a body's only with a body's head word ("Ministry of …"), not a person or a note.
    return FUNDER_HEAD.test(m[1]!) || BODY_HEAD.test(m[1]!) ? { english: m[1]! } : undefined;
  }
  return undefined;
}

/** "リトアニア | 保健省", "Lithuania: Ministry of Health": a body's name in the cell after a country. */
export function columnMentions(text: string): Mention[] {
  if (!/[|:：]/.test(text)) return [];
  const out: Mention[] = [];
  const cells = text.split(/([|:：])/);
  let offset = 0;
  for (let i = 0; i + 2 < cells.length; i += 2) {
    const country = placeCode(cells[i]!.trim().replace(/(?:共和国|王国)$/, ''));
    const cell = cells[i + 2]!;
    const name = cell.trim();
    const start = offset + cells[i]!.length + cells[i + 1]!.length + cell.indexOf(name);
    offset += cells[i]!.length + cells[i + 1]!.length;
    if (!country || country === 'JP' || name.length < 2 || name.length > 60 || /[()]/.test(name)) continue;
    if (!(JA_FUNDER_TAIL.test(name) || FUNDER_HEAD.test(name)) || NOT_A_FUNDER_BODY.test(name) || isNotFunder(name)) continue;
    out.push({ start, end: start + name.length, name, country, candidates: fundersFor(name), form: 'column', needs: 'nothing' });
  }
  return out;
}

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

/** The country written right beside a mention: "MOST (Vietnam)", "Korea's NRF", "Thailand: NSTDA", "中国(NSFC、MOST)". */
export function besideCountry(text: string, start: number, end: number): string | undefined {
  const code = bracketPlace(text, end) ?? latinPlaceBefore(text, start) ?? japanesePlaceBefore(text, start);
  return code === 'JP' ? undefined : code;
}

function bracketPlace(text: string, end: number): string | undefined {
  const open = /^\s*\(\s*/.exec(text.slice(end, end + 4));
  const place = open ? placeStartingAt(text, end + open[0].length) : undefined;
  return place && /^\s*\)/.test(text.slice(place.end, place.end + 3)) ? place.code : undefined;
}

function latinPlaceBefore(text: string, start: number): string | undefined {
  const gap = /(?:['’]s)?\s*[:：]?\s*(?:the\s+)?$/.exec(text.slice(Math.max(0, start - 12), start))![0];
  return placeEndingAt(text, start - gap.length)?.code;
}

const JA_GAP = /^(?:共和国|王国|連邦)?\s*(?:[:：|(]\s*(?:[A-Za-z0-9*&-]+\s*[、,]\s*)*)?$/;
function japanesePlaceBefore(text: string, start: number): string | undefined {
  const from = Math.max(0, start - 40);
  const place = countryPlaces(text.slice(from, start)).filter((p) => !/^[\x00-\x7f]+$/.test(p.text)).at(-1);
  return place && JA_GAP.test(text.slice(from + place.index + place.text.length, start)) ? place.code : undefined;
}

/** A country an unknown funder's own name gives: "Korea Institute of ...", "... Council of Thailand". */
function countryInName(name: string, japan = false): string | undefined {
  const words = name.split(/\s+/);
  const code = placeCode(words[0]!) ?? placeCode(words.slice(0, 2).join(' ')) ?? placeCode(/\bof\s+(?:the\s+)?(.+)$/.exec(name)?.[1] ?? '');
  return code === 'JP' && !japan ? undefined : code;
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
