/**
 * A small hand-made Catalog for renderer tests (feeds, page): three agencies, both languages, a moved
 * deadline, an undated month, a tentative date, and page text that tries to break out of its format.
 * Tests that need real data build the catalog from the store (core/analyst/catalog.ts) instead.
 */
import type { Catalog, ChangeView, DeadlineView, ProgrammeView } from '#core/analyst/views.ts';

export const HOSTILE = '<script>alert(1)</script> & "quotes" \r\nBCC: victim@example.org';

export function deadline(overrides: Partial<DeadlineView> = {}): DeadlineView {
  return {
    uid: 'jst-aspire.fy2025.submission.en', sequence: 0,
    programId: 'jst-aspire', programName: { en: 'ASPIRE', ja: '先端国際共同研究推進事業' }, agency: 'JST',
    callId: 'fy2025', callTitle: 'FY2025 call for proposals', callStatus: 'open', kind: 'submission',
    label: 'Application deadline', date: '2026-12-10', time: '12:00', iso: '2026-12-10T12:00:00+09:00',
    lang: 'en', url: 'https://www.jst.go.jp/aspire/en/program/call.html', sourceId: 'jst-aspire-top-en',
    evidence: 'Application deadline: December 10, 2026 (Thu) 12:00 noon (JST)', fields: ['life-sciences'], countries: ['US', 'GB'],
    ...overrides,
  };
}

export function change(overrides: Partial<ChangeView> = {}): ChangeView {
  return {
    id: 'c-1', detectedAt: '2026-11-20T06:00:00.000Z', sourceId: 'jst-aspire-top-en', agency: 'JST', lang: 'en',
    url: 'https://www.jst.go.jp/aspire/en/program/call.html', programId: 'jst-aspire', programName: { en: 'ASPIRE', ja: '先端国際共同研究推進事業' },
    callId: 'fy2025', category: 'deadline', kind: 'changed', severity: 'high',
    summary: { en: 'Application deadline moved from 2026-12-03 to 2026-12-10', ja: '申請締切が2026-12-03から2026-12-10に変更されました' },
    before: '2026-12-03 12:00', after: '2026-12-10 12:00',
    evidence: { before: 'Application deadline: December 3, 2026 (Thu) 12:00 noon', after: 'Application deadline: December 10, 2026 (Thu) 12:00 noon' },
    ...overrides,
  };
}

export function programme(overrides: Partial<ProgrammeView> = {}): ProgrammeView {
  return {
    id: 'jst-aspire', agency: 'JST', name: { en: 'ASPIRE', ja: '先端国際共同研究推進事業' },
    pages: [{ sourceId: 'jst-aspire-top-en', lang: 'en', url: 'https://www.jst.go.jp/aspire/en/program/call.html' }],
    calls: [{ id: 'fy2025', title: 'FY2025 call for proposals', status: 'open' }],
    fields: ['life-sciences'], countries: ['US', 'GB'], partners: ['NSF', 'UKRI'],
    nextDeadline: deadline(), lastChangedAt: '2026-11-20T06:00:00.000Z',
    ...overrides,
  };
}

export function sampleCatalog(): Catalog {
  const amedDeadline = deadline({ uid: 'amed-cycle.fy2026.submission.ja', programId: 'amed-cycle', programName: { ja: '医療研究開発推進事業', en: 'AMED CYCLE' },
    agency: 'AMED', callId: 'fy2026', callTitle: '令和8年度 公募', kind: 'submission', label: '公募締切', date: '2027-01-15', time: '17:00',
    iso: '2027-01-15T17:00:00+09:00', lang: 'ja', url: 'https://www.amed.go.jp/koubo/cycle.html', sourceId: 'amed-cycle-ja',
    evidence: '公募締切：令和9年1月15日（金）17時00分', fields: ['medicine'], countries: [] });
  const jspsMonth = deadline({ uid: 'jsps-bilateral.fy2026.submission.en', programId: 'jsps-bilateral', programName: { en: 'Bilateral Programs', ja: '二国間交流事業' },
    agency: 'JSPS', callId: 'fy2026', callTitle: HOSTILE, kind: 'submission', label: 'Deadline (planned)', date: '2027-03', time: null, iso: null,
    tentative: true, lang: 'en', url: 'https://www.jsps.go.jp/english/e-bilat/', sourceId: 'jsps-bilateral-en', evidence: `Planned for March 2027 ${HOSTILE}`,
    fields: [], countries: ['DE'] });
  const interview = deadline({ uid: 'jst-aspire.fy2025.interview.en', kind: 'interview', label: 'Interviews', date: '2027-02-01', time: null,
    iso: '2027-02-01T00:00:00+09:00', evidence: 'Interviews: early February 2027' });
  return {
    generatedAt: '2026-11-22T00:00:00.000Z',
    programmes: [
      programme(),
      programme({ id: 'amed-cycle', agency: 'AMED', name: amedDeadline.programName, pages: [{ sourceId: 'amed-cycle-ja', lang: 'ja', url: amedDeadline.url }],
        calls: [{ id: 'fy2026', title: '令和8年度 公募', status: 'open' }], fields: ['medicine'], countries: [], partners: [], nextDeadline: amedDeadline }),
      programme({ id: 'jsps-bilateral', agency: 'JSPS', name: jspsMonth.programName, pages: [{ sourceId: 'jsps-bilateral-en', lang: 'en', url: jspsMonth.url }],
        calls: [{ id: 'fy2026', title: HOSTILE, status: 'upcoming' }], fields: [], countries: ['DE'], partners: ['DFG'], nextDeadline: jspsMonth, lastChangedAt: undefined }),
    ],
    deadlines: [deadline(), amedDeadline, interview, jspsMonth],
    changes: [
      change(),
      change({ id: 'c-2', detectedAt: '2026-11-18T06:00:00.000Z', category: 'agency', kind: 'added', severity: 'high', before: '', after: 'NIH/NHGRI (partner)',
        summary: { en: 'Partner agency added: NIH/NHGRI', ja: '相手国機関が追加されました: NIH/NHGRI' }, evidence: { after: 'National Institutes of Health (NIH) / NHGRI' } }),
      change({ id: 'c-3', detectedAt: '2026-11-10T06:00:00.000Z', sourceId: 'amed-cycle-ja', agency: 'AMED', lang: 'ja', url: amedDeadline.url, programId: 'amed-cycle',
        programName: amedDeadline.programName, callId: 'fy2026', category: 'funding', kind: 'changed', severity: 'medium', before: '30,000,000 JPY', after: '40,000,000 JPY',
        summary: { en: `Funding ceiling raised ${HOSTILE}`, ja: '研究費上限が引き上げられました' }, evidence: { before: '3,000万円', after: `4,000万円 ${HOSTILE}` } }),
    ],
  };
}
