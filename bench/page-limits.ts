/**
 * Page-limits benchmark: what the worst pages the fetcher can hand the parser cost, in time and in peak
 * memory, against the worker's DEFAULT_MEMORY_MB (infra/constructs/monitor-function.ts). Each page is
 * parsed in a fresh child process that loads only the parser, so its peak RSS (the kernel's maxRSS) is
 * that page's alone, over a floor that a one-line page measures.
 *
 * Run: npx tsx bench/page-limits.ts   (about a minute). Writes bench/results/page-limits.{json,md}.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { MAX_ELEMENTS, MAX_TEXT_CHARS } from '../parsers/document/limits.ts';

interface Measure { ms: number; outcome: string; maxRssMB: number; heapUsedMB: number; bytes: number }

/** The pages, each a function of the fetch cap (bytes). `fill` repeats a unit to the cap inside <body>. */
const fill = (cap: number, unit: string, head = '<html><body>', tail = '</body></html>'): string =>
  head + unit.repeat(Math.floor((cap - head.length - tail.length) / unit.length)) + tail;
const nested = (depth: number): string => `<html><body>${'<div>'.repeat(depth)}x${'</div>'.repeat(depth)}</body></html>`;
const PROSE = 'Applicants must hold a doctoral degree and a post in Japan. ';
const paragraphs = (n: number, chars: number): string =>
  `<html><body>${`<p>${PROSE.repeat(Math.ceil(chars / PROSE.length)).slice(0, chars - 1)}.</p>`.repeat(n)}</body></html>`;
/** Just under the element limit: the most blocks a page may hold (the <html> and <body> count too). */
const MOST = MAX_ELEMENTS - 1000;
const most = MOST.toLocaleString('en-US');
const PAGES: Record<string, { what: string; html: (cap: number) => string }> = {
  floor: { what: 'a one-line page (the process floor)', html: () => '<html><body><main><p>Deadline: May 12, 2025</p></main></body></html>' },
  'deep-100k': { what: '100,000 nested <div>s (the finding: 49 s, then a stack overflow)', html: () => nested(100_000) },
  'deep-at-cap': { what: 'nested <div>s to the fetch cap', html: (cap) => nested(Math.floor((cap - 40) / 11)) },
  'tiny-at-cap': { what: '<b></b> to the fetch cap (~2.2M elements)', html: (cap) => fill(cap, '<b></b>') },
  'comments-at-cap': { what: '<!----> to the fetch cap', html: (cap) => fill(cap, '<!---->') },
  'paragraphs-at-cap': { what: '<p>x</p> to the fetch cap (a block each)', html: (cap) => fill(cap, '<p>x</p>') },
  'prose-at-cap': { what: `${most} <p>s of prose filling the fetch cap (just under the element limit)`, html: (cap) => paragraphs(MOST, Math.floor(cap / MOST) - 7) },
  'most-elements-accepted': { what: `${most} <p>s of ${Math.floor(MAX_TEXT_CHARS / MOST) - 1} characters (just under the element and text limits)`,
    html: () => paragraphs(MOST, Math.floor(MAX_TEXT_CHARS / MOST) - 1) },
  'most-text-accepted': { what: '2,000 <p>s of 990 characters (just under the text limit)', html: () => paragraphs(2_000, 990) },
  'one-paragraph-at-cap': { what: 'one <p> of prose filling the fetch cap', html: (cap) => fill(cap, 'Deadline: May 12, 2025. ', '<html><body><main><p>', '</p></main></body></html>') },
  'spanned-table': { what: 'a table of 2,000 cells, each colspan=50 rowspan=500', html: () =>
    `<html><body><table>${`<tr>${'<td colspan="50" rowspan="500">x</td>'.repeat(2000)}</tr>`.repeat(3)}</table></body></html>` },
};

/** Child: parse one page, print its measure as JSON. */
async function child(name: string, cap: number): Promise<void> {
  const { parsePage } = await import('../parsers/parse-page.ts');
  const body = Buffer.from(PAGES[name]!.html(cap));
  const source = { id: 'bench', agency: 'JST', lang: 'en', kind: 'html', program: 'bench', url: 'https://www.jst.go.jp/bench.html' } as const;
  const started = performance.now();
  let outcome: string;
  try {
    const result = await parsePage({ source, body });
    outcome = `read: ${result.programs.flatMap((p) => p.calls).length} call(s)`;
  } catch (err) {
    outcome = `${(err as Error).name}: ${(err as Error).message.replace(/^\S+ is /, '').replace(/;.*/, '')}`;
  }
  const measure: Measure = { ms: Math.round(performance.now() - started), outcome, maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    heapUsedMB: Math.round(process.memoryUsage().heapUsed / 2 ** 20), bytes: body.byteLength };
  console.log(JSON.stringify(measure));
}

async function main(): Promise<void> {
  const { DEFAULT_FETCHER_OPTIONS } = await import('../io/fetch/options.ts');
  const { DEFAULT_MEMORY_MB } = await import('../infra/constructs/monitor-function.ts');
  const { machine, machineLine, writeResults } = await import('./support.ts');
  const { MAX_DEPTH, MAX_ELEMENTS, PAGE_BUDGET_MS } = await import('../parsers/document/limits.ts');
  const cap = DEFAULT_FETCHER_OPTIONS.maxBytes;
  const file = fileURLToPath(import.meta.url);
  const rows: Array<Measure & { page: string; what: string }> = [];
  for (const [page, { what }] of Object.entries(PAGES)) {
    // A page that outlives the budget by far is a bug in the bounds: the timeout turns it into a row, not a hung bench.
    const out = execFileSync(process.execPath, ['--import', 'tsx', file, page, String(cap)], { encoding: 'utf8', timeout: 10 * PAGE_BUDGET_MS, maxBuffer: 1 << 20 });
    rows.push({ page, what, ...(JSON.parse(out.trim().split('\n').at(-1)!) as Measure) });
    console.log(page, rows.at(-1));
  }
  const m = machine();
  const floor = rows.find((r) => r.page === 'floor')!.maxRssMB;
  const worst = rows.reduce((a, b) => (b.maxRssMB > a.maxRssMB ? b : a));
  const slowest = rows.filter((r) => r.outcome.startsWith('read')).reduce((a, b) => (b.ms > a.ms ? b : a));
  const md = [
    '# Page-limits benchmark',
    '',
    machineLine(m),
    '',
    `Bounds: ${MAX_DEPTH} levels, ${MAX_ELEMENTS.toLocaleString('en-US')} elements, ${PAGE_BUDGET_MS / 1000} s per page; fetch cap ${cap.toLocaleString('en-US')} bytes; ` +
      `worker memory ${DEFAULT_MEMORY_MB} MB. Each page in a fresh process (node + tsx + the parser); peak RSS is the kernel's maxRSS.`,
    '',
    '| page | bytes | ms | peak RSS MB | heap after MB | outcome |',
    '| --- | ---: | ---: | ---: | ---: | --- |',
    ...rows.map((r) => `| ${r.page}: ${r.what} | ${r.bytes.toLocaleString('en-US')} | ${r.ms.toLocaleString('en-US')} | ${r.maxRssMB} | ${r.heapUsedMB} | ${r.outcome.replace(/\|/g, '/')} |`),
    '',
    `Worst peak: ${worst.maxRssMB} MB (${worst.page}), ${worst.maxRssMB - floor} MB over the floor of a process that only loads the parser ` +
      `(${floor} MB), ${Math.round((100 * worst.maxRssMB) / DEFAULT_MEMORY_MB)}% of the worker's ${DEFAULT_MEMORY_MB} MB. The worker also holds the fetched body ` +
      `(up to ${Math.round(cap / 2 ** 20)} MB per page in flight) and the SDK clients. Slowest page read: ${slowest.ms.toLocaleString('en-US')} ms ` +
      `(${slowest.page}), ${Math.round((100 * slowest.ms) / PAGE_BUDGET_MS)}% of the ${PAGE_BUDGET_MS / 1000} s budget.`,
    '',
  ].join('\n');
  await writeResults('page-limits', { machine: m, bounds: { MAX_DEPTH, MAX_ELEMENTS, PAGE_BUDGET_MS }, fetchCapBytes: cap, workerMemoryMB: DEFAULT_MEMORY_MB, rows }, md);
}

const [name, cap] = process.argv.slice(2);
if (name) await child(name, Number(cap));
else await main();
