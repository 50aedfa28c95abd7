/**
 * classifyEntry: what a listing entry announces, from its title, by the ordered rules of
 * parsers/data/listing-rules.json. The table is the specification; the edge cases are the rows that
 * hold two kinds of words at once, where the rule order decides.
 */
import { describe, expect, it } from 'vitest';
import rulesData from '#parsers/data/listing-rules.json' with { type: 'json' };
import { classifyEntry, classifyNotice, compileRules, type ListingKind } from '#parsers/listings/classify.ts';

const cases: Array<[title: string, kind: ListingKind, why: string]> = [
  // Research calls, in both languages and in the agencies' own phrasings.
  ['令和8年度「新興・再興感染症研究基盤創生事業」の公募について', 'call', '公募'],
  ['2026年度 SICORP 日本－フィンランド共同研究「量子技術」研究提案の募集', 'call', '研究提案の募集'],
  ['戦略的創造研究推進事業 研究課題募集', 'call', '課題募集'],
  ['Call for Proposals: SICORP Japan–Finland Joint Research on Quantum Technology (FY2026)', 'call', 'call for proposals'],
  ['CALL FOR APPLICATIONS: 2026 Interstellar Initiative', 'call', 'case does not matter'],
  ['Ｃａｌｌ　ｆｏｒ　Ｐｒｏｐｏｓａｌｓ：ＦＹ２０２６ ＰＲＥＳＴＯ', 'call', 'full-width letters fold to plain'],
  ['特別研究員-PD（令和9年度採用分）の募集について', 'call', 'a fellowship call: 特別研究員 and 採用分 are not a job'],
  ['令和8年度 外国人特別研究員（一般）の募集について', 'call', 'a fellowship call, not 研究員の募集'],
  ['Call for Applications: FY2026 Bilateral Joint Research Projects and Seminars', 'call', 'a call that funds seminars is a call'],
  // Tenders, even when they solicit (企画競争 … 公募) or mention a call.
  ['一般競争入札公告（国際共同研究管理システムの改修）', 'tender', '入札'],
  ['企画競争：海外の研究資金制度に関する調査業務の委託先の公募', 'tender', 'a 企画競争 公募 buys a service'],
  ['Request for quotation: English editing of programme documents & call guidelines', 'tender', 'before the word call'],
  ['Invitation to bid: maintenance of the research management system', 'tender', 'invitation to bid'],
  // Jobs, even when posted as a 公募 or 募集.
  ['任期付研究員の公募（国際部 先端国際共同研究推進室）', 'job', '研究員の公募 is a position'],
  ['研究員の公募（国際事業部、任期付）', 'job', '研究員の公募'],
  ['AMED 職員（任期付）の募集について', 'job', '職員の募集'],
  ['日本学術振興会 職員採用情報（令和8年4月採用）', 'job', '採用情報'],
  ['Job opening: Program Officer (fixed-term)', 'job', 'job opening'],
  // Results of a call are not the call.
  ['2024年度 SICORP 日本－韓国共同研究 採択課題の決定について', 'result', '採択課題'],
  ['令和7年度 二国間交流事業 公募の採択結果について', 'result', 'the 採択結果 of a 公募'],
  ['Results of the FY2024 SICORP Japan–Korea call: selected projects', 'result', 'results of a call'],
  // Awards, their ceremonies and their nominations.
  ['第22回（令和7年度）日本学術振興会賞 受賞者の決定について', 'award', '受賞'],
  ['第5回 JST理事長表彰式の開催について', 'award', 'an award ceremony is an award, though held (開催)'],
  ['Award ceremony for the 22nd JSPS Prize', 'award', 'award ceremony'],
  ['Call for nominations for the 23rd JSPS Prize', 'award', 'nominations for a prize are not a research call'],
  // Events, including the briefing about a call.
  ['令和8年度 戦略的創造研究推進事業 公募説明会の開催について', 'event', 'a 公募説明会 is an event, not a new call'],
  ['Briefing session (webinar) on the FY2026 Japan–Germany call for proposals', 'event', 'a briefing about a call'],
  ['JSPS–DFG Symposium 2025 in Bonn', 'event', 'symposium'],
  ['日独 量子技術ワークショップの開催について', 'event', 'ワークショップ'],
  // News about a call already announced: a call-update, never a new call, whatever call words it holds.
  ['令和7年度「e-ASIA共同研究プログラム」公募要領の訂正について', 'call-update', 'a correction to a call'],
  ['Deadline extended: Call for Proposals for SICORP Japan–Sweden', 'call-update', 'an extension is news of a known call'],
  ['令和8年度 公募説明会の資料を掲載しました', 'call-update', 'material added after a briefing is about the call, not the event'],
  ['2027年度 公募の応募情報Web入力に関するお願い', 'call-update', 'how to enter an application on the web'],
  ['About the alternative application method while e-Rad is down (FY2026 call)', 'call-update', 'how to apply to a call already open'],
  ['Applications for the FY2027 fellowship are now closed.', 'call-update', 'a closing'],
  ['FAQ on the FY2026 Japan–Germany call for proposals', 'call-update', 'Q&A about a call'],
  ['日独共同研究（令和8年度）の公募の中止について', 'call-update', 'a call called off'],
  ['Call for Proposals: error correction in quantum computing', 'call', 'a research topic named correction is still a call'],
  // Decisions on applications are results; an award decision stays an award.
  ['若手研究者支援事業の対象機関の追加決定について', 'result', 'a decision on institutions\' applications'],
  ['Twelve proposals selected for the Japan–Sweden programme', 'result', 'proposals selected'],
  ['第23回 日本学術振興会賞 受賞者の決定について', 'award', 'an award decision is an award, not a result'],
  // Calls announced by their guidelines or in advance.
  ['FY2028 Application Guidelines (Open Call)', 'call', 'a call published as its guidelines'],
  ['Pre-announcement: Japan–Norway joint call 2027', 'call', 'a pre-announcement counts as a call'],
  ['令和9年度 公募予告', 'call', '公募予告'],
  // Requests for comment, and the rest.
  ['第7期科学技術・イノベーション基本計画に関する意見募集', 'other', 'a public comment, not a research 募集'],
  ['システムメンテナンスのお知らせ', 'other', 'no rule matches'],
];

/** The rules file with one kind's rules left out, to show what they catch. */
const rulesWithout = (kind: ListingKind): object => {
  const { rules, ...rest } = rulesData as { rules: Array<{ kind: string }> };
  return { ...rest, rules: rules.filter((r) => r.kind !== kind) };
};

describe('classifyEntry', () => {
  it.each(cases)('%s -> %s (%s)', (title, kind) => {
    expect(classifyEntry(title).kind).toBe(kind);
  });

  it('says why, quoting the words that matched', () => {
    expect(classifyEntry('令和8年度 公募説明会の開催について').reason).toMatch(/^a briefing, symposium or webinar.*\(matched "説明会"\)$/);
    expect(classifyEntry('システムメンテナンスのお知らせ').reason).toMatch(/^no rule matched/);
  });

  it('matches English words only as whole words ("bid" is not in "morbidity")', () => {
    expect(classifyEntry('Call for Proposals: research on cardiovascular morbidity').kind).toBe('call');
  });

  it('reads rules as data: the first matching rule decides', () => {
    const rules = compileRules({ rules: [{ kind: 'event', reason: 'r1', words: ['説明会'] }, { kind: 'call', reason: 'r2', words: ['公募'] }], fallback: { kind: 'other', reason: 'none' } });

    expect(classifyEntry('公募説明会', rules)).toEqual({ kind: 'event', reason: 'r1 (matched "説明会")' });
    expect(classifyEntry('公募', rules).kind).toBe('call');
    expect(classifyEntry('お知らせ', rules)).toEqual({ kind: 'other', reason: 'none' });
  });

  it('never reads an update to a call as a call: every call-update title above would be a call without its rule', () => {
    const withoutUpdates = compileRules(rulesWithout('call-update'));
    const updates = cases.filter(([, kind]) => kind === 'call-update').map(([title]) => title);

    expect(updates.map((t) => classifyEntry(t).kind)).toEqual(updates.map(() => 'call-update'));
    expect(updates.filter((t) => classifyEntry(t, withoutUpdates).kind === 'call').length).toBeGreaterThanOrEqual(4);
  });

  it('rejects a rule file with an unknown kind or a broken pattern, naming the rule', () => {
    expect(() => compileRules({ rules: [{ kind: 'grant', reason: 'r', words: ['x'] }], fallback: { kind: 'other', reason: 'n' } })).toThrow(/rules\.0\.kind/);
    expect(() => compileRules({ rules: [{ kind: 'call', reason: 'r', patterns: ['(unclosed'] }], fallback: { kind: 'other', reason: 'n' } })).toThrow(/rules\.0 \(call\) has a bad pattern/);
  });
});

describe('classifyNotice', () => {
  it('tells a notice whose title says nothing by its lede: a selection reported is a result', () => {
    const notice = { title: 'Japan–Korea Cooperative Programme: FY 2026', summary: 'Of the 40 applications received, nine joint projects were selected.' };

    expect(classifyNotice(notice)).toEqual({ kind: 'result', reason: expect.stringMatching(/^no rule matched the title; .*\(matched "were selected"\)$/) });
  });

  it('reads an invitation in the lede as a call', () => {
    expect(classifyNotice({ title: '日独共同研究プログラム（令和9年度）', summary: '本事業では、令和9年度に実施する共同研究課題を公募します。' }).kind).toBe('call');
  });

  it('lets the title decide when it says what the notice is, whatever the lede', () => {
    expect(classifyNotice({ title: '令和9年度 二国間交流事業の公募について', summary: 'Last year, twelve teams were selected.' }).kind).toBe('call');
  });

  it('leaves a notice that neither title nor lede explains as other', () => {
    expect(classifyNotice({ title: 'Newsletter No. 12', summary: 'Contents of this issue.' }).kind).toBe('other');
    expect(classifyNotice({ title: 'Newsletter No. 12' }).kind).toBe('other');
  });
});
