/** `fundwatch run`: one full monitoring cycle on the local engines (or the live sites), then notify and remind. */
import { mkdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { runCycle, type CycleOptions, type CycleReport } from '#core/monitoring/cycle.ts';
import { DEFAULT_LISTINGS_FILE, loadListingRegistry } from '#parsers/listings/registry.ts';
import { parseListing } from '#parsers/listings/parse-listing.ts';
import { urlAllowed } from '#io/fetch/allowlist.ts';
import { notifyPending, type NotifyReport } from '#core/notification/notify.ts';
import { sendDueReminders, type ReminderReport } from '#core/notification/send-reminders.ts';
import { upcomingDeadlines } from '#core/analyst/read-catalog.ts';
import { createFetcher, DEFAULT_FETCHER_OPTIONS } from '#io/fetch/fetcher.ts';
import { parsePage } from '#parsers/parse-page.ts';
import { loadRegistry, DEFAULT_SOURCES_FILE, type Source } from '#parsers/sources.ts';
import type { Fetcher } from '#core/ports/fetcher.ts';
import type { Store } from '#core/ports/store.ts';
import { FIXTURE_SITES, PROJECT_ROOT, openLocalStore, startLocalMail, startReplay, type LocalMail } from '../local-env.ts';
import { channelSummary, cycleSummary, notifySummary, progressLine, reminderSummary } from '../output.ts';
import type { Poster } from '#core/ports/poster.ts';
import { channelName, LOCAL_CHANNELS_ORIGIN, startLocalChannels } from '../local-channels.ts';
import { publish } from '#web/publish.ts';
import { folderWriter } from '#io/publish/folder-writer.ts';
import { pathToFileURL } from 'node:url';
import { lastRecordedStep, readReplayStep, writeReplayStep } from '../replay.ts';
import { loadSubscribersFile } from '../subscribers-file.ts';
import { makeDataFolder } from '../data-folder.ts';
import { parseBaseUrl } from '../option-values.ts';
import { Started } from '../started.ts';
import { localLinkSecret } from '../link-secret.ts';
import type { LinkConfig } from '#core/subscriptions/links.ts';

export interface RunOptions {
  offline?: boolean;
  sources?: string;
  data: string;
  subscribers?: string;
  keepOpen?: boolean;
  sesPort?: number;
  /** Where the subscription pages are served (`fundwatch serve`): the links in e-mails point there. */
  baseUrl?: string;
  /** The listings of calls to read (default: parsers/listing-sources.json); false with --no-discover. */
  listings?: string;
  discover?: boolean;
}

export const DEFAULT_BASE_URL = 'http://127.0.0.1:8787/';

export const DEMO_SUBSCRIBERS = join(PROJECT_ROOT, 'fixtures', 'demo-subscribers.json');

export async function runCommand(options: RunOptions, print: (line: string) => void = console.log): Promise<void> {
  const dataDir = resolve(options.data);
  const baseUrl = parseBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL, '--base-url');
  await makeDataFolder(dataDir);
  const sources = await loadRegistry(options.sources ? resolve(options.sources) : DEFAULT_SOURCES_FILE);
  const subscribersFile = options.subscribers ?? (options.offline ? DEMO_SUBSCRIBERS : undefined);
  const subscribers = subscribersFile ? await loadSubscribersFile(subscribersFile, { channels: true }) : [];
  const links: LinkConfig = { secret: await localLinkSecret(dataDir), baseUrl };
  const started = new Started();
  try {
    const local = started.add(await openLocalStore(dataDir));
    const mail = started.add(await startLocalMail(options.sesPort, inboxDir(dataDir)));
    const channels = started.add(await startLocalChannels(dataDir));
    for (const subscriber of subscribers) await local.store.putSubscriber(subscriber);
    const discovery = options.discover === false ? undefined : await discoveryOptions(options.listings && resolve(options.listings));
    const env: CycleEnv = { store: local.store, mail, poster: channels.poster, links };
    const sent = options.offline ? await offlineCycles(env, sources, dataDir, print, discovery) : await liveCycle(env, sources, print, discovery);
    await saveInbox(mail, dataDir, sent.emails, print);
    savedPosts(channels.file, sent.posts, print);
    const site = join(dataDir, 'site');
    const published = await publish(local.store, new Date(), folderWriter(site), { baseUrl: pathToFileURL(`${site}/`).href, subscribeUrl: links.baseUrl, registry: sources });
    print(`Page and feeds: ${published.files} files in ${relative(process.cwd(), site) || site} (open index.html; calendars and Atom feeds under feeds/)`);
    print(`Data: ${relative(process.cwd(), local.dbPath) || local.dbPath} (DynamoDB API, embedded dynalite engine)`);
    if (options.keepOpen) {
      print(`Inbox open at ${mail.emulator.inboxUrl}; press Ctrl-C to stop.`);
      await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
    }
  } finally {
    await started.close();
  }
}

/** What a cycle notifies through: the store, the local mail, the local channels' poster, the links' key and base URL. */
export interface CycleEnv {
  store: Store;
  mail: LocalMail;
  poster?: Poster;
  links?: LinkConfig;
}

/** What a run sent: e-mails (counted), and the channels posted to (named, once a post). */
export interface Sent { emails: number; posts: string[] }

export async function offlineCycles(env: CycleEnv, sources: Source[], dataDir: string, print: (line: string) => void,
  discovery?: CycleOptions['discovery']): Promise<Sent> {
  const last = await lastRecordedStep(FIXTURE_SITES);
  const previous = await readReplayStep(dataDir);
  // A fresh data folder first records the baseline (the first recorded versions), then replays the
  // next versions in the same run, so that the very first run already shows changes and e-mails.
  const steps = previous === 0 ? [1, Math.min(2, last)] : [Math.min(previous + 1, last)];
  const server = await startReplay(steps[0]!);
  const sent: Sent = { emails: 0, posts: [] };
  try {
    for (const step of steps) {
      server.setStep(step);
      print(`Offline replay: recorded pages, version ${step} of ${last}, served from ${server.origin}${step === last && previous >= last ? ' (nothing newer is recorded)' : ''}`);
      const fetcher = createFetcher({ ...DEFAULT_FETCHER_OPTIONS, route: { origin: server.origin }, politenessDelayMs: 20 });
      const cycle = await cycleAndNotify(env, fetcher, sources, print, discovery);
      sent.emails += cycle.emails;
      sent.posts.push(...cycle.posts);
      await writeReplayStep(dataDir, step);
    }
  } finally {
    await server.close();
  }
  return sent;
}

export async function liveCycle(env: CycleEnv, sources: Source[], print: (line: string) => void,
  discovery?: CycleOptions['discovery']): Promise<Sent> {
  print(`Live run: fetching ${sources.length} sources from the agencies' sites${discovery ? ` and ${discovery.listings.length} listings of calls` : ''}`);
  return cycleAndNotify(env, createFetcher(DEFAULT_FETCHER_OPTIONS), sources, print, discovery);
}

/** The listings read before each cycle, so that new calls are found and watched (`--no-discover` skips them). */
export async function discoveryOptions(file?: string): Promise<NonNullable<CycleOptions['discovery']>> {
  return { listings: await loadListingRegistry(file ?? DEFAULT_LISTINGS_FILE), parseListing, allowed: urlAllowed(DEFAULT_FETCHER_OPTIONS.allowHosts) };
}

async function cycleAndNotify(env: CycleEnv, fetcher: Fetcher, sources: Source[], print: (line: string) => void,
  discovery?: CycleOptions['discovery']): Promise<Sent> {
  const { store, mail, poster, links } = env;
  let cycle: CycleReport;
  try {
    cycle = await runCycle({ fetcher, store, clock: () => new Date(), parse: parsePage }, sources,
      { onResult: (result) => print(progressLine(result)), ...(discovery ? { discovery } : {}) });
  } finally {
    await fetcher.close();
  }
  const notified: NotifyReport = await notifyPending({ store, mailer: mail.mailer, clock: () => new Date(), ...(links ? { links } : {}), ...(poster ? { poster } : {}) });
  const reminded = await remind(env);
  const channels = await channelNames(store);
  const posts = [...notified.channels, ...reminded.channels];
  for (const line of [...cycleSummary(cycle), notifySummary(notified), reminderSummary(reminded)]) print(line);
  // Only a store with channels says so: an e-mail-only run prints what it always printed.
  if (channels.size) print(channelSummary(posts));
  print('');
  return { emails: notified.emailsSent + reminded.emailsSent, posts: posts.map((id) => channels.get(id) ?? id) };
}

/** The store's channels, by subscriber id, with the names the CLI shows ("slack demo"). */
async function channelNames(store: Store): Promise<Map<string, string>> {
  return new Map((await store.listSubscribers()).filter((s) => s.channel).map((s) => [s.id, channelName(s)]));
}

/** The deadline reminders due now, after the cycle: the catalog it just refreshed, the run's clock. */
export async function remind({ store, mail, poster, links }: CycleEnv): Promise<ReminderReport> {
  const now = new Date();
  return sendDueReminders({ store, mailer: mail.mailer, clock: () => now, ...(links ? { links } : {}), ...(poster ? { poster } : {}) }, await upcomingDeadlines(store, now));
}

/** Where the local mailer saves each message it sends (io/local/inbox-folder.ts), as it sends it. */
export const inboxDir = (dataDir: string): string => join(dataDir, 'inbox');

/**
 * Says where this run's e-mails are. Each was saved as it was sent, before the send was recorded, so a
 * killed run's e-mails are there too (the emulator's web inbox keeps only this process's mail).
 */
export async function saveInbox(_mail: LocalMail, dataDir: string, sent: number, print: (line: string) => void): Promise<void> {
  const inbox = inboxDir(dataDir);
  await mkdir(inbox, { recursive: true });
  print(`Inbox: ${sent} e-mail(s) this run, saved as .eml files in ${relative(process.cwd(), inbox) || inbox} ` +
    `(open with any mail client, or add --keep-open to browse the local SES inbox in a web browser)`);
}

/** Says where this run's channel posts are: the local receiver kept each, as it answered it, in `file`. */
export function savedPosts(file: string, posts: string[], print: (line: string) => void): void {
  print(`Channel posts: ${posts.length} this run${posts.length ? ` (${posts.join(', ')})` : ''}, saved in ${relative(process.cwd(), file) || file} `
    + `(\`fundwatch serve\` lists them at ${LOCAL_CHANNELS_ORIGIN}/)`);
}
