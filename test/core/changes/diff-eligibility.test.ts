/**
 * Eligibility changes from page to page: a reworded requirement is one `eligibility` change with the
 * words that changed; a cosmetic reflow of the same words (a sentence broken over two blocks, doubled
 * line breaks, collapsed spaces, a bullet turned into a list item) is no change at all.
 */
import { describe, expect, it } from 'vitest';
import { diffResults } from '#core/changes/diff.ts';
import { parsePage } from '#parsers/parse-page.ts';
import type { Lang, ParseResult } from '#parsers/schema.ts';
import { call, record } from '../../helpers/programs.ts';

async function parse(main: string, lang: Lang = 'en'): Promise<ParseResult> {
  const html = `<!doctype html><html lang="${lang}"><head><title>Call</title></head><body><main><h1>Joint call for proposals</h1>${main}</main></body></html>`;
  const source = { id: 'page', agency: 'JST' as const, lang, kind: 'html' as const, url: 'https://www.jst.go.jp/test/call.html', adapter: 'none' };
  return parsePage({ source, body: new TextEncoder().encode(html) });
}

const changes = async (before: string, after: string, lang: Lang = 'en') => diffResults(await parse(before, lang), await parse(after, lang));

describe('eligibility changes between two versions of a page', () => {
  it('reports a reworded English requirement as one eligibility change with its word diff', async () => {
    const found = await changes('<p>The call runs for three years. Applicants must hold a doctoral degree obtained within six years.</p>',
      '<p>The call runs for three years. Applicants must hold a doctoral degree obtained within ten years.</p>');

    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ category: 'eligibility', kind: 'changed' });
    expect((found[0]!.after as { diff: Array<{ op: string; text: string }> }).diff.filter((o) => o.op !== 'equal')).toEqual([{ op: 'delete', text: 'six' }, { op: 'insert', text: 'ten' }]);
  });

  it('reports a Japanese requirement with an added proviso as one eligibility change', async () => {
    const found = await changes('<p>申請者は、国内の大学に所属する研究者とします。</p>', '<p>申請者は、国内の大学に所属する研究者とします（ただし、博士の学位を有する者に限る。）。</p>', 'ja');

    expect(found.map((c) => `${c.category}:${c.kind}`)).toEqual(['eligibility:changed']);
  });

  it('reports a past-tense statement of who was invited, reworded, as an eligibility change', async () => {
    const found = await changes('<p>Researchers at universities in Japan were invited to submit proposals.</p>',
      '<p>Researchers at universities or private companies in Japan were invited to submit proposals.</p>');

    expect(found.map((c) => `${c.category}:${c.kind}`)).toEqual(['eligibility:changed']);
  });

  it('finds nothing when a sentence is broken over two blocks', async () => {
    expect(await changes('<p>Applicants must hold a doctoral degree from a university outside Japan.</p>',
      '<p>Applicants must hold a doctoral</p><p>degree from a university outside Japan.</p>')).toEqual([]);
    expect(await changes('<p>申請者は、日本国内の研究機関に所属する研究者であること。</p>',
      '<div>申請者は、日本国内の研究機関に</div><div>所属する研究者であること。</div>', 'ja')).toEqual([]);
  });

  it('finds nothing when line breaks double, spaces collapse and a bullet becomes a list item', async () => {
    const before = '<div>Eligibility</div><div>• Applicants must be  employed full-time by a   university in Japan.</div><div>• Researchers of any nationality may apply.</div>';
    const after = '<div>Eligibility</div>\n\n<ul><li>Applicants must be employed full-time by a university in Japan.</li></ul>\n\n<ul><li>Researchers of any nationality may apply.</li></ul>';

    expect(await changes(before, after)).toEqual([]);
  });
});

describe('diffResults on eligibility terms', () => {
  it('reads a term cut into two terms with the same words as a reflow, not a change', () => {
    const whole = 'Applicants must hold a doctoral degree and be employed in Japan.';
    const parts = ['Applicants must hold a doctoral degree', 'and be employed in Japan.'];
    const before = record([call({ eligibility: [{ text: whole, evidence: whole }] })]);
    const after = record([call({ eligibility: parts.map((text) => ({ text, evidence: text })) })]);

    expect(diffResults(before, after)).toEqual([]);
    expect(diffResults(after, before)).toEqual([]);
  });
});
