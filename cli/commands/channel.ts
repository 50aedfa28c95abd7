/**
 * `fundwatch channel add` and `fundwatch channel list`: Slack, Teams and generic webhook channels in a local store.
 * Adding one is the subscription pages' double opt-in (core/subscriptions/channel-flow.ts): a pending channel and one
 * post carrying the confirm link, which opens on the pages of `fundwatch serve`; nothing else is posted until then.
 */
import { relative, resolve } from 'node:path';
import type { ChannelKind } from '#core/domain/channels.ts';
import type { Mailer } from '#core/ports/mailer.ts';
import { subscribeChannel, type ChannelOutcome } from '#core/subscriptions/channel-flow.ts';
import { parsePreferences } from '#core/subscriptions/preferences.ts';
import { maskUrl } from '#io/webhooks/mask-url.ts';
import { makeDataFolder, requireStore } from '../data-folder.ts';
import { localLinkSecret } from '../link-secret.ts';
import { LOCAL_CHANNELS_ORIGIN, startLocalChannels } from '../local-channels.ts';
import { openLocalStore } from '../local-store.ts';
import { parseBaseUrl } from '../option-values.ts';
import { Started } from '../started.ts';
import { DEFAULT_BASE_URL } from './run.ts';

export interface ChannelAddOptions {
  kind: ChannelKind;
  url: string;
  owner: string;
  label?: string;
  lang?: string;
  agencies?: string[];
  programs?: string[];
  delivery?: string;
  data: string;
  baseUrl?: string;
}

/** Adding a channel sends no e-mail: the confirmation goes to the channel itself. */
const NO_MAIL: Mailer = {
  send: async () => { throw new Error('adding a channel sends no e-mail'); },
  findSent: async () => 'unknown',
};

export async function channelAddCommand(options: ChannelAddOptions, print: (line: string) => void = console.log): Promise<void> {
  const dataDir = resolve(options.data);
  const baseUrl = parseBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL, '--base-url');
  // Checked before anything starts: a wrong language, agency or delivery is one line, not a half-added channel.
  const preferences = inOneLine(() => parsePreferences({ lang: options.lang, delivery: options.delivery, agencies: options.agencies, programs: options.programs }));
  await makeDataFolder(dataDir);
  const started = new Started();
  try {
    const local = started.add(await openLocalStore(dataDir));
    const channels = started.add(await startLocalChannels(dataDir));
    const deps = { store: local.store, mailer: NO_MAIL, clock: () => new Date(), links: { secret: await localLinkSecret(dataDir), baseUrl },
      poster: channels.poster, channelOrigins: channels.origins };
    const request = { kind: options.kind, url: options.url, ownerEmail: options.owner, ...(options.label ? { label: options.label } : {}) };
    const outcome = await subscribeChannel(deps, request, preferences).catch((err: Error) => { throw new Error(`the channel was not added: ${err.message}`); });
    const isLocal = new URL(options.url.trim()).origin === LOCAL_CHANNELS_ORIGIN;
    print(`${options.kind} channel ${maskUrl(options.url.trim())}: ${OUTCOME[outcome]}`);
    if (outcome === 'confirmation-posted' && isLocal) {
      print(`See the confirmation in ${relative(process.cwd(), channels.file) || channels.file}, or on the page \`fundwatch serve --data ${options.data}\` shows at ${LOCAL_CHANNELS_ORIGIN}/; `
        + `its link opens on the subscription pages of that \`fundwatch serve\` (${baseUrl}).`);
    }
  } finally {
    await started.close();
  }
}

const OUTCOME: Record<ChannelOutcome, string> = {
  'confirmation-posted': 'pending. The confirmation link was posted to the channel; nothing else is posted there until someone opens it '
    + '(a generic webhook\'s signing secret is shown then, once).',
  throttled: 'still pending: its confirmation was posted less than an hour ago; open the link in that post, or try again in an hour.',
  limited: 'not posted to: it has had as many confirmation requests as a day allows; try again tomorrow.',
  'already-confirmed': 'already confirmed: it receives alerts; change them with the manage link in its posts.',
};

export async function channelListCommand(options: { data: string }, print: (line: string) => void = console.log): Promise<void> {
  const dataDir = resolve(options.data);
  requireStore(dataDir);
  const local = await openLocalStore(dataDir);
  try {
    const channels = (await local.store.listSubscribers()).filter((s) => s.channel);
    if (channels.length === 0) return print(`No channels in ${options.data}: add one with \`fundwatch channel add --kind slack --url URL --owner EMAIL --data ${options.data}\``);
    for (const s of channels) {
      const c = s.channel!;
      // The URL is a secret (anyone holding a Slack or Teams webhook URL can post there): masked, as in every log.
      print([s.id, c.kind.padEnd(7), s.status.padEnd(12), maskUrl(c.url), `refusals ${c.refusals ?? 0}`, ...(c.label ? [`"${c.label}"`] : [])].join('  '));
    }
  } finally {
    await local.close();
  }
}

function inOneLine<T>(read: () => T): T {
  try {
    return read();
  } catch (err) {
    throw new Error(`${(err as Error).message}: fix that option and run again`);
  }
}
