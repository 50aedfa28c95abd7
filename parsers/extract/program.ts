/**
 * Document + source -> programme records.
 *
 * Blocks are read in order. A heading that names a call year ("2026 call", "FY2025", "2025年度",
 * "令和7年度") opens that call and everything under it belongs to it; what stands before the first
 * such heading is the programme's standing terms and is carried into every call. Call ids come from
 * those years, never from positions or dates that can move, so a call keeps its id across versions.
 * A document without a programme of its own (seed 004) splits into one programme per section.
 */
import type { Agency, Call, CallStatus, Eligibility, Program } from '#parsers/schema.ts';
import type { Source } from '#parsers/sources.ts';
import { deadlineKey } from '#parsers/deadline-key.ts';
import type { Block, Document } from '../document/blocks.ts';
import { fold } from '../document/text.ts';
import { ADMINISTERING, administeringAgency, agencyMentions, partnerTable, settleAgencies } from './agencies.ts';
import { findCountries } from './countries.ts';
import { extractDeadlines, findDates, lastYearIn, leadAbove } from './dates.ts';
import { continuesSentence, ELIGIBILITY_HEADING, extractEligibility, introducesEligibility, isAsideLine, isEligibilitySentence, isLeadLine, isQuestion, namesSection, reflow } from './eligibility.ts';
import { extractEmails } from './emails.ts';
import { FIELD_LABEL, fieldsInSentence, splitFields } from './fields.ts';
import { extractFunding } from './money.ts';
import { extractPeriods } from './periods.ts';
import { readScheduleTables } from './schedule-table.ts';
import { columnTrack, documentTracks, tracksIn } from './tracks.ts';

const CALL_YEAR = /(?:FY\s?|fiscal year\s?)(\d{4})|(\d{4})\s*(?:call|calls for proposals|call for proposals|公募|年度)|(令和|平成)\s*(\d{1,2}|元)\s*年度|call for (?:applications|proposals)\s*[:：]?\s*(\d{4})\b/i;
const CONTACT_HEADING = /contact|inquir|問い?合わ?せ|連絡先/i;
const STATUS_WORDS: Array<[CallStatus, RegExp]> = [
  ['closed', /\b(closed|has ended|no longer accepting)\b|受付(は)?終了|締め切りました|公募は終了/i],
  ['open', /now accepting|now open|is open|currently accepting|accepting (proposals|applications)|募集中|公募中|受付中/i],
  // "will be announced" of a call, not of its results or its schedule ("the interview schedule will be announced").
  ['upcoming', /\b(upcoming|will open|forthcoming|pre-?announcement)\b|\b(calls?|applications?|solicitation)\b[^.]{0,40}\bwill be (announced|opened|launched)\b|公募予定|募集予定|公募予告/i],
];
/** A news list on the page ("What's new", 新着情報) speaks of other calls too: its words give no call its status. */
const NEWS_HEADING = /what'?s new|\bnews\b|\btopics\b|新着|お知らせ|トピックス/i;
const INTRO = /[:：]$|(下記|以下|次)の?[^。]{0,20}?(いずれか|とおり|通り|条件|要件)|the following\b[^.]*[.:]$/i;
/** A line that starts with a bullet glyph ("● Applicants must …"): an item, whether or not the markup made it one. */
const BULLETED = /^[•・●○◆◇■□▪▶►·∙‧*＊\-–—]/;
const ENUMERATED = /^(\d{1,2}[.)．]|[(（](?:[ivxⅰ-ⅻ]+|\d{1,2}|[a-z])[)）]|[①-⑳]|[ⅰ-ⅻ][.)．])\s*/i;
/** "Support scale（Top）：最大3.8億円": a short label before a colon says what the rest of the block is. */
const LABEL = /^([^:：]{2,40}?)\s*[:：]\s*(.+)$/s;

export function callYear(text: string): number | undefined {
  const m = CALL_YEAR.exec(fold(text));
  if (!m) return undefined;
  if (m[3]) return (m[3] === '令和' ? 2018 : 1988) + (m[4] === '元' ? 1 : Number(m[4]));
  return Number(m[1] ?? m[2] ?? m[5]);
}

/** A block with what the reader knows when reaching it. */
interface Placed { block: Block; heading?: Block; year?: number; intro?: string; lead?: string }
interface Section { callId?: string; title: string; items: Placed[] }

export function extractPrograms(doc: Document, source: Source): Program[] {
  if (source.program) return [buildProgram(source.program, source.agency, doc.blocks, doc, source)];
  // A document of several programmes splits; a page of one programme (or of one we do not know) is one record.
  const split = splitProgrammes(doc.blocks);
  if (split.length >= 2) return split.map(({ id, agency, blocks }) => buildProgram(id, agency ?? source.agency, blocks, doc, source));
  return [buildProgram(split[0]?.id ?? programmeIdFromUrl(source), source.agency, doc.blocks, doc, source)];
}

/** "https://www.amed.go.jp/koubo/20/01/2001B_00101.html" -> "amed-koubo-20-01-2001b-00101": stable as long as the URL is. */
export function programmeIdFromUrl(source: Source): string {
  const path = (() => {
    try {
      return new URL(source.url).pathname;
    } catch {
      return source.url;
    }
  })();
  // A local file is named by its file name; a web page by the end of its path.
  const segments = source.url.startsWith('file:') ? -1 : -4;
  const slug = path.toLowerCase().replace(/\.(html?|pdf|php|aspx?)$/, '').replace(/\/(index)?$/, '').split('/').filter(Boolean).slice(segments).join('-')
    .replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return `${source.agency.toLowerCase()}-${slug || 'page'}`;
}

function buildProgram(id: string, agency: Agency, blocks: Block[], doc: Document, source: Source): Program {
  const tracks = documentTracks(blocks);
  const [standing, ...years] = sections(blocks);
  const base = readCall(standing!, agency, blocks, tracks);
  const name = programmeName(blocks, doc.title, agency);
  let calls: Call[];
  if (years.length === 0) {
    // One call: its id is the call year the page names beside its dates ("2025 call for proposals: ..."), if any.
    const year = standing!.items.filter(({ block }) => /call|公募|募集/i.test(block.text) || findDates(fold(block.text)).length)
      .map(({ block }) => callYear(block.text)).find((y) => y !== undefined);
    calls = [{ ...base, id: year ? `fy${year}` : 'main', title: name }];
  } else {
    calls = years.map((s) => inherit(readCall(s, agency, blocks, tracks), base));
    // Standing text with dates of its own that no call claims stays a call of its own; a news line saying
    // a call opened ("2025.03.03 The FY2025 call has been opened") gives a day the call already has.
    const claimed = new Set(calls.flatMap((c) => c.deadlines.map(deadlineKey)));
    if (base.deadlines.some((d) => !claimed.has(deadlineKey(d)))) calls.unshift({ ...base, id: 'main', title: name });
  }
  return { id, agency, name: { [source.lang]: name }, url: source.url, calls };
}

/** The standing terms of a programme hold for each of its calls, unless the call states its own. */
function inherit(call: Call, base: Call): Call {
  const merged = <T>(own: T[], standing: T[], key: (t: T) => string): T[] => {
    const seen = new Set(own.map(key));
    return [...own, ...standing.filter((t) => !seen.has(key(t)))];
  };
  return {
    ...call,
    // One record per funder: the call's own, with the role and full name the standing text may give it.
    agencies: settleAgencies([...call.agencies, ...base.agencies], call.countries),
    // Who may apply to the programme may apply to each call on the terms the call adds.
    eligibility: merged(call.eligibility, base.eligibility, (e) => `${e.track ?? ''}|${e.text}`),
    funding: call.funding.length ? call.funding : base.funding,
    periods: call.periods.length ? call.periods : base.periods,
    countries: [...new Set([...call.countries, ...base.countries])].sort(),
    fields: call.fields.length ? call.fields : base.fields,
    contacts: merged(call.contacts, base.contacts, (c) => c.email),
    status: call.status,
  };
}

const GENERIC_NAME = /^(事業情報|事業概要|概要|制度概要|プログラム概要|about|about us|overview|outline|top|home|program(me)? (information|overview))$/i;

/** The programme's name: its first heading, or the <title> part that names it when the heading is generic. */
function programmeName(blocks: Block[], title: string | undefined, agency: Agency): string {
  const heading = blocks.find((b) => b.type === 'heading')?.text ?? '';
  if (heading && !GENERIC_NAME.test(heading.trim())) return heading.replace(/^(outline of|about)\s+/i, '').slice(0, 200);
  const parts = (title ?? '').split(/\s*[｜|]\s*/).filter((p) => p && !GENERIC_NAME.test(p) && !ADMINISTERING[agency].names.test(p));
  return (parts[0] ?? heading ?? title ?? '').slice(0, 200);
}

function sections(blocks: Block[]): Section[] {
  const out: Section[] = [{ title: '', items: [] }];
  let current = out[0]!;
  let heading: Block | undefined;
  let year: number | undefined;
  let intro: string | undefined;
  let lead: string | undefined;
  let callLevel = Infinity;
  for (const [i, block] of blocks.entries()) {
    year = lastYearIn(block.text) ?? year;
    if (block.type === 'heading') {
      heading = block;
      intro = undefined;
      lead = undefined;
      const y = block.level <= 3 ? callYear(block.text) : undefined;
      if (y !== undefined) {
        const found = out.find((s) => s.callId === `fy${y}`);
        current = found ?? { callId: `fy${y}`, title: block.text, items: [] };
        if (!found) out.push(current);
        callLevel = block.level;
        continue;
      }
      // A heading as high as the call's own ("Eligibility", "Contact" after "FY2027 call") ends the call:
      // what follows holds for the programme again.
      if (block.level <= callLevel) {
        current = out[0]!;
        callLevel = Infinity;
      }
    }
    if (!current.title && block.type === 'heading') current.title = block.text;
    // A short unpunctuated paragraph ("3. 応募資格", "■Applicant Eligibility") is a heading in all but markup:
    // what follows stands under it, unless it is one of the numbered or bulleted items a list introduction announced.
    // In a Q&A answer, a line that names no section (a table's header row, "Program Short-term Long-term") keeps the question.
    const answering = lead !== undefined && isQuestion(lead) && !namesSection(block.text);
    // A table row of one cell ("| 申請資格 |", a heading row spanning the table) is a line like any other.
    const line = block.type === 'paragraph' || (block.type === 'table-row' && block.cells.filter((c) => c.trim()).length === 1);
    if (line && isLeadLine(block.text) && !isAsideLine(block.text) && !answering && !(intro && (ENUMERATED.test(block.text) || BULLETED.test(block.text))) && !(blocks[i + 1]?.type === 'paragraph' && continuesSentence(block.text, blocks[i + 1]!.text))) lead = block.text;
    // In a Q&A, the question is what its answers stand under ("応募可能な企業の要件について教えてください。").
    else if (block.type !== 'heading' && isQuestion(block.text)) lead = block.text;
    // A block after the first that has no item's mark ends the list before it is read ("- a", "- b", "We welcome …").
    if (intro && blocks[i - 1]?.text !== intro && !(block.type === 'list-item' || ENUMERATED.test(block.text) || BULLETED.test(block.text))) intro = undefined;
    current.items.push({ block, heading, year, intro, lead });
    // A sentence ending in a colon, or pointing at what follows ("下記いずれかを満たしている必要があります。"),
    // introduces the list or numbered items after it; anything else ends the list.
    if (INTRO.test(block.text)) intro = block.text;
    else if (!(block.type === 'list-item' || ENUMERATED.test(block.text) || BULLETED.test(block.text))) intro = undefined;
  }
  return out;
}

const emptyCall = (id: string, title: string): Call => ({
  id, title: title.slice(0, 200), status: 'unknown', deadlines: [], agencies: [], eligibility: [], funding: [], periods: [], countries: [], fields: [], contacts: [],
});

/** Reads every block of a section into one call. */
function readCall(section: Section, agency: Agency, all: Block[], tracks: string[]): Call {
  const call = emptyCall(section.callId ?? 'main', section.title);
  call.agencies.push(administeringAgency(agency, all));
  const countries = new Set<string>();
  const seen = new Set<string>();
  let yearContext: number | undefined;
  // A sentence a layout broke over two paragraphs is read whole for eligibility.
  const flow = reflow(section.items.map((i) => i.block));
  // Schedule tables are read as tables (schedule-table.ts); their rows are not read again as sentences.
  const tables = readScheduleTables(section.items);
  const partnerTables = partnerTable(section.items.map((i) => i.block), agency);
  // Whether the block before gave a term: a sentence that goes on from it ("ただし、…") continues that term.
  let follows = false;
  for (const [i, { block, heading, year, intro, lead }] of section.items.entries()) {
    const headingText = heading?.text ?? '';
    const termsBefore = call.eligibility.length;
    const context = yearContext ?? year;
    if (block.type !== 'heading') {
      // A partner-table row is read as a row; its notes name agencies only to say whom to contact.
      const partners = partnerTables.get(block) ?? [];
      call.agencies.push(...partners);
      const partner = partners[0];
      const scheduled = tables.get(block);
      if (scheduled) addDeadlines(call, scheduled, seen);
      const dating = { datesRead: Boolean(scheduled), dateLead: leadAbove([1, 2, 3, 4, 5, 6, 7, 8].map((k) => section.items[i - k]?.block.text)) };
      for (const piece of pieces(block, headingText, tracks)) readPiece(call, piece, { heading: headingText, intro, lead, flow: flow[i], item: isItem(block, section.items[i - 1]?.block, intro), follows, agency, year: context, seen, partner, ...dating });
    }
    if (flow[i] !== '') follows = call.eligibility.length > termsBefore;
    for (const code of findCountries(block.text)) if (code !== 'JP') countries.add(code);
    yearContext = lastYearIn(block.text) ?? context;
    if (!NEWS_HEADING.test(headingText)) call.status = statusFrom(block.text) ?? call.status;
  }
  call.countries = [...countries].sort();
  call.agencies = settleAgencies(call.agencies, call.countries);
  // A partner's country is a country of the call even where the page names only the partner ("Thai NSTDA").
  call.countries = [...new Set([...call.countries, ...call.agencies.map((a) => a.country ?? 'JP')])].filter((c) => c !== 'JP' && c !== 'XI').sort();
  call.contacts = dedupe(call.contacts, (c) => c.email);
  call.eligibility = dedupe(call.eligibility, (e) => `${e.track ?? ''}|${e.text}`);
  call.funding = dedupe(call.funding, (f) => `${f.track ?? ''}|${f.minJpy ?? ''}-${f.maxJpy}|${f.per ?? ''}|${f.includesIndirect}`);
  call.periods = dedupe(call.periods, (p) => `${p.track ?? ''}|${p.yearsMin}|${p.yearsMax}|${p.start}|${p.end}`);
  call.fields = [...new Set(call.fields)];
  return call;
}

const dedupe = <T>(items: T[], key: (t: T) => string): T[] => [...new Map(items.map((t) => [key(t), t] as const)).values()];

/**
 * What one block says, cut into pieces that each speak of one thing: a table row with its own header
 * gives one piece per track column ("Support scale" x "ASPIRE for Top Scientists"); a labelled
 * paragraph gives its value under its label; anything else is one piece.
 */
interface Piece { text: string; dateText: string; label: string; tracks: string[]; whole: boolean; columns?: Array<{ text: string; header?: string }> }

/** A heading that compares call types ("Difference between call types", "単独公募と共同公募の違い") speaks of no one of them. */
const COMPARISON = /difference|differences|compar|versus|\bvs\.?\b|違い|比較/i;

function pieces(block: Block, heading: string, tracks: string[]): Piece[] {
  const headingTracks = COMPARISON.test(heading) ? [] : tracksIn(heading, tracks);
  if (block.type === 'table-row') {
    const dateText = block.header ? block.cells.map((c, i) => `${block.header![i] ?? ''}: ${c}`).join(' ; ') : block.text;
    const columns = block.cells.map((text, i) => ({ text, header: block.header?.[i] }));
    if (!block.rowHeader) return [{ text: block.text, dateText, label: heading, tracks: headingTracks, whole: false, columns }];
    const values = block.cells.slice(1);
    const shared = values.every((v) => v === values[0]);
    if (shared) return [{ text: values[0] ?? '', dateText: `${block.rowHeader}: ${values[0] ?? ''}`, label: block.rowHeader, tracks: headingTracks, whole: true }];
    return values.flatMap((value, i) => {
      if (!value) return [];
      const track = columnTrack(block, i + 1);
      return [{ text: value, dateText: `${block.rowHeader}: ${value}`, label: block.rowHeader!, tracks: track ? [track] : headingTracks, whole: true }];
    });
  }
  const labelled = block.type !== 'heading' ? LABEL.exec(block.text) : null;
  if (labelled && !/https?$/i.test(labelled[1]!)) {
    const own = tracksIn(labelled[1]!, tracks);
    return [{ text: block.text, dateText: block.text, label: labelled[1]!, tracks: own.length ? own : headingTracks, whole: false }];
  }
  return [{ text: block.text, dateText: block.text, label: heading, tracks: headingTracks, whole: false }];
}

interface ReadContext {
  heading: string; intro?: string; lead?: string; agency: Agency; year?: number; seen: Set<string>; partner?: Call['agencies'][number];
  /** The paragraph's text with the paragraphs its sentence runs on into ('' when another paragraph took it). */
  flow?: string;
  /** The block is an item of the list its introduction announced (not the paragraph after the list). */
  item?: boolean;
  /** The block before gave a term. */
  follows?: boolean;
  /** The block's dates were read with its schedule table. */
  datesRead?: boolean;
  /** The label line just before the block ("Application Period:", "公募期間"), which says what its dates are. */
  dateLead?: string;
}

function readPiece(call: Call, piece: Piece, ctx: ReadContext): void {
  const { text, label } = piece;
  // One entry per track the piece speaks of; none when it names no track.
  const perTrack = <T>(make: (track?: string) => T[]): T[] => (piece.tracks.length ? piece.tracks.flatMap((t) => make(t)) : make());
  const eligibilityContext = (): boolean => ELIGIBILITY_HEADING.test(fold(label).replace(/[(（][^)）]*[)）]/g, '').trim()) || ELIGIBILITY_HEADING.test(ctx.heading)
    || Boolean(ctx.intro && ctx.intro !== text && introducesEligibility(ctx.intro));
  // Dates in a statement of who may apply are conditions ("within six years prior to April 1"), unless their sentence names
  // a deadline: a statement taken in its context (under "3. 応募資格"), one read as a term, or one that says so on its own.
  // Decided sentence by sentence, so "Applicants must hold a PhD. Proposals are due June 12." keeps its deadline.
  const terms = perTrack((track) => readEligibility(piece, ctx, track));
  const condition = (sentence: string, date: string): boolean => eligibilityContext() || terms.some((t) => fold(t.text).includes(date)) || isEligibilitySentence(sentence);
  if (!ctx.datesRead) addDeadlines(call, extractDeadlines(piece.dateText, { year: ctx.year, heading: ctx.heading, lead: ctx.dateLead, evidence: piece.text, condition }), ctx.seen);
  call.funding.push(...perTrack((track) => extractFunding(text).map((f) => ({ ...f, ...(track ? { track } : {}) }))));
  call.periods.push(...perTrack((track) => extractPeriods(text, label, track)));
  call.eligibility.push(...terms);
  if (FIELD_LABEL.test(label) && !/[。.]\s*\S/.test(text)) call.fields.push(...splitFields(piece.whole ? text : (LABEL.exec(text)?.[2] ?? text)));
  call.fields.push(...fieldsInSentence(text));
  // Whose address it is: the partner agency of the table row it sits in, a "Contact:" label, or the contact heading.
  const contactRole = ctx.partner ? ctx.partner.acronym ?? ctx.partner.name
    : CONTACT_HEADING.test(label) && label !== ctx.heading ? fold(label) : CONTACT_HEADING.test(ctx.heading) ? fold(ctx.heading) : undefined;
  call.contacts.push(...extractEmails(text, contactRole));
  if (!ctx.partner) call.agencies.push(...agencyMentions(text, { heading: ctx.heading, lead: ctx.lead, intro: ctx.intro }, ctx.agency));
}

/** Eligibility is read statement by statement, in the context the piece stands in; a heading-like line is context, not a statement. */
function readEligibility(piece: Piece, ctx: ReadContext, track?: string): Eligibility[] {
  if (piece.text === ctx.lead || ctx.flow === '') return [];
  const where = { heading: ctx.heading, lead: ctx.lead, intro: ctx.item && ctx.intro !== piece.text ? ctx.intro : undefined, label: piece.whole ? piece.label : undefined, follows: ctx.follows };
  if (piece.columns?.some((c) => c.header)) return piece.columns.flatMap((c) => extractEligibility(c.text, { ...where, label: c.header }, track));
  return extractEligibility(ctx.flow ?? piece.text, where, track);
}

/** An item of a list: a list item, a table row, a numbered or bulleted line, or the block right after its introduction. */
function isItem(block: Block, previous: Block | undefined, intro: string | undefined): boolean {
  return block.type !== 'paragraph' || ENUMERATED.test(block.text) || BULLETED.test(block.text) || (Boolean(intro) && previous?.text === intro);
}

/** A date the call already has (the same step at the same moment, printed twice) is kept once. */
function addDeadlines(call: Call, found: Call['deadlines'], seen: Set<string>): void {
  for (const d of found) {
    const key = deadlineKey(d);
    if (!seen.has(key)) call.deadlines.push(d);
    seen.add(key);
  }
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

/**
 * Seed 004 style: each heading naming a programme starts (or, when the programme comes again, resumes)
 * that programme. A section heading naming no programme we know ("Others") or a bracketed group line
 * ("[Remaining Abroad as a Member of a Japanese Research Team]") closes the programme before it; the
 * second line of a wrapped heading does not.
 */
function splitProgrammes(blocks: Block[]): Array<{ id: string; agency?: Agency; blocks: Block[] }> {
  const out: Array<{ id: string; agency?: Agency; blocks: Block[] }> = [];
  let current: { id: string; agency?: Agency; blocks: Block[] } | undefined;
  let previous: Block | undefined;
  for (const block of blocks) {
    const known = block.type === 'heading' ? PROGRAMME_IDS.find(([re]) => re.test(block.text)) : undefined;
    if (known) {
      current = out.find((p) => p.id === known[1]);
      if (!current) out.push((current = { id: known[1], agency: known[2], blocks: [block] }));
    } else if ((block.type === 'heading' && block.level <= 2 && previous?.type !== 'heading') || /^\[[^\]]+\]$/.test(block.text)) {
      out.push((current = { id: '', blocks: [block] }));
    } else current?.blocks.push(block);
    previous = block;
  }
  return out.filter((p) => p.id).map((p) => ({ ...p, agency: p.agency ?? agencyNamedIn(p.blocks) }));
}

function agencyNamedIn(blocks: Block[]): Agency | undefined {
  const text = blocks.slice(0, 5).map((b) => b.text).join(' ');
  return (Object.keys(ADMINISTERING) as Agency[]).find((a) => ADMINISTERING[a].names.test(text));
}
