/** The fixture server replays recorded versions by Host header and replay step, like a real site would. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '#io/local/fixture-server.ts';

describe('startFixtureServer', () => {
  let root: string;
  let server: FixtureServer;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'fixture-sites-'));
    const page = join(root, 'www.jst.go.jp', 'aspire', 'en', '_index');
    const pdf = join(root, 'www.jst.go.jp', 'call.pdf');
    await mkdir(page, { recursive: true });
    await mkdir(pdf, { recursive: true });
    await writeFile(join(page, 'v1.html'), '<p>first</p>');
    await writeFile(join(page, 'v3.html'), '<p>third</p>');
    await writeFile(join(pdf, 'v1.pdf'), '%PDF-1.7');
    await writeFile(join(root, 'www.jst.go.jp', 'robots.txt'), 'User-agent: *\nDisallow: /cgi-bin/\n');
    server = await startFixtureServer({ root });
  });
  afterAll(async () => {
    await server.close();
    await rm(root, { recursive: true, force: true });
  });

  // Node's fetch will not set Host, so these requests go through a tiny raw-HTTP helper instead.
  const raw = async (host: string, path: string, headers: Record<string, string> = {}) => {
    const { request } = await import('undici');
    const res = await request(`${server.origin}${path}`, { headers: { host, ...headers } });
    return { status: res.statusCode, headers: res.headers, body: await res.body.text() };
  };

  it('serves the highest recorded version not after the replay step, with a path ending in / from _index', async () => {
    server.setStep(1);
    expect((await raw('www.jst.go.jp', '/aspire/en/')).body).toBe('<p>first</p>');
    server.setStep(2);
    expect((await raw('www.jst.go.jp', '/aspire/en/')).body).toBe('<p>first</p>');
    server.setStep(3);
    expect((await raw('www.jst.go.jp', '/aspire/en/')).body).toBe('<p>third</p>');
  });

  it('answers a conditional request for an unchanged version with 304, by ETag or by date', async () => {
    server.setStep(1);
    const first = await raw('www.jst.go.jp', '/aspire/en/');

    const byTag = await raw('www.jst.go.jp', '/aspire/en/', { 'if-none-match': String(first.headers.etag) });
    const byDate = await raw('www.jst.go.jp', '/aspire/en/', { 'if-modified-since': String(first.headers['last-modified']) });

    expect([byTag.status, byDate.status]).toEqual([304, 304]);
  });

  it('gives a new version a new ETag and a later Last-Modified, so old validators get the new page', async () => {
    server.setStep(1);
    const v1 = await raw('www.jst.go.jp', '/aspire/en/');
    server.setStep(3);

    const v3 = await raw('www.jst.go.jp', '/aspire/en/', { 'if-none-match': String(v1.headers.etag) });
    const v3ByDate = await raw('www.jst.go.jp', '/aspire/en/', { 'if-modified-since': String(v1.headers['last-modified']) });

    expect([v3.status, v3.body, v3ByDate.status]).toEqual([200, '<p>third</p>', 200]);
    expect(v3.headers.etag).not.toBe(v1.headers.etag);
    expect(Date.parse(String(v3.headers['last-modified']))).toBeGreaterThan(Date.parse(String(v1.headers['last-modified'])));
  });

  it('serves HTML without a charset parameter, leaving the page to declare its own', async () => {
    expect((await raw('www.jst.go.jp', '/aspire/en/')).headers['content-type']).toBe('text/html');
  });

  it('counts the requests and the bytes it served', async () => {
    server.setStep(1);
    const before = { ...server.stats };

    await raw('www.jst.go.jp', '/aspire/en/');
    await raw('www.jst.go.jp', '/missing.html');

    expect(server.stats.requests - before.requests).toBe(2);
    expect(server.stats.bytes - before.bytes).toBe('<p>first</p>'.length);
  });

  it('serves media types, robots.txt per host, and 404 for anything not recorded', async () => {
    expect((await raw('www.jst.go.jp', '/call.pdf')).headers['content-type']).toBe('application/pdf');
    expect((await raw('www.jst.go.jp', '/robots.txt')).body).toContain('Disallow: /cgi-bin/');
    expect((await raw('www.amed.go.jp', '/aspire/en/')).status).toBe(404);
    expect((await raw('..', '/etc/passwd')).status).toBe(404);
  });
});
