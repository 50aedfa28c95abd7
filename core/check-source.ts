/**
 * One source through one cycle, top to bottom: fetch -> document/extract -> health -> diff -> store.
 * It always ends in one verb (new, changed, unchanged, not-modified, failed, unhealthy) and never
 * throws for a problem of the source itself: one broken page is one recorded failure, and a failure
 * never touches the stored snapshot.
 */
import { sha256Hex } from '#lib/hash.ts';
import { SchemaViolation, type Agency, type ParseResult } from '#parsers/schema.ts';
import type { Source } from '#parsers/sources.ts';
import type { PageInput } from '#parsers/parse-page.ts';
import { recordHash } from './canonical.ts';
import { diffResults } from './diff.ts';
import { checkHealth } from './health.ts';
import { newCallChange } from './discovery/new-call.ts';
import type { Change, ChangeEvent, EventTags, SourceOutcome, SourceState, Snapshot } from './model.ts';
import type { Clock, Fetcher, FetchedPage, Store, Validators } from './ports.ts';

export interface CheckDeps {
  fetcher: Fetcher;
  store: Store;
  clock: Clock;
  parse: (input: PageInput) => Promise<ParseResult>;
}

export interface CheckResult {
  sourceId: string;
  outcome: SourceOutcome;
  changes: Change[];
  elapsedMs: number;
  bytes?: number;
  /** Why a source failed or is unhealthy, in words a maintainer can act on. */
  error?: string;
  /** For dry runs: the record that would have been stored. */
  record?: ParseResult;
}

export interface CheckOptions {
  /** Compute everything, store nothing (fundwatch check --dry-run). */
  dryRun?: boolean;
}

export async function checkSource(deps: CheckDeps, source: Source, options: CheckOptions = {}): Promise<CheckResult> {
  const started = Date.now();
  const done = (outcome: SourceOutcome, extra: Partial<CheckResult> = {}): CheckResult =>
    ({ sourceId: source.id, outcome, changes: [], elapsedMs: Date.now() - started, ...extra });

  const state = await deps.store.getState(source.id);
  const previous = state?.snapshotVersion ? await deps.store.getSnapshot(source.id, state.snapshotVersion) : undefined;

  let page: FetchedPage;
  let record: ParseResult;
  try {
    const fetched = await deps.fetcher.fetch(source.url, previous ? validatorsOf(state) : {});
    if (fetched.kind === 'not-modified') {
      if (!options.dryRun) await deps.store.putState(nextState(deps, source, state, 'not-modified'));
      return done('not-modified');
    }
    page = fetched;
    record = await deps.parse({ source, body: page.body, mediaType: page.mediaType, charset: page.charset, finalUrl: page.finalUrl });
  } catch (err) {
    const error = describeError(err);
    // A record that breaks the schema is the parser's failure, not the page's: a health event for maintainers.
    if (err instanceof SchemaViolation) {
      if (!options.dryRun) await recordUnhealthy(deps, source, state, error, []);
      return done('unhealthy', { error });
    }
    if (!options.dryRun) await deps.store.putState(nextState(deps, source, state, 'failed', { lastError: error }));
    return done('failed', { error });
  }

  const health = checkHealth(previous?.result, record);
  if (!health.healthy) {
    const reason = health.reason ?? 'the page stopped yielding programme data';
    if (!options.dryRun) await recordUnhealthy(deps, source, state, reason, health.lost);
    return done('unhealthy', { error: reason, bytes: page.body.byteLength, record });
  }

  const hash = recordHash(record);
  const validators = { etag: page.etag, lastModified: page.lastModified, contentHash: record.source.contentHash };
  if (previous && previous.recordHash === hash) {
    // Same facts, different bytes (a stamp, the navigation): remember the new validators so the next
    // cycle costs a 304, and store nothing else.
    if (!options.dryRun) await deps.store.putState(nextState(deps, source, state, 'unchanged', validators));
    return done('unchanged', { bytes: page.body.byteLength, record });
  }

  // A page found on a listing announces itself once, with its first snapshot; a registered page's first snapshot is the baseline.
  const changes = previous ? diffResults(previous.result, record) : source.discovered ? [newCallChange(source, record)] : [];
  const outcome: SourceOutcome = previous ? 'changed' : 'new';
  if (!options.dryRun) {
    const version = (state?.snapshotVersion ?? 0) + 1;
    const snapshot: Snapshot = { sourceId: source.id, version, takenAt: deps.clock().toISOString(), recordHash: hash,
      contentHash: record.source.contentHash, result: record };
    const events = changes.map((change) => toEvent(deps, source, previous, snapshot, change));
    const newState = nextState(deps, source, state, outcome, { ...validators, recordHash: hash, snapshotVersion: version });
    await deps.store.commitSnapshot(snapshot, events, newState, state?.snapshotVersion ?? 0);
  }
  return done(outcome, { changes, bytes: page.body.byteLength, record });
}

function validatorsOf(state: SourceState | undefined): Validators {
  return { etag: state?.etag, lastModified: state?.lastModified };
}

function nextState(deps: CheckDeps, source: Source, state: SourceState | undefined, outcome: SourceOutcome,
  patch: Partial<SourceState> = {}): SourceState {
  const failing = outcome === 'failed' || outcome === 'unhealthy';
  const base: SourceState = state ?? { sourceId: source.id, lastCheckedAt: '', lastOutcome: outcome, snapshotVersion: 0, consecutiveFailures: 0 };
  const { lastError: _previousError, ...kept } = base;
  return {
    ...kept,
    ...patch,
    sourceId: source.id,
    lastCheckedAt: deps.clock().toISOString(),
    lastOutcome: outcome,
    consecutiveFailures: failing ? base.consecutiveFailures + 1 : 0,
  };
}

async function recordUnhealthy(deps: CheckDeps, source: Source, state: SourceState | undefined, reason: string, lost: string[]): Promise<void> {
  const at = deps.clock().toISOString();
  const id = sha256Hex(`${source.id}|${at}|${reason}`, 16);
  await deps.store.putHealthEvent({ id, sourceId: source.id, at, reason, lost });
  // The validators stay those of the last good snapshot, so the next cycle fetches the page again
  // instead of getting a 304 for the broken version.
  await deps.store.putState(nextState(deps, source, state, 'unhealthy', { lastError: reason }));
}

/**
 * The event id depends only on what changed between which two snapshots, never on the clock, so a
 * retried or overlapping run that finds the same change between the same versions writes the same
 * event. The versions are part of it because a page can make the same change twice (A -> B -> A -> B:
 * a stale CDN copy served once, a correction reverted and re-applied): the second A -> B is news again,
 * and an id shared with the first would count it as delivered already (deliveries are keyed by event id).
 */
function eventId(sourceId: string, fromVersion: number, toVersion: number, previousHash: string | undefined, hash: string, change: Change): string {
  const key = [sourceId, previousHash, hash, change.programId, change.callId, change.category,
    change.kind, JSON.stringify(change.before), JSON.stringify(change.after), `v${fromVersion}-v${toVersion}`].join('|');
  return sha256Hex(key, 24);
}

function toEvent(deps: CheckDeps, source: Source, previous: Snapshot | undefined, snapshot: Snapshot, change: Change): ChangeEvent {
  return {
    id: eventId(source.id, previous?.version ?? 0, snapshot.version, previous?.recordHash, snapshot.recordHash, change),
    sourceId: source.id,
    agency: agencyOf(change, snapshot.result, previous?.result) ?? source.agency,
    url: source.url,
    detectedAt: snapshot.takenAt,
    fromVersion: previous?.version ?? 0,
    toVersion: snapshot.version,
    change,
    tags: tagsOf(snapshot.result, change),
  };
}

/**
 * Whose programme a change is about: a document of several agencies' programmes (the overseas reference
 * document lists AMED's and JSPS's beside JST's) files each change under the programme's own agency, so that
 * a subscriber to AMED hears of AMED's calls wherever they are printed.
 */
function agencyOf(change: Pick<Change, 'programId'>, ...results: Array<ParseResult | undefined>): Agency | undefined {
  return results.flatMap((r) => r?.programs ?? []).find((p) => p.id === change.programId)?.agency;
}

/**
 * The words, fields and partner countries of what a change is about (its call, else its programme),
 * taken from the record the change leads to, or the one it left for a removal.
 */
export function tagsOf(result: ParseResult, change: Pick<Change, 'programId' | 'callId'>): EventTags {
  const program = result.programs.find((p) => p.id === change.programId);
  const calls = program ? (change.callId ? program.calls.filter((c) => c.id === change.callId) : program.calls) : [];
  const title = [program?.name.en, program?.name.ja, ...calls.map((c) => c.title)].filter(Boolean).join(' / ');
  return { ...(title ? { title } : {}), fields: [...new Set(calls.flatMap((c) => c.fields))].sort(), countries: [...new Set(calls.flatMap((c) => c.countries))].sort() };
}

function describeError(err: unknown): string {
  if (err instanceof Error) return `${err.name === 'Error' ? '' : `${err.name}: `}${err.message}`;
  return String(err);
}
