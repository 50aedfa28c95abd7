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
  // A call opening told by acceptance starting, with no 公募 or 募集 in the title.
  ['2027年度採用分 特別研究員-DCの電子申請による申請受付を開始しました', 'call', 'acceptance started'],
  ['令和9年度 海外特別研究員の申請受付開始について', 'call', '受付開始 as a noun'],
  ['日本－ノルウェー共同研究 応募受付中（締切：6月30日）', 'call', 'now accepting'],
  ['外国人招へい研究者（短期）申請システムの公開について', 'call', 'the application system opened'],
  ['二国間交流事業 電子申請システムの運用開始について', 'call', 'the application system started'],
  ['ＪＳＰＳ　外国人研究者招へい事業　受付開始', 'call', 'full-width, acceptance started'],
  ['Applications now open: FY2028 Postdoctoral Fellowships (Standard)', 'call', 'now open'],
  ['The online application system for the 2027 Summer Programme is now open', 'call', 'the system is now open'],
  ['Start of application acceptance for the FY2028 Invitational Fellowships', 'call', 'start of acceptance'],
  // … but acceptance of what a grant holder sends is no call, and a change to the opening day is an update.
  ['令和8年度 科研費（継続課題）の交付申請の受付開始について', 'other', 'grant paperwork after selection'],
  ['Submission of the annual report now open for current fellows', 'other', 'a report from grant holders'],
  ['申請受付開始日の変更について', 'call-update', 'a change to the opening day'],
  // Updates in other words: a change verb on anything, material posted, Q&A, the application system down.
  ['応募書類の提出期限を6月20日まで延長します', 'call-update', 'an extension, however worded'],
  ['様式2の記載例に誤りがあったため、修正いたしました', 'call-update', 'corrected (humble form)'],
  ['「よくあるご質問」を更新しました', 'call-update', 'Q&A updated'],
  ['「よく寄せられる質問」を追記しました', 'call-update', 'Q&A appended'],
  ['公募説明会の録画を公開しました', 'call-update', 'material posted after a briefing'],
  ['「面接日程」を掲載しました', 'call-update', 'a schedule posted'],
  ['対象国の追加について', 'call-update', 'a country added to the call'],
  ['e-Rad の障害について（4月10日復旧）', 'call-update', 'the application system down'],
  ['電子申請システムの一時停止のお知らせ', 'call-update', 'the application system stopped'],
  ['Notice: e-Rad malfunction on 12 May (submissions may be delayed)', 'call-update', 'e-Rad malfunction'],
  ['Scheduled maintenance of the JSPS Electronic Application System', 'call-update', 'the application system in maintenance'],
  ['The call text has been revised (section 3.2)', 'call-update', 'revised'],
  ['Revised guidelines for the FY2027 Japan–Norway call', 'call-update', 'revised, first'],
  ['Eligible partner countries updated: Chile added', 'call-update', 'updated after its noun'],
  ['UKRI was added as an eligible partner funding agency', 'call-update', 'was added'],
  ['A recording of the briefing webinar has been posted', 'call-update', 'a recording posted'],
  ['Application period extended until 20 June 2027', 'call-update', 'a period extended'],
  ['Addendum to the FY2027 call for proposals', 'call-update', 'an addendum'],
  ['Call for Proposals: extended reality for remote surgery', 'call', 'extended as a research topic is no extension'],
  ['令和9年度 追加公募について', 'call', '追加公募 is a further call, not an addition'],
  ['採択課題一覧を更新しました', 'result', 'a results list updated is still results'],
  ['【Important】Notice regarding applications on the last day of the FY2027 call', 'call-update', 'a notice to applicants of a call'],
  ['Reminder: the FY2027 call closes on 12 May at noon', 'call-update', 'a reminder'],
  ['締切日当日の応募に関するお願い', 'call-update', 'a request to applicants'],
  ['応募にあたっての注意事項（令和9年度公募）', 'call-update', 'cautions for applicants'],
  ['Problems logging in to e-Rad on 3 June', 'call-update', 'the application system in trouble'],
  ['e-Radでエラーが発生しています', 'call-update', 'an error in e-Rad'],
  ['採択結果の通知時期が当初予定より遅れる見込みです', 'call-update', 'a delay, not the results'],
  ['Notice of the FY2028 call for applications: Bilateral Joint Research', 'call', 'a notice OF a call is the call'],
  ['令和9年度の基盤研究(S)の公募は終了しました。', 'call-update', 'a call closed, in any wording'],
  ['07 Dec 2026 Postdoctoral Fellowship for Foreign Researchers (Short Term)', 'call', 'a fellowship named on a funder\'s news list is its call'],
  ['Accident insurance for JSPS postdoctoral fellowship holders', 'other', 'fellowship holders are not applicants'],
  ['Approved projects of the FY2026 Japan–Korea programme', 'result', 'approved projects'],
  ['Briefing at the University of Edinburgh on JSPS fellowships', 'event', 'a briefing'],
  ['Japan Days Held at Swedish Universities', 'event', 'held at, as a headline'],
  ['Call for applications: summer school to be held in Kyoto', 'call', 'to be held is no report'],
  ['日独若手研究者交流会のお知らせ', 'event', '交流会'],
  // Results in English headline forms.
  ['JST to fund 8 new Japan–Israel projects on cybersecurity', 'result', 'to fund N'],
  ['JSPS selects 25 researchers for the FY2027 Bridge Fellowship', 'result', 'selects'],
  ['Nine joint projects chosen under the Japan–Finland call', 'result', 'N … chosen'],
  ['JST announces 12 additional programme managers selected for Goal 10', 'result', 'N … selected'],
  // Reports of events held: what happened, even when they mention a call.
  ['JSPS London staff visited the University of Leeds to present the call for JSPS fellowships', 'event', 'a visit report'],
  ['JSPS Bonn took part in the Research Fair 2027 and introduced the calls for applications', 'event', 'took part in'],
  ['Dr. Sato gave a keynote on open science at the EARMA conference', 'event', 'gave a keynote'],
  ['The Japan–Sweden Science Day was held in Uppsala', 'event', 'was held'],
  ['日本－スウェーデン学術交流会をストックホルムで開催しました', 'event', '開催しました'],
  ['ベルリン事務所が日本留学フェアに出展しました', 'event', '出展しました'],
  ['Signing ceremony of the JST–DFG cooperation agreement', 'event', 'a ceremony'],
  ['JSPS Bonn held a briefing on the fellowship calls at the University of Cologne', 'event', 'held a …'],
  ['ストックホルム事務所がウプサラ大学を訪問し、外国人特別研究員の公募について説明しました', 'event', 'a visit report, in Japanese'],
  ['Joint call for proposals organised with the Research Council of Finland', 'call', 'organised as a participle stays a call'],
  // Requests for comment in other words.
  ['「研究公正ガイドライン（案）」に関するご意見をお寄せください', 'other', 'opinions invited'],
  ['Request for comments on the draft open access policy', 'other', 'comments invited'],
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

describe('classifyNotice under an update-log heading', () => {
  it.each([
    ['更新履歴', '課題2の公募対象に「既承認薬の適応拡大」を含めること'],
    ['変更履歴', '二次公募の対象に若手枠を加えること'],
    ['History of Updates', 'Call text for the Japan–Chile joint call'],
    ['Update details', 'Section 4 of the guidelines: eligible costs'],
  ])('under "%s", a line read as a call or as nothing is an update to the page\'s own call: %s', (section, title) => {
    expect(classifyNotice({ title, section })).toEqual({ kind: 'call-update', reason: expect.stringContaining(`under "${section}"`) });
  });

  it('keeps a call\'s own headline a call in the log: the call noun heads it', () => {
    expect(classifyNotice({ title: '令和9年度「再生医療研究事業」に係る二次公募について', section: '更新履歴' }).kind).toBe('call');
    expect(classifyNotice({ title: '2027年度 研究提案募集（第2回）のお知らせ', section: '更新履歴' }).kind).toBe('call');
    expect(classifyNotice({ title: 'Call for Proposals: FY2028 Japan–Chile joint research', section: 'Change log' }).kind).toBe('call');
  });

  it('keeps an opening of acceptance, a result and an event as they are, in the log too', () => {
    expect(classifyNotice({ title: '電子申請システムによる受付を開始しました', section: '更新履歴' }).kind).toBe('call');
    expect(classifyNotice({ title: '採択課題を掲載しました', section: '更新履歴' }).kind).toBe('result');
    expect(classifyNotice({ title: '公募説明会を5月12日に開催します', section: 'Revision history' }).kind).toBe('event');
  });

  it('reads a news list heading as no log: a call there stays a call', () => {
    for (const section of ['お知らせ', '新着情報', '更新情報', 'What’s new', 'News', 'Updates']) {
      expect(classifyNotice({ title: '令和9年度 国際共同研究の公募について', section }).kind).toBe('call');
    }
  });
});

describe('classifyNotice and the category tag before a title', () => {
  it('lets the tag speak when the title and the lede say nothing', () => {
    expect(classifyNotice({ title: 'Interstellar Initiative', tag: 'Calls for Proposals FY 2027' })).toEqual({ kind: 'call', reason: expect.stringContaining('its tag "Calls for Proposals FY 2027"') });
  });

  it('lets the lede speak before the tag: a site files its results under "Calls for Proposals" too', () => {
    const notice = { title: 'Japan–Estonia Digital Health', summary: 'Four joint projects were selected.', tag: 'Calls for Proposals' };

    expect(classifyNotice(notice).kind).toBe('result');
  });
});
