/** What a saved page file says of itself decides which source it is, so two saved versions of one page are one programme. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readPageInput } from '#cli/page-input.ts';
import { DEFAULT_FETCHER_OPTIONS } from '#io/fetch/fetcher.ts';
import { parsePage } from '#parsers/parse-page.ts';
import { startTestServer } from '../helpers/http-server.ts';

const page = (canonical: string, body: string): string => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fellowships</title>
<link rel="canonical" href="${canonical}"></head><body><main><h1>Fellowships for research in Japan</h1>
<p>The Japan Society for the Promotion of Science (JSPS) invites applications.</p><p>${body}</p></main></body></html>`;

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});
const save = (name: string, html: string): string => {
  dir ??= mkdtempSync(join(tmpdir(), 'fundwatch-page-input-'));
  const file = join(dir, name);
  writeFileSync(file, html);
  return file;
};

describe('readPageInput on a saved file', () => {
  it('names the page by its canonical link on an agency office\'s own domain when the page says whose it is', async () => {
    const input = await readPageInput(save('saved.html', page('https://www.jsps-office.example/fellowships/', 'Deadline: May 7, 2026')), []);
    expect(input.source).toMatchObject({ agency: 'JSPS', url: 'https://www.jsps-office.example/fellowships/' });
  });

  it('gives two versions saved under different file names one programme id', async () => {
    const canonical = 'https://www.jsps-office.example/fellowships/';
    const [a, b] = await Promise.all([
      readPageInput(save('first-copy.html', page(canonical, 'Application deadline: May 7, 2026')), []).then(parsePage),
      readPageInput(save('second-copy.html', page(canonical, 'Application deadline: May 8, 2026')), []).then(parsePage),
    ]);
    expect(a.programs[0]!.id).toBe(b.programs[0]!.id);
  });

  it('keeps the file\'s own name when the page has no canonical link', async () => {
    const html = page('', 'Deadline: May 7, 2026').replace(/<link rel="canonical"[^>]*>/, '');
    const input = await readPageInput(save('no-link.html', html), []);
    expect(input.source.url).toMatch(/^file:.*no-link\.html$/);
  });
});

describe('readPageInput on something that is not a page', () => {
  it('refuses an empty file, whatever its name, in one line that says there is nothing to read', async () => {
    for (const name of ['empty.pdf', 'empty.html']) {
      const file = save(name, '');
      await expect(readPageInput(file, [], { agency: 'JST' })).rejects.toThrow(`${file} is empty: nothing to read`);
    }
  });

  it('refuses a file named .pdf that is not a PDF, rather than reading it as HTML', async () => {
    const file = save('call.pdf', page('https://www.jsps.go.jp/fellowships/', 'Deadline: May 7, 2026'));
    await expect(readPageInput(file, [])).rejects.toThrow(/call\.pdf is named \.pdf but is not a PDF/);
  });

  it('still reads a PDF whose header comes after a few bytes of junk, as PDF readers do', async () => {
    const file = save('late-header.pdf', '\r\n%PDF-1.7\n%%EOF\n');
    const input = await readPageInput(file, [], { agency: 'JST' });
    expect(input.mediaType).toBe('application/pdf');
  });

  it('refuses a fetched page whose body is empty', async () => {
    const server = await startTestServer();
    server.route('www.jst.go.jp /empty/', (_req, res) => { res.writeHead(200, { 'Content-Type': 'text/html' }).end(); });
    try {
      await expect(readPageInput('https://www.jst.go.jp/empty/', [], {}, { ...DEFAULT_FETCHER_OPTIONS, route: { origin: server.origin }, politenessDelayMs: 0 }))
        .rejects.toThrow('https://www.jst.go.jp/empty/ is empty: nothing to read');
    } finally {
      await server.close();
    }
  });
});
