/** The demo subscribers file: the filters and reminder preferences a subscriber can have, and one clear line for a bad entry. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSubscribersFile } from '#cli/subscribers-file.ts';

describe('loadSubscribersFile', () => {
  let dir: string;
  const file = async (json: unknown): Promise<string> => {
    const path = join(dir, `${Math.random().toString(36).slice(2)}.json`);
    await writeFile(path, JSON.stringify(json));
    return path;
  };
  beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'fw-subs-')); });
  afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

  it('reads keywords, fields, partner countries and reminder preferences', async () => {
    const [s] = await loadSubscribersFile(await file({ subscribers: [{ id: 'a', email: 'a@example.org',
      filters: { keywords: ['quantum'], fields: ['Quantum'], countries: ['DE'] }, reminders: { offsets: [7, 1], programs: ['jst-aspire'] } }] }));
    expect(s).toMatchObject({ lang: 'en', status: 'confirmed', filters: { keywords: ['quantum'], fields: ['Quantum'], countries: ['DE'] },
      reminders: { offsets: [7, 1], programs: ['jst-aspire'] } });
  });

  it('leaves reminders unset (the defaults) when the entry has none', async () => {
    const [s] = await loadSubscribersFile(await file({ subscribers: [{ id: 'a', email: 'a@example.org' }] }));
    expect(s!.reminders).toBeUndefined();
  });

  it('names the entry and the fix for a bad country code', async () => {
    const path = await file({ subscribers: [{ id: 'a', email: 'a@example.org', filters: { countries: ['Germany'] } }] });
    await expect(loadSubscribersFile(path)).rejects.toThrow(/subscribers\.0\.filters\.countries\.0: a partner country is an ISO 3166-1 alpha-2 code such as US, or EU; fix that entry/);
  });
});
