/**
 * Document + source -> programme records.
 *
 * Blocks are read in order. A heading that names a call year ("2026 call", "FY2025", "2025年度",
 * "令和7年度") opens that call and everything under it belongs to it; what stands before the first
 * such heading is the programme's standing terms and is carried into every call. Call ids come from
 * those years, never from positions or dates that can move, so a call keeps its id across versions.
 * A document without a programme of its own (seed 004) splits into one programme per section.
 * Cutting the sections is call-sections.ts's, a block's pieces block-pieces.ts's, and which programme a page is
 * (id, name, the split) programme-identity.ts's; this module reads each section into a call.
 */
import type { Agency, Call, CallStatus, Eligibility, Program } from '#parsers/schema.ts';
import type { Source } from '#parsers/sources.ts';
import { deadlineKey } from '#parsers/deadline-key.ts';
import type { Block, Document } from '../document/blocks.ts';
import { fold } from '../document/text.ts';
import { administeringAgency, agencyMentions, partnerTable, settleAgencies } from './agencies.ts';
import { LABEL, pieces, type Piece } from './block-pieces.ts';
import { BULLETED, callYear, ENUMERATED, sections, type Section } from './call-sections.ts';
import { findCountries } from './countries.ts';
import { extractDeadlines, findDates, lastYearIn, leadAbove } from './dates.ts';
import { ELIGIBILITY_HEADING, extractEligibility, introducesEligibility, isEligibilitySentence, reflow } from './eligibility.ts';
import { extractEmails } from './emails.ts';
import { FIELD_LABEL, fieldsInSentence, splitFields } from './fields.ts';
import { extractFunding } from './money.ts';
import { extractPeriods } from './periods.ts';
import { programmeIdFromUrl, programmeName, splitProgrammes } from './programme-identity.ts';
import { readScheduleTables } from './schedule-table.ts';
import { documentTracks } from './tracks.ts';

const CONTACT_HEADING = /contact|inquir|問い?合わ?せ|連絡先/i;
const STATUS_WORDS: Array<[CallStatus, RegExp]> = [
  ['closed', /\b(closed|has ended|no longer accepting)\b|受付(は)?終了|締め切りました|公募は終了/i],
  ['open', /now accepting|now open|is open|currently accepting|accepting (proposals|applications)|募集中|公募中|受付中/i],
  // "will be announced" of a call, not of its results or its schedule ("the interview schedule will be announced").
  ['upcoming', /\b(upcoming|will open|forthcoming|pre-?announcement)\b|\b(calls?|applications?|solicitation)\b[^.]{0,40}\bwill be (announced|opened|launched)\b|公募予定|募集予定|公募予告/i],
];
/** A news list on the page ("What's new", 新着情報) speaks of other calls too: its words give no call its status. */
const NEWS_HEADING = /what'?s new|\bnews\b|\btopics\b|新着|お知らせ|トピックス/i;

export function extractPrograms(doc: Document, source: Source): Program[] {
  if (source.program) return [buildProgram(source.program, source.agency, doc.blocks, doc, source)];
  // A document of several programmes splits; a page of one programme (or of one we do not know) is one record.
  const split = splitProgrammes(doc.blocks);
  if (split.length >= 2) return split.map(({ id, agency, blocks }) => buildProgram(id, agency ?? source.agency, blocks, doc, source));
  return [buildProgram(split[0]?.id ?? programmeIdFromUrl(source), source.agency, doc.blocks, doc, source)];
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

