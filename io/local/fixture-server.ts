/**
 * The fixture server: replays recorded agency sites over real HTTP. Requests are routed by their Host
 * header (the fetcher sends https://www.jst.go.jp/... here with that host), so the allowlist, robots
 * and redirect logic stay exactly the production logic. Layout: <root>/<host><path>/v<N>.<ext>, a path
 * ending in "/" maps to its `_index` folder, robots.txt is <root>/<host>/robots.txt. At replay step N
 * each page serves its highest recorded version <= N.
 */
import { sha256Hex } from '#lib/hash.ts';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdir, readFile } from 'node:fs/promises';
import { join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DAY_MS } from '#lib/japan-time.ts';

export interface FixtureServerOptions {
  /** The recorded sites; defaults to the repository's fixtures/sites. */
  root?: string;
  step?: number;
  port?: number;
  /** Called as each request arrives (tests check politeness with it). */
  onRequest?: (request: { host: string; path: string; at: number }) => void;
}

export interface FixtureStats {
  requests: number;
  bytes: number;
  notModified: number;
}

export interface FixtureServer {
  origin: string;
  port: number;
  setStep(step: number): void;
  stats: FixtureStats;
  close(): Promise<void>;
}

const MEDIA: Record<string, string> = { html: 'text/html', pdf: 'application/pdf', xml: 'application/xml', txt: 'text/plain' };
/** A fixed base date: Last-Modified must not depend on file mtimes, which git does not keep. */
const EPOCH = Date.UTC(2025, 0, 1);

interface Recorded { body: Buffer; ext: string; version: number }

export const DEFAULT_FIXTURE_ROOT = fileURLToPath(new URL('../../fixtures/sites', import.meta.url));

/**
 * Starts the replay server on 127.0.0.1.
 * @example const server = await startFixtureServer({ step: 2 }); createFetcher({ route: { origin: server.origin } })
 */
export async function startFixtureServer(options: FixtureServerOptions = {}): Promise<FixtureServer> {
  const root = options.root ?? DEFAULT_FIXTURE_ROOT;
  let step = options.step ?? 1;
  const stats: FixtureStats = { requests: 0, bytes: 0, notModified: 0 };
  const server = createServer((req, res) => {
    stats.requests += 1;
    options.onRequest?.({ host: (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase(), path: req.url ?? '/', at: Date.now() });
    serve(root, step, req, res, stats).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    stats,
    setStep: (n) => { step = n; },
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

async function serve(root: string, step: number, req: IncomingMessage, res: ServerResponse, stats: FixtureStats): Promise<void> {
  const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  const hostDir = normalize(join(root, host));
  if (!host || !hostDir.startsWith(normalize(root) + sep)) return notFound(res);
  const recorded = path === '/robots.txt' ? await robots(hostDir) : await pick(join(hostDir, path.endsWith('/') ? `${path}_index` : path), hostDir, step);
  if (!recorded) return notFound(res);
  const etag = `"${sha256Hex(recorded.body, 32)}"`;
  const lastModified = new Date(EPOCH + recorded.version * DAY_MS).toUTCString();
  if (isFresh(req, etag, lastModified)) {
    stats.notModified += 1;
    res.writeHead(304, { ETag: etag, 'Last-Modified': lastModified }).end();
    return;
  }
  if (req.method !== 'HEAD') stats.bytes += recorded.body.length;
  res.writeHead(200, { 'Content-Type': MEDIA[recorded.ext] ?? 'application/octet-stream', 'Content-Length': recorded.body.length,
    ETag: etag, 'Last-Modified': lastModified });
  res.end(req.method === 'HEAD' ? undefined : recorded.body);
}

async function pick(dir: string, hostDir: string, step: number): Promise<Recorded | undefined> {
  if (!normalize(dir).startsWith(hostDir + sep)) return undefined;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return undefined;
  }
  const versions = names.flatMap((name) => {
    const m = /^v(\d+)\.(\w+)$/.exec(name);
    return m ? [{ name, version: Number(m[1]), ext: m[2]! }] : [];
  }).filter((v) => v.version <= step).sort((a, b) => b.version - a.version);
  const best = versions[0];
  return best && { body: await readFile(join(dir, best.name)), ext: best.ext, version: best.version };
}

async function robots(hostDir: string): Promise<Recorded | undefined> {
  try {
    return { body: await readFile(join(hostDir, 'robots.txt')), ext: 'txt', version: 0 };
  } catch {
    return undefined;
  }
}

/** RFC 9110: If-None-Match wins when present; otherwise not modified since the given date. */
function isFresh(req: IncomingMessage, etag: string, lastModified: string): boolean {
  const inm = req.headers['if-none-match'];
  if (inm) return inm.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*');
  const since = Date.parse(req.headers['if-modified-since'] ?? '');
  return !Number.isNaN(since) && since >= Date.parse(lastModified);
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not recorded');
}
