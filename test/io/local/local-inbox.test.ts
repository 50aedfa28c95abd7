/**
 * The local inbox outlives a killed run: the mail the CLI sends through the SES emulator is saved under
 * <data>/inbox, as the exact raw message, before the send is recorded. A run killed right after a send
 * (the emulator's memory gone with it) still leaves the .eml, and the next run finds it there by its
 * delivery key instead of sending it again; a message sent again replaces its file.
 */
import { mkdtemp, open, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OutgoingMail } from '#core/ports/mailer.ts';
import { DELIVERY_HEADER } from '#io/mail/ses-mailer.ts';
import { inboxFolder } from '#io/local/inbox-folder.ts';
import { startLocalMail } from '../../../cli/local-env.ts';

const MAIL: OutgoingMail = {
  to: 'reader@example.org', subject: 'ASPIRE: deadline moved', text: 'The deadline moved.\r\n', html: '<p>The deadline moved.</p>',
  headers: { 'List-Unsubscribe': '<https://fundwatch.example/unsubscribe?t=abc>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
};
const KEY = '0123456789abcdef0123456789abcdef';

describe('the local inbox folder', () => {
  let data: string;
  beforeEach(async () => { data = await mkdtemp(join(tmpdir(), 'fundwatch-inbox-')); });
  afterEach(async () => { await rm(data, { recursive: true, force: true }); });

  it('holds a sent e-mail, every header included, as soon as the send returns', async () => {
    const mail = await startLocalMail(undefined, join(data, 'inbox'));
    try {
      await mail.mailer.send(MAIL, KEY);
    } finally {
      // Killed here: the run never reached the end where it used to copy the emulator's inbox to disk.
      await mail.close();
    }

    const saved = await readFile(join(data, 'inbox', `${KEY}.eml`), 'utf8');
    expect(saved).toContain('List-Unsubscribe: <https://fundwatch.example/unsubscribe?t=abc>\r\n');
    expect(saved).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n');
    expect(saved).toContain(`${DELIVERY_HEADER}: ${KEY}\r\n`);
    expect(saved).toContain('To: reader@example.org\r\n');
  });

  it('tells the next run the e-mail went out, and a second send replaces the file instead of adding one', async () => {
    const killed = await startLocalMail(undefined, join(data, 'inbox'));
    await killed.mailer.send(MAIL, KEY).finally(() => killed.close());

    const next = await startLocalMail(undefined, join(data, 'inbox'));
    try {
      expect(await next.mailer.findSent(KEY)).toEqual({ messageId: `inbox/${KEY}.eml` });
      expect(await next.mailer.findSent('f'.repeat(32))).toBeUndefined();
      await next.mailer.send(MAIL, KEY);
    } finally {
      await next.close();
    }

    expect(await readdir(join(data, 'inbox'))).toEqual([`${KEY}.eml`]);
  });

  it('flushes the message and its folder entry to disk before it returns, so a power cut cannot undo a kept e-mail', async () => {
    // A power cut is a fault no engine here can produce: the flushes themselves are what is observed.
    const probe = await open(join(data, 'probe'), 'w');
    const handles = Object.getPrototypeOf(probe) as { sync(): Promise<void> };
    await probe.close();
    const sync = vi.spyOn(handles, 'sync');
    const inbox = inboxFolder(join(data, 'inbox'));
    try {
      await inbox.keep('Subject: kept\r\n\r\nbody\r\n', KEY, 'unused');
      expect(sync).toHaveBeenCalledTimes(2);
    } finally {
      sync.mockRestore();
    }
    expect(await readdir(join(data, 'inbox'))).toEqual([`${KEY}.eml`]);
    expect(await inbox.find(KEY)).toEqual({ messageId: `inbox/${KEY}.eml` });
  });
});
