/**
 * The words of channel messages that the e-mails do not already have, in English and Japanese. The rest
 * (summaries, headlines, deadline titles and dates, short names) come from the e-mail renderers and
 * core/changes/summaries.ts, so a channel and an inbox say a change the same way.
 */

export type Lang = 'en' | 'ja';

const EN = {
  intro: 'fundwatch found these changes on the pages you follow.',
  digestIntro: (n: number, period: string) => `Your ${period} fundwatch digest: ${n} change${n === 1 ? '' : 's'} on the pages you follow.`,
  daily: 'daily', weekly: 'weekly', digest: (period: string) => `fundwatch ${period} digest`,
  was: 'Before', now: 'Now', pageIn: { en: 'English page', ja: 'Japanese page' }, page: 'Page', upcoming: 'Upcoming deadlines',
  more: (n: number) => ` (+${n} more)`,
  moreChanges: (n: number) => `… and ${n} more change${n === 1 ? '' : 's'}: see them on the pages above or in your preferences.`,
  moreReminders: (n: number) => `… and ${n} more deadline${n === 1 ? '' : 's'} coming up.`,
  why: 'You receive this because this channel is subscribed to fundwatch alerts.',
  manage: 'Change what you receive', unsubscribe: 'Unsubscribe',
  reminderTitle: (what: string, left: string, when: string) => `Reminder: ${what} ${left} (${when})`,
  left: (days: number) => (days === 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days`),
  due: (days: number) => ` (${days === 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days`})`,
  reminderIntro: (n: number) => (n === 1 ? 'A deadline you follow is coming up.' : `${n} deadlines you follow are coming up.`),
  call: 'Call', says: 'The page says', stated: (zone: string) => ` (the page states it in ${zone})`,
  reminderWhy: 'You receive this because this channel asked fundwatch for reminders before deadlines; change the days, or turn them off, on the preferences page.',
  confirmTitle: 'Confirm fundwatch alerts for this channel',
  confirmBody: 'Someone asked fundwatch to post alerts about JST, AMED and JSPS programme pages to this channel. Nothing will be posted here until the request is confirmed.',
  confirmButton: 'Confirm alerts for this channel',
  confirmIgnore: 'If nobody here asked for this, ignore this message: nothing more will be posted.',
};

type Strings = typeof EN;

const JA: Strings = {
  intro: 'フォロー中のページで次の変更が見つかりました。',
  digestIntro: (n, period) => `fundwatch ${period}のまとめ: フォロー中のページで${n}件の変更がありました。`,
  daily: '毎日', weekly: '毎週', digest: (period) => `fundwatch ${period}のまとめ`,
  was: '変更前', now: '変更後', pageIn: { en: '英語版', ja: '日本語版' }, page: 'ページ', upcoming: '今後の締切',
  more: (n) => `（ほか${n}件）`,
  moreChanges: (n) => `…ほか${n}件の変更があります。上のページまたは設定ページでご確認ください。`,
  moreReminders: (n) => `…ほか${n}件の締切が近づいています。`,
  why: 'このチャンネルは fundwatch の通知に登録されているため、このメッセージをお送りしています。',
  manage: '配信内容の変更', unsubscribe: '配信停止',
  reminderTitle: (what, left, when) => `リマインダー: ${what}${left}（${when}）`,
  left: (days) => (days === 0 ? 'は本日' : days === 1 ? 'は明日' : `まであと${days}日`),
  due: (days) => `（${days === 0 ? '本日' : days === 1 ? '明日' : `あと${days}日`}）`,
  reminderIntro: (n) => (n === 1 ? 'フォロー中の公募の締切が近づいています。' : `フォロー中の公募の締切が${n}件近づいています。`),
  call: '公募', says: 'ページの記載', stated: (zone) => `（ページ上は${zone}で記載）`,
  reminderWhy: 'このチャンネルは fundwatch の締切リマインダーに登録されているため、このメッセージをお送りしています。日数の変更や停止は設定ページから行えます。',
  confirmTitle: 'このチャンネルへの fundwatch 通知の確認',
  confirmBody: 'JST・AMED・JSPS のプログラムページの変更をこのチャンネルに通知するよう fundwatch に申し込みがありました。確認されるまで、このチャンネルには何も投稿されません。',
  confirmButton: 'このチャンネルへの通知を確認する',
  confirmIgnore: 'お心当たりのない場合は、このメッセージを無視してください。今後投稿されることはありません。',
};

export const STRINGS: Record<Lang, Strings> = { en: EN, ja: JA };
