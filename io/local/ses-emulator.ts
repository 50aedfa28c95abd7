/**
 * The local SES: aws-ses-v2-local, started in this process. It speaks the SES API (so the real
 * SESClient sends to it), keeps what it receives, and serves an inbox page and a store API.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import sesLocal from 'aws-ses-v2-local';

export interface EmulatedEmail {
  messageId: string;
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
  at: number;
}

export interface SesEmulator {
  endpoint: string;
  /** The emulator's own web inbox. */
  inboxUrl: string;
  emails(): Promise<EmulatedEmail[]>;
  /** The raw .eml text of one message, for saving the inbox to disk. */
  eml(messageId: string): Promise<string>;
  /**
   * The message whose plain-text part contains this line. The emulator re-renders what it receives and
   * keeps no custom headers, so a message is found by its text (the e-mail's reference line).
   */
  findByText(line: string): Promise<{ messageId: string } | undefined>;
  close(): Promise<void>;
}

type StartServer = (config: { host?: string; port?: number }) => Promise<Server>;

export async function startSesEmulator(options: { port?: number } = {}): Promise<SesEmulator> {
  const start = ((sesLocal as unknown as { default?: StartServer }).default ?? sesLocal) as unknown as StartServer;
  const server = await start({ host: '127.0.0.1', port: options.port ?? 0 });
  // The emulator resolves with its server even when listening failed (Express 5 hands the error to a
  // callback that ignores it), so a server that does not listen is the sign of a busy or forbidden port.
  if (!server.listening) {
    server.close();
    throw new Error(`port ${options.port} for the local SES emulator is in use or not allowed: stop what uses it, or choose another with --ses-port (or leave it out: any free port)`);
  }
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const emulator: SesEmulator = {
    endpoint,
    inboxUrl: `${endpoint}/`,
    async emails() {
      const res = await fetch(`${endpoint}/store`);
      return ((await res.json()) as { emails: EmulatedEmail[] }).emails;
    },
    async eml(messageId) {
      const res = await fetch(`${endpoint}/get-emlContent?messageId=${encodeURIComponent(messageId)}`);
      const body = (await res.json()) as { body: { data: number[] } | string };
      return typeof body.body === 'string' ? body.body : Buffer.from(body.body.data).toString('utf8');
    },
    async findByText(line) {
      const found = (await emulator.emails()).find((email) => email.body.text?.split(/\r?\n/).some((l) => l.trim() === line));
      return found ? { messageId: found.messageId } : undefined;
    },
    close: () => new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve());
    }),
  };
  return emulator;
}
