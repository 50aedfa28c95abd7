/**
 * The local stand-in for Slack, Teams and generic webhooks: the local receiver (io/webhooks/local-receiver.ts),
 * keeping every post in <data>/channels/posts.jsonl, and a webhook poster that delivers to it.
 *
 * Why local channel URLs carry one fixed origin (LOCAL_CHANNELS_ORIGIN, http://127.0.0.1:8788) whatever port the
 * receiver listens on: a channel's URL is stored with it (and its id is derived from it), so a URL holding the port
 * of the run that added it would point nowhere on the next run. `serve` listens on that port by default (so the URL
 * its page shows is the one to paste), while `run`, a batch that may run beside another one on another data folder
 * (tests do), listens on any free port; every local poster delivers URLs of the fixed origin to its own receiver.
 * Only that origin is rebased, only on loopback, and only by the local poster: a deployment never sees it.
 */
import { join } from 'node:path';
import type { ChannelKind, OutgoingPost } from '#core/domain/channels.ts';
import type { Poster } from '#core/ports/poster.ts';
import { createWebhookPoster } from '#io/webhooks/poster.ts';
import { startLocalReceiver, type LocalReceiver } from '#io/webhooks/local-receiver.ts';
import { localLinkSecret } from './link-secret.ts';

/** The local receiver's port for `serve` (the subscription pages are on 8787), and the origin stored in local channel URLs. */
export const LOCAL_CHANNELS_PORT = 8788;
export const LOCAL_CHANNELS_ORIGIN = `http://127.0.0.1:${LOCAL_CHANNELS_PORT}`;

/** The stored URL of a local channel, e.g. http://127.0.0.1:8788/slack/demo. */
export function localChannelUrl(kind: ChannelKind, name: string): string {
  return `${LOCAL_CHANNELS_ORIGIN}/${kind}/${encodeURIComponent(name)}`;
}

/** Where the receiver keeps what it received, one JSON line a post, across runs. */
export const channelPostsFile = (dataDir: string): string => join(dataDir, 'channels', 'posts.jsonl');

export interface LocalChannels {
  receiver: LocalReceiver;
  /** Posts to real webhooks as in AWS (HTTPS, every address check), and local channel URLs to the receiver. */
  poster: Poster;
  /** The origins the subscription flow accepts as webhook URLs besides HTTPS ones: the fixed one and the receiver's. */
  origins: string[];
  file: string;
  close(): Promise<void>;
}

/**
 * Starts the receiver on `port` (0, the default: any free port) and its poster. The poster signs generic
 * webhooks with secrets derived from the data folder's link secret, as the subscription pages show them.
 * @example const channels = started.add(await startLocalChannels(dataDir)); notifyPending({ ..., poster: channels.poster });
 */
export async function startLocalChannels(dataDir: string, port = 0): Promise<LocalChannels> {
  const file = channelPostsFile(dataDir);
  const signingKey = await localLinkSecret(dataDir);
  const receiver = await startLocalReceiver({ port, file }).catch((err: NodeJS.ErrnoException) => {
    throw new Error(err.code === 'EADDRINUSE' || err.code === 'EACCES'
      ? `port ${port} for the local channels receiver is in use or not allowed: stop what uses it, or choose another with --channels-port`
      : `the local channels receiver could not start on port ${port} (${err.message})`);
  });
  // No gap between posts: the receiver is this machine, and a demo run should not wait a second per channel.
  const webhooks = createWebhookPoster({ localOrigins: [receiver.origin], findSent: receiver.findSent, signingKey, perDestinationGapMs: 0 });
  const poster: Poster = {
    post: (message) => webhooks.post(rebased(message, receiver.origin)),
    findSent: (messageId) => webhooks.findSent(messageId),
  };
  return {
    receiver, poster, file,
    origins: [...new Set([LOCAL_CHANNELS_ORIGIN, receiver.origin])],
    close: async () => {
      await webhooks.close();
      await receiver.close();
    },
  };
}

/** The message with a URL of the fixed local origin pointed at this run's receiver; any other message as it is. */
function rebased(message: OutgoingPost, origin: string): OutgoingPost {
  const url = URL.canParse(message.destination.url) ? new URL(message.destination.url) : undefined;
  if (!url || url.origin !== LOCAL_CHANNELS_ORIGIN || origin === LOCAL_CHANNELS_ORIGIN) return message;
  return { ...message, destination: { ...message.destination, url: `${origin}${url.pathname}${url.search}` } };
}

/** How a channel is named in the CLI's lines: "slack demo" for a local one, else its kind and label or id. */
export function channelName(subscriber: { id: string; channel?: { kind: ChannelKind; url: string; label?: string } }): string {
  const channel = subscriber.channel;
  if (!channel) return subscriber.id;
  const url = URL.canParse(channel.url) ? new URL(channel.url) : undefined;
  const local = url?.origin === LOCAL_CHANNELS_ORIGIN ? decodeURIComponent(url.pathname.split('/')[2] ?? '') : '';
  return `${channel.kind} ${local || channel.label || subscriber.id}`;
}
