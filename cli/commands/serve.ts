/**
 * `fundwatch serve`: the whole deployment on one machine. The subscription pages (subscribe, confirm,
 * preferences, unsubscribe) on a local port, the local SES inbox where their e-mails arrive, the local channels
 * receiver where Slack, Teams and webhook posts arrive (its page lists them), and,
 * with --every, the monitoring cycle on a schedule (then the change e-mails and the deadline reminders
 * due), as EventBridge runs it in AWS. Stops on Ctrl-C, once a running cycle has ended.
 */
import { resolve } from 'node:path';
import { createSubscriptionPages } from '#web/subscription-pages/handler.ts';
import type { Store } from '#core/ports/store.ts';
import { cachedChoices, choicesFrom, readProgrammeChoices, type ProgrammeChoice } from '#core/subscriptions/programme-choices.ts';
import { startPageServer } from '#io/http/node-server.ts';
import { DEFAULT_SOURCES_FILE, loadRegistry, type Source } from '#parsers/sources.ts';
import { localLinkSecret } from '../link-secret.ts';
import { openLocalStore, startLocalMail } from '../local-env.ts';
import { LOCAL_CHANNELS_ORIGIN, LOCAL_CHANNELS_PORT, startLocalChannels } from '../local-channels.ts';
import { discoveryOptions, inboxDir, liveCycle, offlineCycles, saveInbox, savedPosts, type CycleEnv } from './run.ts';
import { makeDataFolder } from '../data-folder.ts';
import { parseBaseUrl } from '../option-values.ts';
import { Started } from '../started.ts';

export interface ServeOptions {
  data: string;
  port: number;
  sources?: string;
  offline?: boolean;
  /** Minutes between monitoring cycles; none: serve the pages only. */
  every?: number;
  sesPort?: number;
  /** The local channels receiver's port (default 8788: the origin local channel URLs are stored with). */
  channelsPort?: number;
  baseUrl?: string;
  /** Resolves when the server should stop (default: Ctrl-C). */
  until?: Promise<void>;
  /** Called once everything is up, with the URLs (for tests and scripts). */
  onReady?: (urls: { pages: string; inbox: string; channels: string }) => void;
}

export async function serveCommand(options: ServeOptions, print: (line: string) => void = console.log): Promise<void> {
  const dataDir = resolve(options.data);
  const baseUrl = parseBaseUrl(options.baseUrl ?? `http://127.0.0.1:${options.port}/`, '--base-url');
  await makeDataFolder(dataDir);
  const sources = await loadRegistry(options.sources ? resolve(options.sources) : DEFAULT_SOURCES_FILE);
  // Ctrl-C is heard from the start: during the first cycle too it stops the schedule, not the process.
  const interrupt = options.until ? undefined : ctrlC(print);
  const stop = options.until ?? interrupt!.heard;
  const started = new Started();
  try {
    const local = started.add(await openLocalStore(dataDir));
    const mail = started.add(await startLocalMail(options.sesPort, inboxDir(dataDir)));
    const channels = started.add(await startLocalChannels(dataDir, options.channelsPort ?? LOCAL_CHANNELS_PORT));
    const links = { secret: await localLinkSecret(dataDir), baseUrl };
    const env: CycleEnv = { store: local.store, mail, poster: channels.poster, links };
    const pages = createSubscriptionPages({ store: local.store, mailer: mail.mailer, clock: () => new Date(), links, poster: channels.poster, channelOrigins: channels.origins },
      { programmes: servedChoices(local.store, sources, print) });
    const server = started.add(await startPageServer(pages, { port: options.port }).catch((err: NodeJS.ErrnoException) => {
      throw new Error(err.code === 'EADDRINUSE' || err.code === 'EACCES'
        ? `port ${options.port} for the subscription pages is in use or not allowed: stop what uses it, or choose another with --port`
        : `the subscription pages could not start on port ${options.port} (${err.message})`);
    }));
    print(`Subscription pages: ${server.url}`);
    print(`Local inbox (the e-mails fundwatch sends, confirmation links included): ${mail.emulator.inboxUrl}`);
    print(`Local channels (what Slack, Teams and webhooks would receive): ${channels.receiver.origin}/`);
    print(`  a local channel's webhook URL, for the form or \`fundwatch channel add\`: ${LOCAL_CHANNELS_ORIGIN}/slack/<name> (or /teams/, /webhook/)`);
    if (options.every) {
      print(`Monitoring cycle every ${options.every} minute(s)${options.offline ? ' on the recorded pages' : ''}; the first one now.`);
      // Closed before the store and the mailer: it waits for a running cycle to end.
      const schedule = started.add(startSchedule(options.every * 60_000,
        () => runOnce(env, sources, dataDir, Boolean(options.offline), channels.file, print).catch((err) => print(`cycle failed: ${(err as Error).message}`))));
      if (!(await Promise.race([schedule.first.then(() => true), stop.then(() => false)]))) return;
    }
    options.onReady?.({ pages: server.url, inbox: mail.emulator.inboxUrl, channels: `${channels.receiver.origin}/` });
    print('Press Ctrl-C to stop.');
    await stop;
  } finally {
    await started.close();
    interrupt?.dispose();
  }
}

/** `heard` resolves on the first Ctrl-C, after which a running cycle may end; a second Ctrl-C stops at once. */
function ctrlC(print: (line: string) => void): { heard: Promise<void>; dispose(): void } {
  const again = () => process.exit(130);
  let first = () => {};
  const heard = new Promise<void>((done) => {
    first = () => {
      print('Stopping: a running cycle finishes first (Ctrl-C again to stop at once).');
      process.once('SIGINT', again);
      done();
    };
    process.once('SIGINT', first);
  });
  return { heard, dispose: () => { process.off('SIGINT', first); process.off('SIGINT', again); } };
}

/**
 * A cycle now and then every `intervalMs`, never two at once (a slow cycle is not overlapped by the next
 * tick). close() stops the ticks and waits for the running cycle, so the store is never closed under it.
 */
export function startSchedule(intervalMs: number, cycle: () => Promise<void>): { first: Promise<void>; close(): Promise<void> } {
  let running: Promise<void> | undefined;
  const tick = (): Promise<void> => {
    running ??= cycle().finally(() => { running = undefined; });
    return running;
  };
  const first = tick();
  const timer = setInterval(() => void tick(), intervalMs);
  return {
    first,
    async close() {
      clearInterval(timer);
      await running;
    },
  };
}

async function runOnce(env: CycleEnv, sources: Source[], dataDir: string, offline: boolean, postsFile: string, print: (line: string) => void): Promise<void> {
  const discovery = await discoveryOptions();
  const sent = offline ? await offlineCycles(env, sources, dataDir, print, discovery) : await liveCycle(env, sources, print, discovery);
  await saveInbox(env.mail, dataDir, sent.emails, print);
  savedPosts(postsFile, sent.posts, print);
}

/** How long the form's programme list is reused: a cycle's new names and calls show up within a minute. */
const CHOICES_TTL_MS = 60_000;

/** The programmes a subscriber can pick, as the store names them now (registry, latest snapshots, found calls). */
function servedChoices(store: Store, sources: Source[], print: (line: string) => void): () => Promise<ProgrammeChoice[]> {
  return cachedChoices(() => readProgrammeChoices(store, sources), {
    ttlMs: CHOICES_TTL_MS, fallback: () => choicesFrom(sources, [], []),
    onError: (err) => print(`the form lists programmes by id for now: their names could not be read from the store (${(err as Error).message})`),
  });
}
