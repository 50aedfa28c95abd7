import { describe, expect, it } from 'vitest';
import { htmlToDocument } from '#parsers/document/html.ts';

const page = (main: string, chrome = '') => `<html><head><title>T</title><script>var x = "Deadline: May 1, 2025";</script></head><body>
<div id="header"><ul id="gnav"><li>Calls</li></ul></div>${chrome}<div class="topicpath">Home &gt; ASPIRE</div>
<div id="main">${main}</div><div id="footer">Copyright © JST</div></body></html>`;

describe('htmlToDocument', () => {
  it('keeps headings, paragraphs and list items in order, and the chrome out', () => {
    const doc = htmlToDocument(page('<h2>Call</h2><p>Deadline: May 12, 2025</p><ul><li>Eligible researchers</li></ul><p>Last updated: April 1, 2025</p>'), 'u');

    expect(doc.blocks.map((b) => [b.type, b.text])).toEqual([
      ['heading', 'Call'], ['paragraph', 'Deadline: May 12, 2025'], ['list-item', 'Eligible researchers'],
    ]);
    expect(doc.boilerplate.map((b) => b.text)).toEqual(expect.arrayContaining(['Calls', 'Home > ASPIRE', 'Copyright © JST', 'Last updated: April 1, 2025']));
  });

  it('gives the same blocks whatever navigation, banners and scripts surround the content', () => {
    const main = '<h2>Call</h2><p>Deadline: May 12, 2025</p>';
    const heavy = '<nav><a>Home</a><a>News</a></nav><div class="banner">Symposium!</div><aside>Related</aside><script>x()</script>';
    expect(htmlToDocument(page(main, heavy), 'u').blocks).toEqual(htmlToDocument(page(main), 'u').blocks);
  });

  it('applies the header row and expands rowspans so every row has its country', () => {
    const doc = htmlToDocument(page(`<table><thead><tr><th>Country</th><th>Partner funding agency</th></tr></thead><tbody>
      <tr><td rowspan="2">Sweden</td><td>Vinnova</td></tr><tr><td>Swedish Research Council (SRC)</td></tr></tbody></table>`), 'u');

    expect(doc.blocks.map((b) => (b.type === 'table-row' ? [b.header, b.cells] : b.text))).toEqual([
      [['Country', 'Partner funding agency'], ['Sweden', 'Vinnova']],
      [['Country', 'Partner funding agency'], ['Sweden', 'Swedish Research Council (SRC)']],
    ]);
  });

  it('reads a grouped two-row header and the header of each row, as on the ASPIRE call-type table', () => {
    const doc = htmlToDocument(page(`<table><thead><tr><th></th><th colspan="2">Call for Japan based researchers</th><th>Joint call</th></tr></thead><tbody>
      <tr><th></th><th>ASPIRE for Top Scientists</th><th>ASPIRE for Rising Scientists</th><td></td></tr>
      <tr><th>Period of<br>support</th><td>5 years</td><td>3 years</td><td>3 ~ 5 years</td></tr>
      <tr><th>Research fields</th><td colspan="3">AI &amp; Information, Quantum</td></tr></tbody></table>`), 'u');

    const rows = doc.blocks.filter((b) => b.type === 'table-row');
    expect(rows.map((b) => [b.rowHeader, b.cells, b.text])).toEqual([
      ['Period of support', ['Period of support', '5 years', '3 years', '3 ~ 5 years'], 'Period of support | 5 years | 3 years | 3 ~ 5 years'],
      ['Research fields', ['Research fields', 'AI & Information, Quantum', 'AI & Information, Quantum', 'AI & Information, Quantum'], 'Research fields | AI & Information, Quantum'],
    ]);
    expect(rows[0]!.header).toEqual(['', 'Call for Japan based researchers / ASPIRE for Top Scientists', 'Call for Japan based researchers / ASPIRE for Rising Scientists', 'Joint call']);
  });
});
