/**
 * The subscription pages on node:http: turns a request into an HttpRequest (form bodies, or a
 * multipart one-click unsubscribe, at most 16 KB; the whole request read within a deadline) and writes the handler's response. Everything
 * else is the handler's. The client is the connection's own address (what the per-client limit on the form
 * counts), never a header: nothing stands in front of this server, so X-Forwarded-For would be whatever the
 * client chose. Work the handler hands to afterAnswer (the form's e-mail) runs once the answer is written. Every answer carries the pages' security headers, this adapter's own
 * refusals (400, 408, 413, 415, 431, 500) included.
 */
import { createServer, STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { plainAnswer, type HttpRequest, type HttpResponse } from '#web/subscription-pages/http.ts';

export const MAX_FORM_BYTES = 16 * 1024;

/**
 * The whole request, headers and body, must arrive within this: an idle timeout alone lets a client
 * that sends one byte every few seconds hold a connection for ever. A 16 KB form needs far less.
 */
export const REQUEST_DEADLINE_MS = 15_000;

export interface PageServer { url: string; server: Server; close(): Promise<void> }

export interface PageServerOptions {
  port?: number;
  host?: string;
  /** Deadline for reading a whole request; REQUEST_DEADLINE_MS unless a test shortens it. */
  readDeadlineMs?: number;
}

class BodyError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** The body as the pages take it: a form, or a multipart body read but not parsed (RFC 8058's one-click POST). */
async function readBody(req: IncomingMessage): Promise<Pick<HttpRequest, 'form' | 'multipart'>> {
  if (req.method !== 'POST') return {};
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const multipart = type === 'multipart/form-data';
  if (type && type !== 'application/x-www-form-urlencoded' && !multipart) throw new BodyError(415, 'send the form as application/x-www-form-urlencoded');
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_FORM_BYTES) throw new BodyError(413, 'the form is too large');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) throw new BodyError(413, 'the form is too large');
    chunks.push(chunk as Buffer);
  }
  return multipart ? { multipart: true } : { form: new URLSearchParams(Buffer.concat(chunks).toString('utf8')) };
}

/**
 * What node:http reports through 'clientError' (an expired deadline, a request it cannot parse),
 * answered here rather than by Node's bare default, so that these answers carry the headers too.
 */
function answerClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  const status = err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : err.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
  if (err.code === 'ECONNRESET' || !socket.writable || socket.bytesWritten > 0) {
    socket.destroy();
    return;
  }
  const text = status === 408 ? 'the request took too long to arrive; please send it again' : status === 431 ? 'the request headers are too large' : 'the request could not be read';
  const answer = plainAnswer(status, text, { Connection: 'close', 'Content-Length': String(Buffer.byteLength(text)) });
  const head = Object.entries(answer.headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${head}\r\n${text}`);
}

export async function startPageServer(handle: (req: HttpRequest) => Promise<HttpResponse>, options: PageServerOptions = {}): Promise<PageServer> {
  const deadline = options.readDeadlineMs ?? REQUEST_DEADLINE_MS;
  // Node checks the deadlines every connectionsCheckingInterval (30 s by default): often enough here that a
  // request is cut off close to its deadline rather than up to half a minute late.
  // Work started after an answer, awaited by close() so that a stopping server does not drop a confirmation e-mail.
  const running = new Set<Promise<void>>();
  const server = createServer({ requestTimeout: deadline, headersTimeout: deadline, connectionsCheckingInterval: Math.min(1_000, Math.max(50, deadline / 4)) }, async (req, res) => {
    req.setTimeout(10_000);
    let response: HttpResponse;
    const afterwards: Array<() => Promise<void>> = [];
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const client = req.socket.remoteAddress;
      response = await handle({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, ...(await readBody(req)),
        ...(client ? { client } : {}), afterAnswer: (work) => { afterwards.push(work); } });
    } catch (err) {
      // The deadline (or the client) closed the connection mid-body: 'clientError' has answered already.
      if (req.socket.destroyed) return;
      const status = err instanceof BodyError ? err.status : 500;
      if (status === 500) console.error(`subscription page failed: ${(err as Error).message}`);
      response = plainAnswer(status, status === 500 ? 'Something went wrong; please try again later.' : (err as Error).message);
    }
    res.writeHead(response.status, response.headers).end(response.body);
    for (const work of afterwards) {
      const done: Promise<void> = work().catch((err: unknown) => console.error(`subscription page: work after the answer failed: ${(err as Error).message}`))
        .finally(() => running.delete(done));
      running.add(done);
    }
  });
  server.on('clientError', answerClientError);
  // A busy or forbidden port rejects (the caller says so in one line) instead of an unhandled 'error' event.
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
    server.off('error', reject);
    resolve();
  }));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}/`,
    server,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => { void Promise.all(running).then(() => resolve()); });
    }),
  };
}
