/** parsePage on the recorded pages: the seed facts come out, and no input makes it throw anything unexpected. */
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parsePage, UnreadableDocumentError } from '#parsers/parse-page.ts';
import { pdfToDocument } from '#parsers/document/pdf.ts';
import type { Call, ParseResult, Program } from '#parsers/schema.ts';
import { loadRegistry, type Source } from '#parsers/sources.ts';
import { sitePath } from '../../fixtures/scripts/site-path.ts';

let sources: Source[];
const parse = async (id: string, version = 'v1'): Promise<ParseResult> => {
  const source = sources.find((s) => s.id === id)!;
  return parsePage({ source, body: await readFile(`${sitePath(source.url)}/${version}.${source.kind}`) });
};
const calls = (r: ParseResult) => r.programs.flatMap((p) => p.calls);

describe('parsePage on the recorded agency pages', () => {
  beforeAll(async () => { sources = await loadRegistry(); });

  it('reads the FY2025 ASPIRE proposal deadline from the Japanese briefing PDF', async () => {
    const deadlines = calls(await parse('jst-aspire-fy2025-briefing-ja')).flatMap((c) => c.deadlines);
    expect(deadlines).toContainEqual(expect.objectContaining({ kind: 'submission', iso: '2025-05-12T12:00:00+09:00', evidence: '研究提案〆切：2025年5月12日（月）正午' }));
  });

  it('extracts Japanese PDF text in reading order without spaces between CJK characters', async () => {
    const source = sources.find((s) => s.id === 'jst-aspire-fy2025-briefing-ja')!;
    const doc = await pdfToDocument(await readFile(`${sitePath(source.url)}/v1.pdf`), source.url);
    const texts = doc.blocks.map((b) => b.text);
    expect(texts.slice(0, 4)).toEqual(['2025年度 ASPIRE単独公募*のご説明', '＊旧称アライメント公募', '令和7年3月14日（金）', '国際部 先端国際共同研究推進室 ASPIREグループ']);
    // Every extracted line stands verbatim in the slides' source text: no spurious spaces, no reordering.
    const slides = await readFile(new URL('../../fixtures/pdf-src/jst-aspire-fy2025-briefing-ja.v1.txt', import.meta.url), 'utf8');
    expect(texts.filter((t) => !slides.includes(t))).toEqual([]);
  });

  it('reads the AMED partner table: every agency with its country, participation and note', async () => {
    const before = calls(await parse('amed-aspire-en', 'v1')).flatMap((c) => c.agencies).filter((a) => a.role === 'partner');
    const after = calls(await parse('amed-aspire-en', 'v2')).flatMap((c) => c.agencies).filter((a) => a.role === 'partner');
    expect(after).toHaveLength(before.length + 1);
    expect(after).toContainEqual(expect.objectContaining({ acronym: 'NHGRI', country: 'US', participation: 'Existing grant' }));
    expect(after).toContainEqual(expect.objectContaining({ acronym: 'ERC', country: 'EU' }));
    expect(after.find((a) => a.acronym === 'SNSF')).toMatchObject({ country: 'CH', participation: 'Existing grant + chance of additional grant' });
  });

  it('reads the JST ASPIRE ceilings and its 21 partner countries and regions', async () => {
    const [call] = calls(await parse('jst-aspire-about-en'));
    expect(call!.funding.map((f) => [f.maxJpy, f.includesIndirect])).toEqual(expect.arrayContaining([
      [380_000_000, false], [500_000_000, true], [69_000_000, false], [90_000_000, true]]));
    expect(call!.countries).toHaveLength(21);
    expect(call!.countries).toEqual(expect.arrayContaining(['AU', 'EU', 'KR', 'GB', 'US', 'CZ']));
  });

  it('reads a Shift_JIS page served without a charset header', async () => {
    const [call] = calls(await parse('amed-e-asia-ja'));
    expect(call!.deadlines).toContainEqual(expect.objectContaining({ kind: 'submission', date: '2025-03-31', iso: '2025-03-31T23:59:00+09:00', tentative: true }));
    expect(call!.contacts.map((c) => c.email)).toEqual(['e-asia@amed.go.jp']);
  });

  it('splits the multi-programme reference PDF into one record per programme', async () => {
    const result = await parse('overseas-reference-2025-en');
    expect(result.programs.map((p) => p.id)).toEqual(expect.arrayContaining(['jst-crest', 'jst-presto', 'amed-interstellar', 'amed-usjcmsp', 'amed-e-asia', 'jsps-international-fellowships', 'amed-hfsp']));
    const crest = result.programs.find((p) => p.id === 'jst-crest')!;
    expect(crest.calls.flatMap((c) => c.deadlines)).toContainEqual(expect.objectContaining({ kind: 'submission', iso: '2025-06-03T12:00:00+09:00' }));
  });

  it('says why a page yielded nothing, rather than returning an empty record silently', async () => {
    const source = sources.find((s) => s.id === 'jst-crest-en')!;
    const chromeOnly = await parsePage({ source, body: Buffer.from('<html><body><div id="header"><nav>Home | Calls</nav></div><div id="footer">© JST</div></body></html>') });
    expect(chromeOnly.notes).toEqual([expect.stringMatching(/^the page has no readable content \(3 navigation or footer parts only\)/)]);
    const prose = await parsePage({ source, body: Buffer.from('<html><body><main><h1>Welcome</h1><p>JST supports science and technology in many ways across Japan.</p></main></body></html>') });
    expect(prose.notes).toEqual([expect.stringMatching(/^the page's 2 content blocks gave no deadlines, amounts/)]);
    expect((await parse('jst-crest-en')).notes).toBeUndefined();
  });

  it('refuses a broken PDF with a clear error instead of an empty record', async () => {
    const source = sources.find((s) => s.kind === 'pdf')!;
    await expect(parsePage({ source, body: Buffer.from('%PDF-1.7\n1 0 obj <<>> garbage') })).rejects.toThrow(UnreadableDocumentError);
  });

  it('never throws anything but UnreadableDocumentError, whatever the bytes', async () => {
    const source = sources.find((s) => s.id === 'jst-aspire-top-en')!;
    const page = await readFile(`${sitePath(source.url)}/v1.html`, 'utf8');
    await fc.assert(fc.asyncProperty(fc.oneof(fc.string(), fc.string().map((s) => page.slice(0, page.length / 2) + s), fc.uint8Array().map((b) => Buffer.from(b).toString('latin1'))), async (text) => {
      try {
        await parsePage({ source, body: Buffer.from(text) });
      } catch (err) {
        expect(err).toBeInstanceOf(UnreadableDocumentError);
      }
    }), { numRuns: 60 });
  });
});

/** Every fact ../shared/seeds/README.md says a reader finds in the seed documents, read from the recorded pages. */
describe('the seed facts', () => {
  beforeAll(async () => { sources = await loadRegistry(); });
  const programme = async (sourceId: string, programId: string, version = 'v1') => (await parse(sourceId, version)).programs.find((p) => p.id === programId)!;
  type ListKey = 'deadlines' | 'funding' | 'periods' | 'eligibility' | 'agencies' | 'contacts';
  const all = <K extends ListKey>(p: Program, key: K): Array<Call[K][number]> => p.calls.flatMap((c) => c[key] as Array<Call[K][number]>);

  it('deadlines in every form: call windows, noon, 12:59 and 1:00PM JST, end of a month, TBD, Japanese with weekday and 正午', async () => {
    const reference = 'overseas-reference-2025-en';
    expect(all(await programme(reference, 'jst-crest'), 'deadlines').map((d) => [d.kind, d.iso])).toEqual([['open', '2025-04-10T23:59:00+09:00'], ['submission', '2025-06-03T12:00:00+09:00']]);
    expect(all(await programme(reference, 'amed-interstellar'), 'deadlines')).toContainEqual(expect.objectContaining({ kind: 'submission', iso: '2025-05-22T13:00:00+09:00' }));
    expect(all(await programme(reference, 'amed-usjcmsp'), 'deadlines')).toContainEqual(expect.objectContaining({ kind: 'submission', iso: '2025-06-03T12:59:00+09:00' }));
    expect(all(await programme(reference, 'amed-e-asia'), 'deadlines')).toEqual([expect.objectContaining({ kind: 'submission', date: '2025-03', iso: null, evidence: 'Deadline: End of March 2025' })]);
    expect(all(await programme(reference, 'amed-aspire'), 'deadlines')).toEqual([]);
    const slides = all(await programme('jst-aspire-fy2025-briefing-ja', 'jst-aspire'), 'deadlines');
    expect(slides).toContainEqual(expect.objectContaining({ kind: 'submission', iso: '2025-05-12T12:00:00+09:00', evidence: '研究提案〆切：2025年5月12日（月）正午' }));
    expect(slides).toContainEqual(expect.objectContaining({ kind: 'preregistration', iso: '2025-04-17T12:00:00+09:00', yearInferred: true }));
    // 令和7年3月14日 is the date of the slides, not of the call.
    expect(slides.map((d) => d.date)).not.toContain('2025-03-14');
  });

  it('the support period with its months, per track, and the ceilings in every notation', async () => {
    const slides = await programme('jst-aspire-fy2025-briefing-ja', 'jst-aspire');
    expect(all(slides, 'periods')).toContainEqual(expect.objectContaining({ yearsMin: 5, yearsMax: 5, start: '2025-12', end: '2031-03', track: 'ASPIRE for Top Scientists' }));
    const ceilings = (p: Awaited<ReturnType<typeof programme>>) => all(p, 'funding').map((f) => [f.track, f.maxJpy, f.includesIndirect]);
    const expected = [['ASPIRE for Top Scientists', 380_000_000, false], ['ASPIRE for Top Scientists', 500_000_000, true],
      ['ASPIRE for Rising Scientists', 69_000_000, false], ['ASPIRE for Rising Scientists', 90_000_000, true]];
    expect(ceilings(await programme('jst-aspire-about-en', 'jst-aspire'))).toEqual(expect.arrayContaining(expected));
    expect(ceilings(await programme('jst-aspire-about-ja', 'jst-aspire'))).toEqual(expect.arrayContaining(expected));
    // 最大５億円, in full-width digits on the slides.
    expect(ceilings(slides)).toEqual(expect.arrayContaining(expected));
  });

  it('the AMED partner agencies with their countries, participation and notes; its stamps are no deadlines', async () => {
    const amed = await programme('amed-aspire-en', 'amed-aspire', 'v2');
    const partners = all(amed, 'agencies').filter((a) => a.role === 'partner');
    // The 29 rows of the partner table name 30 funders (the NIH beside each of its institutes), and JST is named
    // in the text as conducting the programme with AMED.
    const rows = partners.filter((a) => a.participation);
    expect(rows).toHaveLength(30);
    expect(rows.find((a) => a.acronym === 'NIH')).toMatchObject({ country: 'US' });
    expect(partners.filter((a) => !a.participation).map((a) => a.acronym)).toEqual(['JST']);
    expect(new Set(rows.map((a) => a.country))).toEqual(new Set(['AU', 'CA', 'EU', 'FR', 'DE', 'NL', 'NO', 'SE', 'CH', 'GB', 'US']));
    expect(partners.find((a) => a.acronym === 'NHGRI')).toMatchObject({ country: 'US', participation: 'Existing grant' });
    // "As of July 1, 2024" and "Last updated 07/03/24" are stamps, not dates of a call.
    expect(all(amed, 'deadlines')).toEqual([]);
    expect(all(amed, 'contacts')).toContainEqual(expect.objectContaining({ email: 'amed-aspire@amed.go.jp' }));
    expect(amed.calls[0]!.fields).toEqual(['Healthcare']);
  });

  it('the 21 partner countries and regions, the 7 fields and the eligibility per track, in both languages', async () => {
    for (const id of ['jst-aspire-about-en', 'jst-aspire-about-ja']) {
      const [call] = (await programme(id, 'jst-aspire')).calls;
      expect(call!.countries).toEqual(['AT', 'AU', 'BE', 'CA', 'CH', 'CZ', 'DE', 'DK', 'ES', 'EU', 'FI', 'FR', 'GB', 'IT', 'KR', 'NL', 'NO', 'PL', 'PT', 'SE', 'US']);
      expect(call!.fields).toEqual(['AI & Information', 'Biotechnology', 'Energy', 'Materials', 'Quantum', 'Semiconductors', 'Telecommunications']);
      expect(new Set(call!.eligibility.map((e) => e.track).filter(Boolean))).toEqual(new Set(['ASPIRE for Top Scientists', 'ASPIRE for Rising Scientists', 'Joint call']));
    }
    const ja = (await programme('jst-aspire-about-ja', 'jst-aspire')).calls[0]!;
    expect(ja.eligibility).toContainEqual(expect.objectContaining({ track: 'ASPIRE for Rising Scientists', text: 'すでに研究自体に必要な資金と独立した研究環境を得ており、将来のトップ研究者として活躍が期待される研究者です。' }));
  });
});
