/**
 * Start-up failures of the commands that open the local engines: each is one line on stderr saying what
 * to do, exit code 1, no hang, and nothing left running or locked (the next command on the folder works).
 */
import { createServer, type Server } from 'node:net';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLocalStore } from '#cli/local-env.ts';
import { runCommand } from '#cli/commands/run.ts';
import { fundwatch, SPAWN_TEST_TIMEOUT_MS } from './fundwatch-process.ts';

/** A port something else already listens on. */
async function busyPort(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as { port: number }).port, server };
}

/** A port nothing listens on now (the system's pick, released). */
async function freePort(): Promise<number> {
  const { port, server } = await busyPort();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('fundwatch start-up failures', () => {
  let root: string;
  /** A folder holding a store (an empty one, as a first run leaves it before its cycle). */
  let stored: string;
  let busy: { port: number; server: Server };

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'fundwatch-start-'));
    stored = join(root, 'stored');
    await (await openLocalStore(stored)).close();
    busy = await busyPort();
  });
  afterAll(async () => {
    busy?.server.close();
    if (root) await rm(root, { recursive: true, force: true });
  }, SPAWN_TEST_TIMEOUT_MS);

  it('refuses a busy --ses-port in one line, and closes the store it had opened', async () => {
    const data = join(root, 'ses-busy');

    const ended = await fundwatch(['run', '--offline', '--data', data, '--ses-port', String(busy.port)]);
    const inProcess = await runCommand({ data, offline: true, sesPort: busy.port }, () => {}).then(() => undefined, (err: Error) => err);

    expect(ended.code).toBe(1);
    expect(ended.errorLines).toEqual([expect.stringMatching(new RegExp(`^fundwatch: port ${busy.port} .*in use.*--ses-port`))]);
    expect(inProcess?.message).toMatch(/in use/);
    // The data folder is free again in this very process: the engine was closed, its lock released.
    await (await openLocalStore(data)).close();
    expect((await fundwatch(['changes', '--data', data])).code).toBe(0);
  }, SPAWN_TEST_TIMEOUT_MS);

  it('refuses an invalid --ses-port or --port in one line, before starting anything', async () => {
    const data = join(root, 'bad-port');
    const ended = await Promise.all([
      fundwatch(['run', '--offline', '--data', data, '--ses-port', 'abc']),
      fundwatch(['serve', '--data', data, '--port', '0']),
    ]);

    for (const e of ended) {
      expect(e.code).toBe(1);
      expect(e.errorLines).toEqual([expect.stringMatching(/^fundwatch: --(ses-)?port ".*" is not a port: write a number from 1 to 65535/)]);
    }
    expect(existsSync(data)).toBe(false);
  }, SPAWN_TEST_TIMEOUT_MS);

  it('refuses a busy --port for serve in one line, and leaves the folder free', async () => {
    const free = await freePort();
    const ended = await fundwatch(['serve', '--data', stored, '--port', String(busy.port), '--channels-port', String(free)]);

    expect(ended.code).toBe(1);
    expect(ended.errorLines).toEqual([expect.stringMatching(new RegExp(`^fundwatch: port ${busy.port} .*in use.*--port`))]);
    expect((await fundwatch(['changes', '--data', stored])).code).toBe(0);
  }, SPAWN_TEST_TIMEOUT_MS);

  it('refuses a busy --channels-port for serve in one line, and leaves the folder free', async () => {
    const ended = await fundwatch(['serve', '--data', stored, '--port', String(await freePort()), '--channels-port', String(busy.port)]);

    expect(ended.code).toBe(1);
    expect(ended.errorLines).toEqual([expect.stringMatching(new RegExp(`^fundwatch: port ${busy.port} for the local channels receiver .*in use.*--channels-port`))]);
    expect((await fundwatch(['changes', '--data', stored])).code).toBe(0);
  }, SPAWN_TEST_TIMEOUT_MS);

  it('refuses a second command on a folder in use, in one line, and works once the folder is free', async () => {
    const holder = await openLocalStore(stored);
    let ended: Awaited<ReturnType<typeof fundwatch>>[];
    try {
      ended = await Promise.all([fundwatch(['changes', '--data', stored]), fundwatch(['run', '--offline', '--data', stored, '--no-discover'])]);
    } finally {
      await holder.close();
    }

    for (const e of ended) {
      expect(e.code).toBe(1);
      expect(e.errorLines).toEqual([expect.stringMatching(/^fundwatch: the local store .* is in use by another fundwatch command .*: wait for it to end/)]);
    }
    expect((await fundwatch(['changes', '--data', stored])).code).toBe(0);
  }, SPAWN_TEST_TIMEOUT_MS);

  it('refuses a damaged store in one line that says how to start anew', async () => {
    const damaged = join(root, 'damaged');
    await cp(stored, damaged, { recursive: true });
    const manifest = (await readFile(join(damaged, 'dynamodb', 'CURRENT'), 'utf8')).trim();
    await writeFile(join(damaged, 'dynamodb', manifest), 'not a manifest');

    const ended = await fundwatch(['changes', '--data', damaged]);

    expect(ended.code).toBe(1);
    expect(ended.errorLines).toEqual([expect.stringMatching(/^fundwatch: the local store .* is damaged .*move it aside/)]);
  }, SPAWN_TEST_TIMEOUT_MS);

  it('refuses a query on a folder with no store, names it, says how to make one, and creates nothing', async () => {
    const typo = join(root, 'dtaa');

    const ended = await Promise.all([fundwatch(['changes', '--data', typo]), fundwatch(['export', '--data', typo, '--out', join(root, 'out')])]);

    for (const e of ended) {
      expect(e.code).toBe(1);
      expect(e.errorLines).toEqual([expect.stringContaining(`no fundwatch store in ${typo}: make one with \`fundwatch run --offline --data ${typo}\``)]);
    }
    expect(existsSync(typo)).toBe(false);
  }, SPAWN_TEST_TIMEOUT_MS);

  it('says in one line that --data is a file, not a folder (no raw EEXIST or ENOTDIR)', async () => {
    const file = join(root, 'a-file');
    await writeFile(file, 'not a folder');

    const ended = await Promise.all([fundwatch(['run', '--offline', '--data', file]), fundwatch(['run', '--offline', '--data', join(file, 'below')]),
      fundwatch(['serve', '--data', file])]);

    for (const e of ended) {
      expect(e.code).toBe(1);
      expect(e.errorLines).toEqual([expect.stringMatching(/^fundwatch: --data .*a-file(\/below)? is (below )?a file, not a folder: choose a folder/)]);
    }
  }, SPAWN_TEST_TIMEOUT_MS);

  it('says in one line that --table needs a region when none is configured (no raw "Region is missing")', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, AWS_CONFIG_FILE: join(root, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(root, 'none'), AWS_EC2_METADATA_DISABLED: 'true' };
    for (const name of ['AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_PROFILE']) delete env[name];

    const ended = await fundwatch(['changes', '--table', 'fundwatch'], { env, cwd: root });

    expect(ended.code).toBe(1);
    expect(ended.errorLines).toEqual([expect.stringMatching(/^fundwatch: no AWS region for --table fundwatch: add --region/)]);
  }, SPAWN_TEST_TIMEOUT_MS);

  it('refuses an --base-url that is not an http(s) URL for run and serve, as publish does', async () => {
    const data = join(root, 'base-url');
    const ended = await Promise.all([fundwatch(['run', '--offline', '--data', data, '--base-url', 'localhost:8787']),
      fundwatch(['serve', '--data', data, '--base-url', 'ftp://example.org/'])]);

    for (const e of ended) {
      expect(e.code).toBe(1);
      expect(e.errorLines).toEqual([expect.stringMatching(/^fundwatch: --base-url ".*" must be an http\(s\) URL/)]);
    }
  });
});
