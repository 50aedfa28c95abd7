/**
 * Ctrl-C during `fundwatch serve --every`: the schedule stops, a running cycle finishes (its e-mails
 * saved, its store writes done), and only then are the pages, the inbox and the store closed.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startSchedule } from '#cli/commands/serve.ts';
import { SPAWN_TEST_TIMEOUT_MS } from './fundwatch-process.ts';

const BIN = new URL('../../bin/fundwatch.mjs', import.meta.url).pathname;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('startSchedule', () => {
  it('runs a cycle at once, and on close stops the ticks and waits for the running cycle', async () => {
    const log: string[] = [];
    let finish = () => {};
    const schedule = startSchedule(10, async () => {
      log.push('start');
      await new Promise<void>((resolve) => { finish = resolve; });
      log.push('end');
    });

    await new Promise((resolve) => setTimeout(resolve, 50));
    const closed = schedule.close().then(() => log.push('closed'));
    finish();
    await closed;
    await new Promise((resolve) => setTimeout(resolve, 50));

    // Ticks during the slow cycle started no second one, and nothing ran after close.
    expect(log).toEqual(['start', 'end', 'closed']);
  });
});

describe('fundwatch serve --every, stopped with Ctrl-C during its first cycle', () => {
  let data: string | undefined;
  afterAll(async () => { if (data) await rm(data, { recursive: true, force: true }); });

  it('lets the cycle finish, then closes everything and exits 0', async () => {
    data = await mkdtemp(join(tmpdir(), 'fundwatch-serve-'));
    const child = spawn(process.execPath, [BIN, 'serve', '--offline', '--every', '60', '--data', data, '--port', String(await freePort()),
      // Not the default 8788, which another test's or a developer's serve may hold.
      '--channels-port', String(await freePort())]);
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    const interrupted = new Promise<void>((resolve) => child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      // The first cycle is under way: interrupt it.
      if (/Offline replay: recorded pages, version 1/.test(stdout) && !child.killed) {
        child.kill('SIGINT');
        resolve();
      }
    }));
    // A serve that never stops is killed here, and fails below.
    const guard = setTimeout(() => child.kill('SIGKILL'), SPAWN_TEST_TIMEOUT_MS - 30_000);
    const ended = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on('exit', (code, signal) => {
      clearTimeout(guard);
      resolve({ code, signal });
    }));

    await interrupted;
    const { code, signal } = await ended;

    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(stdout).toContain('Stopping: a running cycle finishes first');
    // The cycle ran to its end (both replayed versions, the inbox saved), with no error from a closed store.
    expect(stdout).toMatch(/Offline replay: recorded pages, version 2/);
    expect(stdout).toMatch(/^Inbox: \d+ e-mail\(s\) this run/m);
    expect(stdout).toMatch(/^Local channels .*: http:\/\/127\.0\.0\.1:\d+\/$/m);
    expect(stdout).toMatch(/^Channel posts: \d+ this run/m);
    expect(stdout).not.toMatch(/cycle failed|ECONNREFUSED/);
    expect(stderr).toBe('');
  }, SPAWN_TEST_TIMEOUT_MS);
});
