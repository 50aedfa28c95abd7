/**
 * Funder mentions placed by their country: a ministry, council or foundation named with it ("Ministry of Health of
 * the Republic of Lithuania", "リトアニア共和国保健省"), or named in the cell after it ("リトアニア | 保健省").
 */
import { countryPlaces, placeCode, placeEndingAt, placeStartingAt } from './countries.ts';
import { fundersFor, isNotFunder } from './funders.ts';
import { FUNDER_HEAD, JA_FUNDER_TAIL, JA_RUN, NAME_WORD, NOT_A_FUNDER_BODY, type Mention } from './mention-words.ts';

const HEAD = '(?:Ministry|Department|Secretariat|Council|Agency|Foundation|Academy|Fund)';
/** A body's name built on a head word, as a run of capitalised words and linking words: "Ministry of Health of the Republic of Lithuania". */
const HEADED_RUN = new RegExp(`(?:[A-Z][\\w'’-]*\\s+){0,4}${HEAD}(?:\\s+${NAME_WORD})*`, 'g');
const NATIONAL_HEADED = new RegExp(`(?<![A-Za-z])(?:Federal\\s+|National\\s+|State\\s+)?${HEAD}\\b(?:\\s+(?:of|for|and|[A-Z][a-z][\\w'’-]*))*`, 'g');
const HEAD_WORD = new RegExp(`\\b${HEAD}\\b`);
const JA_FUNDER_WORD = /省|庁|財団|基金|評議会|研究会議|アカデミー|振興会|協会/;
// A name led by its country ("リトアニア共和国保健省", "英国・王立協会", "イスラエルの科学技術宇宙省") ends at its head word, before a
// connector (及び, 並びに) or a particle.
const JA_AFTER_PLACE = new RegExp(`^(?:共和国|王国|連邦|合衆国|社会主義共和国|人民共和国)?(?:政府)?(の)?${JA_RUN}{0,24}?(?:省|庁|財団|研究財団|基金|評議会|研究会議|アカデミー|振興会|協会)(?!(?!及び|並びに)\\p{Script=Han}|\\p{Script=Katakana})`, 'u');
const JA_HEAD_ALONE = /^(?:省|庁|財団|研究財団|基金|評議会|研究会議|アカデミー|振興会|協会)$/;

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
