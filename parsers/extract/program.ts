/**
 * Document + source -> programme records. Blocks are read in order; a heading that names a call year
 * ("2026 call", "FY2025", "2025年度", "令和7年度") opens that call, and everything under it belongs to
 * it. Call ids come from those years, never from positions or dates that can move, so the same call
 * keeps its id across page versions. A document without a programme (seed 004) splits into one
 * programme per top-level section.
 */
import type { Agency, Call, CallStatus, Program } from '#parsers/schema.ts';
import type { Source } from '#parsers/sources.ts';
import type { Block, Document } from '../document/blocks.ts';
import { fold } from '../document/text.ts';
import { administeringAgency, ADMINISTERING, partnerFromRow } from './agencies.ts';
import { findCountries } from './countries.ts';
import { extractDeadlines, lastYearIn } from './dates.ts';
import { extractEligibility, ELIGIBILITY_HEADING } from './eligibility.ts';
import { extractEmails } from './emails.ts';
import { extractFunding } from './money.ts';
import { extractPeriods } from './periods.ts';

const CALL_YEAR = /(?:FY\s?|fiscal year\s?)(\d{4})|(\d{4})\s*(?:call|calls for proposals|call for proposals|公募|年度)|(令和|平成)\s*(\d{1,2}|元)\s*年度/i;
const FIELD_HEADING = /research (fields?|areas?)|fields? of research|target fields?|研究分野|対象分野/i;
const CONTACT_HEADING = /contact|inquir|問い?合わ?せ|連絡先/i;
const STATUS_WORDS: Array<[CallStatus, RegExp]> = [
  ['closed', /\b(closed|has ended|no longer accepting)\b|受付(は)?終了|締め切りました|公募は終了/i],
  ['open', /now accepting|now open|is open|currently accepting|accepting (proposals|applications)|募集中|公募中|受付中/i],
  ['upcoming', /\b(upcoming|will open|will be announced|forthcoming)\b|公募予定|募集予定/i],
];

function callYear(text: string): number | undefined {
  const m = CALL_YEAR.exec(fold(text));
  if (!m) return undefined;
  if (m[3]) return (m[3] === '令和' ? 2018 : 1988) + (m[4] === '元' ? 1 : Number(m[4]));
  return Number(m[1] ?? m[2]);
}

interface Section { callId: string; title: string; blocks: Array<{ block: Block; heading?: Block; year?: number }> }

export function extractPrograms(doc: Document, source: Source): Program[] {
  if (source.program) return [buildProgram(source.program, source.agency, doc.blocks, doc, source)];
  return splitProgrammes(doc.blocks).map(({ id, agency, blocks }) => buildProgram(id, agency ?? source.agency, blocks, doc, source));
}

function buildProgram(id: string, agency: Agency, blocks: Block[], doc: Document, source: Source): Program {
  const titleBlock = blocks.find((b) => b.type === 'heading') ?? blocks[0];
  const name = (titleBlock?.text ?? doc.title ?? id).slice(0, 200);
  const calls = sections(blocks).map((s) => buildCall(s, agency, blocks));
  return { id, agency, name: { [source.lang]: name }, url: source.url, calls };
}

function sections(blocks: Block[]): Section[] {
  const out: Section[] = [];
  let current: Section | undefined;
  let heading: Block | undefined;
  let year: number | undefined;
  for (const block of blocks) {
    year = lastYearIn(block.text) ?? year;
    if (block.type === 'heading') {
      heading = block;
      const y = block.level <= 3 ? callYear(block.text) : undefined;
      if (y !== undefined) {
        current = out.find((s) => s.callId === `fy${y}`) ?? { callId: `fy${y}`, title: block.text, blocks: [] };
        if (!out.includes(current)) out.push(current);
        continue;
      }
    }
    if (!current) {
      current = { callId: 'main', title: block.text, blocks: [] };
      out.push(current);
    }
    current.blocks.push({ block, heading, year });
  }
  return out.length ? out : [{ callId: 'main', title: '', blocks: [] }];
}

function buildCall(section: Section, agency: Agency, all: Block[]): Call {
  const call: Call = { id: section.callId, title: section.title.slice(0, 200), status: 'unknown', deadlines: [], agencies: [administeringAgency(agency, all)],
    eligibility: [], funding: [], periods: [], countries: [], fields: [], contacts: [] };
  const countries = new Set<string>();
  const seen = new Set<string>();
  let yearContext: number | undefined;
  for (const { block, heading, year } of section.blocks) {
    const headingText = heading?.text ?? '';
    const context = yearContext ?? year;
    if (block.type !== 'heading') {
      for (const d of extractDeadlines(block.type === 'table-row' ? rowText(block) : block.text, { year: context, heading: headingText })) {
        const key = `${d.kind}|${d.date}|${d.time}`;
        if (!seen.has(key)) call.deadlines.push(d);
        seen.add(key);
      }
      call.funding.push(...extractFunding(block.text));
      call.periods.push(...extractPeriods(block.text));
      call.eligibility.push(...extractEligibility(block.text, ELIGIBILITY_HEADING.test(headingText) && block.type === 'list-item'));
      if (FIELD_HEADING.test(headingText) && block.type === 'list-item') call.fields.push(block.text);
      call.contacts.push(...extractEmails(block.text, CONTACT_HEADING.test(headingText) ? fold(headingText) : undefined));
      const partner = partnerFromRow(block);
      if (partner) call.agencies.push(partner);
    }
    for (const code of findCountries(block.text)) if (code !== 'JP') countries.add(code);
    yearContext = lastYearIn(block.text) ?? context;
    call.status = statusFrom(block.text) ?? call.status;
  }
  call.countries = [...countries].sort();
  call.contacts = [...new Map(call.contacts.map((c) => [c.email, c])).values()];
  call.eligibility = [...new Map(call.eligibility.map((e) => [e.text, e])).values()];
  return call;
}

/** A table row read as "Header: cell" pairs, so a schedule table's column names label its dates. */
function rowText(block: Extract<Block, { type: 'table-row' }>): string {
  return block.header ? block.cells.map((c, i) => `${block.header![i] ?? ''}: ${c}`).join(' ; ') : block.text;
}

function statusFrom(text: string): CallStatus | undefined {
  return STATUS_WORDS.find(([, re]) => re.test(text))?.[0];
}

const PROGRAMME_IDS: Array<[RegExp, string, Agency]> = [
  [/CREST/, 'jst-crest', 'JST'], [/PRESTO/, 'jst-presto', 'JST'], [/Interstellar/i, 'amed-interstellar', 'AMED'],
  [/U\.?S\.?-Japan Cooperative Medical/i, 'amed-usjcmsp', 'AMED'], [/e-ASIA/i, 'amed-e-asia', 'AMED'],
  [/International Fellowships/i, 'jsps-international-fellowships', 'JSPS'], [/HFSP|Human Frontier/i, 'amed-hfsp', 'AMED'],
  [/Advanced International Collaborative Research Program|ASPIRE.*\(AMED\)|AMED.*ASPIRE/i, 'amed-aspire', 'AMED'], [/ASPIRE/, 'jst-aspire', 'JST'],
];

/** Seed 004 style: each top-level heading naming a programme starts a new programme. */
function splitProgrammes(blocks: Block[]): Array<{ id: string; agency?: Agency; blocks: Block[] }> {
  const out: Array<{ id: string; agency?: Agency; blocks: Block[] }> = [];
  let previous: Block | undefined;
  for (const block of blocks) {
    const known = block.type === 'heading' ? PROGRAMME_IDS.find(([re]) => re.test(block.text)) : undefined;
    if (known && !out.some((p) => p.id === known[1])) out.push({ id: known[1], agency: known[2], blocks: [block] });
    // A section heading naming no programme we know ("Others") closes the programme before it; the
    // second line of a wrapped heading does not.
    else if (block.type === 'heading' && block.level <= 2 && previous?.type !== 'heading' && !known) out.push({ id: '', blocks: [block] });
    else out.at(-1)?.blocks.push(block);
    previous = block;
  }
  return out.filter((p) => p.id).map((p) => ({ ...p, agency: p.agency ?? agencyNamedIn(p.blocks) }));
}

function agencyNamedIn(blocks: Block[]): Agency | undefined {
  const text = blocks.slice(0, 5).map((b) => b.text).join(' ');
  return (Object.keys(ADMINISTERING) as Agency[]).find((a) => ADMINISTERING[a].names.test(text));
}
