/**
 * Partner funders, one surface form per test, in the project's own words: how pages write a partner
 * (in prose, in lists, in tables, in English and Japanese) and what they name that is no partner.
 */
import { describe, expect, it } from 'vitest';
import type { Block } from '#parsers/document/blocks.ts';
import { agencyMentions, partnerTable, settleAgencies } from '#parsers/extract/agencies.ts';
import { findCountries } from '#parsers/extract/countries.ts';
import type { Agency } from '#parsers/schema.ts';

/** The partners one block names, settled as a call's are: [name, acronym, country, role]. */
function partners(text: string, host: Agency = 'JST', context = ''): Array<[string, string | undefined, string | undefined, string]> {
  return settleAgencies(agencyMentions(text, `${context} ${text}`, host), findCountries(text).filter((c) => c !== 'JP'))
    .map((a) => [a.name, a.acronym, a.country, a.role]);
}
const acronyms = (text: string, host: Agency = 'JST'): Array<string | undefined> => partners(text, host).map((p) => p[1]);

describe('partners named in English prose', () => {
  it('a full name with its acronym, named as written, its country from the gazetteer', () => {
    expect(partners('JST and the German Federal Ministry of Education and Research (BMBF) accept proposals together.'))
      .toEqual([['German Federal Ministry of Education and Research', 'BMBF', 'DE', 'partner']]);
    expect(partners('The Swiss National Science Foundation (SNSF) funds the Swiss teams.')).toEqual([['Swiss National Science Foundation', 'SNSF', 'CH', 'partner']]);
  });

  it('a funder the gazetteer lacks, by a funder’s head word before its acronym', () => {
    expect(partners('Teams are funded by the Borduria Science Foundation (BSFX) on the Bordurian side.')).toEqual([['Borduria Science Foundation', 'BSFX', undefined, 'partner']]);
  });

  it('"ACRONYM of Country" in a list, each placed by its country (NRF is Korean here, not South African)', () => {
    expect(partners('Participating funders are NSTDA of Thailand, DOST of The Philippines, NRF of Korea and RFBR of Russia.')).toEqual([
      ['NSTDA of Thailand', 'NSTDA', 'TH', 'partner'], ['DOST of The Philippines', 'DOST', 'PH', 'partner'],
      ['NRF of Korea', 'NRF', 'KR', 'partner'], ['RFBR of Russia', 'RFBR', 'RU', 'partner'],
    ]);
  });

  it('a nationality before an acronym ("Vietnamese MOST"): the ministry of that country', () => {
    expect(partners('The projects were selected by JST together with Vietnamese MOST and Thai NSTDA.')).toEqual([
      ['Vietnamese MOST', 'MOST', 'VN', 'partner'], ['Thai NSTDA', 'NSTDA', 'TH', 'partner'],
    ]);
  });

  it('a country whose name ends in capitals ("Lao PDR") is no nationality before an acronym', () => {
    expect(partners('5) Lao PDR: Ministry of Health (MOH)')).toEqual([['Ministry of Health', 'MOH', 'LA', 'partner']]);
  });

  it('a funder beside the body that manages its calls ("Ministry (X) / Agency (Y)"): both', () => {
    expect(acronyms('The German Ministry of Education and Research (BMBF) / DLR Project Management Agency (DLR-PT) joined the call.')).toEqual(['BMBF', 'DLR-PT']);
  });

  it('acronyms alone in a list of funders, an unknown one among known ones too', () => {
    expect(acronyms('Calls are open with UKRI, NSFC, DFG and QRSF.')).toEqual(['UKRI', 'NSFC', 'DFG', 'QRSF']);
  });

  it('a ministry that funds the partner side, placed by its country', () => {
    expect(partners('AMED opens a joint call with the Ministry of Health of the Republic of Lithuania.', 'AMED')).toEqual([['Ministry of Health of the Republic of Lithuania', undefined, 'LT', 'partner']]);
    expect(partners('The Latvian Ministry of Education and Science funds the Latvian teams.')).toEqual([['Latvian Ministry of Education and Science', undefined, 'LV', 'partner']]);
  });

  it('a country written with a hyphen beside another is still named ("Japan-Vietnam-Thailand"), and places the funder', () => {
    expect(partners('Japan-Vietnam-Thailand Joint Research: JST, MOST and NSTDA evaluated the proposals.').map((p) => [p[1], p[2]])).toEqual([['MOST', 'VN'], ['NSTDA', 'TH']]);
  });

  it('an ambiguous acronym alone, placed by the country the text names', () => {
    expect(partners('Researchers in Vietnam apply to MOST; Japanese researchers apply to JST.')).toEqual([['MOST', 'MOST', 'VN', 'partner']]);
    expect(partners('MOST (China) and MOST (Vietnam) each fund their own teams.').map((p) => p[2])).toEqual(['CN', 'VN']);
  });

  it('the role the sentence gives: co-organizer when jointly, counterpart when it says so, partner otherwise', () => {
    expect(partners('The symposium is presented jointly by AMED and the Borduria Academy of Sciences (BAS).', 'AMED')[0]?.[3]).toBe('co-organizer');
    expect(partners('Japanese teams work with a counterpart funded by the Research Council of Norway.')[0]?.[3]).toBe('counterpart');
  });

  it('one record per funder, named in full where the text names it in full', () => {
    expect(partners('The Medical Research Council (MRC) and AMED agreed. The MRC will fund UK teams.', 'AMED')).toEqual([['Medical Research Council', 'MRC', 'GB', 'partner']]);
  });
});

describe('name shapes', () => {
  it('"ACRONYM (Full Name)" is one body, named by the bracket', () => {
    expect(partners('Applications go to BRC (The Borduria Research Council) by 1 May.', 'JSPS')).toEqual([['Borduria Research Council', 'BRC', undefined, 'partner']]);
  });

  it('"ACRONYM (Full Name" cut by the end of its line is one body, with no name taken from the cut', () => {
    expect(partners('-STINT (The Swedish Foundation for International Cooperation in', 'JSPS', 'Nominating authorities')).toEqual([['STINT', 'STINT', 'SE', 'partner']]);
  });

  it('a footnote mark glued to a name is no part of it (注), 注1), *1, (*2), ※3)', () => {
    expect(partners('JSTはインドネシア研究技術高等教育省注1)と共同で公募を行います。')).toEqual([['インドネシア研究技術高等教育省', undefined, 'ID', 'partner']]);
    expect(partners('JST and the Borduria Science Foundation (BOSF)*1 call for proposals.')).toEqual([['Borduria Science Foundation', 'BOSF', undefined, 'partner']]);
    expect(partners('JST and the Philippine Department of Science and Technology (DOST(*2)) call for proposals.').map((p) => p[1])).toEqual(['DOST']);
  });

  it('a name the line breaks before its end is no name of its own; the next line names the funder', () => {
    expect(partners('Partner: National Research Council of')).toEqual([]);
    expect(partners('Thailand (NRCT) will fund the Thai teams.').map((p) => p[1])).toEqual(['NRCT']);
  });

  it('a Japanese name led by its country, with or without 「・」, is looked up as one name', () => {
    expect(partners('英国・王立協会からの推薦に基づき招へいします。', 'JSPS')).toEqual([['英国・王立協会', undefined, 'GB', 'partner']]);
  });
});

describe('partners named in Japanese', () => {
  it('名称(ACRONYM) with a footnote marker after it', () => {
    expect(partners('JSTと全米科学財団(NSF)注2)が課題を募集しました。')).toEqual([['全米科学財団', 'NSF', 'US', 'partner']]);
  });

  it('名称 (English Name:ACRONYM)', () => {
    expect(partners('相手国機関 ボルドゥリア科学財団 (Borduria Science Foundation:BSFX)')).toEqual([['ボルドゥリア科学財団', 'BSFX', undefined, 'partner']]);
  });

  it('a run of 名称 (ACRONYM) pairs, each placed by the country its name starts with; a university among them is none', () => {
    expect(partners('相手国・対応機関: インド社会科学研究協議会 (ICSSR) ボルドゥリア研究技術省科学総局 (BRTS) 国立シンガポール大学 (NUS) タイ学術研究会議 (NRCT)', 'JSPS'))
      .toEqual([['インド社会科学研究協議会', 'ICSSR', 'IN', 'partner'], ['ボルドゥリア研究技術省科学総局', 'BRTS', undefined, 'partner'], ['タイ学術研究会議', 'NRCT', 'TH', 'partner']]);
  });

  it('a ministry named with its country and no acronym', () => {
    expect(partners('AMEDとリトアニア共和国保健省は共同研究を開始します。', 'AMED')).toEqual([['リトアニア共和国保健省', undefined, 'LT', 'partner']]);
  });

  it('an acronym list in brackets after a country', () => {
    expect(partners('日本-中国(NSFC、MOST)研究交流')).toEqual([['NSFC', 'NSFC', 'CN', 'partner'], ['MOST', 'MOST', 'CN', 'partner']]);
  });
});

describe('partner tables', () => {
  const row = (i: number, cells: string[], header?: string[]): Block => ({ type: 'table-row', cells, ...(header ? { header } : {}), text: cells.join(' | '), loc: `main > table.t tr:${i}` });

  it('a header row of plain cells (相手機関), a country cell spanned over the row below, a cell naming a funder and its successor', () => {
    const blocks = [
      row(1, ['国名', '相手機関', '署名日']),
      row(2, ['米国', '国立衛生研究所 (NIH)', '平成30年4月1日']),
      row(3, ['全米医学アカデミー(NAM)', '令和2年5月1日']),
      row(4, ['リトアニア', '保健省', '平成31年2月1日']),
      row(5, ['スペイン', '研究開発イノベーション庁(SEIDI) (現 科学イノベーション省 (MCIN))']),
    ];
    const found = [...partnerTable(blocks, 'AMED').values()].flat().map((a) => [a.name, a.acronym, a.country]);
    expect(found).toEqual([
      ['国立衛生研究所', 'NIH', 'US'], ['全米医学アカデミー', 'NAM', 'US'], ['保健省', undefined, 'LT'],
      ['研究開発イノベーション庁', 'SEIDI', 'ES'], ['科学イノベーション省', 'MCIN', 'ES'],
    ]);
  });

  it('a header that says counterpart makes counterparts; the host agency’s own row is none', () => {
    const header = ['Country', 'Counterpart funding organisation'];
    const blocks = [row(1, ['Finland', 'Research Council of Finland (AKA)'], header), row(2, ['Japan', 'Japan Society for the Promotion of Science (JSPS)'], header)];
    expect([...partnerTable(blocks, 'JSPS').values()].flat().map((a) => [a.acronym, a.country, a.role])).toEqual([['AKA', 'FI', 'counterpart']]);
  });

  it('a country | name line outside a table reads the same', () => {
    expect(partners('リトアニア | 保健省 | 平成31年2月1日', 'AMED')).toEqual([['保健省', undefined, 'LT', 'partner']]);
  });
});

describe('what is named but is no partner', () => {
  it('the host agency, in any of its names', () => {
    expect(partners('The Japan Science and Technology Agency (JST) and 科学技術振興機構 announce the call.')).toEqual([]);
  });

  it('another agency’s acronym as a time zone', () => {
    expect(partners('Deadline: 20 May 2026, 12:00 noon (JST)', 'AMED')).toEqual([]);
    expect(partners('Apply by 1:00PM JST on the closing day.', 'AMED')).toEqual([]);
  });

  it('a funder that only qualifies a programme, a system or a web page', () => {
    expect(partners('Details are on the UKRI website.')).toEqual([]);
    expect(partners('Applications are made through the NYAS online system.', 'AMED')).toEqual([]);
  });

  it('a funder named as the source of a programme or a fellowship, or as where the programme came from', () => {
    expect(partners('The project ran under CREST of JST until 2015.', 'AMED')).toEqual([]);
    expect(partners('日本学術振興会特別研究員(DC)は応募できません。')).toEqual([]);
    expect(partners('本事業は平成27年度に科学技術振興機構(JST)から移管されました。', 'AMED')).toEqual([]);
    expect(partners('In 2015 the medical programmes were transferred to AMED.')).toEqual([]);
    expect(partners('Grants-in-Aid for Scientific Research (KAKENHI) of JSPS')).toEqual([]);
  });

  it('a sentence that only says whom to contact', () => {
    expect(partners('For details, contact the Human Frontier Science Program Organization (HFSPO) directly.', 'AMED')).toEqual([]);
  });

  it('Japan’s supervising ministries and councils, and a ministry named as their party to an agreement', () => {
    expect(partners('The fields were designated by the Ministry of Education, Culture, Sports, Science and Technology (MEXT).')).toEqual([]);
    expect(partners('The Council for Science, Technology and Innovation (CSTI) set the goals.')).toEqual([]);
    expect(partners('文部科学省とドイツ連邦教育研究省(BMBF)との合意に基づき、JSTとDFGが実施します。')).toEqual([['DFG', 'DFG', 'DE', 'partner']]);
  });

  it('a funder the sentence says takes no part', () => {
    expect(partners('Other funders such as the Wellcome Trust are not funders of this call.', 'AMED')).toEqual([]);
  });

  it('a Japanese institute the gazetteer does not list as a funder, named with a funder’s head word', () => {
    expect(partners('The Japan Agency for Marine-Earth Science and Technology (JAMSTEC) hosts the data.')).toEqual([]);
  });

  it('universities, embassies and offices', () => {
    expect(partners('Host institutions include the University of Borduria (UB) and the Bordurian Embassy in Japan.')).toEqual([]);
    expect(partners('(External link created by EURAXESS Japan)')).toEqual([]);
  });

  it('an acronym that reads as a word, alone (COST in a table head), but not after "the" (the EC)', () => {
    expect(partners('TOTAL COST including overheads')).toEqual([]);
    expect(partners('The call video was provided by the EC.')).toEqual([['EC', 'EC', 'EU', 'partner']]);
  });

  it('an acronym of a programme standing in a list with the host ("PRIME, AMED specifies ...")', () => {
    expect(partners('For LEAP and PRIME, AMED specifies the areas.', 'AMED')).toEqual([]);
  });

  it('where a person works: after a name and title, or before a title (会長, CMO, 氏)', () => {
    expect(partners('JST invited Dr. Jane Doe, National Institute of Allergy and Infectious Diseases, National Institutes of Health in the United States, to speak on the call.')).toEqual([]);
    expect(partners('The project is led by Ann Lee, Research Scientist at the Insect Group, International Centre for Genetic Engineering and Biotechnology in India, with JST support.')).toEqual([]);
    expect(partners('AMEDの式典には英国保健省CMOのスミス氏、ウェルカム財団のジョーンズ会長が出席しました。', 'AMED')).toEqual([]);
  });

  it('where a person works, in brackets after the person or after 所属', () => {
    expect(partners('JST invited Prof. Taro Yamada (Borduria Institute of Health Sciences) to review the call.')).toEqual([]);
    expect(partners('審査委員として山田太郎氏(米国国立衛生研究所 主任研究員)を迎え、JSTが公募を審査しました。')).toEqual([]);
  });

  it('a programme or award named after the funder, with a word or two between', () => {
    expect(partners('Applicants may also hold an NSF Graduate Research Fellowship.')).toEqual([]);
    expect(partners('Former JSPS Summer Program fellows may apply.', 'AMED')).toEqual([]);
  });

  it('where a person works, in a sentence of signing: the body signs through its head', () => {
    expect(partners('AMED signed a memorandum with Dr. Ann Lee, the President of the Canadian Institutes of Health Research (CIHR).', 'AMED').map((p) => p[1])).toEqual(['CIHR']);
  });

  it('a list of kinds of institutions researchers come from, with bodies among them', () => {
    expect(partners('Applicants from universities, grandes écoles, CNRS, Inserm, INRA, etc. are evaluated alike.', 'JSPS')).toEqual([]);
    expect(partners('大学、研究機関、INSERM等に所属する研究者が応募できます。', 'JSPS')).toEqual([]);
  });

  it('an office or institute of another funder named with it: the funder is the partner, not its part', () => {
    expect(partners('The call is run in collaboration with the Office of Global Links (OGL) of the National Science Foundation (NSF).').map((p) => p[1])).toEqual(['NSF']);
    expect(partners('In the joint call, AMED works with the NIH’s National Institute of Neurological Disorders and Stroke (NINDS).', 'AMED').map((p) => p[1])).toEqual(['NIH']);
  });
});
