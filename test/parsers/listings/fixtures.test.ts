/**
 * The recorded listings (fixtures/sites, from fixtures/listings) read by their adapters: each version
 * yields exactly the calls and the other entries of fixtures/listings/expected.json, v2 adds one or two
 * calls and one non-call, and every call new in v2 has a page of its own that the generic parser reads.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import * as cheerio from 'cheerio/slim';
import { parseListing } from '#parsers/listings/parse-listing.ts';
import type { ListingEntry } from '#parsers/listings/listing-entry.ts';
import { loadListingRegistry, type ListingSource } from '#parsers/listings/registry.ts';
import { parsePage } from '#parsers/parse-page.ts';
import type { Source } from '#parsers/sources.ts';
import { sitePath } from '../../../fixtures/scripts/site-path.ts';

interface ExpectedCall { url: string; title: string; postedAt?: string; window?: { opens?: string; closes?: string }; alternateUrl?: string }
interface ExpectedOther { url: string; title: string; kind: string }
type Expected = Record<string, Record<'v1' | 'v2', { calls: ExpectedCall[]; others: ExpectedOther[] }>>;

const { $comment: _, ...expected } = JSON.parse(await readFile(new URL('../../../fixtures/listings/expected.json', import.meta.url), 'utf8')) as Expected & { $comment: string };
const listings = await loadListingRegistry();
const VERSIONS = ['v1', 'v2'] as const;

const recorded = (listing: ListingSource, version: string): string => `${sitePath(listing.url)}/${version}.${listing.kind === 'feed' ? 'xml' : 'html'}`;
const read = async (listing: ListingSource, version: string): Promise<ListingEntry[]> =>
  parseListing({ source: listing, body: await readFile(recorded(listing, version)), finalUrl: listing.url }).entries;
const asCall = ({ url, title, postedAt, window, alternateUrl }: ListingEntry): ExpectedCall =>
  ({ url, title, ...(postedAt ? { postedAt } : {}), ...(window ? { window } : {}), ...(alternateUrl ? { alternateUrl } : {}) });
const newCalls = (id: string): ExpectedCall[] => {
  const before = new Set(expected[id]!.v1.calls.map((c) => c.url));
  return expected[id]!.v2.calls.filter((c) => !before.has(c.url));
};

it('expects every registered listing, and only those', () => {
  expect(Object.keys(expected).sort()).toEqual(listings.map((l) => l.id).sort());
});

describe.each(listings.map((l) => [l.id, l] as const))('%s', (id, listing) => {
  it.each(VERSIONS)('%s yields exactly the expected calls, in the listing\'s order', async (version) => {
    const entries = await read(listing, version);

    expect(entries.filter((e) => e.kind === 'call').map(asCall)).toEqual(expected[id]![version].calls);
  });

  it.each(VERSIONS)('%s yields exactly the expected tenders, jobs, awards, events, results and others', async (version) => {
    const entries = await read(listing, version);

    expect(entries.filter((e) => e.kind !== 'call').map(({ url, title, kind }) => ({ url, title, kind }))).toEqual(expected[id]![version].others);
    expect(entries.every((e) => e.agency === listing.agency && e.lang === listing.lang && e.reason.length > 0)).toBe(true);
  });

  it('mixes calls with a tender, a job posting, an award, an event and selection results', () => {
    expect(expected[id]!.v1.calls.length).toBeGreaterThan(0);
    expect(new Set(expected[id]!.v1.others.map((o) => o.kind))).toEqual(new Set(['tender', 'job', 'award', 'event', 'result']));
  });

  it('v2 keeps every v1 entry and adds one or two calls and one non-call', () => {
    const urls = (v: 'v1' | 'v2', part: 'calls' | 'others') => expected[id]![v][part].map((e) => e.url);
    const addedOthers = urls('v2', 'others').filter((u) => !urls('v1', 'others').includes(u));

    expect(urls('v2', 'calls')).toEqual(expect.arrayContaining(urls('v1', 'calls')));
    expect(urls('v2', 'others')).toEqual(expect.arrayContaining(urls('v1', 'others')));
    expect(newCalls(id).length).toBeGreaterThanOrEqual(1);
    expect(newCalls(id).length).toBeLessThanOrEqual(2);
    expect(addedOthers).toHaveLength(1);
  });

  it('is recorded as v1 and v2 only, so the offline replay keeps its number of steps', () => {
    expect(existsSync(recorded(listing, 'v1')) && existsSync(recorded(listing, 'v2'))).toBe(true);
    expect(existsSync(recorded(listing, 'v3'))).toBe(false);
  });
});

// What a redesign of a listing would cost on today's layouts: nothing, as the generic reader stands in for its adapter.
describe.each(listings.filter((l) => l.kind === 'listing').map((l) => [l.id, l] as const))('%s read by the generic reader alone', (_id, listing) => {
  it.each(VERSIONS)('%s yields the adapter\'s entries: every one, with its date, window, alternate and kind', async (version) => {
    const generic = parseListing({ source: { ...listing, adapter: 'generic-list' }, body: await readFile(recorded(listing, version)), finalUrl: listing.url }).entries;
    const withoutReason = (entries: ListingEntry[]) => entries.map(({ reason: _, ...entry }) => entry);

    expect(withoutReason(generic)).toEqual(withoutReason(await read(listing, version)));
  });
});

describe('the pages of the calls new in v2', () => {
  const pages = listings.flatMap((listing) => newCalls(listing.id).map((call) => [call.url, listing, call] as const));
  let results: Map<string, Awaited<ReturnType<typeof parsePage>>>;

  beforeAll(async () => {
    results = new Map();
    for (const [url, listing] of pages) {
      // A found page is read as discovery will read it: no site template, the generic rules only.
      const source: Source = { id: 'found', agency: listing.agency, lang: listing.lang, kind: 'html', url, adapter: 'none' };
      results.set(url, await parsePage({ source, body: await readFile(`${sitePath(url)}/v2.html`) }));
    }
  });

  it.each(pages)('%s is recorded at v2 only, so it appears at replay step 2', (url) => {
    expect(existsSync(`${sitePath(url)}/v2.html`)).toBe(true);
    expect(existsSync(`${sitePath(url)}/v1.html`)).toBe(false);
  });

  it.each(pages)('%s parses into a programme with an open call and its submission deadline', (url, _listing, call) => {
    const calls = results.get(url)!.programs.flatMap((p) => p.calls);
    const deadline = calls.flatMap((c) => c.deadlines).find((d) => d.kind === 'submission');

    expect(calls.some((c) => c.status === 'open')).toBe(true);
    expect(deadline?.time).not.toBeNull();
    // The listing's closing day, when it states one, is the page's own.
    if (call.window?.closes) expect(deadline?.date).toBe(call.window.closes);
  });

  it('include an AMED call on infectious diseases with a partner in Germany, and one with the USA', () => {
    const amed = pages.filter(([, listing]) => listing.agency === 'AMED').map(([url]) => results.get(url)!.programs.flatMap((p) => p.calls));
    const has = (field: string, country: string) => amed.some((calls) => calls.some((c) => c.fields.includes(field) && c.countries.includes(country)));

    expect(has('Infectious diseases', 'DE')).toBe(true);
    expect(has('Infectious diseases', 'US')).toBe(true);
  });
});

describe('the JST call announced in both languages', () => {
  const [en] = newCalls('jst-calls-feed');
  const [ja] = newCalls('jst-koubo-ja');

  it('is listed in the English feed and on the Japanese 公募情報 page, each entry naming the other page', () => {
    expect(en).toMatchObject({ alternateUrl: ja!.url });
    expect(ja).toMatchObject({ alternateUrl: en!.url });
    expect(en!.title).toMatch(/^Call for Proposals: SICORP Japan–Finland/);
    expect(ja!.title).toMatch(/日本－フィンランド共同研究「量子技術」研究提案の募集$/);
  });

  it('has two pages that link each other, in the head (hreflang) and with a visible language switch', async () => {
    for (const [self, other, otherLang] of [[en!, ja!, 'ja'], [ja!, en!, 'en']] as const) {
      const $ = cheerio.load(await readFile(`${sitePath(self.url)}/v2.html`, 'utf8'));

      expect($(`head link[rel=alternate][hreflang=${otherLang}]`).attr('href')).toBe(other.url);
      expect(new URL($(`#contents a[hreflang=${otherLang}], main a[hreflang=${otherLang}]`).first().attr('href')!, self.url).href).toBe(other.url);
    }
  });

  it('names the same research field and partner country on both pages', async () => {
    const read = async (url: string, lang: 'en' | 'ja') => (await parsePage({ source: { id: 'found', agency: 'JST', lang, kind: 'html', url, adapter: 'none' },
      body: await readFile(`${sitePath(url)}/v2.html`) })).programs.flatMap((p) => p.calls);
    for (const calls of [await read(en!.url, 'en'), await read(ja!.url, 'ja')]) {
      expect(calls.flatMap((c) => c.fields)).toContain('Quantum');
      expect(calls.flatMap((c) => c.countries)).toContain('FI');
    }
  });
});
