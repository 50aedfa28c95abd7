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

  it('reads channels only when asked, a local one as the local receiver\'s URL and a generic webhook with its first secret version', async () => {
    const path = await file({ subscribers: [{ id: 'a', email: 'a@example.org' }], channels: [
      { id: 'c1', kind: 'slack', local: 'demo', owner: 'o@example.org' },
      { id: 'c2', kind: 'webhook', url: 'https://hooks.example.org/in', owner: 'o@example.org', filters: { agencies: ['JST'] } }] });

    const emailsOnly = await loadSubscribersFile(path);
    const all = await loadSubscribersFile(path, { channels: true });

    expect(emailsOnly.map((s) => s.id)).toEqual(['a']);
    expect(all.slice(1)).toEqual([
      { id: 'c1', email: 'o@example.org', lang: 'en', status: 'confirmed', filters: {}, channel: { kind: 'slack', url: 'http://127.0.0.1:8788/slack/demo' } },
      { id: 'c2', email: 'o@example.org', lang: 'en', status: 'confirmed', filters: { agencies: ['JST'] },
        channel: { kind: 'webhook', url: 'https://hooks.example.org/in', secretVersion: 1 } },
    ]);
  });

  it('refuses a channel that names both a local name and a URL, saying which to keep', async () => {
    const path = await file({ subscribers: [], channels: [{ id: 'c', kind: 'teams', local: 'x', url: 'https://x.logic.azure.com/w', owner: 'o@example.org' }] });
    await expect(loadSubscribersFile(path, { channels: true })).rejects.toThrow(/channels\.0: a channel names either "local" \(the local receiver\) or "url"/);
  });

  it('names the entry and the fix for a bad country code', async () => {
    const path = await file({ subscribers: [{ id: 'a', email: 'a@example.org', filters: { countries: ['Germany'] } }] });
    await expect(loadSubscribersFile(path)).rejects.toThrow(/subscribers\.0\.filters\.countries\.0: a partner country is an ISO 3166-1 alpha-2 code such as US, or EU; fix that entry/);
  });
});
