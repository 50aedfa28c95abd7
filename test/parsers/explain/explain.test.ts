/**
 * explainPage: what a page held that its record did not take. Each case is a small document in the
 * project's own words beside the record a parser might have made of it, so that the rules of "taken"
 * and "left" are specified here whatever the extractors learn next.
 */
import { describe, expect, it } from 'vitest';
import type { Block, Document } from '#parsers/document/blocks.ts';
import { explainPage, shorten } from '#parsers/explain/explain.ts';
import type { Call, ParseResult } from '#parsers/schema.ts';

const paragraph = (text: string, loc = 'main > p'): Block => ({ type: 'paragraph', text, loc });
const heading = (text: string): Block => ({ type: 'heading', level: 2, text, loc: 'main > h2' });
const row = (cells: string[], header?: string[]): Block => ({ type: 'table-row', cells, ...(header ? { header } : {}), text: cells.join(' | '), loc: 'main > table tr:2' });
const page = (blocks: Block[], boilerplate: Block[] = []): Document => ({ url: 'https://www.jst.go.jp/example/call.html', blocks, boilerplate });

/** A record of one call holding `fields`; the administering agency is always there, as the parser puts it. */
function record(fields: Partial<Call> = {}): ParseResult {
  const call: Call = {
    id: 'main', title: 'Example call', status: 'unknown', deadlines: [], eligibility: [], funding: [], periods: [], countries: [], fields: [], contacts: [],
    ...fields,
    agencies: [{ name: 'Japan Science and Technology Agency', acronym: 'JST', country: 'JP', role: 'administering', evidence: 'JST' }, ...(fields.agencies ?? [])],
  };
  return {
    source: { url: 'https://www.jst.go.jp/example/call.html', agency: 'JST', lang: 'en', contentHash: '0' },
    programs: [{ id: 'jst-example', agency: 'JST', name: { en: 'Example' }, url: 'https://www.jst.go.jp/example/call.html', calls: [call] }],
  };
}

const deadline = (date: string, evidence: string): Call['deadlines'][number] => ({
  kind: 'submission', label: 'Deadline', date, time: null, timezone: 'Asia/Tokyo', iso: `${date}T23:59:00+09:00`, evidence,
});

describe('explainPage', () => {
  it('reports a deadline written in a sentence without schedule words, and says why it was left', () => {
    const text = 'Teams send their plans to the office by 3 June 2025.';
    const { findings } = explainPage(page([heading('How it works'), paragraph(text)]), record());
    expect(findings).toEqual([{
      loc: 'main > p', type: 'paragraph', boilerplate: false, text,
      seen: [{ kind: 'date', value: '2025-06-03', why: expect.stringMatching(/^under no schedule word/) }],
    }]);
  });

  it('reports an amount in a table cell that no field took', () => {
    const cells = ['Travel support', '¥3,000,000 per team'];
    const { findings } = explainPage(page([row(cells, ['Item', 'Budget'])]), record());
    expect(findings).toEqual([expect.objectContaining({ type: 'table-row', loc: 'main > table tr:2', seen: [{ kind: 'amount', value: '3,000,000 yen' }] })]);
  });

  it('reports an address in the footer, written "(at)", as page chrome', () => {
    const footer = paragraph('Questions: grants-office (at) example.org', 'body > div#footer');
    const { findings, boilerplate } = explainPage(page([paragraph('The call is described below.')], [footer]), record());
    expect(boilerplate).toBe(1);
    expect(findings).toEqual([expect.objectContaining({ loc: 'body > div#footer', boilerplate: true, seen: [{ kind: 'address', value: 'grants-office@example.org' }] })]);
  });

  it.each([
    ['"AT"', 'Write to kestrel "AT" example.org with questions.'],
    ['*', 'Write to kestrel*example.org with questions.'],
    ['＠', 'Write to kestrel＠example.org with questions.'],
  ])('reads an address written with %s for the @', (_, text) => {
    expect(explainPage(page([paragraph(text)]), record()).findings[0]!.seen).toEqual([{ kind: 'address', value: 'kestrel@example.org' }]);
  });

  it('takes a description ("the funding agency", "Partner Council") for no name', () => {
    const blocks = [paragraph('Each partner applies to the Funding Agency of its country.'), paragraph('The Partner Council meets twice.')];
    expect(explainPage(page(blocks), record()).findings).toEqual([]);
  });

  it('reports a known funder the record lacks', () => {
    const { findings } = explainPage(page([paragraph('The Research Council of Norway funds the Norwegian teams of the joint call.')]), record());
    expect(findings[0]!.seen).toEqual([{ kind: 'agency-like', value: expect.stringMatching(/^Research Council of Norway/) }]);
  });

  it('reports a body named without a role word, which counts as a funder only with one', () => {
    const { findings } = explainPage(page([paragraph('The Kestrel Marine Institute (KMI) hosts the summer school.')]), record());
    expect(findings[0]!.seen).toEqual([{ kind: 'agency-like', value: 'Kestrel Marine Institute (KMI)', why: expect.stringMatching(/only where a role word says so/) }]);
  });

  it('says the agency extractor\'s own reason to leave a funder: here, only whom to contact', () => {
    const { findings } = explainPage(page([paragraph('For questions, contact the Research Council of Norway.')]), record());
    expect(findings[0]!.seen).toEqual([expect.objectContaining({ kind: 'agency-like', why: 'named only as whom to contact or where to read more' })]);
  });

  it('says a funder whose sentence ties it to nothing of the call was left for that', () => {
    const { findings } = explainPage(page([paragraph('The Research Council of Norway moved to new offices in Lysaker.')]), record());
    expect(findings[0]!.seen).toEqual([expect.objectContaining({ kind: 'agency-like', why: expect.stringMatching(/^nothing ties it to this call/) })]);
  });

  it('says a funder named as where a person works was left as an affiliation', () => {
    const { findings } = explainPage(page([paragraph('The opening talk is given by Dr. Ann Berg, Director of the Research Council of Norway.')]), record());
    expect(findings[0]!.seen).toEqual([expect.objectContaining({ kind: 'agency-like', why: 'named as where a person works, not as a funder of the call' })]);
  });

  it('reports a name built on a funder\'s word that no finder reads, and says so', () => {
    const { findings } = explainPage(page([paragraph('Travel grants come from the Kestrel Valley Foundation for Marine Studies.')]), record());
    expect(findings[0]!.seen).toEqual([{ kind: 'agency-like', value: 'Kestrel Valley Foundation for Marine Studies', why: expect.stringMatching(/^found by no agency finder/) }]);
  });

  it('leaves out a body the gazetteer says funds no call (a supervising ministry)', () => {
    const blocks = [paragraph('The fields were chosen by the Ministry of Education, Culture, Sports, Science and Technology (MEXT).'), paragraph('分野は文部科学省が指定します。')];
    expect(explainPage(page(blocks), record()).findings).toEqual([]);
  });

  it('reports a Japanese name with its acronym, as the agency extractor would read it', () => {
    const { findings } = explainPage(page([paragraph('ノルウェー研究会議(RCN)は沿岸生態系の研究を支援しています。')]), record());
    expect(findings[0]!.seen).toContainEqual(expect.objectContaining({ kind: 'agency-like', value: 'ノルウェー研究会議 (RCN)' }));
  });

  it('gives no findings when every field took its block', () => {
    const blocks = [
      paragraph('Application deadline: June 3, 2025'),
      paragraph('Up to 5 million yen per project.'),
      paragraph('Contact: office@example.org'),
      row(['Norway', 'Research Council of Norway (RCN)'], ['Country', 'Funding agency']),
    ];
    const result = record({
      deadlines: [deadline('2025-06-03', 'Application deadline: June 3, 2025')],
      funding: [{ maxJpy: 5_000_000, includesIndirect: false, evidence: 'Up to 5 million yen per project.' }],
      contacts: [{ email: 'office@example.org', evidence: 'Contact: office@example.org' }],
      agencies: [{ name: 'Research Council of Norway (RCN)', acronym: 'RCN', country: 'NO', role: 'partner', evidence: 'Norway | Research Council of Norway (RCN)' }],
    });
    expect(explainPage(page(blocks), result).findings).toEqual([]);
  });

  it('counts a fact the record holds from another block as taken: a deadline repeated in a summary box', () => {
    const blocks = [paragraph('Application deadline: June 3, 2025'), paragraph('In short: June 3, 2025.', 'main > div.summary')];
    const result = record({ deadlines: [deadline('2025-06-03', 'Application deadline: June 3, 2025')] });
    expect(explainPage(page(blocks), result).findings).toEqual([]);
  });

  it('counts a deadline stated in a zone behind Japan as taken, though the record holds its JST day', () => {
    const text = 'Deadline: June 3, 2025, 17:00 CET';
    const result = record({ deadlines: [{ ...deadline('2025-06-04', text), time: '01:00', statedTimezone: 'CET' }] });
    expect(explainPage(page([paragraph(text)]), result).findings).toEqual([]);
  });

  it('reports the open date of a range whose deadline alone was taken, as left beside it', () => {
    const text = 'Proposals are accepted from April 10 to June 3, 2025.';
    const { findings } = explainPage(page([paragraph(text)]), record({ deadlines: [deadline('2025-06-03', text)] }));
    // The page gives the start no year of its own: it is shown as written, month and day.
    expect(findings.map((f) => f.seen)).toEqual([[{ kind: 'date', value: '--04-10', why: 'left beside the dates taken from the same block' }]]);
  });

  it('reports the partner of a prose list that the record lacks, beside those it took', () => {
    const text = 'Partner funders: the Kestrel Valley Foundation and the Heron Coast Foundation.';
    const result = record({ agencies: [{ name: 'Kestrel Valley Foundation', role: 'partner', evidence: text }] });
    expect(explainPage(page([paragraph(text)]), result).findings.map((f) => f.seen.map((s) => s.value))).toEqual([['Heron Coast Foundation']]);
  });

  it('counts a date in a support period or an eligibility term as read, as that', () => {
    const blocks = [paragraph('Research period: April 2026 to March 2029'), paragraph('Applicants must hold a doctorate awarded before April 1, 2025.')];
    const result = record({
      periods: [{ yearsMax: 3, evidence: 'Research period: April 2026 to March 2029' }],
      eligibility: [{ text: 'Applicants must hold a doctorate awarded before April 1, 2025.', evidence: 'Applicants must hold a doctorate awarded before April 1, 2025.' }],
    });
    expect(explainPage(page(blocks), result).findings).toEqual([]);
  });

  it('never reports the page\'s own administering agency', () => {
    const blocks = [paragraph('The Japan Science and Technology Agency (JST) runs this programme.')];
    expect(explainPage(page(blocks), record()).findings).toEqual([]);
  });

  it('says a dated news line is a posting date, and a date in a heading is not read there', () => {
    const blocks = [heading('Call closes June 3, 2025'), paragraph('The application forms have been updated (May 12, 2025).')];
    const { findings } = explainPage(page(blocks), record());
    expect(findings.map((f) => f.seen[0]!.why)).toEqual([expect.stringMatching(/^in a heading/), 'a posting date']);
  });

  it('lists content blocks in reading order, then the page chrome', () => {
    const { findings } = explainPage(page([paragraph('Kickoff in Kyoto on 3 June 2025.'), paragraph('Results follow on 1 July 2025.')],
      [paragraph('Notice 2025.12.01 maintenance', 'div#side')]), record());
    expect(findings.map((f) => [f.boilerplate, f.seen[0]!.value])).toEqual([[false, '2025-06-03'], [false, '2025-07-01'], [true, '2025-12-01']]);
  });
});

describe('shorten', () => {
  it('keeps a short text whole and cuts a long one around the thing seen', () => {
    expect(shorten('Deadline: June 3, 2025')).toBe('Deadline: June 3, 2025');
    const long = `${'Background words. '.repeat(20)}Send plans by 3 June 2025. ${'More words. '.repeat(20)}`;
    const cut = shorten(long, long.indexOf('3 June'));
    expect(cut).toMatch(/^….*3 June 2025.*…$/);
    expect(cut.length).toBeLessThanOrEqual(142);
  });
});
