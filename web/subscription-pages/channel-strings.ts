/** The channel pages' texts, in English and Japanese (the e-mail pages' are in strings.ts). */
import type { ChannelKind } from '#core/domain/channels.ts';
import type { Lang } from './strings.ts';

export const CHANNEL_T: Record<Lang, {
  title: string; lead: string; offer: string; kind: string; kinds: Record<ChannelKind, string>; hints: Record<ChannelKind, string>;
  url: string; label: string; labelHint: string; owner: string; ownerHint: string; add: string;
  posted: string; postedBody: string; already: string; alreadyBody: string;
  secretTitle: string; secretBody: string; rotate: string; rotated: string; channel: string; disabled: string;
}> = {
  en: {
    title: 'Alerts in Slack, Teams or a webhook', lead: 'Send fundwatch alerts to a Slack channel, a Microsoft Teams channel or your own HTTPS endpoint, with the same choices as the e-mails.',
    offer: 'Or send the alerts to a Slack or Teams channel, or a webhook', kind: 'Where to', kinds: { slack: 'Slack', teams: 'Microsoft Teams', webhook: 'Webhook (signed JSON)' },
    hints: {
      slack: 'Slack: create an incoming webhook for the channel (Slack app settings → Incoming Webhooks) and paste its URL, https://hooks.slack.com/…',
      teams: 'Teams: in the channel, Workflows → "Post to a channel when a webhook request is received", then paste the URL it gives.',
      webhook: 'Webhook: any HTTPS URL of yours; each post is JSON signed per Standard Webhooks with a secret shown once, when the channel is confirmed.',
    },
    url: 'Webhook URL', label: 'A name for it (optional)', labelHint: 'Shown to you only, e.g. "#grants-office".', owner: 'Your e-mail address', ownerHint: 'Only to tell you if the channel stops accepting messages.',
    add: 'Add the channel', posted: 'Check the channel', postedBody: 'A message with a confirmation link was posted to the channel. Nothing else is posted there until someone follows it. The link works for 7 days.',
    already: 'This channel already receives fundwatch alerts', alreadyBody: 'To change what it receives, use the link at the end of any fundwatch message in it.',
    secretTitle: 'The signing secret of this webhook', secretBody: 'Every post carries webhook-id, webhook-timestamp and webhook-signature headers; verify them with this secret (Standard Webhooks). It is shown only now: keep it where your receiver reads it. A new one can be made from the channel\'s preferences.',
    rotate: 'Make a new signing secret', rotated: 'New signing secret', channel: 'Channel', disabled: 'stopped: the webhook refused the posts',
  },
  ja: {
    title: 'Slack・Teams・Webhook への通知', lead: 'fundwatch の通知を Slack や Microsoft Teams のチャンネル、またはご自身の HTTPS エンドポイントに、メールと同じ条件で送ります。',
    offer: 'Slack・Teams のチャンネルや Webhook に送ることもできます', kind: '送信先', kinds: { slack: 'Slack', teams: 'Microsoft Teams', webhook: 'Webhook（署名付き JSON）' },
    hints: {
      slack: 'Slack: チャンネルの Incoming Webhook を作成し（Slack アプリ設定 → Incoming Webhooks）、その URL（https://hooks.slack.com/…）を貼り付けてください。',
      teams: 'Teams: チャンネルの「ワークフロー」→「Webhook 要求を受信したらチャネルに投稿する」を作成し、表示される URL を貼り付けてください。',
      webhook: 'Webhook: お使いの HTTPS URL。各投稿は Standard Webhooks に従い署名された JSON で、署名用シークレットは確認時に一度だけ表示されます。',
    },
    url: 'Webhook の URL', label: '名前（任意）', labelHint: 'ご自身にのみ表示されます（例: #公募情報）。', owner: 'メールアドレス', ownerHint: 'チャンネルが受信できなくなった場合のお知らせにのみ使います。',
    add: 'チャンネルを追加する', posted: 'チャンネルをご確認ください', postedBody: '確認リンクを記載したメッセージをチャンネルに投稿しました。リンクが開かれるまで、ほかには何も投稿されません。リンクの有効期限は7日間です。',
    already: 'このチャンネルにはすでに通知が届いています', alreadyBody: '通知の内容を変えるには、チャンネル内の fundwatch のメッセージ末尾のリンクを使ってください。',
    secretTitle: 'この Webhook の署名用シークレット', secretBody: '各投稿には webhook-id・webhook-timestamp・webhook-signature ヘッダーが付きます。このシークレットで検証してください（Standard Webhooks）。表示はこの一度だけです。受信側が読める場所に保管してください。新しいシークレットはチャンネルの設定から作成できます。',
    rotate: '新しい署名用シークレットを作成する', rotated: '新しい署名用シークレット', channel: 'チャンネル', disabled: '停止中（Webhook が投稿を拒否しました）',
  },
};
