/** Countries and regions, in English and Japanese, to ISO 3166-1 alpha-2 codes (plus "EU"). A curated, extendable table. */
import { fold, memo } from '../document/text.ts';

export const COUNTRY_NAMES: Record<string, string[]> = {
  AU: ['Australia', 'オーストラリア', '豪州'], AT: ['Austria', 'オーストリア'], BE: ['Belgium', 'ベルギー'],
  CA: ['Canada', 'カナダ'], CH: ['Switzerland', 'スイス'], CZ: ['Czech Republic', 'Czechia', 'チェコ'], DE: ['Germany', 'ドイツ'],
  DK: ['Denmark', 'デンマーク'], ES: ['Spain', 'スペイン'], EU: ['European Union', 'EU', '欧州連合', '欧州'],
  FI: ['Finland', 'フィンランド'], FR: ['France', 'フランス'], GB: ['United Kingdom', 'UK', 'U.K.', '英国', 'イギリス'],
  IE: ['Ireland', 'アイルランド'], IL: ['Israel', 'イスラエル'], IN: ['India', 'インド'], IT: ['Italy', 'イタリア'],
  KR: ['Korea', 'Republic of Korea', 'South Korea', '韓国'], NL: ['Netherlands', 'The Netherlands', 'オランダ'],
  NO: ['Norway', 'ノルウェー'], NZ: ['New Zealand', 'ニュージーランド'], PL: ['Poland', 'ポーランド'], SE: ['Sweden', 'スウェーデン'],
  SG: ['Singapore', 'シンガポール'], TH: ['Thailand', 'タイ'], VN: ['Vietnam', 'Viet Nam', 'ベトナム'], ID: ['Indonesia', 'インドネシア'],
  MY: ['Malaysia', 'マレーシア'], PH: ['Philippines', 'フィリピン'], CN: ['China', '中国'], TW: ['Taiwan', '台湾'],
  US: ['United States of America', 'United States', 'USA', 'U.S.', 'US', '米国', 'アメリカ'], LU: ['Luxembourg', 'ルクセンブルク'],
  EE: ['Estonia', 'エストニア'], PT: ['Portugal', 'ポルトガル'], HU: ['Hungary', 'ハンガリー'], BR: ['Brazil', 'ブラジル'],
  MX: ['Mexico', 'メキシコ'], ZA: ['South Africa', '南アフリカ'], KH: ['Cambodia', 'カンボジア'], LA: ['Laos', 'Lao PDR', 'ラオス'],
  MM: ['Myanmar', 'ミャンマー'], MN: ['Mongolia', 'モンゴル'], BD: ['Bangladesh', 'バングラデシュ'], LK: ['Sri Lanka', 'スリランカ'],
};

const ENTRIES = Object.entries(COUNTRY_NAMES).flatMap(([code, names]) => names.map((name) => ({ code, name })))
  .sort((a, b) => b.name.length - a.name.length);

function matcherSource(name: string): string {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // Japanese names have no word boundaries; Latin names must stand as whole words ("US" not in "USE").
  return /^[\x00-\x7f]+$/.test(name) ? `(?<![A-Za-z])${escaped}(?![A-Za-z])` : escaped;
}
/** All names in one pattern, longest first: at each place the longest name wins ("United States of America", not "America"). */
const ALL_NAMES = new RegExp(ENTRIES.map((e) => `(${matcherSource(e.name)})`).join('|'), 'g');

/** Country codes named in a text, in the order the text names them. */
const countriesIn = memo((raw: string): readonly string[] => {
  const found = new Set<string>();
  for (const m of fold(raw).matchAll(ALL_NAMES)) {
    const index = m.slice(1).findIndex((g) => g !== undefined);
    if (index >= 0) found.add(ENTRIES[index]!.code);
  }
  return [...found];
});

export function findCountries(raw: string): string[] {
  return [...countriesIn(raw)];
}

export function countryCode(raw: string): string | undefined {
  return findCountries(raw)[0];
}
