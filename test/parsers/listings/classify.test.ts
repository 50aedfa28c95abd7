/**
 * classifyEntry: what a listing entry announces, from its title, by the ordered rules of
 * parsers/data/listing-rules.json. The table is the specification; the edge cases are the rows that
 * hold two kinds of words at once, where the rule order decides.
 */
import { describe, expect, it } from 'vitest';
import { classifyEntry, compileRules, type ListingKind } from '#parsers/listings/classify.ts';

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
  // News about a call already announced, requests for comment, and the rest.
  ['令和7年度「e-ASIA共同研究プログラム」公募要領の訂正について', 'other', 'a correction to a call'],
  ['Deadline extended: Call for Proposals for SICORP Japan–Sweden', 'other', 'an extension is news of a known call'],
  ['第7期科学技術・イノベーション基本計画に関する意見募集', 'other', 'a public comment, not a research 募集'],
  ['システムメンテナンスのお知らせ', 'other', 'no rule matches'],
];

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

  it('rejects a rule file with an unknown kind or a broken pattern, naming the rule', () => {
    expect(() => compileRules({ rules: [{ kind: 'grant', reason: 'r', words: ['x'] }], fallback: { kind: 'other', reason: 'n' } })).toThrow(/rules\.0\.kind/);
    expect(() => compileRules({ rules: [{ kind: 'call', reason: 'r', patterns: ['(unclosed'] }], fallback: { kind: 'other', reason: 'n' } })).toThrow(/rules\.0 \(call\) has a bad pattern/);
  });
});
