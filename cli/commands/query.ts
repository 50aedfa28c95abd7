/**
 * The analysts' commands: programs, show, history, changes, deadlines. Each reads the store through
 * core/analyst/read-catalog.ts and prints rows (cli/format.ts); nothing here writes.
 */
import { readCatalog, readHistory, readLatestSnapshots, upcomingDeadlines } from '#core/analyst/read-catalog.ts';
import { changeRows, deadlineRows, filterChanges, jstText, nameIn, programmeRows } from '#core/analyst/queries.ts';
import type { ChangeCategory } from '#core/domain/changes.ts';
import { mergePrograms } from '#parsers/merge.ts';
import type { Agency, Lang, Program } from '#parsers/schema.ts';
import { formatFrom, formatRows, type Row } from '../format.ts';
import { openStoreTarget, type StoreTargetOptions } from '../store-target.ts';
import { parseDay, parseWithin } from '../option-values.ts';
import { DAY_MS } from '#lib/japan-time.ts';

export interface OutputOptions { json?: boolean; jsonl?: boolean; csv?: boolean }
type Print = (text: string) => void;


async function withStore<T>(options: StoreTargetOptions, fn: (store: Awaited<ReturnType<typeof openStoreTarget>>['store']) => Promise<T>): Promise<T> {
  const target = await openStoreTarget(options);
  try {
    return await fn(target.store);
  } finally {
    await target.close();
  }
}

function print(rows: Row[], columns: string[], options: OutputOptions, out: Print): void {
  out(formatRows(rows, columns, formatFrom(options)));
}

/** Programmes are listed from current snapshots; the change log reaches back this far for "last changed". */
const YEAR = 366 * DAY_MS;

export async function programsCommand(options: StoreTargetOptions & OutputOptions & { agency?: Agency; lang?: Lang }, out: Print = console.log, now = new Date()): Promise<void> {
  await withStore(options, async (store) => {
    const catalog = await readCatalog(store, now, new Date(now.getTime() - YEAR).toISOString());
    print(programmeRows(catalog, options), ['id', 'agency', 'name', 'languages', 'calls', 'open', 'next_deadline', 'next_kind', 'partners', 'last_changed'], options, out);
  });
}

export async function deadlinesCommand(options: StoreTargetOptions & OutputOptions & { within?: string; agency?: Agency; program?: string; tz?: string },
  out: Print = console.log, now = new Date()): Promise<void> {
  const timeZone = options.tz ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw new Error(`--tz "${options.tz}" is not a time zone: use an IANA name such as Europe/Berlin or America/New_York`);
  }
  const withinDays = options.within ? parseWithin(options.within) : undefined;
  await withStore(options, async (store) => {
    // Only the current records: where a deadline moved from does not matter here.
    const rows = deadlineRows({ deadlines: await upcomingDeadlines(store, now) }, now, { ...(withinDays ? { withinDays } : {}), agency: options.agency,
      programId: options.program, ...(timeZone !== 'Asia/Tokyo' ? { timeZone } : {}) });
    const columns = ['when_jst', ...(timeZone !== 'Asia/Tokyo' ? ['when_local'] : []), 'days_left', 'agency', 'programme', 'call', 'kind', 'lang', 'label'];
    print(rows, formatFrom(options) === 'table' ? columns : [...columns, 'name', 'sources', 'url', 'evidence', 'uid'], options, out);
  });
}

/**
 * No change can be older than fundwatch: a --since before this reads from here. The store's change log
 * is read month by month (and at most a century of months), so 1900-01-01 would otherwise read 1900-1999.
 */
const EARLIEST_CHANGE = '2000-01-01T00:00:00.000Z';

export async function changesCommand(options: StoreTargetOptions & OutputOptions & { since?: string; until?: string; agency?: Agency; category?: ChangeCategory; program?: string; lang?: Lang },
  out: Print = console.log, now = new Date()): Promise<void> {
  const since = options.since ? parseDay(options.since, '--since') : new Date(now.getTime() - 90 * DAY_MS).toISOString();
  const until = options.until ? parseDay(options.until, '--until') : new Date(now.getTime() + 1).toISOString();
  if (since >= until) throw new Error(`--since (${since}) must be before --until (${until})`);
  await withStore(options, async (store) => {
    const catalog = await readCatalog(store, now, since < EARLIEST_CHANGE ? EARLIEST_CHANGE : since, until);
    // Oldest first reads as a log; the catalog keeps them newest first for the page.
    const changes = filterChanges(catalog.changes, { since, until, agency: options.agency, category: options.category, programId: options.program }).reverse();
    const columns = formatFrom(options) === 'table' ? ['detected', 'agency', 'programme', 'category', 'kind', 'summary']
      : ['detected', 'agency', 'programme', 'call', 'category', 'kind', 'severity', 'summary', 'before', 'after', 'evidence', 'source', 'url', 'disagreement'];
    print(changeRows(changes, options.lang), columns, options, out);
  });
}

export async function historyCommand(programId: string, options: StoreTargetOptions & OutputOptions & { field?: ChangeCategory; lang?: Lang },
  out: Print = console.log, now = new Date()): Promise<void> {
  await withStore(options, async (store) => {
    const catalog = await readCatalog(store, now, now.toISOString());
    const entries = (await readHistory(store, catalog, programId))
      .filter((e) => !options.field || (e.what === 'change' && e.change?.category === options.field));
    const rows = entries.map((e) => ({
      at: e.at, source: e.sourceId, what: e.what, version: e.version, category: e.change?.category ?? '', kind: e.change?.kind ?? '',
      summary: e.change ? e.change.summary[options.lang ?? 'en'] : `snapshot v${e.version}`, before: e.change?.before ?? '', after: e.change?.after ?? '',
      evidence: e.change?.evidence.after ?? e.change?.evidence.before ?? '', disagreement: e.change?.disagreement ?? false,
    }));
    const columns = formatFrom(options) === 'table' ? ['at', 'source', 'what', 'category', 'summary'] : ['at', 'source', 'what', 'version', 'category', 'kind', 'summary', 'before', 'after', 'evidence', 'disagreement'];
    print(rows, columns, options, out);
  });
}

export async function showCommand(programId: string, options: StoreTargetOptions & { json?: boolean }, out: Print = console.log): Promise<void> {
  await withStore(options, async (store) => {
    const snapshots = await readLatestSnapshots(store);
    const pages = snapshots.filter((s) => s.result.programs.some((p) => p.id === programId));
    if (pages.length === 0) {
      const known = [...new Set(snapshots.flatMap((s) => s.result.programs.map((p) => p.id)))].sort().join(', ') || 'none yet: run `fundwatch run` first';
      throw new Error(`no programme "${programId}" in the store; known programmes: ${known}`);
    }
    const merged = mergePrograms(pages.map((p) => p.result)).find((p) => p.id === programId)!;
    if (options.json) {
      out(JSON.stringify(merged, null, 2));
      return;
    }
    out(readable(merged, pages.map((p) => `${p.result.source.lang}  ${p.result.source.url}  (snapshot of ${p.takenAt})`)).join('\n'));
  });
}

/** The record as a person reads it: every fact with the page's own words beneath it. */
function readable(p: Program, pages: string[]): string[] {
  const quote = (evidence: string) => `      “${evidence.replace(/\s+/g, ' ').trim()}”`;
  const lines = [`${nameIn(p.name, 'en')}${p.name.ja && p.name.en ? ` / ${p.name.ja}` : ''}`, `${p.agency} · ${p.id}`, '', 'Pages:', ...pages.map((l) => `  ${l}`)];
  for (const call of p.calls) {
    lines.push('', `Call ${call.id}: ${call.title} [${call.status}]${call.track ? ` (${call.track})` : ''}`);
    for (const d of call.deadlines) lines.push(`  ${d.kind.padEnd(15)} ${jstText(d)}  ${d.label}`, quote(d.evidence));
    for (const a of call.agencies) lines.push(`  agency          ${a.name}${a.acronym ? ` (${a.acronym})` : ''} · ${a.role}${a.country ? ` · ${a.country}` : ''}`, quote(a.evidence));
    for (const f of call.funding) lines.push(`  funding         up to ${f.maxJpy.toLocaleString('en')} JPY${f.includesIndirect ? ' incl. indirect' : ''}${f.track ? ` (${f.track})` : ''}`, quote(f.evidence));
    for (const period of call.periods) lines.push(`  period          ${period.yearsMax ?? period.yearsMin ?? ''} years${period.track ? ` (${period.track})` : ''}`, quote(period.evidence));
    for (const e of call.eligibility) lines.push(`  eligibility     ${e.text.replace(/\s+/g, ' ').slice(0, 160)}${e.track ? ` (${e.track})` : ''}`);
    if (call.countries.length) lines.push(`  countries       ${call.countries.join(' ')}`);
    if (call.fields.length) lines.push(`  fields          ${call.fields.join(', ')}`);
    for (const c of call.contacts) lines.push(`  contact         ${c.email}${c.role ? ` (${c.role})` : ''}`);
  }
  for (const d of p.disagreements ?? []) lines.push('', `The English and Japanese pages disagree on ${d.field}${d.kind ? ` (${d.kind})` : ''}: ${d.en.values.join(', ')} vs ${d.ja.values.join(', ')}`);
  return lines.map((l) => l.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' '));
}
