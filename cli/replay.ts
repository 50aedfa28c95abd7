/**
 * Offline replay: each `fundwatch run --offline` serves the next recorded version of the fixture
 * pages. The step lives in the data folder, next to the snapshots it produced.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const STATE_FILE = 'offline-replay.json';

export async function readReplayStep(dataDir: string): Promise<number> {
  try {
    const { step } = JSON.parse(await readFile(join(dataDir, STATE_FILE), 'utf8')) as { step?: number };
    return typeof step === 'number' ? step : 0;
  } catch {
    return 0;
  }
}

export async function writeReplayStep(dataDir: string, step: number): Promise<void> {
  await writeFile(join(dataDir, STATE_FILE), `${JSON.stringify({ step }, null, 2)}\n`);
}

/** The highest version recorded for any fixture page (files named v<N>.<ext>). */
export async function lastRecordedStep(sitesDir: string): Promise<number> {
  const entries = await readdir(sitesDir, { recursive: true });
  return entries.reduce((max, entry) => {
    const match = /(?:^|[\\/])v(\d+)\.(html|pdf)$/.exec(entry);
    return match ? Math.max(max, Number(match[1])) : max;
  }, 1);
}
