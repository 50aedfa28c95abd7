/**
 * The local engines' start-up failures, each one error that says what to do, with nothing left open:
 * the store's folder in use or damaged (dynalite), a busy port (the SES emulator).
 */
import { createServer, type Server } from 'node:net';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalStoreError, startDynalite } from '#io/local/dynalite.ts';
import { startSesEmulator } from '#io/local/ses-emulator.ts';

describe('local engines at start-up', () => {
  let root: string;
  beforeAll(async () => { root = await mkdtemp(join(tmpdir(), 'fundwatch-engines-')); });
  afterAll(async () => { if (root) await rm(root, { recursive: true, force: true }); });

  it('refuses a store folder another engine holds, and opens it once that one is closed', async () => {
    const path = join(root, 'held');
    const first = await startDynalite({ path });

    const second = await startDynalite({ path }).then(() => undefined, (err: Error) => err);
    await first.close();
    const third = await startDynalite({ path });
    await third.close();

    expect(second).toBeInstanceOf(LocalStoreError);
    expect(second?.message).toMatch(/is in use by another fundwatch command .*: wait for it to end/);
  });

  it('refuses a damaged store, saying how to start a new one', async () => {
    const path = join(root, 'damaged');
    await (await startDynalite({ path })).close();
    await writeFile(join(path, (await readFile(join(path, 'CURRENT'), 'utf8')).trim()), 'not a manifest');

    const refused = await startDynalite({ path }).then(() => undefined, (err: Error) => err);

    expect(refused?.message).toMatch(/is damaged \(Corruption: .*\): restore .* or move it aside and start a new one with `fundwatch run --offline --data DIR`/);
  });

  it('refuses a busy port for the SES emulator instead of handing back a server that does not listen', async () => {
    const busy: Server = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const { port } = busy.address() as { port: number };

    const refused = await startSesEmulator({ port }).then(() => undefined, (err: Error) => err);
    busy.close();

    expect(refused?.message).toMatch(new RegExp(`^port ${port} for the local SES emulator is in use or not allowed: .*--ses-port`));
  });
});
