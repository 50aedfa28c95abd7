/** Discovery, the pure half: which listing entries become watched sources, how twins are linked, when a found call stops being fetched. */
import { describe, expect, it } from 'vitest';
import { discoveredId, isActive, newSources, sharedProgramId, urlKey, watchList, type FoundEntry } from '#core/discovery/discovered-sources.ts';
import { checkListing, type ListingSourceLike, type ListingStore } from '#core/discovery/check-listing.ts';
import { newCallChange } from '#core/discovery/new-call.ts';
import type { SourceState } from '#core/domain/snapshots.ts';
import type { Source } from '#parsers/sources.ts';
import { parseResult } from '../../helpers/records.ts';

const entry = (overrides: Partial<FoundEntry> = {}): FoundEntry => ({
  title: 'SICORP EIG CONCERT-Japan 2026 call', url: 'https://www.jst.go.jp/inter/sicorp/eig2026/call.html', agency: 'JST', lang: 'en', kind: 'call', ...overrides,
});
const allowed = (url: string) => /^https:\/\/www\.(jst|amed|jsps)\.go\.jp\//.test(url);
const registered: Source = { id: 'jst-aspire-top-en', agency: 'JST', lang: 'en', kind: 'html', url: 'https://www.jst.go.jp/aspire/en/index.html', program: 'jst-aspire' };
const FOUND_AT = '2026-04-10T00:00:00.000Z';

describe('newSources', () => {
  it('turns a new call entry into a watched source with a stable id, the listing\'s words and its closing day', () => {
    const [source] = newSources([entry({ postedAt: '2026-04-01', window: { closes: '2026-06-03' } })], [registered], 'jst-calls-feed', FOUND_AT, allowed);
    expect(source).toEqual({
      id: discoveredId('JST', 'https://www.jst.go.jp/inter/sicorp/eig2026/call.html'), agency: 'JST', lang: 'en', kind: 'html',
      url: 'https://www.jst.go.jp/inter/sicorp/eig2026/call.html', adapter: 'none',
      discovered: { listingId: 'jst-calls-feed', title: 'SICORP EIG CONCERT-Japan 2026 call', foundAt: FOUND_AT, postedAt: '2026-04-01', closesAt: '2026-06-03' },
    });
    expect(source!.id).toMatch(/^jst-call-[0-9a-f]{8}$/);
  });

  it('leaves out tenders, jobs, events and results, pages already watched (whatever their index.html or fragment), and hosts off the allowlist', () => {
    const entries = [
      entry({ kind: 'tender', url: 'https://www.jst.go.jp/tender/1.html' }), entry({ kind: 'job', url: 'https://www.jst.go.jp/job/1.html' }),
      entry({ url: 'https://www.jst.go.jp/aspire/en/#call' }), entry({ url: 'https://evil.example/call.html' }),
      entry({ url: 'https://www.jst.go.jp/new.pdf' }), entry({ url: 'https://www.jst.go.jp/new.pdf', title: 'listed twice' }),
    ];
    const found = newSources(entries, [registered], 'l', FOUND_AT, allowed);
    expect(found.map((s) => [s.url, s.kind])).toEqual([['https://www.jst.go.jp/new.pdf', 'pdf']]);
  });

  it('announces calls only: never an update to a call, a result or a briefing, whatever call words they hold', () => {
    const entries = [
      entry({ kind: 'call-update', title: 'Deadline extended: SICORP EIG 2026 call', url: 'https://www.jst.go.jp/u/1.html' }),
      entry({ kind: 'result', title: 'Results of the SICORP EIG 2025 call', url: 'https://www.jst.go.jp/u/2.html' }),
      entry({ kind: 'event', title: 'Briefing session on the SICORP EIG 2026 call', url: 'https://www.jst.go.jp/u/3.html' }),
    ];
    expect(newSources(entries, [], 'l', FOUND_AT, allowed)).toEqual([]);
  });

  it('gives the English and Japanese pages of one call the same programme id, whichever is found first', () => {
    const en = 'https://www.jst.go.jp/inter/sicorp/eig2026/call.html';
    const ja = 'https://www.jst.go.jp/inter/sicorp/eig2026/call_ja.html';
    const both = newSources([entry({ alternateUrl: ja }), entry({ url: ja, lang: 'ja', title: 'EIG 2026 公募', alternateUrl: en })], [], 'l', FOUND_AT, allowed);
    expect(both.map((s) => s.program)).toEqual([sharedProgramId('JST', en, ja), sharedProgramId('JST', en, ja)]);
    // Found on different listings in different cycles: the second inherits the first's id.
    const [first] = newSources([entry({ alternateUrl: ja })], [], 'feed', FOUND_AT, allowed);
    const [second] = newSources([entry({ url: ja, lang: 'ja', alternateUrl: en })], [first!], 'koubo', FOUND_AT, allowed);
    expect(second!.program).toBe(first!.program);
  });
});

describe('isActive and watchList', () => {
  const found = (closesAt?: string): Source => ({ ...registered, id: `jst-call-${closesAt ?? 'open'}`, url: `https://www.jst.go.jp/c/${closesAt ?? 'open'}.html`, program: undefined,
    discovered: { listingId: 'l', title: 't', foundAt: FOUND_AT, ...(closesAt ? { closesAt } : {}) } });

  it('keeps fetching a closed call for 30 days (Japan\'s calendar), then stops; one without a closing day stays', () => {
    expect(isActive(found('2026-06-03'), new Date('2026-07-03T14:59:59Z'))).toBe(true);
    expect(isActive(found('2026-06-03'), new Date('2026-07-03T15:00:00Z'))).toBe(false);
    expect(isActive(found(), new Date('2030-01-01T00:00:00Z'))).toBe(true);
  });

  it('watches the registry and the active found calls the registry does not list itself', () => {
    const list = watchList([registered], [found('2026-06-03'), found(), { ...found(), id: 'dup', url: 'https://www.jst.go.jp/aspire/en/' }], new Date('2026-08-01T00:00:00Z'));
    expect(list.map((s) => s.id)).toEqual(['jst-aspire-top-en', 'jst-call-open']);
  });

  it('compares URLs without fragments or a trailing index.html', () => {
    expect(urlKey('https://WWW.jst.go.jp/a/index.html#x')).toBe(urlKey('https://www.jst.go.jp/a/'));
  });
});

describe('newCallChange', () => {
  it('announces the call with the page\'s own deadline and words, at high severity', () => {
    const source: Source = { ...registered, program: 'jst-aspire', discovered: { listingId: 'l', title: 'ASPIRE 2026 call', foundAt: FOUND_AT } };
    const change = newCallChange(source, parseResult());
    expect(change).toMatchObject({ programId: 'jst-aspire', callId: 'fy2025', category: 'new-call', kind: 'added', severity: 'high', before: null,
      summary: { en: 'New call: ASPIRE 2026 call (deadline 2025-05-12 12:00 JST)', ja: '新しい公募: ASPIRE 2026 call（締切 2025-05-12 12:00 JST）' },
      evidence: { after: 'Deadline: 2025-05-12 12:00 JST' } });
  });

  it('still announces a page that yields no programme, with the listing\'s words', () => {
    const source: Source = { ...registered, program: undefined, discovered: { listingId: 'l', title: 'A call the parser cannot read', foundAt: FOUND_AT } };
    const change = newCallChange(source, { ...parseResult(), programs: [] });
    expect(change).toMatchObject({ programId: 'jst-aspire-top-en', callId: null, summary: { en: 'New call: A call the parser cannot read' }, evidence: { after: 'A call the parser cannot read' } });
  });
});

describe('checkListing', () => {
  const listing: ListingSourceLike = { id: 'jst-koubo-ja', agency: 'JST', lang: 'ja', kind: 'listing', url: 'https://www.jst.go.jp/koubo/index.html', adapter: 'jst-koubo-table' };
  const fetcher = { fetch: async () => ({ kind: 'fetched' as const, url: listing.url, finalUrl: listing.url, status: 200, body: new Uint8Array(), etag: '"v2"', elapsedMs: 1 }), close: async () => {} };
  /** Only what checkListing touches: the listing's state and the found sources. */
  const memoryStore = () => {
    const states: SourceState[] = [];
    const found: Source[] = [];
    const store: ListingStore = { getState: async () => states.at(-1), putState: async (s) => { states.push(s); }, putDiscoveredSource: async (s) => (found.push(s), true) };
    return { store, states, found };
  };

  it('keeps the calls the generic reader found when the adapter broke, and keeps the listing unhealthy so that the maintainer hears of it', async () => {
    const { store, states, found } = memoryStore();
    const degraded = 'https://www.jst.go.jp/koubo/index.html: the table of notices (table.koubo-list) is not on the page; read by the generic reader instead (1 entry)';

    const result = await checkListing({ fetcher, store, clock: () => new Date(FOUND_AT), allowed, parseListing: () => ({ entries: [entry({ lang: 'ja' })], degraded }) }, listing, []);

    expect(result).toMatchObject({ outcome: 'read', calls: 1, degraded });
    expect(found.map((s) => s.url)).toEqual(['https://www.jst.go.jp/inter/sicorp/eig2026/call.html']);
    expect(states.at(-1)).toMatchObject({ lastOutcome: 'unhealthy', consecutiveFailures: 1, lastError: expect.stringContaining('its adapter "jst-koubo-table" needs updating') });
    // No validators kept: the next cycle reads the listing again instead of hearing "not modified" and forgetting the fault.
    expect(states.at(-1)).not.toHaveProperty('etag');
  });

  it('records a listing its adapter read as changed, with its validators', async () => {
    const { store, states } = memoryStore();

    const result = await checkListing({ fetcher, store, clock: () => new Date(FOUND_AT), allowed, parseListing: () => ({ entries: [] }) }, listing, []);

    expect(result).not.toHaveProperty('degraded');
    expect(states.at(-1)).toMatchObject({ lastOutcome: 'changed', etag: '"v2"', consecutiveFailures: 0 });
  });
});
