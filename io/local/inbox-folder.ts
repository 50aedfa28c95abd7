/**
 * The local inbox: a folder of .eml files, each the exact raw message the mailer built (every header, the
 * List-Unsubscribe pair and the delivery key included), written before the mailer's send returns, so before
 * the notifier records the send. The SES emulator keeps its mail in memory and loses it with the process;
 * this folder is what a killed run leaves, and what the next run asks whether an e-mail went out.
 *
 * A message with a delivery key is saved as <key>.eml: a rerun that sends it again replaces it, never adds a
 * second copy. Each file is written under a temporary name and renamed, so a kill leaves a whole file or none.
 * The file and then the folder are flushed to disk before keep() returns: the store records the send next, and
 * after a power cut (not only a killed process) a recorded send must still find its .eml.
 */
import { mkdir, open, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { syncFolder } from '#lib/sync-folder.ts';

export interface InboxFolder {
  dir: string;
  /** Saves one sent message; `messageId` names a message that has no delivery key (a confirmation e-mail). */
  keep(raw: string, deliveryKey: string | undefined, messageId: string): Promise<void>;
  /** The saved message with this delivery key, named by its file (the emulator's id died with its process). */
  find(deliveryKey: string): Promise<{ messageId: string } | undefined>;
}

/** Delivery keys are hex digests (core/notification/notify.ts deliveryKey): anything else could name a path. */
const SAFE_NAME = /^[A-Za-z0-9._-]+$/;

function fileName(deliveryKey: string | undefined, messageId: string): string {
  const name = deliveryKey ?? `${new Date().toISOString().replace(/[:.]/g, '-')}-${messageId}`;
  if (!SAFE_NAME.test(name) || name.startsWith('.')) throw new Error(`refusing to save the e-mail ${JSON.stringify(name)} in the local inbox: not a plain file name`);
  return `${name}.eml`;
}

export function inboxFolder(dir: string): InboxFolder {
  return {
    dir,
    async keep(raw, deliveryKey, messageId) {
      await mkdir(dir, { recursive: true });
      const name = fileName(deliveryKey, messageId);
      const temporary = join(dir, `.${name}.${process.pid}.tmp`);
      const file = await open(temporary, 'w');
      try {
        await file.writeFile(raw);
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(temporary, join(dir, name));
      await syncFolder(dir);
    },
    async find(deliveryKey) {
      const name = fileName(deliveryKey, '');
      try {
        await stat(join(dir, name));
        return { messageId: `inbox/${name}` };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw err;
      }
    },
  };
}

