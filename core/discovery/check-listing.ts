/**
 * Discovery, the I/O half: read each listing (conditional GET, politely, through the same fetcher as
 * every page), turn its entries into new sources (discovered-sources.ts), record them. A listing that
 * cannot be read is one recorded failure; it never removes a found call.
 */
import type { Source } from '#parsers/sources.ts';
import type { Clock } from '../ports/clock.ts';
import type { Fetcher, FetchedPage } from '../ports/fetcher.ts';
import type { DiscoveryStore, SnapshotStore } from '../ports/store.ts';
import type { SourceState } from '../domain/snapshots.ts';
import { newSources, type FoundEntry } from './discovered-sources.ts';

/** A listing of calls as the registry lists it (parsers/listing-sources.json). */
export interface ListingSourceLike {
  id: string;
  agency: Source['agency'];
  lang: Source['lang'];
  kind: 'listing' | 'feed';
  url: string;
  adapter: string;
}

/** What reading one listing touches: the listing's own state, and the calls it finds. */
export type ListingStore = Pick<SnapshotStore, 'getState' | 'putState'> & Pick<DiscoveryStore, 'putDiscoveredSource'>;

export interface DiscoveryDeps {
  fetcher: Fetcher;
  /** Discovery also reads the found calls' own snapshots, to learn a closing day a listing did not give. */
  store: SnapshotStore & DiscoveryStore;
  clock: Clock;
  /** The listing's entries; `degraded` when its adapter failed and the generic reader stood in (parsers/listings/parse-listing.ts). */
  parseListing: (input: { source: ListingSourceLike; body: Uint8Array; mediaType?: string; charset?: string; finalUrl: string }) => { entries: FoundEntry[]; degraded?: string };
  /** Whether a URL may be fetched (the fetcher's allowlist): entries elsewhere are not watched. */
  allowed: (url: string) => boolean;
}

/** checkListing's deps: the store as far as one listing goes. */
export type ListingDeps = Omit<DiscoveryDeps, 'store'> & { store: ListingStore };

export interface ListingResult {
  listingId: string;
  outcome: 'read' | 'not-modified' | 'failed';
  entries: number;
  calls: number;
  found: Source[];
  error?: string;
  /** Read, but by the generic reader: the listing's adapter needs updating (the listing stays unhealthy until it is). */
  degraded?: string;
}

export async function checkListing(deps: ListingDeps, listing: ListingSourceLike, known: Source[]): Promise<ListingResult> {
  const state = await deps.store.getState(listing.id);
  const base = { listingId: listing.id, entries: 0, calls: 0, found: [] as Source[] };
  let page: FetchedPage;
  try {
    const fetched = await deps.fetcher.fetch(listing.url, { etag: state?.etag, lastModified: state?.lastModified });
    if (fetched.kind === 'not-modified') {
      await deps.store.putState(listingState(deps, listing, state, 'not-modified'));
      return { ...base, outcome: 'not-modified' };
    }
    page = fetched;
  } catch (err) {
    const error = (err as Error).message;
    await deps.store.putState(listingState(deps, listing, state, 'failed', { lastError: error }));
    return { ...base, outcome: 'failed', error };
  }
  let entries: FoundEntry[];
  let degraded: string | undefined;
  try {
    ({ entries, degraded } = deps.parseListing({ source: listing, body: page.body, mediaType: page.mediaType, charset: page.charset, finalUrl: page.finalUrl }));
  } catch (err) {
    // A redesigned listing: keep the old validators so the next cycle reads it again, and say so.
    const error = `the listing could not be read (${(err as Error).message}); its adapter "${listing.adapter}" may need updating`;
    await deps.store.putState(listingState(deps, listing, state, 'unhealthy', { lastError: error }));
    return { ...base, outcome: 'failed', error };
  }
  const fresh = newSources(entries, known, listing.id, deps.clock().toISOString(), deps.allowed);
  const found: Source[] = [];
  for (const source of fresh) if (await deps.store.putDiscoveredSource(source)) found.push(source);
  // Read by the generic reader: the calls it found count, but the listing stays unhealthy, and without new
  // validators, so that every cycle reads it again and says so until its adapter is updated.
  await deps.store.putState(degraded
    ? listingState(deps, listing, state, 'unhealthy', { lastError: `${degraded}; its adapter "${listing.adapter}" needs updating` })
    : listingState(deps, listing, state, 'changed', { etag: page.etag, lastModified: page.lastModified }));
  return { ...base, outcome: 'read', entries: entries.length, calls: entries.filter((e) => e.kind === 'call').length, found, ...(degraded ? { degraded } : {}) };
}

/**
 * Every listing in turn, then the calls found so far: the registry and the discovered sources still active.
 * Listings are few and share the agencies' hosts with the pages, so they go one at a time.
 */
export async function discover(deps: DiscoveryDeps, listings: ListingSourceLike[], registry: Source[]): Promise<ListingResult[]> {
  const discovered = await deps.store.listDiscoveredSources();
  await learnClosingDays(deps.store, discovered);
  const known = [...registry, ...discovered];
  const results: ListingResult[] = [];
  for (const listing of listings) {
    const result = await checkListing(deps, listing, known);
    known.push(...result.found);
    results.push(result);
  }
  return results;
}

/**
 * A found call whose listing gave no closing day takes it from its own page once read: the last
 * submission or pre-registration day its record states.
 */
async function learnClosingDays(store: Pick<SnapshotStore, 'getLatestSnapshot'> & Pick<DiscoveryStore, 'updateDiscoveredSource'>, discovered: Source[]): Promise<void> {
  for (const source of discovered) {
    if (!source.discovered || source.discovered.closesAt) continue;
    const snapshot = await store.getLatestSnapshot(source.id);
    const days = snapshot?.result.programs.flatMap((p) => p.calls.flatMap((c) => c.deadlines))
      .filter((d) => (d.kind === 'submission' || d.kind === 'preregistration') && /^\d{4}-\d{2}-\d{2}$/.test(d.date)).map((d) => d.date).sort() ?? [];
    const closesAt = days.at(-1);
    if (closesAt) await store.updateDiscoveredSource({ ...source, discovered: { ...source.discovered, closesAt } });
  }
}

function listingState(deps: Pick<DiscoveryDeps, 'clock'>, listing: ListingSourceLike, state: SourceState | undefined, outcome: SourceState['lastOutcome'],
  patch: Partial<SourceState> = {}): SourceState {
  const failing = outcome === 'failed' || outcome === 'unhealthy';
  const { lastError: _old, ...kept } = state ?? { sourceId: listing.id, lastCheckedAt: '', lastOutcome: outcome, snapshotVersion: 0, consecutiveFailures: 0 };
  return { ...kept, ...patch, sourceId: listing.id, lastCheckedAt: deps.clock().toISOString(), lastOutcome: outcome,
    consecutiveFailures: failing ? (state?.consecutiveFailures ?? 0) + 1 : 0 };
}
