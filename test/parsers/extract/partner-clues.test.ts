/**
 * What makes a named funder a partner of the call on its page, one form per test, in the project's own
 * words: the sentence names the host, speaks of the call, gives a role, or makes the funder the one who
 * funds a side; a list item stands under its introduction; a row shape is its own context. And what names
 * a funder without making it a partner: history, events, budgets, descriptions, visits.
 */
import { describe, expect, it } from 'vitest';
import { agencyMentions, settleAgencies, type BlockContext } from '#parsers/extract/agencies.ts';
import { findCountries } from '#parsers/extract/countries.ts';
import { parsePage } from '#parsers/parse-page.ts';
import type { Agency } from '#parsers/schema.ts';

/** The acronyms (or names) of the partners one block gives, settled as a call's are. */
function partners(text: string, host: Agency = 'JST', context: BlockContext = {}): string[] {
  return settleAgencies(agencyMentions(text, context, host), findCountries(text).filter((c) => c !== 'JP'))
    .filter((a) => a.role !== 'administering').map((a) => a.acronym ?? a.name);
}

describe('a sentence that ties a funder to the call', () => {
  it('names the host beside it, in either order, or speaks as the host', () => {
    expect(partners('The Borduria Research Agency (BRA) and JST will jointly fund projects in quantum materials.')).toEqual(['BRA']);
    expect(partners('JSTとスイス国立科学財団(SNSF)は共同で提案を募集します。')).toEqual(['SNSF']);
    expect(partners('In partnership with the Wellcome Trust, we invite proposals on antimicrobial resistance.', 'AMED')).toEqual(['Wellcome Trust']);
  });

  it('speaks of the call: where applications go, who nominates', () => {
    expect(partners('Applicants in Sweden send their applications to STINT by 1 March.', 'JSPS')).toEqual(['STINT']);
    expect(partners('Candidates are nominated by the Royal Society and the British Academy.', 'JSPS')).toEqual(['Royal Society', 'British Academy']);
    expect(partners('英国・王立協会及び西独・フンボルト財団からの推薦に基づき招へいします。', 'JSPS')).toEqual(['英国・王立協会', 'AvH']);
  });

  it('names a programme, call or research done with the funder', () => {
    expect(partners('JRP with NSFC (FY 2019) – Closed –', 'JSPS')).toEqual(['NSFC']);
    expect(partners('Joint Call with the Research Council of Norway', 'AMED')).toEqual(['RCN']);
  });

  it('makes the funder the one who funds a side of the research', () => {
    expect(partners('The National Research Foundation of Korea (NRF) will support up to five projects on the Korean side.')).toEqual(['NRF']);
    expect(partners('Research teams in Thailand receive support from the Borduria Programme Management Unit (BPMU).')).toEqual(['BPMU']);
    expect(partners('相手国側の研究者はタイ国家研究評議会(NRCT)から研究費の支援を受けます。')).toEqual(['NRCT']);
  });

  it('names funders as a kind in the plural ("as Funding Agencies"), where it does not just describe one', () => {
    expect(partners('Leading organizations, namely NSERC, ANR and RFBR as Funding Agencies in these countries, implement this program.', 'JSPS')).toEqual(['NSERC', 'ANR', 'RFBR']);
    expect(partners('The Canadian Institutes of Health Research (CIHR) is the lead funding agency for health research in Canada.', 'AMED')).toEqual([]);
    expect(partners('米国国立衛生研究所(NIH)は、世界最大の資金配分機関です。', 'AMED')).toEqual([]);
  });

  it('a list item stands under its introduction, heading or lead line', () => {
    expect(partners('Borduria Research Council (BRC)', 'JSPS', { intro: 'The counterpart institutions in the region:' })).toEqual(['BRC']);
    expect(partners('Borduria Research Council (BRC)', 'JSPS', { lead: 'Participating funding agencies' })).toEqual(['BRC']);
    expect(partners('Borduria Research Council (BRC)', 'JSPS')).toEqual([]);
  });

  it('a row shape is its own context: a country cell, a side or a kind of body before the name, joined by bars, colons or spaces', () => {
    expect(partners('Norway  The Research Council of Norway (RCN)  New funding')).toEqual(['RCN']);
    expect(partners('米国 | 国立衛生研究所 (NIH) | 平成28年1月11日', 'AMED')).toEqual(['NIH']);
    expect(partners('German side: Deutsche Forschungsgemeinschaft (DFG)')).toEqual(['DFG']);
    expect(partners('ドイツ側：ドイツ研究振興協会(DFG)')).toEqual(['DFG']);
    expect(partners('Funding organization: National Research Council of Thailand (NRCT)')).toEqual(['NRCT']);
  });

  it('a row that names a partner and then says whom to write to still names a partner', () => {
    expect(partners('Australia Australian Research Council (ARC) Existing grant Please contact intl (at) arc.example for more information.', 'AMED')).toEqual(['ARC']);
    expect(partners('For details, please contact the Australian Research Council (ARC).', 'AMED')).toEqual([]);
    expect(partners('詳細は日本学術振興会ではなくドイツ研究振興協会(DFG)にお問い合わせください。')).toEqual([]);
  });
});

describe('sentences that name a funder about something else', () => {
  it('a history, a budget, a description', () => {
    expect(partners('The programme is one of the oldest in the history of the NIH.')).toEqual([]);
    expect(partners('The National Science Foundation (NSF) has an annual budget of about 9 billion dollars.')).toEqual([]);
    expect(partners('The NSF funds about a quarter of all basic research at American colleges.')).toEqual([]);
    expect(partners('NSFは年間約90億ドルの予算で研究を支援しています。')).toEqual([]);
  });

  it('events it funds in a news report', () => {
    expect(partners('Japan Week events in Germany are supported with funding from the Federal Ministry of Education and Research (BMBF).', 'JSPS')).toEqual([]);
  });

  it('a visit, a meeting or a reception with the host, unless something is signed there', () => {
    expect(partners('Our staff visited the Borduria Science Foundation (BSF) for a week of exchange.', 'AMED')).toEqual([]);
    expect(partners('JST’s President met the Director of the National Science Foundation (NSF) at the reception.')).toEqual([]);
    expect(partners('At the ceremony, AMED and the Medical Research Council (MRC) signed a memorandum of cooperation.', 'AMED')).toEqual(['MRC']);
  });
});

describe('a run of name lines', () => {
  const source = { id: 'lines', agency: 'JSPS' as const, lang: 'en' as const, kind: 'html' as const, url: 'https://www.jsps.go.jp/english/lines.html', adapter: 'none' };
  const read = async (body: string): Promise<string[]> => {
    const result = await parsePage({ source, body: Buffer.from(`<html><body><main><h1>Bilateral programme</h1>${body}</main></body></html>`) });
    return result.programs.flatMap((p) => p.calls.flatMap((c) => c.agencies)).filter((a) => a.role !== 'administering').map((a) => a.acronym ?? a.name);
  };

  it('continues the list its first line stands in, through lines of addresses between', async () => {
    const body = '<p>The counterpart institutions in the region:</p><p>Borduria Research Council (BRC)</p><p>e-mail: brc (at) example.org</p>'
      + '<p>Syldavian Academy of Sciences (SAS)</p><p>Ruritania National Science Foundation (RNSF)</p>';
    expect(await read(body)).toEqual(['BRC', 'SAS', 'RNSF']);
  });

  it('does not start without a first line tied to the call', async () => {
    expect(await read('<p>Borduria Research Council (BRC)</p><p>Syldavian Academy of Sciences (SAS)</p>')).toEqual([]);
  });
});
