/**
 * Whether a webhook URL someone typed into the channel form can be a channel of that kind: HTTPS on the
 * default port, no credentials in it, and for Slack and Teams the hosts those services hand out, so that a
 * Slack URL pasted as Teams (or a page's address pasted as a webhook) is caught at the form with a reason,
 * not weeks later as a disabled channel. Whether the address is safe to connect to is decided at connect
 * time by io/webhooks, on the address the name resolves to then: a name checked here could point anywhere later.
 */
import { sha256Hex } from '#lib/hash.ts';
import type { ChannelKind } from '../domain/channels.ts';
import { InvalidRequestError } from './preferences.ts';

const MAX_URL_LENGTH = 2048;

/** The hosts each service's webhooks live on. Teams' old Office 365 connectors (webhook.office.com) are retired. */
const HOSTS: Partial<Record<ChannelKind, { test: (host: string) => boolean; hint: string }>> = {
  slack: { test: (h) => h === 'hooks.slack.com', hint: 'a Slack incoming webhook starts with https://hooks.slack.com/' },
  teams: {
    test: (h) => h.endsWith('.logic.azure.com') || h.endsWith('.powerplatform.com'),
    hint: 'a Teams workflow webhook (Workflows → "Post to a channel when a webhook request is received") is on logic.azure.com or powerplatform.com',
  },
};

export interface ChannelAddressOptions {
  /** Origins like http://127.0.0.1:PORT accepted as any kind (the local receiver of `fundwatch serve`, tests); set by code, never by a form. */
  localOrigins?: string[];
}

/** The URL, normalized (WHATWG), when it can be a channel of this kind; InvalidRequestError saying what to fix otherwise. */
export function channelAddress(kind: ChannelKind, input: string, options: ChannelAddressOptions = {}): string {
  const text = input.trim();
  if (text.length === 0) throw new InvalidRequestError('enter the webhook URL of the channel');
  if (text.length > MAX_URL_LENGTH || !URL.canParse(text)) throw new InvalidRequestError('that does not look like a webhook URL');
  const url = new URL(text);
  if ((options.localOrigins ?? []).includes(url.origin)) return url.href;
  if (url.protocol !== 'https:') throw new InvalidRequestError('webhook URLs must start with https://');
  if (url.username || url.password) throw new InvalidRequestError('a webhook URL must not carry a user name or password');
  if (url.port !== '') throw new InvalidRequestError('webhook URLs on ports other than 443 are not posted to');
  if (kind === 'teams' && url.hostname.endsWith('.webhook.office.com')) {
    throw new InvalidRequestError('Office 365 connector webhooks are retired: create a Workflows webhook in Teams instead');
  }
  const host = HOSTS[kind];
  if (host && !host.test(url.hostname)) throw new InvalidRequestError(`that is not a ${kind === 'slack' ? 'Slack' : 'Teams'} webhook URL: ${host.hint}`);
  return url.href;
}

/** A channel's subscriber id comes from its kind and URL, as an e-mail subscriber's from the address: one record per webhook. */
export function channelIdFor(kind: ChannelKind, url: string): string {
  return `c-${sha256Hex(`${kind}\n${url}`, 24)}`;
}
