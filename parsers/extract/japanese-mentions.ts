/** Funder mentions in Japanese, by the bracket in Latin letters after the name: its acronym, its English name, or both. */
import { countryPlaces } from './countries.ts';
import { fundersFor, isNotFunder } from './funders.ts';
import { BODY_HEAD, FUNDER_HEAD, isAcronymLike, JA_FUNDER_TAIL, JA_RUN, NOT_A_FUNDER_BODY, type Mention } from './mention-words.ts';

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
