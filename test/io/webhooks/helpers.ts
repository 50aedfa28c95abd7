/** What the webhook tests share: a DNS stand-in, a bare local server that counts what reaches it, a poster on a fake clock. */
import type { LookupAddress } from 'node:dns';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, LookupFunction } from 'node:net';
import { createWebhookPoster, type WebhookPoster } from '#io/webhooks/poster.ts';
import type { WebhookPosterOptions } from '#io/webhooks/options.ts';

/** A resolver whose n-th question about a name gets the n-th answer listed (the last one repeats); every question is recorded. */
export function scriptedDns(table: Record<string, string[][]>): LookupFunction & { asked: string[] } {
  const asked: string[] = [];
  const lookup = (hostname: string, options: { all?: boolean }, callback: (err: Error | null, address: string | LookupAddress[], family?: number) => void): void => {
    const turn = asked.filter((h) => h === hostname).length;
    asked.push(hostname);
    const script = table[hostname] ?? [];
    const answers = (script[Math.min(turn, script.length - 1)] ?? []).map((address): LookupAddress => ({ address, family: address.includes(':') ? 6 : 4 }));
    if (answers.length === 0) callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), '', 4);
    else if (options.all) callback(null, answers);
    else callback(null, answers[0]!.address, answers[0]!.family);
  };
  return Object.assign(lookup as LookupFunction, { asked });
}

export interface CountingServer {
  port: number;
  /** TCP connections accepted: 0 means nothing at all reached the server. */
  connections: number;
  requests: Array<{ url: string; headers: IncomingMessage['headers']; body: string }>;
  close(): Promise<void>;
}

/** A bare node:http server on 127.0.0.1; the handler answers (200 ok when none is given). */
export async function startCountingServer(handler?: (req: IncomingMessage, res: ServerResponse, body: string) => void): Promise<CountingServer> {
  const state = { connections: 0, requests: [] as CountingServer['requests'] };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      state.requests.push({ url: req.url ?? '', headers: req.headers, body });
      if (handler) handler(req, res, body);
      else res.writeHead(200).end('ok');
    });
  });
  server.on('connection', () => { state.connections += 1; });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(state, {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  });
}

export interface FakeTime {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Every wait the poster asked for, in order; the clock moved on by each. */
  waits: number[];
}

/** A clock that only moves when the poster sleeps: waits are recorded, never slept through. */
export function fakeTime(start = Date.UTC(2026, 10, 26, 9, 0, 0)): FakeTime {
  let clock = start;
  const waits: number[] = [];
  return { now: () => clock, sleep: async (ms) => { waits.push(ms); clock += ms; }, waits };
}

/** A poster for tests: short timeouts, no per-destination gap unless asked, the fake clock; closed by `closeAll`. */
export function posterFactory(): { make(options: Partial<WebhookPosterOptions>): WebhookPoster; closeAll(): Promise<void> } {
  const made: WebhookPoster[] = [];
  return {
    make(options) {
      const poster = createWebhookPoster({ connectTimeoutMs: 2000, totalTimeoutMs: 5000, perDestinationGapMs: 0, ...options });
      made.push(poster);
      return poster;
    },
    async closeAll() {
      for (const poster of made.splice(0)) await poster.close();
    },
  };
}

/** The rejection of a promise that must fail; fails the test if it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  return promise.then(() => { throw new Error('expected the post to fail'); }, (err: unknown) => err as Error);
}
