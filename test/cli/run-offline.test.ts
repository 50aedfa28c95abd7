/**
 * The README's main command, run the way a user runs it: `fundwatch run --offline`, twice, on a fresh
 * data folder. The first run must end with changes and e-mails in the inbox; the second with none.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = new URL('../../bin/fundwatch.mjs', import.meta.url).pathname;

/** Every saved .eml (the raw message the mailer built), its base64 parts decoded: what a mail client shows. */
async function savedInbox(dir: string): Promise<string> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.eml'));
  const raw = (await Promise.all(files.map((f) => readFile(join(dir, f), 'utf8')))).join('\n');
  return raw.replace(/Content-Transfer-Encoding: base64\r\n\r\n([A-Za-z0-9+/=\r\n]+)/g,
    (_, body: string) => Buffer.from(body.replace(/\r\n/g, ''), 'base64').toString('utf8'));
}

/** The README's sample e-mail, cut at its "..." lines into the runs of lines it quotes whole. */
function readmeEmailSample(): string[] {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const block = /An e-mail quotes the page[^`]*```\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!block) throw new Error('README.md has no sample e-mail after "An e-mail quotes the page"');
  return block.split(/^\.\.\.\n/m).flatMap((part) => part.split(/\n\n/)).map((part) => part.trim()).filter(Boolean);
}

describe('fundwatch run --offline', () => {
  const folders: string[] = [];
  /** A data folder after at least one offline run: the first test's, when it has run, or one of its own. */
  let ranOnce: Promise<string> | undefined;
  const freshFolder = async (): Promise<string> => {
    const folder = await mkdtemp(join(tmpdir(), 'fundwatch-cli-'));
    folders.push(folder);
    return folder;
  };
  const folderAfterARun = (): Promise<string> => (ranOnce ??= freshFolder().then(async (folder) => {
    await run(process.execPath, [BIN, 'run', '--offline', '--data', folder]);
    return folder;
  }));
  afterAll(async () => { await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true }))); });

  it('shows changes, fills the local inbox and posts once to each demo channel on the first run, and reports no change and sends nothing on the second', async () => {
    const data = await freshFolder();

    const first = await run(process.execPath, [BIN, 'run', '--offline', '--data', data]);
    ranOnce ??= Promise.resolve(data);
    const second = await run(process.execPath, [BIN, 'run', '--offline', '--data', data]);

    expect(first.stdout).toMatch(/Changes found: (?!none).+/);
    expect(first.stdout).toMatch(/E-mails sent: [1-9]/);
    expect((await readdir(join(data, 'inbox'))).filter((f) => f.endsWith('.eml')).length).toBeGreaterThan(0);
    // The two call documents (PDF) changed too, and their own words reached the inbox.
    expect(first.stdout).toMatch(/^ +jst-aspire-fy2025-briefing-ja +fetched +changed \(1 change: deadline\)/m);
    expect(first.stdout).toMatch(/^ +overseas-reference-2025-en +fetched +changed \(3 changes: deadline, agency, countries\)/m);
    const inbox = await savedInbox(join(data, 'inbox'));
    expect(inbox).toContain('Now: "研究提案〆切：2025年5月19日（月）正午"');
    expect(inbox).toContain('Now: "Deadline: End of April 2025"');
    expect(inbox).toContain('Cambodia: Ministry of Industry, Science, Technology & Innovation (MISTI)');
    // The README's sample e-mail is what the run sends: each of its runs of lines, between its "..." elisions.
    for (const part of readmeEmailSample()) expect(inbox.replace(/\r\n/g, '\n')).toContain(part);
    expect(second.stdout).toContain('Changes found: none');
    expect(second.stdout).toContain('E-mails sent: 0');
    // The demo's Slack, Teams and generic webhook channels got one post each, in the local receiver's file, and
    // the e-mail lines count e-mails only (the README's "E-mails sent: 2 (to demo-en, demo-ja)").
    expect(first.stdout).toMatch(/^E-mails sent: 2 \(to demo-en, demo-ja\)$/m);
    expect(first.stdout).toMatch(/^Channel posts sent: 3 \(to demo-slack, demo-teams, demo-webhook\)$/m);
    expect(first.stdout).toMatch(/^Channel posts: 3 this run \(slack demo, teams demo, webhook demo\), saved in \S*channels\/posts\.jsonl /m);
    expect(second.stdout).toMatch(/^Channel posts: 0 this run, saved in /m);
    const posts = (await readFile(join(data, 'channels', 'posts.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { kind: string; name: string; body: string });
    expect(posts.map((p) => `${p.kind} ${p.name}`).sort()).toEqual(['slack demo', 'teams demo', 'webhook demo']);
    expect(JSON.parse(posts.find((p) => p.kind === 'webhook')!.body)).toMatchObject({ type: 'fundwatch.changes', subscription: { id: 'demo-webhook' } });
    expect(second.stdout).toMatch(/not modified \d+/);

    const listing = await run(process.execPath, [BIN, 'sources', '--data', data]);
    expect(listing.stdout).toMatch(/^jst-aspire-top-en\s+JST\s+en html not-modified at \S+ \(snapshot v2\)$/m);
    expect(listing.stdout).toContain('https://www.jst.go.jp/aspire/en/');

    // The listings of calls are read too, and every run leaves the page and the feeds in <data>/site.
    expect(first.stdout).toMatch(/^Listings: 6 \(read 6, not modified 0, failed 0\); new calls found: [1-9]/m);
    expect(first.stdout).toMatch(/^Page and feeds: \d+ files in /m);
    const site = await readdir(join(data, 'site'), { recursive: true });
    expect(site).toEqual(expect.arrayContaining(['index.html', join('ja', 'index.html'), join('feeds', 'deadlines.ics'), join('feeds', 'changes.atom')]));
  });

  it('publishes the page, the feeds and the JSON documents from the store into a folder of one\'s choice, the same bytes again when nothing changed', async () => {
    const data = await folderAfterARun();
    const out = join(data, 'published');
    const published = await run(process.execPath, [BIN, 'publish', '--data', data, '--out', out, '--base-url', 'https://example.org/fundwatch/']);

    expect(published.stdout).toMatch(/^Published \d+ files from local store .* \d+ programmes/m);
    expect(await readdir(join(out, 'feeds'))).toEqual(expect.arrayContaining(['deadlines.ics', 'changes.atom', 'changes.ja.atom']));
    expect(await readFile(join(out, 'feeds', 'changes.atom'), 'utf8')).toContain('https://example.org/fundwatch/feeds/changes.atom');
    // The JSON documents and their schemas, and the same bytes when the store has not changed since.
    expect(await readdir(join(out, 'feeds'))).toEqual(expect.arrayContaining(['deadlines.json', 'changes.json']));
    expect((await readdir(join(out, 'feeds', 'schemas'))).sort()).toEqual(['changes.v1.json', 'deadlines.v1.json', 'programmes.v1.json']);
    expect(JSON.parse(await readFile(join(out, 'feeds', 'changes.json'), 'utf8'))).toMatchObject({ version: 1, self: 'https://example.org/fundwatch/feeds/changes.json' });
    const again = join(data, 'published-again');
    await run(process.execPath, [BIN, 'publish', '--data', data, '--out', again, '--base-url', 'https://example.org/fundwatch/']);
    for (const file of ['deadlines.json', 'changes.json']) {
      expect(await readFile(join(again, 'feeds', file), 'utf8')).toBe(await readFile(join(out, 'feeds', file), 'utf8'));
    }
    const refused = await run(process.execPath, [BIN, 'publish', '--data', data, '--out', out, '--base-url', 'ftp://example.org/'])
      .then(() => undefined, (err: { code: number; stderr: string }) => err);
    expect(refused?.code).toBe(1);
    expect(refused?.stderr).toContain('must be an http(s) URL');
  });

  it('prints one clear line and exits 1 on a bad sources file', async () => {
    const failed = await run(process.execPath, [BIN, 'run', '--offline', '--data', join(tmpdir(), 'fw-none'), '--sources', '/nonexistent.json'])
      .then(() => undefined, (err: { code: number; stderr: string }) => err);

    expect(failed?.code).toBe(1);
    expect(failed?.stderr.trim().split('\n')).toHaveLength(1);
    expect(failed?.stderr).toContain('pass an existing file with --sources');
  });
});
