/** The country a funder mention is placed by: written beside it ("MOST (Vietnam)", "Korea's NRF"), or in its own name. */
import { countryPlaces, placeCode, placeEndingAt, placeStartingAt } from './countries.ts';

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
export function countryInName(name: string, japan = false): string | undefined {
  const words = name.split(/\s+/);
  const code = placeCode(words[0]!) ?? placeCode(words.slice(0, 2).join(' ')) ?? placeCode(/\bof\s+(?:the\s+)?(.+)$/.exec(name)?.[1] ?? '');
  return code === 'JP' && !japan ? undefined : code;
}
