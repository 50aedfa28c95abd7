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
import { cycleSummary, notifySummary, progressLine, reminderSummary } from '../output.ts';
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
  const subscribers = subscribersFile ? await loadSubscribersFile(subscribersFile) : [];
  const links: LinkConfig = { secret: await localLinkSecret(dataDir), baseUrl };
  const started = new Started();
  try {
    const local = started.add(await openLocalStore(dataDir));
    const mail = started.add(await startLocalMail(options.sesPort, inboxDir(dataDir)));
    for (const subscriber of subscribers) await local.store.putSubscriber(subscriber);
    const discovery = options.discover === false ? undefined : await discoveryOptions(options.listings && resolve(options.listings));
    const sent = options.offline
      ? await offlineCycles(local.store, mail, sources, dataDir, print, links, discovery)
      : await liveCycle(local.store, mail, sources, print, links, discovery);
    await saveInbox(mail, dataDir, sent, print);
    const site = join(dataDir, 'site');
    const published = await publish(local.store, new Date(), folderWriter(site), { baseUrl: pathToFileURL(`${site}/`).href, subscribeUrl: links.baseUrl });
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

export async function offlineCycles(store: Store, mail: LocalMail, sources: Source[], dataDir: string, print: (line: string) => void, links?: LinkConfig,
  discovery?: CycleOptions['discovery']): Promise<number> {
  const last = await lastRecordedStep(FIXTURE_SITES);
  const previous = await readReplayStep(dataDir);
  // A fresh data folder first records the baseline (the first recorded versions), then replays the
  // next versions in the same run, so that the very first run already shows changes and e-mails.
  const steps = previous === 0 ? [1, Math.min(2, last)] : [Math.min(previous + 1, last)];
  const server = await startReplay(steps[0]!);
  let sent = 0;
  try {
    for (const step of steps) {
      server.setStep(step);
      print(`Offline replay: recorded pages, version ${step} of ${last}, served from ${server.origin}${step === last && previous >= last ? ' (nothing newer is recorded)' : ''}`);
      const fetcher = createFetcher({ ...DEFAULT_FETCHER_OPTIONS, route: { origin: server.origin }, politenessDelayMs: 20 });
      sent += await cycleAndNotify(store, mail, fetcher, sources, print, links, discovery);
      await writeReplayStep(dataDir, step);
    }
  } finally {
    await server.close();
  }
  return sent;
}

export async function liveCycle(store: Store, mail: LocalMail, sources: Source[], print: (line: string) => void, links?: LinkConfig,
  discovery?: CycleOptions['discovery']): Promise<number> {
  print(`Live run: fetching ${sources.length} sources from the agencies' sites${discovery ? ` and ${discovery.listings.length} listings of calls` : ''}`);
  return cycleAndNotify(store, mail, createFetcher(DEFAULT_FETCHER_OPTIONS), sources, print, links, discovery);
}

/** The listings read before each cycle, so that new calls are found and watched (`--no-discover` skips them). */
export async function discoveryOptions(file?: string): Promise<NonNullable<CycleOptions['discovery']>> {
  return { listings: await loadListingRegistry(file ?? DEFAULT_LISTINGS_FILE), parseListing, allowed: urlAllowed(DEFAULT_FETCHER_OPTIONS.allowHosts) };
}

async function cycleAndNotify(store: Store, mail: LocalMail, fetcher: Fetcher, sources: Source[], print: (line: string) => void, links?: LinkConfig,
  discovery?: CycleOptions['discovery']): Promise<number> {
  let cycle: CycleReport;
  try {
    cycle = await runCycle({ fetcher, store, clock: () => new Date(), parse: parsePage }, sources,
      { onResult: (result) => print(progressLine(result)), ...(discovery ? { discovery } : {}) });
  } finally {
    await fetcher.close();
  }
  const notified: NotifyReport = await notifyPending({ store, mailer: mail.mailer, clock: () => new Date(), ...(links ? { links } : {}) });
  const reminded = await remind(store, mail, links);
  for (const line of [...cycleSummary(cycle), notifySummary(notified), reminderSummary(reminded)]) print(line);
  print('');
  return notified.emailsSent + reminded.emailsSent;
}

/** The deadline reminders due now, after the cycle: the catalog it just refreshed, the run's clock. */
export async function remind(store: Store, mail: LocalMail, links?: LinkConfig): Promise<ReminderReport> {
  const now = new Date();
  return sendDueReminders({ store, mailer: mail.mailer, clock: () => now, ...(links ? { links } : {}) }, await upcomingDeadlines(store, now));
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
