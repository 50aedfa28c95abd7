/** The e-mail to a channel's owner when fundwatch stops posting to it (core/notification/channel-refusals.ts). */
import type { OutgoingMail } from '../../ports/mailer.ts';
import type { ChannelKind } from '../../domain/channels.ts';
import type { Subscriber } from '../../domain/subscribers.ts';
import { actionEmail } from './subscription-email.ts';

const KIND_NAMES: Record<ChannelKind, string> = { slack: 'Slack', teams: 'Microsoft Teams', webhook: 'webhook' };

const TEXT = {
  en: {
    subject: (kind: string) => `fundwatch stopped posting to your ${kind} channel`,
    body: (kind: string, name: string, status: number) =>
      `fundwatch stopped posting to your ${kind} channel ${name}: its webhook answered HTTP ${status}${status === 410 ? ' (Gone: the webhook was removed)' : ''}, so messages cannot reach it. ` +
      'Nothing more will be posted there. To receive alerts in that channel again, create a new webhook for it and add it on the subscription page:',
    button: 'Add a channel',
    after: 'Your e-mail subscription, if you have one, is not affected.',
  },
  ja: {
    subject: (kind: string) => `fundwatch は ${kind} チャンネルへの投稿を停止しました`,
    body: (kind: string, name: string, status: number) =>
      `${kind} チャンネル ${name} の Webhook が HTTP ${status}${status === 410 ? '（Gone: Webhook が削除されています）' : ''} を返したため、fundwatch はこのチャンネルへの投稿を停止しました。` +
      '今後このチャンネルには投稿されません。再び通知を受け取るには、新しい Webhook を作成し、登録ページから追加してください。',
    button: 'チャンネルを追加する',
    after: 'メールでの登録がある場合、そちらには影響ありません。',
  },
} as const;

/** The channel as its owner knows it: their label, or the webhook's host (never the secret path). */
function channelName(subscriber: Subscriber): string {
  const channel = subscriber.channel!;
  const host = URL.canParse(channel.url) ? new URL(channel.url).host : 'the webhook';
  return channel.label ? `“${channel.label}” (${host})` : `(${host})`;
}

/** `subscribePage`: the subscription form, where the owner adds the channel again. */
export function renderChannelDisabledEmail(subscriber: Subscriber, status: number, subscribePage: string): OutgoingMail {
  const t = TEXT[subscriber.lang];
  const kind = KIND_NAMES[subscriber.channel!.kind];
  return actionEmail(subscriber, t.subject(kind), t.body(kind, channelName(subscriber), status), t.button, subscribePage, t.after);
}
