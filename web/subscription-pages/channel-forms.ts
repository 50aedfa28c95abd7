/** The channel pages' HTML: the form that adds a channel, a channel's summary on its preferences page, a secret shown once. */
import { escapeHtml } from '#lib/escape.ts';
import { CHANNEL_KINDS, type ChannelKind } from '#core/domain/channels.ts';
import type { Subscriber } from '#core/domain/subscribers.ts';
import { webhookSecretFor } from '#core/subscriptions/webhook-secret.ts';
import { CHANNEL_T } from './channel-strings.ts';
import { offeredProgrammes, preferencesFields, type PagesConfig } from './forms.ts';
import { T, type Lang } from './strings.ts';
import { buttonForm } from './views.ts';

export interface ChannelFormValues { kind?: string; url?: string; label?: string; owner?: string }

export async function channelForm(lang: Lang, config: PagesConfig, error?: string, values: ChannelFormValues = {}): Promise<string> {
  const t = CHANNEL_T[lang];
  const kind = (CHANNEL_KINDS as readonly string[]).includes(values.kind ?? '') ? values.kind as ChannelKind : 'slack';
  const kinds = CHANNEL_KINDS.map((k) => `<label><input type="radio" name="kind" value="${k}"${k === kind ? ' checked' : ''}> ${escapeHtml(t.kinds[k])}</label>` +
    `<p class="hint">${escapeHtml(t.hints[k])}</p>`).join('');
  const input = (id: string, type: string, label: string, value: string | undefined, attrs: string, hint?: string): string =>
    `<label for="${id}">${escapeHtml(label)}</label>${hint ? `<p class="hint" id="${id}-hint">${escapeHtml(hint)}</p>` : ''}` +
    `<input id="${id}" type="${type}" name="${id}" value="${escapeHtml(value ?? '')}" ${attrs}${hint ? ` aria-describedby="${id}-hint"` : ''}>`;
  return `<p>${escapeHtml(t.lead)}</p>${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}` +
    `<form method="post" action="channels"><input type="hidden" name="ui" value="${lang}">` +
    `<fieldset><legend>${escapeHtml(t.kind)}</legend>${kinds}</fieldset>` +
    input('url', 'url', t.url, values.url, 'required maxlength="2048" autocomplete="off" spellcheck="false"') +
    input('label', 'text', t.label, values.label, 'maxlength="80"', t.labelHint) +
    input('owner', 'email', t.owner, values.owner, 'required maxlength="254" autocomplete="email"', t.ownerHint) +
    `${preferencesFields(lang, await offeredProgrammes(config))}<button type="submit">${escapeHtml(t.add)}</button></form>` +
    `<p><a href="channels?lang=${lang === 'en' ? 'ja' : 'en'}">${escapeHtml(T[lang].other)}</a></p>`;
}

/** The channel a preferences page is about, by kind, its owner's name for it and host (never the secret path), and for a webhook the way to a new secret. */
export function channelSummary(subscriber: Subscriber, token: string): string {
  const channel = subscriber.channel;
  if (!channel) return '';
  const t = CHANNEL_T[subscriber.lang];
  const host = URL.canParse(channel.url) ? new URL(channel.url).host : '';
  const name = [t.kinds[channel.kind], channel.label ? `“${channel.label}”` : '', host ? `(${host})` : ''].filter(Boolean).join(' ');
  return `<p>${escapeHtml(t.channel)}: ${escapeHtml(name)}</p>` +
    (subscriber.status === 'suppressed' ? `<p class="error">${escapeHtml(t.disabled)}</p>` : '') +
    (channel.kind === 'webhook' && subscriber.status === 'confirmed' ? buttonForm('rotate-secret', token, t.rotate) : '');
}

/** A generic webhook's signing secret, shown once: when the channel is confirmed, or a new one is made. */
export function secretShownOnce(subscriber: Subscriber, linkSecret: string): string {
  const channel = subscriber.channel;
  if (channel?.kind !== 'webhook' || !channel.secretVersion) return '';
  const t = CHANNEL_T[subscriber.lang];
  return `<h2>${escapeHtml(t.secretTitle)}</h2><p>${escapeHtml(t.secretBody)}</p>` +
    `<p><code class="secret">${escapeHtml(webhookSecretFor(linkSecret, subscriber.id, channel.secretVersion))}</code></p>`;
}
