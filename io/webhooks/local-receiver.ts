/**
 * The local receiving end of channels (`fundwatch serve`, the offline demo, tests): what each Slack, Teams or
 * generic webhook would have received, like the local inbox for e-mail. A node:http server on 127.0.0.1 that takes
 * POSTs at /slack/<name>, /teams/<name> and /webhook/<name>, keeps each body with its headers, and answers 200 ok,
 * or, when told, another status (and Retry-After) for the next few posts, to play a throttled or deleted webhook.
 *
 * With a file, each post is also appended to it as one JSON line, flushed to disk before the 200 goes out (as
 * io/local/inbox-folder.ts does for e-mails): the notifier records a send only after the answer, so a recorded
 * send always finds its line, and a restarted receiver reads the file back for findSent.
 */
import { mkdir, open, readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { syncFolder } from '#lib/sync-folder.ts';
import { CHANNEL_KINDS, type ChannelKind } from '#core/domain/channels.ts';
import { escapeHtml } from '#lib/escape.ts';

export interface ReceivedPost {
  kind: ChannelKind;
  name: string;
  /** The delivery key it came under: `webhook-id`, else `idempotency-key` (io/webhooks/poster.ts sends both). */
  messageId: string | undefined;
  headers: Record<string, string>;
  body: string;
  at: string;
}

export interface LocalReceiver {
  /** http://127.0.0.1:PORT: give it to the poster as a local origin. */
  origin: string;
  urlFor(kind: ChannelKind, name: string): string;
  /** Every post answered 2xx, oldest first. */
  received: ReceivedPost[];
  /** How many requests arrived at all, refused ones included. */
  requests: number;
  /** The next `count` posts are answered `status` (with Retry-After when given) and not kept. */
  answerNext(count: number, status: number, retryAfter?: string): void;
  /** The Poster's findSent for local runs: whether a post with this delivery key was received. */
  findSent(messageId: string): Promise<{ messageId: string } | undefined>;
  close(): Promise<void>;
}

export interface LocalReceiverOptions {
  /** 0 (the default) lets the system pick a free port. */
  port?: number;
  /** A JSON Lines file under the data folder that keeps every received post across restarts. */
  file?: string;
}

const PATH = new RegExp(`^/(${CHANNEL_KINDS.join('|')})/([A-Za-z0-9._-]{1,100})$`);
const MAX_BODY_BYTES = 1024 * 1024;

export async function startLocalReceiver(options: LocalReceiverOptions = {}): Promise<LocalReceiver> {
  const received: ReceivedPost[] = options.file ? await readJsonLines(options.file) : [];
  const scripted: Array<{ status: number; retryAfter: string | undefined }> = [];
  let appended: Promise<void> = Promise.resolve();
  const state = { requests: 0 };
  const server = createServer((req, res) => {
    state.requests += 1;
    void handle(req, res).catch(() => { if (!res.headersSent) res.writeHead(500).end('the local receiver could not keep the post'); });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method === 'GET' && (req.url === '/' || req.url === '')) return void res.writeHead(200, PAGE_HEADERS).end(receivedPage(received));
    const match = PATH.exec(req.url ?? '');
    if (!match) return void res.writeHead(404).end('post to /slack/<name>, /teams/<name> or /webhook/<name>');
    if (req.method !== 'POST') return void res.writeHead(405, { allow: 'POST' }).end('webhooks take POST only');
    const body = await readBody(req);
    if (body === undefined) return void res.writeHead(413).end('too large');
    const script = scripted.shift();
    if (script) return void res.writeHead(script.status, script.retryAfter ? { 'retry-after': script.retryAfter } : {}).end(`scripted ${script.status}`);
    const post = toPost(match[1] as ChannelKind, match[2]!, req, body);
    if (options.file) await (appended = appended.then(() => appendDurably(options.file!, post)));
    received.push(post);
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
  }

  // A busy or forbidden port rejects (EADDRINUSE, EACCES) instead of crashing the process with an unheard 'error'.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => { server.off('error', reject); resolve(); });
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(state, {
    origin,
    received,
    urlFor: (kind: ChannelKind, name: string) => `${origin}/${kind}/${encodeURIComponent(name)}`,
    answerNext(count: number, status: number, retryAfter?: string) {
      for (let i = 0; i < count; i += 1) scripted.push({ status, retryAfter });
    },
    findSent: async (messageId: string) => (received.some((p) => p.messageId === messageId) ? { messageId } : undefined),
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  });
}

/** The page allows no script, no fetch, no frame: only its own inline style. */
const PAGE_HEADERS = { 'content-type': 'text/html; charset=utf-8', 'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'", 'cache-control': 'no-store' };

/**
 * What each channel received, newest first, each body pretty-printed. Every body is rendered from the agencies'
 * page text (hostile until escaped), so all of it, headers and names included, goes through escapeHtml.
 */
function receivedPage(posts: ReceivedPost[]): string {
  const items = [...posts].reverse().map((p) => `<li><h2>${escapeHtml(`${p.kind} ${p.name}`)}</h2><p>${escapeHtml(p.at)}`
    + `${p.messageId ? ` · id ${escapeHtml(p.messageId)}` : ''}${p.headers['webhook-signature'] ? ' · signed (Standard Webhooks)' : ''}</p>`
    + `<pre>${escapeHtml(pretty(p.body))}</pre></li>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>fundwatch: local channels</title>`
    + '<style>body{font-family:system-ui,sans-serif;margin:1rem auto;max-width:60rem;padding:0 1rem}ol{list-style:none;padding:0}'
    + 'pre{background:#f4f4f4;padding:.5rem;overflow-x:auto;white-space:pre-wrap;word-break:break-word}h2{font-size:1rem;margin:1rem 0 0}</style>'
    + `</head><body><h1>Local channels: ${posts.length} post(s)</h1>`
    + `<p>What Slack, Teams and generic webhooks would have received, newest first.</p><ol>${items}</ol></body></html>`;
}

function pretty(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

function toPost(kind: ChannelKind, name: string, req: IncomingMessage, body: string): ReceivedPost {
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(req.headers)) if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(', ') : value;
  return { kind, name, messageId: headers['webhook-id'] ?? headers['idempotency-key'], headers, body, at: new Date().toISOString() };
}

/** The body as text, or undefined past the cap (the request is then answered 413 without reading the rest). */
async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    total += chunk.byteLength;
    if (total > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** One line, flushed to disk, then the folder (a new file's directory entry is durable only once its folder is). */
async function appendDurably(file: string, post: ReceivedPost): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const handle = await open(file, 'a');
  try {
    await handle.appendFile(`${JSON.stringify(post)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await syncFolder(dirname(file));
}

/** What an earlier receiver kept; a torn last line (a kill mid-append) is skipped, never fatal. */
async function readJsonLines(file: string): Promise<ReceivedPost[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return text.split('\n').filter((line) => line.trim() !== '').flatMap((line) => {
    try {
      return [JSON.parse(line) as ReceivedPost];
    } catch {
      return [];
    }
  });
}
