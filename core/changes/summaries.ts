/** One-line human summaries of a change, in English and Japanese. */
import type { Change, ChangeCategory, ChangeKind } from '../domain/changes.ts';
import { DAY_MS } from '#lib/japan-time.ts';

const CATEGORY: Record<ChangeCategory, { en: string; ja: string }> = {
  deadline: { en: 'Deadline', ja: '締切' }, agency: { en: 'Partner agency', ja: '参加機関' },
  eligibility: { en: 'Eligibility', ja: '応募資格' }, funding: { en: 'Funding', ja: '研究費' },
  period: { en: 'Support period', ja: '支援期間' }, countries: { en: 'Partner country', ja: '相手国' },
  fields: { en: 'Research field', ja: '研究分野' }, contact: { en: 'Contact', ja: '問い合わせ先' },
  status: { en: 'Call', ja: '公募' }, 'new-call': { en: 'New call', ja: '新しい公募' }, other: { en: 'Programme', ja: 'プログラム' },
};

const KIND = { added: { en: 'added', ja: '追加' }, removed: { en: 'removed', ja: '削除' }, changed: { en: 'changed', ja: '変更' } } as const;

/** A stored before or after value as short readable text ("-" when absent). */
export function show(value: unknown, lang: 'en' | 'ja' = 'en'): string {
  if (value === null || value === undefined) return '-';
  if (typeof value === 'number') return value.toLocaleString('en');
  if (typeof value === 'string') return value;
  const v = value as Record<string, unknown>;
  if ('date' in v) return `${v.date}${v.time ? ` ${v.time} JST` : ''}`;
  if ('maxJpy' in v) return yen(v as { maxJpy: number; minJpy?: number; per?: string }, lang);
  if ('text' in v) return String(v.text);
  if ('name' in v && typeof v.name === 'string') return v.name;
  return Object.values(v).filter((x) => x !== undefined).join(' ');
}

const PER_JA: Record<string, string> = { project: '1課題', team: '1チーム', consortium: '1コンソーシアム', person: '1人', year: '年', month: '月', day: '日', total: '総額' };

/** "10,000,000-30,000,000 yen per project/year", "10,000,000～30,000,000円（1課題・年あたり）". */
function yen(v: { maxJpy: number; minJpy?: number; per?: string }, lang: 'en' | 'ja'): string {
  const n = (x: number): string => x.toLocaleString('en');
  const range = v.minJpy !== undefined ? `${n(v.minJpy)}${lang === 'en' ? '-' : '～'}${n(v.maxJpy)}` : n(v.maxJpy);
  if (lang === 'en') {
    const per = (v.per ?? '').split('/').filter((p) => p && p !== 'total').join('/');
    return `${range} yen${per ? ` per ${per}` : ''}${v.per?.split('/').includes('total') ? ' in total' : ''}`;
  }
  if (!v.per) return `${range}円`;
  const parts = v.per.split('/').map((p) => PER_JA[p] ?? p.replace(/^(\d+) (\w+?)s$/, (_, k: string, w: string) => `${k}${PER_JA[w]?.slice(1) ?? w}`));
  return `${range}円（${parts.join('・')}${v.per === 'total' ? '' : 'あたり'}）`;
}

/** How far a deadline moved: in days, or in months when the page gives only months ("End of March" to "End of April"). */
function movedBy(before: unknown, after: unknown): { n: number; unit: 'day' | 'month'; later: boolean } | undefined {
  const b = (before as { iso?: string | null; date?: string } | null);
  const a = (after as { iso?: string | null; date?: string } | null);
  const month = /^(\d{4})-(\d{2})$/;
  const [mb, ma] = [month.exec(b?.date ?? ''), month.exec(a?.date ?? '')];
  if (mb && ma) {
    const months = (Number(ma[1]) - Number(mb[1])) * 12 + Number(ma[2]) - Number(mb[2]);
    return months ? { n: Math.abs(months), unit: 'month', later: months > 0 } : undefined;
  }
  const from = Date.parse(b?.iso ?? b?.date ?? '');
  const to = Date.parse(a?.iso ?? a?.date ?? '');
  if (Number.isNaN(from) || Number.isNaN(to)) return undefined;
  const days = Math.round((to - from) / DAY_MS);
  return { n: Math.abs(days), unit: 'day', later: days >= 0 };
}

export function summarize(category: ChangeCategory, kind: ChangeKind, labelIn: string | { en: string; ja: string }, before: unknown, after: unknown): { en: string; ja: string } {
  const c = CATEGORY[category];
  const l = typeof labelIn === 'string' ? { en: labelIn, ja: labelIn } : labelIn;
  if (category === 'deadline' && kind === 'changed') {
    const moved = movedBy(before, after);
    const en = moved ? ` (${moved.n} ${moved.unit === 'day' ? 'day' : 'month'}${moved.n === 1 ? '' : 's'} ${moved.later ? 'later' : 'earlier'})` : '';
    const ja = moved ? `（${moved.n}${moved.unit === 'day' ? '日' : 'か月'}${moved.later ? '延期' : '前倒し'}）` : '';
    return { en: `${l.en} moved from ${show(before)} to ${show(after)}${en}`, ja: `${l.ja}が${show(before, 'ja')}から${show(after, 'ja')}に変更されました${ja}` };
  }
  if ((category === 'status' || category === 'new-call') && kind === 'added') return { en: `New call: ${l.en}`, ja: `新しい公募: ${l.ja}` };
  if (category === 'eligibility' && kind === 'changed') return { en: `Eligibility reworded: ${l.en}`, ja: `応募資格の文言が変更されました: ${l.ja}` };
  if (kind === 'changed') return { en: `${c.en} changed (${l.en}): ${show(before)} -> ${show(after)}`, ja: `${c.ja}が変更されました（${l.ja}）: ${show(before, 'ja')} → ${show(after, 'ja')}` };
  return { en: `${c.en} ${KIND[kind].en}: ${l.en}`, ja: `${c.ja}${KIND[kind].ja}: ${l.ja}` };
}

/**
 * The few words a subject line leads with, for the most important change: "submission deadline moved
 * to 2025-05-19 12:00 JST", "締切が2025-05-19 12:00 JSTに変更".
 */
export function headline(change: Pick<Change, 'category' | 'kind' | 'before' | 'after' | 'summary' | 'disagreement'>, lang: 'en' | 'ja'): string {
  if (change.category === 'deadline' && change.kind === 'changed' && !change.disagreement) {
    const what = deadlineWord((change.after as { kind?: string } | null)?.kind, lang);
    return lang === 'en' ? `${what} moved to ${show(change.after)}` : `${what}が${show(change.after, 'ja')}に変更`;
  }
  return change.summary[lang];
}

/** What a deadline of this kind is called: "submission deadline", "提出締切". */
export function deadlineWord(kind: string | undefined, lang: 'en' | 'ja'): string {
  const words: Record<string, [string, string]> = {
    submission: ['submission deadline', '提出締切'], preregistration: ['pre-registration deadline', '事前登録締切'], open: ['call opening', '公募開始'],
    review: ['review', '審査'], interview: ['interview', '面接'], notification: ['notification', '採択通知'], start: ['start', '開始'],
  };
  const pair = words[kind ?? ''] ?? ['date', '日程'];
  return lang === 'en' ? pair[0] : pair[1];
}
