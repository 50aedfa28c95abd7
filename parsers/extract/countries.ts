/**
 * Countries and regions, in English and Japanese, to ISO 3166-1 alpha-2 codes (plus "EU"). A curated,
 * extendable table: the first name of each entry is the English name shown to subscribers.
 *
 * Nationality adjectives ("Vietnamese", "Thai") are a table of their own: they place a funder
 * ("Vietnamese MOST") but do not make a call's country ("Japanese researchers" is no partner country).
 */
import { fold, memo } from '../document/text.ts';
import { TermIndex } from './term-index.ts';

export const COUNTRY_NAMES: Record<string, string[]> = {
  AU: ['Australia', 'オーストラリア', '豪州'], AT: ['Austria', 'オーストリア'], BE: ['Belgium', 'ベルギー'],
  CA: ['Canada', 'カナダ'], CH: ['Switzerland', 'スイス'], CZ: ['Czech Republic', 'Czechia', 'チェコ'], DE: ['Germany', 'Federal Republic of Germany', 'ドイツ', '西ドイツ', '西独'],
  DK: ['Denmark', 'デンマーク'], ES: ['Spain', 'スペイン'], EU: ['European Union', 'EU', '欧州連合', '欧州'],
  FI: ['Finland', 'フィンランド'], FR: ['France', 'フランス'], GB: ['United Kingdom', 'UK', 'U.K.', 'Great Britain', '英国', 'イギリス'],
  IE: ['Ireland', 'アイルランド'], IL: ['Israel', 'イスラエル'], IN: ['India', 'インド'], IT: ['Italy', 'イタリア'],
  KR: ['Korea', 'Republic of Korea', 'South Korea', '韓国', '大韓民国'], NL: ['Netherlands', 'The Netherlands', 'オランダ'],
  NO: ['Norway', 'ノルウェー'], NZ: ['New Zealand', 'ニュージーランド'], PL: ['Poland', 'ポーランド'], SE: ['Sweden', 'スウェーデン'],
  SG: ['Singapore', 'シンガポール'], TH: ['Thailand', 'Kingdom of Thailand', 'タイ'], VN: ['Vietnam', 'Viet Nam', 'Socialist Republic of Vietnam', 'Socialist Republic of Viet Nam', 'ベトナム'], ID: ['Indonesia', 'インドネシア'],
  MY: ['Malaysia', 'マレーシア'], PH: ['Philippines', 'フィリピン'], CN: ['China', "People's Republic of China", '中国', '中華人民共和国'], TW: ['Taiwan', '台湾'],
  US: ['United States of America', 'United States', 'USA', 'U.S.A.', 'U.S.', 'US', '米国', 'アメリカ', '合衆国'], LU: ['Luxembourg', 'ルクセンブルク'],
  EE: ['Estonia', 'エストニア'], PT: ['Portugal', 'ポルトガル'], HU: ['Hungary', 'ハンガリー'], BR: ['Brazil', 'ブラジル'],
  MX: ['Mexico', 'メキシコ'], ZA: ['South Africa', '南アフリカ', '南ア'], KH: ['Cambodia', 'Kingdom of Cambodia', 'カンボジア'], LA: ['Laos', 'Lao PDR', "Lao People's Democratic Republic", 'ラオス'],
  MM: ['Myanmar', 'ミャンマー'], MN: ['Mongolia', 'モンゴル'], BD: ['Bangladesh', 'バングラデシュ'], LK: ['Sri Lanka', 'スリランカ'],
  LT: ['Lithuania', 'リトアニア'], LV: ['Latvia', 'ラトビア'], IS: ['Iceland', 'アイスランド'], SK: ['Slovakia', 'Slovak Republic', 'スロバキア'],
  SI: ['Slovenia', 'スロベニア'], HR: ['Croatia', 'クロアチア'], RO: ['Romania', 'ルーマニア'], BG: ['Bulgaria', 'ブルガリア'],
  RS: ['Serbia', 'セルビア'], GR: ['Greece', 'ギリシャ', 'ギリシア'], CY: ['Cyprus', 'キプロス'], MT: ['Malta', 'マルタ'],
  TR: ['Türkiye', 'Turkey', 'Turkiye', 'トルコ'], UA: ['Ukraine', 'ウクライナ'], RU: ['Russia', 'Russian Federation', 'ロシア'],
  AR: ['Argentina', 'アルゼンチン'], CL: ['Chile', 'チリ'], CO: ['Colombia', 'コロンビア'], PE: ['Peru', 'ペルー'], UY: ['Uruguay', 'ウルグアイ'],
  EG: ['Egypt', 'エジプト'], KE: ['Kenya', 'ケニア'], NG: ['Nigeria', 'ナイジェリア'], GH: ['Ghana', 'ガーナ'], TZ: ['Tanzania', 'タンザニア'],
  UG: ['Uganda', 'ウガンダ'], RW: ['Rwanda', 'ルワンダ'], MA: ['Morocco', 'モロッコ'], QA: ['Qatar', 'カタール'],
  SA: ['Saudi Arabia', 'サウジアラビア'], IR: ['Iran', 'イラン'], PK: ['Pakistan', 'パキスタン'], HK: ['Hong Kong', '香港'],
  BN: ['Brunei', 'Brunei Darussalam', 'ブルネイ'], NP: ['Nepal', 'ネパール'],
};

/** Adjectives of nationality, for placing a funder named beside one ("Thai NSTDA", "the Swiss National Science Foundation"). */
export const NATIONALITIES: Record<string, string[]> = {
  US: ['American', 'US', 'U.S.'], AU: ['Australian'], AT: ['Austrian'], BE: ['Belgian', 'Flemish'], BR: ['Brazilian'], GB: ['British', 'UK'],
  CA: ['Canadian'], CN: ['Chinese'], CZ: ['Czech'], DK: ['Danish'], NL: ['Dutch'], EE: ['Estonian'], FI: ['Finnish'], FR: ['French'],
  DE: ['German'], HU: ['Hungarian'], IN: ['Indian'], ID: ['Indonesian'], IE: ['Irish'], IL: ['Israeli'], IT: ['Italian'], JP: ['Japanese', 'Japan', '日本'],
  KR: ['Korean', 'South Korean'], LT: ['Lithuanian'], LV: ['Latvian'], MY: ['Malaysian'], MX: ['Mexican'], NO: ['Norwegian'],
  PH: ['Philippine', 'Filipino'], PL: ['Polish'], PT: ['Portuguese'], RU: ['Russian'], SG: ['Singaporean'], ZA: ['South African'],
  ES: ['Spanish'], SE: ['Swedish'], CH: ['Swiss'], TW: ['Taiwanese'], TH: ['Thai'], TR: ['Turkish'], VN: ['Vietnamese'],
  KH: ['Cambodian'], LA: ['Lao', 'Laotian'], MN: ['Mongolian'], KE: ['Kenyan'], EG: ['Egyptian'], AR: ['Argentine', 'Argentinian'],
  CL: ['Chilean'], CO: ['Colombian'], GR: ['Greek'], SI: ['Slovenian'], SK: ['Slovak'], HR: ['Croatian'], RO: ['Romanian'],
  BG: ['Bulgarian'], RS: ['Serbian'], UA: ['Ukrainian'], IS: ['Icelandic'], LU: ['Luxembourgish'], CY: ['Cypriot'], MT: ['Maltese'],
  QA: ['Qatari'], SA: ['Saudi'], IR: ['Iranian'], PK: ['Pakistani'], LK: ['Sri Lankan'], BD: ['Bangladeshi'], NP: ['Nepali', 'Nepalese'],
  NZ: ['New Zealand'], EU: ['European'], NG: ['Nigerian'], GH: ['Ghanaian'], TZ: ['Tanzanian'], UG: ['Ugandan'], RW: ['Rwandan'],
  MA: ['Moroccan'], PE: ['Peruvian'], UY: ['Uruguayan'], MM: ['Myanmar'], HK: ['Hong Kong'],
};

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * One name as a pattern. Latin names stand as whole words ("US" not in "USE"); katakana names must not
 * sit inside a longer katakana word ("タイ" not in "タイプ", "インド" not in "インドネシア").
 */
export function nameSource(name: string): string {
  if (/^[\x00-\x7f]+$/.test(name)) return `(?<![A-Za-z])${escape(name)}(?![A-Za-z])`;
  const kana = /^[ァ-ヺー]/.test(name) ? '(?<![ァ-ヺー])' : '';
  const kanaEnd = /[ァ-ヺー]$/.test(name) ? '(?![ァ-ヺー])' : '';
  return `${kana}${escape(name)}${kanaEnd}`;
}

interface Named { code: string; name: string }
const entries = (table: Record<string, string[]>): Named[] =>
  Object.entries(table).flatMap(([code, names]) => names.map((name) => ({ code, name }))).sort((a, b) => b.name.length - a.name.length);

const COUNTRIES = entries(COUNTRY_NAMES);
const COUNTRY_TERMS = new TermIndex(COUNTRIES.map((e) => ({ text: e.name, value: e.code })));

/** Where each country is named in a text: code, position and the words, in the text's order. */
export interface Place { code: string; index: number; text: string }

/** Country names in an already folded text, with their places; at each place the longest name wins ("United States of America", not "America"). */
export function countryPlaces(folded: string): Place[] {
  return COUNTRY_TERMS.find(folded).map((h) => ({ code: h.value, index: h.index, text: h.text }));
}

/** Country codes named in a text, in the order the text names them. */
const countriesIn = memo((raw: string): readonly string[] => [...new Set(countryPlaces(fold(raw)).map((p) => p.code))]);

export function findCountries(raw: string): string[] {
  return [...countriesIn(raw)];
}

export function countryCode(raw: string): string | undefined {
  return findCountries(raw)[0];
}

const PLACE_WORDS = entries(Object.fromEntries(Object.keys({ ...COUNTRY_NAMES, ...NATIONALITIES })
  .map((code) => [code, [...new Set([...(COUNTRY_NAMES[code] ?? []), ...(NATIONALITIES[code] ?? [])])]])));
const PLACE_BY_NAME = new Map(PLACE_WORDS.map((e) => [e.name, e.code]));

/** The country a word or two names, as a country or as a nationality ("Vietnamese", "Korea", "the Philippines", "タイ"). */
export function placeCode(words: string): string | undefined {
  return PLACE_BY_NAME.get(fold(words).replace(/^(?:the\s+)?(?:Republic of\s+(?:the\s+)?)?/i, '').replace(/(?:共和国|王国|連邦|社会主義共和国|人民共和国)$/, ''));
}

const PLACE_TERMS = new TermIndex(PLACE_WORDS.map((e) => ({ text: e.name, value: e.code })));

/**
 * The country or nationality named right at a place ("the Republic of Korea", "The Philippines", "Thai"),
 * with where its name ends: for "ACRONYM of Country" and "Country: name" forms.
 */
export function placeStartingAt(text: string, index: number): { code: string; end: number } | undefined {
  const lead = /^(?:[Tt]he\s+)?(?:Republic\s+of\s+(?:[Tt]he\s+)?)?/.exec(text.slice(index, index + 30))![0].length;
  const hit = PLACE_TERMS.startingAt(text, index + lead) ?? (lead ? PLACE_TERMS.startingAt(text, index) : undefined);
  return hit ? { code: hit.value, end: hit.end } : undefined;
}

/** The country or nationality named right before a place, one space or none between: "Vietnamese| MOST", "ドイツ|連邦…". */
export function placeEndingAt(text: string, end: number): { code: string; start: number } | undefined {
  const before = text.slice(Math.max(0, end - 40), end).replace(/\s$/, '');
  const words = before.split(/\s+/);
  for (let n = Math.min(3, words.length); n >= 1; n--) {
    const phrase = words.slice(-n).join(' ');
    const code = /^the\s/i.test(phrase) ? undefined : placeCode(phrase);
    if (code) return { code, start: end - (text[end - 1] === ' ' ? 1 : 0) - phrase.length };
  }
  return undefined;
}

/** Country names and nationality adjectives in Latin letters, longest first, as one alternation source ("Thai", "Republic of Korea"). */
export const PLACE_SOURCE = PLACE_WORDS.filter((e) => /^[\x00-\x7f]+$/.test(e.name)).map((e) => escape(e.name)).join('|');
/** Japanese country names, longest first, as one alternation source ("リトアニア", "南アフリカ"). */
export const JA_PLACE_SOURCE = COUNTRIES.filter((e) => !/^[\x00-\x7f]+$/.test(e.name)).map((e) => escape(e.name)).join('|');
