/**
 * The store the query benchmark reads: 2,000 generated sources with a year of history, written into a data
 * folder's local store (dynalite under <data>/dynamodb, the one the CLI opens) through the production check
 * (`checkSource`: the state and previous snapshot read, the real differ, `commitSnapshot`), with a page
 * fetcher and parser stubbed by generated records and a clock stepping through the year.
 *
 * The records are real: every fixture page of the seed registry that yields deadlines, parsed once, each
 * generated source one of them under its own programme id (two sources per programme) with its dates moved
 * so that the deadlines spread over 18 months. Each source then changes about every 6 weeks (8 changes in
 * the year): one deadline moves a week, and every third change a call's status flips too.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DAY_MS } from '#lib/japan-time.ts';
import { mapPool } from '#lib/worker-pool.ts';
import { checkSource } from '#core/monitoring/check-source.ts';
import type { Fetcher } from '#core/ports/fetcher.ts';
import { parsePage } from '../parsers/parse-page.ts';
import type { Deadline, ParseResult } from '../parsers/schema.ts';
import type { Source } from '../parsers/sources.ts';
import { openLocalStore } from '../cli/local-env.ts';

export const STORE_SHAPE = { sources: 2000, changesPerSource: 8, firstDay: '2025-11-01', days: 365 } as const;

/** Every seed fixture page (HTML and PDF, every version) whose record has deadlines. */
async function templates(root: string): Promise<ParseResult[]> {
  const { sources } = JSON.parse(await readFile(join(root, 'parsers', 'sources.json'), 'utf8')) as { sources: Source[] };
  const out: ParseResult[] = [];
  for (const source of sources) {
    const url = new URL(source.url);
    const dir = join(root, 'fixtures', 'sites', url.host, url.pathname.endsWith('/') ? `${url.pathname}_index` : url.pathname);
    const files = await readdir(dir).catch(() => [] as string[]);
    for (const file of files.sort()) {
      const body = await readFile(join(dir, file));
      const result = await parsePage({ source, body, mediaType: file.endsWith('.pdf') ? 'application/pdf' : 'text/html', finalUrl: source.url });
      if (result.programs.some((p) => p.calls.some((c) => c.deadlines.length > 0))) out.push(result);
    }
  }
  return out;
}

const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

function moved(d: Deadline, days: number): Deadline {
  if (d.date.length === 7) return { ...d, date: addDays(`${d.date}-01`, days).slice(0, 7) };
  const date = addDays(d.date, days);
  return { ...d, date, iso: d.iso ? `${date}${d.iso.slice(10)}` : null };
}

/** Source k's record at version v (1-based): the template's dates moved by the source's offset, then v - 1 changes. */
function recordOf(template: ParseResult, source: Source, k: number, v: number): ParseResult {
  const offset = 180 + ((k * 37) % 540);
  let seen = 0;
  const programs = template.programs.map((p) => ({
    ...p, id: `${p.id}-g${Math.floor(k / 2)}`,
    calls: p.calls.map((c, ci) => ({
      ...c,
      status: ci === 0 && Math.floor((v - 1) / 3) % 2 === 1 ? (c.status === 'open' ? 'closed' as const : 'open' as const) : c.status,
      deadlines: c.deadlines.map((d) => {
        const i = seen++;
        const total = template.programs.reduce((n, q) => n + q.calls.reduce((m, cc) => m + cc.deadlines.length, 0), 0);
        const moves = Array.from({ length: v - 1 }, (_, j) => j).filter((j) => j % total === i).length;
        // A week for a dated step, a month for one the page gives only the month of (a week may stay in the month).
        return moved(d, offset + (d.date.length === 7 ? 31 : 7) * moves);
      }),
    })),
  }));
  return { ...template, source: { ...template.source, url: source.url, agency: source.agency, lang: source.lang }, programs };
}

function generatedSources(list: ParseResult[]): Source[] {
  return Array.from({ length: STORE_SHAPE.sources }, (_, k) => {
    const t = list[k % list.length]!;
    const n = String(k).padStart(4, '0');
    const host = `h${String(k % 40).padStart(2, '0')}.${t.source.agency.toLowerCase()}.go.jp`;
    return { id: `gen-${n}`, agency: t.source.agency, lang: t.source.lang, kind: 'html' as const, program: `gen-${Math.floor(k / 2)}`, url: `https://${host}/p${n}.html` };
  });
}

/** A fetcher that always has a new page (the records come from the stubbed parser). */
const alwaysFetched: Fetcher = {
  fetch: async (url) => ({ kind: 'fetched', url, finalUrl: url, status: 200, body: new Uint8Array(1), mediaType: 'text/html', elapsedMs: 1 }),
  close: async () => {},
};

/** Writes the store into `dataDir`; returns how many snapshots and change events it holds. */
export async function generateStore(root: string, dataDir: string): Promise<{ sources: number; snapshots: number; events: number; templates: number }> {
  const list = await templates(root);
  const sources = generatedSources(list);
  const local = await openLocalStore(dataDir);
  let snapshots = 0;
  let events = 0;
  try {
    const start = Date.parse(`${STORE_SHAPE.firstDay}T00:00:00Z`);
    const step = (STORE_SHAPE.days * DAY_MS) / (STORE_SHAPE.changesPerSource + 1);
    await mapPool(sources.map((s, k) => ({ s, k })), 8, async ({ s, k }) => {
      for (let v = 1; v <= STORE_SHAPE.changesPerSource + 1; v += 1) {
        // Each source on its own days: the first snapshot within the first step, then one change per step, jittered.
        const at = new Date(start + (v - 1) * step + ((k * 7919 + v * 104729) % Math.floor(step)));
        const template = list[k % list.length]!;
        const result = await checkSource({ fetcher: alwaysFetched, store: local.store, clock: () => at, parse: async () => recordOf(template, s, k, v) }, s);
        if (result.outcome !== 'new' && result.outcome !== 'changed') throw new Error(`generating ${s.id} v${v}: ${result.outcome} ${result.error ?? ''}`);
        snapshots += 1;
        events += result.changes.length;
      }
    });
  } finally {
    await local.close();
  }
  return { sources: sources.length, snapshots, events, templates: list.length };
}
