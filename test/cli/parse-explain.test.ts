/** `fundwatch parse --explain`: what a saved page held that its record did not take, as text and as JSON. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCommand } from '#cli/commands/parse.ts';
import { validateParseResult } from '#parsers/schema.ts';

const pageOf = (main: string, footer = ''): string => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Kestrel exchange call</title>
<link rel="canonical" href="https://www.jst.go.jp/example/kestrel.html"></head>
<body><div id="header"><a href="/">Japan Science and Technology Agency</a></div>
<main><h1>Kestrel exchange call</h1>${main}</main>
<div id="footer">${footer}</div></body></html>`;

const MISREAD = pageOf(`<p>Application deadline: June 3, 2025, 12:00 (JST)</p>
<p>Teams send their travel plans to the office by 10 July 2025.</p>
<p>The Kestrel Marine Institute (KMI) hosts the summer school.</p>`, '<p>Questions: kestrel-office (at) jst.go.jp</p>');
const UNDERSTOOD = pageOf(`<p>Application deadline: June 3, 2025, 12:00 (JST)</p>
<p>Contact: kestrel-office@jst.go.jp</p>`);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fundwatch-explain-'));
  writeFileSync(join(dir, 'misread.html'), MISREAD);
  writeFileSync(join(dir, 'understood.html'), UNDERSTOOD);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = async (file: string, options: { json?: boolean; explain?: boolean }): Promise<string> => {
  const out: string[] = [];
  await parseCommand([join(dir, file)], options, (line) => out.push(line));
  return out.join('\n');
};

describe('fundwatch parse --explain', () => {
  it('lists the blocks whose date, address or funder no field took, after the record', async () => {
    const text = await run('misread.html', { explain: true });
    expect(text).toMatch(/submission 2025-06-03 12:00 JST/);
    expect(text).toContain('explain: 2 of 4 content blocks held what no field took');
    expect(text).toContain('"Teams send their travel plans to the office by 10 July 2025."');
    expect(text).toMatch(/date 2025-07-10: no word says which date it is/);
    expect(text).toMatch(/agency-like 'Kestrel Marine Institute \(KMI\)': a body that counts as a funder only where a role word says so/);
    expect(text).toMatch(/blocks set aside as page chrome held such things\n\s+paragraph at [^\n]*#footer\n\s+"Questions: kestrel-office \(at\) jst.go.jp"\n\s+address kestrel-office@jst.go.jp/);
  });

  it('prints what the README shows a maintainer', async () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const sample = /\*\*When a live page is misread\*\*[\s\S]*?```\n([\s\S]*?)```/.exec(readme)![1]!.trimEnd();
    expect(await run('misread.html', { explain: true })).toContain(sample);
  });

  it('says so when the record took everything the page held', async () => {
    const text = await run('understood.html', { explain: true });
    expect(text).toMatch(/explain: every date, amount, address and agency-like name in the \d+ content blocks was taken/);
  });

  it('with --json, prints the record with an explain object beside it, still readable as a record', async () => {
    const output = JSON.parse(await run('misread.html', { explain: true, json: true }));
    expect(output.explain).toMatchObject({ url: 'https://www.jst.go.jp/example/kestrel.html', blocks: 4 });
    expect(output.explain.findings).toContainEqual(expect.objectContaining({
      type: 'paragraph', boilerplate: false, seen: [expect.objectContaining({ kind: 'date', value: '2025-07-10' })],
    }));
    expect(validateParseResult(output).programs[0]!.calls[0]!.deadlines).toHaveLength(1);
  });

  it('prints no explanation without --explain', async () => {
    expect(await run('misread.html', {})).not.toContain('explain:');
    expect(JSON.parse(await run('misread.html', { json: true }))).not.toHaveProperty('explain');
  });
});
