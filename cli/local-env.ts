/**
 * The local stand-ins for AWS, started by the program itself: an embedded DynamoDB-API engine
 * (dynalite, persisted under the data folder: local-store.ts, re-exported here), the SES emulator, and
 * for offline runs the fixture server that replays recorded agency pages. The cycle code that runs on
 * them is the Lambda's.
 */
import { startSesEmulator, type SesEmulator } from '#io/local/ses-emulator.ts';
import { inboxFolder } from '#io/local/inbox-folder.ts';
import { startFixtureServer, type FixtureServer } from '#io/local/fixture-server.ts';
import { createSesMailer } from '#io/mail/ses-mailer.ts';
import type { Mailer } from '#core/ports/mailer.ts';
import { referenceLine } from '#core/notification/email/change-email.ts';
import { FIXTURE_SITES } from './project-paths.ts';

export { FIXTURE_SITES, PROJECT_ROOT } from './project-paths.ts';
export { openLocalStore, type LocalStore } from './local-store.ts';
export const LOCAL_SENDER = 'fundwatch <alerts@fundwatch.local>';

export interface LocalMail {
  mailer: Mailer;
  emulator: SesEmulator;
  close(): Promise<void>;
}

/**
 * The local SES and its mailer. With `inboxDir` (the data folder's inbox) every message is saved there, raw,
 * before the send returns, and a crashed run's e-mail is looked up there: the emulator forgets with its process.
 */
export async function startLocalMail(port?: number, inboxDir?: string): Promise<LocalMail> {
  const emulator = await startSesEmulator({ port });
  const inbox = inboxDir ? inboxFolder(inboxDir) : undefined;
  const mailer = createSesMailer({ from: LOCAL_SENDER, endpoint: emulator.endpoint, maxPerSecond: 50,
    ...(inbox ? { keep: inbox.keep, lookup: inbox.find } : { lookup: (key: string) => emulator.findByText(referenceLine(key)) }) });
  return { mailer, emulator, close: () => emulator.close() };
}

export async function startReplay(step: number): Promise<FixtureServer> {
  return startFixtureServer({ root: FIXTURE_SITES, step });
}
