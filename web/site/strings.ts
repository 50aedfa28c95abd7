/**
 * Every word of the page's own (the interface, never the catalog's data), in English and Japanese.
 * Adding a language is adding one object of this shape; the renderers never write a literal phrase.
 */
import type { Agency, CallStatus, DeadlineKind, Lang } from '#parsers/schema.ts';
import type { ChangeCategory, ChangeKind, Severity } from '#core/domain/changes.ts';

export interface UiText {
  siteName: string;
  skip: string;
  sectionsNav: string;
  otherLanguage: string;
  indexTitle: string;
  indexLead: string;
  updated: string;
  notOfficial: string;
  filtersLegend: string;
  filtersHint: string;
  agency: string;
  allAgencies: string;
  pageLanguage: string;
  allLanguages: string;
  field: string;
  allFields: string;
  showAll: string;
  deadlinesHeading: string;
  deadlinesCaption: string;
  /** filter.js fills {shown} and {total}. */
  deadlinesStatus: string;
  deadlinesEmpty: string;
  noDeadlines: string;
  colDate: string;
  colProgramme: string;
  colStep: string;
  colAgency: string;
  colSource: string;
  changesHeading: string;
  changesStatus: string;
  changesEmpty: string;
  noChanges: string;
  olderChanges: string;
  followHeading: string;
  followLead: string;
  calendarFeed: string;
  changesFeed: string;
  allAgenciesFeeds: string;
  /** Before the links to the JSON documents, each followed by its schema's link. */
  dataFeeds: string;
  subscribe: string;
  subscribeLead: string;
  pagesWords: string;
  openPage: string;
  pageIn: (lang: string) => string;
  before: string;
  after: string;
  englishPage: string;
  japanesePage: string;
  disagreement: string;
  none: string;
  monthOnly: string;
  monthOnlyHint: string;
  tentative: string;
  noTime: string;
  statedIn: (zone: string) => string;
  yourTime: string;
  inDays: (days: number) => string;
  importance: (severity: string) => string;
  call: string;
  track: string;
  backToIndex: string;
  breadcrumb: string;
  programmeNames: string;
  partners: string;
  fields: string;
  countries: string;
  lastChanged: string;
  programmeFeed: string;
  nextDeadlines: string;
  calls: string;
  status: string;
  pages: string;
  history: string;
  noHistory: string;
  noCalls: string;
  lang: Record<Lang, string>;
  agencyName: Record<Agency, string>;
  kind: Record<DeadlineKind, string>;
  callStatus: Record<CallStatus, string>;
  category: Record<ChangeCategory, string>;
  changeKind: Record<ChangeKind, string>;
  severity: Record<Severity, string>;
  /** January first. */
  months: string[];
  /** Sunday first, as Date#getUTCDay counts. */
  weekdays: string[];
}

const en: UiText = {
  siteName: 'fundwatch', skip: 'Skip to main content', sectionsNav: 'Sections', otherLanguage: '日本語',
  indexTitle: 'Research funding deadlines in Japan',
  indexLead: 'Upcoming deadlines and recent changes on the programme pages of JST, AMED and JSPS, read from the pages themselves and quoted.',
  updated: 'Updated', notOfficial: 'Not an official source: always check the agency’s page before you apply.',
  filtersLegend: 'Filter deadlines and changes', filtersHint: 'A field filter shows only programmes whose pages name that field.',
  agency: 'Agency', allAgencies: 'All agencies', pageLanguage: 'Language of the page', allLanguages: 'Both languages',
  field: 'Research field', allFields: 'All fields', showAll: 'Show all',
  deadlinesHeading: 'Upcoming deadlines', deadlinesCaption: 'Upcoming deadlines, soonest first. Dates and times are Japan time (JST).',
  deadlinesStatus: 'Showing {shown} of {total} deadlines.', deadlinesEmpty: 'No deadline matches these filters.',
  noDeadlines: 'No upcoming deadline is stated on the pages.',
  colDate: 'Date (JST)', colProgramme: 'Programme and call', colStep: 'Step', colAgency: 'Agency', colSource: 'Source page',
  changesHeading: 'Recent changes', changesStatus: 'Showing {shown} of {total} changes.', changesEmpty: 'No change matches these filters.',
  noChanges: 'No change has been seen yet.', olderChanges: 'Older changes are listed on each programme’s page.',
  followHeading: 'Follow', followLead: 'Calendar feeds (.ics) update your calendar when a deadline moves; the change feeds (Atom) work in any feed reader.',
  calendarFeed: 'Deadlines calendar (.ics)', changesFeed: 'Changes feed (Atom)', allAgenciesFeeds: 'All agencies',
  dataFeeds: 'For your own tools, the same deadlines and changes as JSON, each with its JSON Schema:',
  subscribe: 'Subscribe by e-mail', subscribeLead: 'Get an e-mail when a page you follow changes.',
  pagesWords: 'The page’s words', openPage: 'Open the page', pageIn: (lang) => `${lang} page`,
  before: 'Before', after: 'After', englishPage: 'English page', japanesePage: 'Japanese page',
  disagreement: 'English and Japanese pages disagree', none: '(none)',
  monthOnly: 'Month only', monthOnlyHint: 'the page gives no day', tentative: 'Tentative', noTime: 'No time given',
  statedIn: (zone) => `The page states the time in ${zone}`, yourTime: 'Your time:',
  inDays: (days) => (days === 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days`),
  importance: (severity) => `${severity} importance`,
  call: 'Call', track: 'Track', backToIndex: 'All deadlines', breadcrumb: 'Breadcrumb', programmeNames: 'Names',
  partners: 'Partner agencies', fields: 'Research fields', countries: 'Countries', lastChanged: 'Pages last changed',
  programmeFeed: 'Calendar feed for this programme (.ics)', nextDeadlines: 'Next deadlines', calls: 'Calls', status: 'Status',
  pages: 'Pages read', history: 'Change history', noHistory: 'No change has been seen on these pages yet.', noCalls: 'No call is listed on the pages.',
  lang: { en: 'English', ja: 'Japanese' },
  agencyName: { JST: 'Japan Science and Technology Agency', AMED: 'Japan Agency for Medical Research and Development', JSPS: 'Japan Society for the Promotion of Science' },
  kind: { submission: 'Submission deadline', preregistration: 'Pre-registration', open: 'Call opens', review: 'Review', interview: 'Interviews',
    notification: 'Results announced', start: 'Project start', other: 'Other date' },
  callStatus: { open: 'Open', closed: 'Closed', upcoming: 'Upcoming', unknown: 'Status not stated' },
  category: { deadline: 'Deadline', agency: 'Partner agency', eligibility: 'Eligibility', funding: 'Funding', period: 'Support period',
    countries: 'Partner country', fields: 'Research field', contact: 'Contact', status: 'Call', 'new-call': 'New call', other: 'Programme' },
  changeKind: { added: 'added', removed: 'removed', changed: 'changed' },
  severity: { high: 'High', medium: 'Medium', low: 'Low' },
  months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  weekdays: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
};

const ja: UiText = {
  siteName: 'fundwatch', skip: '本文へ移動', sectionsNav: 'ページ内の項目', otherLanguage: 'English',
  indexTitle: '日本の研究助成の締切一覧',
  indexLead: 'JST・AMED・JSPSの事業ページに書かれた今後の締切と最近の変更を、ページの記載とともに掲載します。',
  updated: '更新', notOfficial: '公式の情報源ではありません。応募の前に必ず各機関のページをご確認ください。',
  filtersLegend: '締切と変更の絞り込み', filtersHint: '分野で絞り込むと、ページにその分野が書かれた事業だけを表示します。',
  agency: '機関', allAgencies: 'すべての機関', pageLanguage: 'ページの言語', allLanguages: '両方の言語',
  field: '研究分野', allFields: 'すべての分野', showAll: 'すべて表示',
  deadlinesHeading: '今後の締切', deadlinesCaption: '今後の締切（日付の早い順）。日時は日本時間（JST）です。',
  deadlinesStatus: '{total}件中{shown}件の締切を表示しています。', deadlinesEmpty: '条件に合う締切はありません。',
  noDeadlines: 'ページに記載された今後の締切はありません。',
  colDate: '日付（JST）', colProgramme: '事業と公募', colStep: '項目', colAgency: '機関', colSource: '情報源のページ',
  changesHeading: '最近の変更', changesStatus: '{total}件中{shown}件の変更を表示しています。', changesEmpty: '条件に合う変更はありません。',
  noChanges: 'まだ変更は検出されていません。', olderChanges: 'それ以前の変更は各事業のページに掲載しています。',
  followHeading: '購読', followLead: 'カレンダー（.ics）は締切が変わると更新されます。変更フィード（Atom）はフィードリーダーで読めます。',
  calendarFeed: '締切カレンダー（.ics）', changesFeed: '変更フィード（Atom）', allAgenciesFeeds: 'すべての機関',
  dataFeeds: 'システムで利用する方へ：同じ締切と変更をJSONでも公開しています（それぞれJSON Schema付き）。',
  subscribe: 'メールで受け取る', subscribeLead: 'フォローしているページが変わるとメールでお知らせします。',
  pagesWords: 'ページの記載', openPage: 'ページを開く', pageIn: (lang) => `${lang}のページ`,
  before: '変更前', after: '変更後', englishPage: '英語ページ', japanesePage: '日本語ページ',
  disagreement: '英語版と日本語版で記載が異なる', none: '（なし）',
  monthOnly: '月のみ', monthOnlyHint: 'ページに日付の記載なし', tentative: '予定', noTime: '時刻の記載なし',
  statedIn: (zone) => `ページ上の時刻は${zone}表記`, yourTime: 'お使いの地域の時刻:',
  inDays: (days) => (days === 0 ? '今日' : days === 1 ? '明日' : `あと${days}日`),
  importance: (severity) => `重要度: ${severity}`,
  call: '公募', track: '区分', backToIndex: '締切一覧', breadcrumb: 'パンくずリスト', programmeNames: '名称',
  partners: '相手機関', fields: '研究分野', countries: '対象国', lastChanged: 'ページの最終変更',
  programmeFeed: 'この事業の締切カレンダー（.ics）', nextDeadlines: '今後の締切', calls: '公募', status: '状況',
  pages: '参照しているページ', history: '変更履歴', noHistory: 'これらのページではまだ変更は検出されていません。', noCalls: 'ページに公募の記載はありません。',
  lang: { en: '英語', ja: '日本語' },
  agencyName: { JST: '科学技術振興機構', AMED: '日本医療研究開発機構', JSPS: '日本学術振興会' },
  kind: { submission: '申請締切', preregistration: '事前登録', open: '公募開始', review: '審査', interview: '面接',
    notification: '採否通知', start: '研究開始', other: 'その他の日程' },
  callStatus: { open: '公募中', closed: '締切済み', upcoming: '公募予定', unknown: '状況の記載なし' },
  category: { deadline: '締切', agency: '参加機関', eligibility: '応募資格', funding: '研究費', period: '支援期間',
    countries: '相手国', fields: '研究分野', contact: '問い合わせ先', status: '公募', 'new-call': '新しい公募', other: 'プログラム' },
  changeKind: { added: '追加', removed: '削除', changed: '変更' },
  severity: { high: '高', medium: '中', low: '低' },
  months: ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'],
  weekdays: ['日', '月', '火', '水', '木', '金', '土'],
};

export const UI: Record<Lang, UiText> = { en, ja };
