/**
 * The Lambda bundles' replacements for undici and the SDK's credential chain (BUNDLE_ALIASES in
 * infra/constructs/monitor-function.ts): a probe bundled with them fetches through the guarded fetcher
 * (a page, a redirect, a retried 503, a timeout, a refused address) and calls DynamoDB with the
 * credentials Lambda puts in the environment, in a process of its own, as a Lambda would run it.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { build, type Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_ALIASES, bundlingOptions } from '../../infra/constructs/monitor-function.ts';
import { startTestServer, type TestServer } from '../helpers/http-server.ts';

const ROOT = resolve('.');
const PROBE = `
import { createFetcher, DEFAULT_FETCHER_OPTIONS } from '#io/fetch/fetcher.ts';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
const origin = process.argv[2];
const fetcher = createFetcher({ ...DEFAULT_FETCHER_OPTIONS, route: { origin }, politenessDelayMs: 1, retryBaseMs: 5, totalTimeoutMs: 300 });
const outcome = (p) => p.then((page) => ({ status: page.status, finalUrl: page.finalUrl, body: Buffer.from(page.body).toString() }), (err) => ({ code: err.code }));
const pages = {
  page: await outcome(fetcher.fetch('https://www.jst.go.jp/page/')),
  moved: await outcome(fetcher.fetch('https://www.jst.go.jp/moved/')),
  flaky: await outcome(fetcher.fetch('https://www.jst.go.jp/flaky/')),
  slow: await outcome(fetcher.fetch('https://www.jst.go.jp/slow/')),
};
await fetcher.close();
const direct = createFetcher({ ...DEFAULT_FETCHER_OPTIONS, allowHosts: ['127.0.0.1'], connectTimeoutMs: 300, totalTimeoutMs: 300, retries: 0 });
pages.loopback = await outcome(direct.fetch('http://127.0.0.1/page/'));
await direct.close();
const tables = await new DynamoDBClient({ region: 'ap-northeast-1', endpoint: origin }).send(new ListTablesCommand({}));
console.log(JSON.stringify({ pages, tables: tables.TableNames }));
`;

describe('the Lambda bundles with the slim undici and credential chain', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fundwatch-slim-'));
  const outfile = join(dir, 'probe.mjs');
  let metafile: Metafile;
  let server: TestServer;
  beforeAll(async () => {
    ({ metafile } = await build({ stdin: { contents: PROBE, resolveDir: ROOT, loader: 'js' }, bundle: true, platform: 'node', format: 'esm', target: 'node24',
      mainFields: ['module', 'main'], alias: BUNDLE_ALIASES, absWorkingDir: ROOT, outfile, metafile: true, logLevel: 'error',
      banner: { js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);" } }));
    server = await startTestServer();
  }, 60_000);
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is what the stack bundles with', () => {
    expect(bundlingOptions().esbuildArgs).toEqual(Object.fromEntries(Object.entries(BUNDLE_ALIASES).map(([name, path]) => [`--alias:${name}`, path])));
  });

  it('leaves out the parts of undici and of the credential chain a Lambda function never runs', () => {
    const inputs = Object.keys(metafile.inputs);

    expect(inputs.filter((f) => /undici\/lib\/web\/(websocket|cache|eventsource)|undici\/lib\/mock\//.test(f))).toEqual([]);
    expect(inputs.filter((f) => /credential-provider-(node|sso|ini|process|web-identity)|nested-clients/.test(f))).toEqual([]);
    expect(inputs.some((f) => f.includes('undici/lib/dispatcher/agent.js'))).toBe(true);
  });

  it('fetches, follows, retries, times out and refuses as the fetcher does, and signs with the environment\'s credentials', async () => {
    server.route('www.jst.go.jp /page/', (_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<p>hi</p>'));
    server.route('www.jst.go.jp /moved/', (_req, res) => res.writeHead(301, { Location: '/page/' }).end());
    server.route('www.jst.go.jp /flaky/', (_req, res, hit) => (hit < 2 ? res.writeHead(503).end() : res.writeHead(200).end('again')));
    server.route('www.jst.go.jp /slow/', (_req, res) => { setTimeout(() => res.writeHead(200).end('late'), 2_000).unref(); });
    server.route('127.0.0.1 /', (_req, res) => res.writeHead(200, { 'Content-Type': 'application/x-amz-json-1.0' }).end('{"TableNames":["probe"]}'));
    const env = { PATH: process.env.PATH, AWS_ACCESS_KEY_ID: 'AKIDPROBE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_SESSION_TOKEN: 'token' };

    const { stdout } = await promisify(execFile)(process.execPath, [outfile, server.origin], { env, cwd: dir });

    const { pages, tables } = JSON.parse(stdout) as { pages: Record<string, unknown>; tables: string[] };
    expect(pages).toEqual({
      page: { status: 200, finalUrl: 'https://www.jst.go.jp/page/', body: '<p>hi</p>' },
      moved: { status: 200, finalUrl: 'https://www.jst.go.jp/page/', body: '<p>hi</p>' },
      flaky: { status: 200, finalUrl: 'https://www.jst.go.jp/flaky/', body: 'again' },
      slow: { code: 'timeout' },
      loopback: { code: 'address-not-allowed' },
    });
    expect(tables).toEqual(['probe']);
    const signed = server.requests.find((r) => r.host === '127.0.0.1');
    expect(signed?.headers.authorization).toContain('Credential=AKIDPROBE/');
    expect(signed?.headers['x-amz-security-token']).toBe('token');
  }, 60_000);
});
