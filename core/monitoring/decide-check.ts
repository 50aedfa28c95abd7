/**
 * What one check of a source means, decided without writing anything: the fetched page read, its health
 * judged against the last snapshot, its changes found, and the one write that records it all (a state, a
 * health event, or a new snapshot with its change events). The fetch and the parse happen here, through
 * their ports; the store is only read by the caller.
 */
import { sha256Hex } from '#lib/hash.ts';
import { SchemaViolation, type Agency, type ParseResult } from '#parsers/schema.ts';
import type { Source } from '#parsers/sources.ts';
import type { CheckWrite } from './apply-check.ts';
import { recordHash } from '../changes/canonical.ts';
import type { CheckResult } from '../domain/cycles.ts';
import { diffResults } from '../changes/diff.ts';
import { checkHealth } from './health.ts';
import { newCallChange } from '../discovery/new-call.ts';
import type { Change, ChangeEvent, EventTags } from '../domain/changes.ts';
import type { SourceOutcome, SourceState, Snapshot } from '../domain/snapshots.ts';
import type { PageInput } from '#parsers/parse-page.ts';
import type { Clock } from '../ports/clock.ts';
import type { FetchedPage, Fetcher, Validators } from '../ports/fetcher.ts';
import type { SnapshotStore } from '../ports/store.ts';

/** What a check needs: the page fetched through the fetcher, read by the parser, the store written by the caller. */
export interface CheckDeps {
  fetcher: Fetcher;
  store: SnapshotStore;
  clock: Clock;
  parse: (input: PageInput) => Promise<ParseResult>;
}

export interface CheckDecision {
  /** The check's result, but for its elapsed time (the caller's to measure). */
  result: Omit<CheckResult, 'elapsedMs'>;
  write: CheckWrite;
}

export async function decideCheck(deps: Omit<CheckDeps, 'store'>, source: Source, state: SourceState | undefined,
  previous: Snapshot | undefined): Promise<CheckDecision> {
  const decided = (outcome: SourceOutcome, write: CheckWrite, extra: Partial<CheckResult> = {}): CheckDecision =>
    ({ result: { sourceId: source.id, outcome, changes: [], ...extra }, write });
  const stateAfter = (outcome: SourceOutcome, patch: Partial<SourceState> = {}): SourceState => nextState(deps, source, state, outcome, patch);

  let page: FetchedPage;
  let record: ParseResult;
  try {
    const fetched = await deps.fetcher.fetch(source.url, previous ? validatorsOf(state) : {});
    if (fetched.kind === 'not-modified') return decided('not-modified', { kind: 'state', state: stateAfter('not-modified') });
    page = fetched;
    record = await deps.parse({ source, body: page.body, mediaType: page.mediaType, charset: page.charset, finalUrl: page.finalUrl });
  } catch (err) {
    const error = describeError(err);
    // A record that breaks the schema is the parser's failure, not the page's: a health event for maintainers.
    if (err instanceof SchemaViolation) return decided('unhealthy', unhealthy(deps, source, stateAfter, error, []), { error });
    return decided('failed', { kind: 'state', state: stateAfter('failed', { lastError: error }) }, { error });
  }

  const bytes = page.body.byteLength;
  const health = checkHealth(previous?.result, record);
  if (!health.healthy) {
    const reason = health.reason ?? 'the page stopped yielding programme data';
    return decided('unhealthy', unhealthy(deps, source, stateAfter, reason, health.lost), { error: reason, bytes, record });
  }

  const hash = recordHash(record);
  const validators = { etag: page.etag, lastModified: page.lastModified, contentHash: record.source.contentHash };
  // Same facts, different bytes (a stamp, the navigation): remember the new validators so the next
  // cycle costs a 304, and store nothing else.
  if (previous && previous.recordHash === hash) return decided('unchanged', { kind: 'state', state: stateAfter('unchanged', validators) }, { bytes, record });

  // A page found on a listing announces itself once, with its first snapshot; a registered page's first snapshot is the baseline.
  const changes = previous ? diffResults(previous.result, record) : source.discovered ? [newCallChange(source, record)] : [];
  const outcome: SourceOutcome = previous ? 'changed' : 'new';
  const version = (state?.snapshotVersion ?? 0) + 1;
  const snapshot: Snapshot = { sourceId: source.id, version, takenAt: deps.clock().toISOString(), recordHash: hash,
    contentHash: record.source.contentHash, result: record };
  const write: CheckWrite = { kind: 'snapshot', snapshot, events: changes.map((change) => toEvent(source, previous, snapshot, change)),
    state: stateAfter(outcome, { ...validators, recordHash: hash, snapshotVersion: version }), expectedVersion: state?.snapshotVersion ?? 0 };
  return decided(outcome, write, { changes, bytes, record });
}

/**
 * An unhealthy page: a health event for maintainers, and a state whose validators stay those of the last
 * good snapshot, so the next cycle fetches the page again instead of getting a 304 for the broken version.
 */
function unhealthy(deps: Pick<CheckDeps, 'clock'>, source: Source, stateAfter: (outcome: SourceOutcome, patch: Partial<SourceState>) => SourceState,
  reason: string, lost: string[]): CheckWrite {
  const at = deps.clock().toISOString();
  return { kind: 'health', event: { id: sha256Hex(`${source.id}|${at}|${reason}`, 16), sourceId: source.id, at, reason, lost },
    state: stateAfter('unhealthy', { lastError: reason }) };
}

function validatorsOf(state: SourceState | undefined): Validators {
  return { etag: state?.etag, lastModified: state?.lastModified };
}

function nextState(deps: Pick<CheckDeps, 'clock'>, source: Source, state: SourceState | undefined, outcome: SourceOutcome,
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

function toEvent(source: Source, previous: Snapshot | undefined, snapshot: Snapshot, change: Change): ChangeEvent {
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
