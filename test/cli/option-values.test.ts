/**
 * The numbers and dates the commands take: each read strictly (real calendar days, positive spans and
 * intervals, ports 1-65535), and a wrong one refused in one line with exit code 1 before anything runs.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBaseUrl, parseDay, parseMinutes, parsePort, parseWithin } from '#cli/option-values.ts';
import { changesCommand } from '#cli/commands/query.ts';
import { startDynalite, type LocalEngine } from '#io/local/dynalite.ts';
import { createDynamoStore, ensureTable } from '#io/store/dynamo-store.ts';
import { openLocalStore } from '#cli/local-env.ts';
import { event } from '../helpers/records.ts';
import { localClient } from '../helpers/engines.ts';
import { fundwatch, SPAWN_TEST_TIMEOUT_MS } from './fundwatch-process.ts';

describe('parseDay', () => {
  it('reads a day as midnight in Japan, and an ISO 8601 time as written', () => {
    expect(parseDay('2025-04-01', '--since')).toBe('2025-03-31T15:00:00.000Z');
    expect(parseDay('2024-02-29', '--since')).toBe('2024-02-28T15:00:00.000Z');
    expect(parseDay('2025-04-01T09:30:00+09:00', '--since')).toBe('2025-04-01T00:30:00.000Z');
    expect(parseDay('2025-04-01T00:30Z', '--since')).toBe('2025-04-01T00:30:00.000Z');
    expect(parseDay('2025-04-01T00:30:00.250Z', '--since')).toBe('2025-04-01T00:30:00.250Z');
  });

  it('refuses what is not a real calendar day or an ISO 8601 time', () => {
    for (const text of ['1', '2025', '2025-4-1', '2025-02-31', '2025-02-29', '2025-13-01', '2025-00-10', '2025-04-01T24:00Z', '2025-04-01T10:61Z',
      'April 1, 2025', '2025/04/01', '2025-04-01 junk', '']) {
      expect(() => parseDay(text, '--as-of'), text).toThrow(/^--as-of ".*" is not a date: write YYYY-MM-DD \(midnight in Japan\) or an ISO 8601 time/);
    }
  });
});

describe('parseWithin', () => {
  it('reads days, weeks and 30-day months', () => {
    expect([parseWithin('60d'), parseWithin('8w'), parseWithin('2m'), parseWithin('14')]).toEqual([60, 56, 60, 14]);
  });

  it('refuses a span that is not positive or is beyond a century', () => {
    for (const text of ['0d', '0', '-5d', '1.5w', 'abc', '40000d', '99999999999999999999d']) expect(() => parseWithin(text), text).toThrow(/^--within ".*" is not a span/);
  });
});

describe('parsePort and parseMinutes', () => {
  it('take whole numbers in range', () => {
    expect([parsePort('1', '--port'), parsePort('65535', '--port'), parseMinutes('30', '--every')]).toEqual([1, 65535, 30]);
  });

  it('refuse the rest', () => {
    for (const text of ['0', '65536', '-1', 'abc', '80.5', '', '1e3', '0x50']) expect(() => parsePort(text, '--port'), text).toThrow(/^--port ".*" is not a port: write a number from 1 to 65535/);
    for (const text of ['0', '-1', 'abc', '1.5', '', 'Infinity', '100001']) expect(() => parseMinutes(text, '--every'), text).toThrow(/^--every ".*" is not a number of minutes/);
  });
});

describe('parseBaseUrl', () => {
  it('takes an http(s) URL and refuses the rest', () => {
    expect(parseBaseUrl('https://example.org/fundwatch/', '--base-url')).toBe('https://example.org/fundwatch/');
    for (const text of ['localhost:8787', 'ftp://example.org/', '/relative', 'http://', 'https://user:pass@example.org/']) {
      expect(() => parseBaseUrl(text, '--base-url'), text).toThrow(/^--base-url ".*" must be an http\(s\) URL/);
    }
  });
});

describe('bad numbers and dates on the command line', () => {
  let root: string;
  let data: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'fundwatch-options-'));
    data = join(root, 'data');
    await (await openLocalStore(data)).close();
  });
  afterAll(async () => { if (root) await rm(root, { recursive: true, force: true }); });

  it('refuses a --every that is not a positive number of minutes, before serving anything', async () => {
    const ended = await Promise.all(['-1', '0', 'abc'].map((every) => fundwatch(['serve', '--offline', '--data', data, '--every', every])));

    for (const e of ended) {
      expect(e.code).toBe(1);
      expect(e.errorLines).toEqual([expect.stringMatching(/^fundwatch: --every ".*" is not a number of minutes: write a whole number from 1/)]);
    }
  }, SPAWN_TEST_TIMEOUT_MS);

  it('refuses a date that is not a real day, or not a date at all, and a span of nothing', async () => {
    const ended = await Promise.all([
      fundwatch(['changes', '--data', data, '--since', '1'], { cwd: root }),
      fundwatch(['programs', '--data', data, '--as-of', '2025-02-31'], { cwd: root }),
      fundwatch(['deadlines', '--data', data, '--within', '0d'], { cwd: root }),
    ]);

    for (const e of ended) {
      expect(e.code).toBe(1);
      expect(e.errorLines).toEqual([expect.stringMatching(/^fundwatch: --(since|as-of|within) "[^"]+" is not a (date|span)/)]);
    }
  }, SPAWN_TEST_TIMEOUT_MS);
});

describe('changes --since far in the past', () => {
  let engine: LocalEngine;
  const saved = { ...process.env };
  beforeAll(async () => {
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' });
    engine = await startDynalite();
    const client = localClient(engine.endpoint);
    await ensureTable(client, 'far');
    await createDynamoStore({ tableName: 'far', client }).putChangeEvents([event('moved', 2, '2025-04-02T00:00:00.000Z')]);
    client.destroy();
  });
  afterAll(async () => {
    process.env = saved;
    await engine?.close();
  });

  it('lists the changes since that day, however long ago it was', async () => {
    let printed = '';

    await changesCommand({ data: 'unused', table: 'far', endpoint: engine.endpoint, region: 'local', since: '1900-01-01', json: true },
      (text) => { printed += text; }, new Date('2025-05-01T00:00:00Z'));

    expect((JSON.parse(printed) as Array<{ detected: string }>).map((r) => r.detected)).toEqual([expect.stringContaining('2025-04-02')]);
  });
});
