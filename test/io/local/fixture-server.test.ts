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

  it('answers a conditional request for an unchanged version with 304', async () => {
    const first = await raw('www.jst.go.jp', '/aspire/en/');
    const again = await raw('www.jst.go.jp', '/aspire/en/', { 'if-none-match': String(first.headers.etag) });
    expect(again.status).toBe(304);
  });

  it('serves media types, robots.txt per host, and 404 for anything not recorded', async () => {
    expect((await raw('www.jst.go.jp', '/call.pdf')).headers['content-type']).toBe('application/pdf');
    expect((await raw('www.jst.go.jp', '/robots.txt')).body).toContain('Disallow: /cgi-bin/');
    expect((await raw('www.amed.go.jp', '/aspire/en/')).status).toBe(404);
    expect((await raw('..', '/etc/passwd')).status).toBe(404);
  });
});
