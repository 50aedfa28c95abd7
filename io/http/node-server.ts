/**
 * The subscription pages on node:http: turns a request into an HttpRequest (form bodies only, at
 * most 16 KB, read with a deadline) and writes the handler's response. Everything else is the handler's.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpRequest, HttpResponse } from '#core/subscription-pages.ts';

export const MAX_FORM_BYTES = 16 * 1024;

export interface PageServer { url: string; server: Server; close(): Promise<void> }

class BodyError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams | undefined> {
  if (req.method !== 'POST') return undefined;
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type && type !== 'application/x-www-form-urlencoded') throw new BodyError(415, 'send the form as application/x-www-form-urlencoded');
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_FORM_BYTES) throw new BodyError(413, 'the form is too large');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) throw new BodyError(413, 'the form is too large');
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

export async function startPageServer(handle: (req: HttpRequest) => Promise<HttpResponse>, options: { port?: number; host?: string } = {}): Promise<PageServer> {
  const server = createServer(async (req, res) => {
    req.setTimeout(10_000);
    let response: HttpResponse;
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      response = await handle({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, form: await readForm(req) });
    } catch (err) {
      const status = err instanceof BodyError ? err.status : 500;
      if (status === 500) console.error(`subscription page failed: ${(err as Error).message}`);
      response = { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: status === 500 ? 'Something went wrong; please try again later.' : (err as Error).message };
    }
    res.writeHead(response.status, response.headers).end(response.body);
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}/`,
    server,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
