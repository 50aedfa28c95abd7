/** The fundwatch command run as a user runs it, in its own process, with what it printed and how it ended. */
import { execFile } from 'node:child_process';

const BIN = new URL('../../bin/fundwatch.mjs', import.meta.url).pathname;

/** Long enough for a start on a busy 2-core machine; a command still running then has hung. */
export const SPAWN_TIMEOUT_MS = 45_000;
/** A test's own timeout: room for a few spawns in a row. */
export const SPAWN_TEST_TIMEOUT_MS = 150_000;

export interface Ended {
  /** The exit code; null when the process had to be killed (it hung past the timeout). */
  code: number | null;
  stdout: string;
  stderr: string;
  /** The lines written to stderr, without the empty ones. */
  errorLines: string[];
}

export function fundwatch(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<Ended> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: options.cwd, env: options.env ?? process.env, timeout: options.timeoutMs ?? SPAWN_TIMEOUT_MS, killSignal: 'SIGKILL' },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
        resolve({ code, stdout, stderr, errorLines: stderr.split('\n').filter((l) => l.trim() !== '') });
      });
  });
}
