/**
 * The semantic diff: field-level changes between two normalized records, never between page texts.
 * Both records are canonicalized first, so reordering, width forms and whitespace change nothing.
 */
import type { Call, Deadline, Eligibility, Funding, FundingAgency, ParseResult, Program } from '#parsers/schema.ts';
import { canonicalize, norm } from './canonical.ts';
import type { Change, ChangeCategory, ChangeKind, Severity } from '../domain/changes.ts';
import { summarize } from './summaries.ts';
import { changedWords, wordDiff } from './word-diff.ts';

/** What a change is about, in the page's words, or in each language where fundwatch names it itself. */
type Label = string | { en: string; ja: string };
type Emit = (c: Omit<Change, 'programId' | 'callId' | 'summary'> & { label: Label }) => void;

export function diffResults(before: ParseResult, after: ParseResult): Change[] {
  const a = canonicalize(before);
  const b = canonicalize(after);
  const changes: Change[] = [];
  const old = new Map(a.programs.map((p) => [p.id, p]));
  for (const program of b.programs) {
    const previous = old.get(program.id);
    old.delete(program.id);
    if (!previous) {
      changes.push(make(program.id, null, { category: 'status', kind: 'added', severity: 'high', before: null, after: program.name, label: program.name.en ?? program.name.ja ?? program.id, evidence: {} }));
      continue;
    }
    diffProgram(previous, program, changes);
  }
  for (const gone of old.values()) {
    changes.push(make(gone.id, null, { category: 'status', kind: 'removed', severity: 'medium', before: gone.name, after: null, label: gone.name.en ?? gone.name.ja ?? gone.id, evidence: {} }));
  }
  return changes;
}

function make(programId: string, callId: string | null, c: Parameters<Emit>[0]): Change {
  const { label, ...rest } = c;
  return { programId, callId, ...rest, summary: summarize(c.category, c.kind, label, c.before, c.after) };
}

function diffProgram(a: Program, b: Program, out: Change[]): void {
  if (JSON.stringify(a.name) !== JSON.stringify(b.name)) {
    out.push(make(b.id, null, { category: 'other', kind: 'changed', severity: 'low', before: a.name, after: b.name, label: { en: 'programme name', ja: 'プログラム名' }, evidence: {} }));
  }
  const calls = new Map(a.calls.map((c) => [c.id, c]));
  for (const call of b.calls) {
    const previous = calls.get(call.id);
    calls.delete(call.id);
    const emit: Emit = (c) => out.push(make(b.id, call.id, c));
    if (!previous) {
      emit({ category: 'status', kind: 'added', severity: 'high', before: null, after: { title: call.title, status: call.status }, label: call.title,
        evidence: { after: call.deadlines[0]?.evidence ?? call.title } });
      continue;
    }
    diffCall(previous, call, emit);
  }
  for (const gone of calls.values()) {
    out.push(make(b.id, gone.id, { category: 'status', kind: 'removed', severity: 'medium', before: { title: gone.title, status: gone.status }, after: null,
      label: gone.title, evidence: { before: gone.deadlines[0]?.evidence ?? gone.title } }));
  }
}

function diffCall(a: Call, b: Call, emit: Emit): void {
  if (a.status !== b.status) {
    emit({ category: 'status', kind: 'changed', severity: b.status === 'open' ? 'high' : 'medium', before: a.status, after: b.status, label: b.title, evidence: {} });
  }
  diffDeadlines(a.deadlines, b.deadlines, emit);
  diffAgencies(a.agencies, b.agencies, emit);
  diffEligibility(a.eligibility, b.eligibility, emit);
  diffKeyed('funding', a.funding, b.funding, (f) => `${f.track ?? ''}|${f.includesIndirect}`, fundingValue, (f) => ({ en: `${f.track ? `${f.track}: ` : ''}funding ceiling${f.includesIndirect ? ' incl. indirect costs' : ''}`,
    ja: `${f.track ? `${f.track}: ` : ''}研究費の上限${f.includesIndirect ? '（間接経費込み）' : ''}` }), emit);
  diffKeyed('period', a.periods, b.periods, (p) => p.track ?? '', (p) => ({ yearsMin: p.yearsMin, yearsMax: p.yearsMax, start: p.start, end: p.end }), (p) => ({ en: `${p.track ? `${p.track}: ` : ''}support period`, ja: `${p.track ? `${p.track}: ` : ''}支援期間` }), emit);
  diffSet('countries', a.countries, b.countries, emit);
  diffSet('fields', a.fields, b.fields, emit);
  diffSet('contact', a.contacts.map((c) => c.email), b.contacts.map((c) => c.email), emit);
}

/** A ceiling with what it is counted per and the lower end of its range: a change to any of them changes what an applicant may ask for. */
const fundingValue = (f: Funding) => ({ maxJpy: f.maxJpy, ...(f.minJpy !== undefined ? { minJpy: f.minJpy } : {}), ...(f.per ? { per: f.per } : {}) });
const moment = (d: Deadline) => ({ kind: d.kind, date: d.date, time: d.time, iso: d.iso });
const KIND_LABEL: Record<Deadline['kind'], string> = { submission: 'Submission deadline', preregistration: 'Pre-registration deadline',
  open: 'Call opening', review: 'Review', interview: 'Interview', notification: 'Notification', start: 'Start', other: 'Date' };
const KIND_LABEL_JA: Record<Deadline['kind'], string> = { submission: '提出締切', preregistration: '事前登録締切', open: '公募開始', review: '審査',
  interview: '面接', notification: '採択通知', start: '開始', other: '日程' };
/** "Submission deadline (研究提案〆切)" / "提出締切（研究提案〆切）": our name for the step, the page's own in brackets. */
const deadlineLabel = (d: Deadline): Label => (d.label && d.label.length <= 60
  ? { en: `${KIND_LABEL[d.kind]} (${d.label})`, ja: `${KIND_LABEL_JA[d.kind]}（${d.label}）` } : { en: KIND_LABEL[d.kind], ja: KIND_LABEL_JA[d.kind] });

function diffDeadlines(a: Deadline[], b: Deadline[], emit: Emit): void {
  const kinds = new Set([...a, ...b].map((d) => d.kind));
  for (const kind of kinds) {
    const before = a.filter((d) => d.kind === kind);
    const after = b.filter((d) => d.kind === kind);
    // Pair same-labelled deadlines first; what is left pairs in date order when both sides have it.
    const pairs = pairUp(before, after, (x, y) => x.label === y.label && JSON.stringify(moment(x)) === JSON.stringify(moment(y)));
    const labelled = pairUp(pairs.onlyA, pairs.onlyB, (x, y) => x.label === y.label);
    const rest = zipRest(labelled.onlyA, labelled.onlyB);
    for (const [x, y] of [...labelled.pairs, ...rest.pairs]) {
      if (JSON.stringify(moment(x)) === JSON.stringify(moment(y))) continue;
      const earlier = (y.iso ?? y.date) < (x.iso ?? x.date);
      emit({ category: 'deadline', kind: 'changed', severity: earlier ? 'high' : 'medium',
        before: moment(x), after: moment(y), label: deadlineLabel(y), evidence: { before: x.evidence, after: y.evidence } });
    }
    for (const x of rest.onlyA) emit({ category: 'deadline', kind: 'removed', severity: kind === 'submission' ? 'high' : 'medium', before: moment(x), after: null, label: deadlineLabel(x), evidence: { before: x.evidence } });
    for (const y of rest.onlyB) emit({ category: 'deadline', kind: 'added', severity: kind === 'submission' ? 'high' : 'medium', before: null, after: moment(y), label: deadlineLabel(y), evidence: { after: y.evidence } });
  }
}

const agencyKey = (x: FundingAgency): string => norm(x.acronym && x.name.includes(`(${x.acronym})`) ? x.name : x.acronym ?? x.name).toLowerCase();
const agencyView = (x: FundingAgency) => ({ name: x.name, acronym: x.acronym, country: x.country, role: x.role, participation: x.participation });

function diffAgencies(a: FundingAgency[], b: FundingAgency[], emit: Emit): void {
  const { pairs, onlyA, onlyB } = pairUp(a, b, (x, y) => agencyKey(x) === agencyKey(y) && x.role === y.role);
  for (const [x, y] of pairs) {
    // A partner the page no longer names in full ("the Medical Research Council (MRC)" gone, "the MRC" left) is reworded, not unchanged.
    if (x.name !== y.name || x.country !== y.country || x.participation !== y.participation || x.note !== y.note) {
      emit({ category: 'agency', kind: 'changed', severity: 'medium', before: { ...agencyView(x), note: x.note }, after: { ...agencyView(y), note: y.note }, label: y.name, evidence: { before: x.evidence, after: y.evidence } });
    }
  }
  for (const x of onlyA) emit({ category: 'agency', kind: 'removed', severity: 'medium', before: agencyView(x), after: null, label: agencyLabel(x), evidence: { before: x.evidence } });
  for (const y of onlyB) emit({ category: 'agency', kind: 'added', severity: 'medium', before: null, after: agencyView(y), label: agencyLabel(y), evidence: { after: y.evidence } });
}

const agencyLabel = (x: FundingAgency): string => `${x.name}${x.country ? ` (${x.country})` : ''}`;

function diffEligibility(a: Eligibility[], b: Eligibility[], emit: Emit): void {
  const exact = pairUp(a, b, (x, y) => x.text === y.text && x.track === y.track);
  const rest = withoutReflow(exact.onlyA, exact.onlyB);
  const similar = pairUp(rest.onlyA, rest.onlyB, (x, y) => x.track === y.track && similarity(x.text, y.text) >= 0.5);
  for (const [x, y] of similar.pairs) {
    const diff = wordDiff(x.text, y.text);
    emit({ category: 'eligibility', kind: 'changed', severity: 'high', before: { text: x.text, track: x.track }, after: { text: y.text, track: y.track, diff },
      label: changedWords(diff), evidence: { before: x.evidence, after: y.evidence } });
  }
  for (const x of similar.onlyA) emit({ category: 'eligibility', kind: 'removed', severity: 'high', before: { text: x.text, track: x.track }, after: null, label: x.text, evidence: { before: x.evidence } });
  for (const y of similar.onlyB) emit({ category: 'eligibility', kind: 'added', severity: 'high', before: null, after: { text: y.text, track: y.track }, label: y.text, evidence: { after: y.evidence } });
}

/**
 * A layout can cut one term into two or join two into one without changing a word: a term whose words
 * are exactly those of two or more terms on the other side (spaces aside) is the same term, reflowed.
 */
function withoutReflow(a: Eligibility[], b: Eligibility[]): { onlyA: Eligibility[]; onlyB: Eligibility[] } {
  const compact = (e: Eligibility): string => norm(e.text).replace(/\s+/g, '');
  const absorb = (wholes: Eligibility[], parts: Eligibility[]): void => {
    for (const whole of [...wholes]) {
      const inside = parts.filter((p) => p.track === whole.track && compact(whole).includes(compact(p)));
      if (inside.length < 2 || inside.reduce((n, p) => n + compact(p).length, 0) !== compact(whole).length) continue;
      wholes.splice(wholes.indexOf(whole), 1);
      for (const p of inside) parts.splice(parts.indexOf(p), 1);
    }
  };
  const onlyA = [...a];
  const onlyB = [...b];
  absorb(onlyA, onlyB);
  absorb(onlyB, onlyA);
  return { onlyA, onlyB };
}

function diffKeyed<T extends { evidence: string }>(category: ChangeCategory, a: T[], b: T[], key: (x: T) => string, value: (x: T) => unknown, label: (x: T) => Label, emit: Emit): void {
  const severity: Severity = category === 'funding' ? 'medium' : 'low';
  // Unchanged facts pair first, so that a table of several ceilings under one key reports the one row that changed.
  const same = (x: T, y: T): boolean => key(x) === key(y) && JSON.stringify(value(x)) === JSON.stringify(value(y));
  const unchanged = pairUp(a, b, same);
  const { pairs, onlyA, onlyB } = pairUp(unchanged.onlyA, unchanged.onlyB, (x, y) => key(x) === key(y));
  for (const [x, y] of pairs) {
    if (JSON.stringify(value(x)) !== JSON.stringify(value(y))) emit({ category, kind: 'changed', severity, before: value(x), after: value(y), label: label(y), evidence: { before: x.evidence, after: y.evidence } });
  }
  for (const x of onlyA) emit({ category, kind: 'removed', severity, before: value(x), after: null, label: label(x), evidence: { before: x.evidence } });
  for (const y of onlyB) emit({ category, kind: 'added', severity, before: null, after: value(y), label: label(y), evidence: { after: y.evidence } });
}

function diffSet(category: ChangeCategory, a: string[], b: string[], emit: Emit): void {
  const emitEach = (items: string[], kind: ChangeKind): void => {
    for (const item of items) emit({ category, kind, severity: 'low', before: kind === 'removed' ? item : null, after: kind === 'added' ? item : null, label: item, evidence: {} });
  };
  emitEach(a.filter((x) => !b.includes(x)), 'removed');
  emitEach(b.filter((x) => !a.includes(x)), 'added');
}

interface Pairing<T> { pairs: Array<[T, T]>; onlyA: T[]; onlyB: T[] }

function pairUp<T>(a: T[], b: T[], same: (x: T, y: T) => boolean): Pairing<T> {
  const onlyB = [...b];
  const pairs: Array<[T, T]> = [];
  const onlyA: T[] = [];
  for (const x of a) {
    const i = onlyB.findIndex((y) => same(x, y));
    if (i >= 0) pairs.push([x, onlyB.splice(i, 1)[0]!]);
    else onlyA.push(x);
  }
  return { pairs, onlyA, onlyB };
}

/** Pairs leftovers in order when both sides have some (a moved deadline), the rest are added/removed. */
function zipRest<T>(a: T[], b: T[]): Pairing<T> {
  const n = Math.min(a.length, b.length);
  return { pairs: a.slice(0, n).map((x, i) => [x, b[i]!]), onlyA: a.slice(n), onlyB: b.slice(n) };
}

function similarity(x: string, y: string): number {
  const ops = wordDiff(x, y);
  const same = ops.filter((o) => o.op === 'equal').reduce((n, o) => n + o.text.length, 0);
  return (2 * same) / Math.max(1, x.length + y.length);
}
