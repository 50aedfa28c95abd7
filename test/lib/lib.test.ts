/**
 * The generic mechanics every layer shares: one digest, one worker pool, one grouping by host, one
 * Japan-time calendar. Each is used for ids and schedules that are stored, so each is pinned here.
 */
import { describe, expect, it } from 'vitest';
import { groupByHost, hostOf } from '#lib/by-host.ts';
import { sha256Hex } from '#lib/hash.ts';
import { DAY_MS, endOfJapanMonth, japanDay } from '#lib/japan-time.ts';
import { mapPool } from '#lib/worker-pool.ts';

describe('sha256Hex', () => {
  it('is SHA-256 in lowercase hex, the same for text and its UTF-8 bytes, cut to the length asked', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex(new TextEncoder().encode('締切'))).toBe(sha256Hex('締切'));
    expect(sha256Hex('abc', 8)).toBe('ba7816bf');
  });
});

describe('mapPool', () => {
  it('keeps the input order and never has more than the limit in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const out = await mapPool([5, 1, 4, 2, 3], 2, async (n) => {
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, n));
      inFlight -= 1;
      return n * 10;
    });

    expect(out).toEqual([50, 10, 40, 20, 30]);
    expect(most).toBe(2);
  });

  it('runs nothing for no items', async () => {
    expect(await mapPool([], 4, async () => { throw new Error('never called'); })).toEqual([]);
  });
});

describe('grouping by host', () => {
  it('groups by lowercased host, hosts in first-seen order, each host keeping its items\' order', () => {
    const items = ['https://www.JST.go.jp/a', 'https://www.amed.go.jp/b', 'https://www.jst.go.jp/c'].map((url) => ({ url }));

    expect(hostOf('https://WWW.JSPS.go.jp/x')).toBe('www.jsps.go.jp');
    expect([...groupByHost(items)].map(([host, list]) => [host, list.map((i) => i.url)])).toEqual([
      ['www.jst.go.jp', ['https://www.JST.go.jp/a', 'https://www.jst.go.jp/c']],
      ['www.amed.go.jp', ['https://www.amed.go.jp/b']],
    ]);
  });
});

describe('Japan time', () => {
  it('ends a month-only deadline at midnight in Japan when the next month begins, December included', () => {
    expect(new Date(endOfJapanMonth('2025-04')).toISOString()).toBe('2025-04-30T15:00:00.000Z');
    expect(new Date(endOfJapanMonth('2025-12')).toISOString()).toBe('2025-12-31T15:00:00.000Z');
    expect(japanDay(new Date(endOfJapanMonth('2025-04') - 1))).toBe('2025-04-30');
    expect(japanDay(new Date(endOfJapanMonth('2025-04')))).toBe('2025-05-01');
  });

  it('counts a day as 24 hours: Japan keeps no daylight saving', () => {
    expect(DAY_MS).toBe(24 * 60 * 60 * 1000);
  });
});
