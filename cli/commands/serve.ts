/**
 * `fundwatch serve`: the whole deployment on one machine. The subscription pages (subscribe, confirm,
 * preferences, unsubscribe) on a local port, the local SES inbox where their e-mails arrive, and,
 * with --every, the monitoring cycle on a schedule (then the change e-mails and the deadline reminders
 * due), as EventBridge runs it in AWS. Stops on Ctrl-C.
 */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createSubscriptionPages } from '#core/subscription-pages.ts';
import type { Store } from '#core/ports.ts';
import { startPageServer, type PageServer } from '#io/http/node-server.ts';
import { DEFAULT_SOURCES_FILE, loadRegistry, type Source } from '#parsers/sources.ts';
import { localLinkSecret } from '../link-secret.ts';
import { openLocalStore, startLocalMail, type LocalMail } from '../local-env.ts';
import { discoveryOptions, liveCycle, offlineCycles, saveInbox } from './run.ts';

export interface ServeOptions {
  data: string;
  port: number;
  sources?: string;
  offline?: boolean;
  /** Minutes between monitoring cycles; none: serve the pages only. */
  every?: number;
  sesPort?: number;
  baseUrl?: string;
  /** Resolves when the server should stop (default: Ctrl-C). */
  until?: Promise<void>;
  /** Called once everything is up, with the URLs (for tests and scripts). */
  onReady?: (urls: { pages: string; inbox: string }) => void;
}

export async function serveCommand(options: ServeOptions, print: (line: string) => void = console.log): Promise<void> {
  const dataDir = resolve(options.data);
  await mkdir(dataDir, { recursive: true });
  const sources = await loadRegistry(options.sources ? resolve(options.sources) : DEFAULT_SOURCES_FILE);
  const local = await openLocalStore(dataDir);
  const mail = await startLocalMail(options.sesPort);
  let server: PageServer | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    const secret = await localLinkSecret(dataDir);
    const baseUrl = options.baseUrl ?? `http://127.0.0.1:${options.port}/`;
    const links = { secret, baseUrl };
    const pages = createSubscriptionPages({ store: local.store, mailer: mail.mailer, clock: () => new Date(), links },
      { programmes: await programmeChoices(local.store, sources) });
    server = await startPageServer(pages, { port: options.port });
    print(`Subscription pages: ${server.url}`);
    print(`Local inbox (the e-mails fundwatch sends, confirmation links included): ${mail.emulator.inboxUrl}`);
    if (options.every) {
      print(`Monitoring cycle every ${options.every} minute(s)${options.offline ? ' on the recorded pages' : ''}; the first one now.`);
      const cycle = () => runOnce(local.store, mail, sources, dataDir, Boolean(options.offline), links, print).catch((err) => print(`cycle failed: ${(err as Error).message}`));
      await cycle();
      timer = setInterval(cycle, options.every * 60_000);
    }
    options.onReady?.({ pages: server.url, inbox: mail.emulator.inboxUrl });
    print('Press Ctrl-C to stop.');
    await (options.until ?? new Promise<void>((done) => process.once('SIGINT', () => done())));
  } finally {
    if (timer) clearInterval(timer);
    await server?.close();
    await mail.close();
    await local.close();
  }
}

let running = false;
async function runOnce(store: Store, mail: LocalMail, sources: Source[], dataDir: string, offline: boolean, links: { secret: string; baseUrl: string }, print: (line: string) => void): Promise<void> {
  if (running) return; // a slow cycle is never overlapped by the next tick
  running = true;
  try {
    const discovery = await discoveryOptions();
    const sent = offline ? await offlineCycles(store, mail, sources, dataDir, print, links, discovery) : await liveCycle(store, mail, sources, print, links, discovery);
    await saveInbox(mail, dataDir, sent, print);
  } finally {
    running = false;
  }
}

/** The programmes a subscriber can pick: every programme of the registry, by the name its latest record gives. */
async function programmeChoices(store: Store, sources: Source[]): Promise<Array<{ id: string; name: string }>> {
  const names = new Map<string, string>();
  for (const source of sources) {
    const snapshot = await store.getLatestSnapshot(source.id);
    for (const program of snapshot?.result.programs ?? []) if (!names.has(program.id) || source.lang === 'en') names.set(program.id, program.name.en ?? program.name.ja ?? program.id);
    if (source.program && !names.has(source.program)) names.set(source.program, source.program);
  }
  return [...names].map(([id, name]) => ({ id, name })).sort((a, b) => a.id.localeCompare(b.id));
}
