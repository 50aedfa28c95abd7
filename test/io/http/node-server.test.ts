/**
 * The pages' HTTP adapter: forms only, small ones only, read within a deadline, and a failure that tells nothing away;
 * the connection's address as the client (the per-client limit on the form), and the form answered before its e-mail goes.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mailer, OutgoingMail } from '#core/ports/mailer.ts';
import { createSubscriptionPages } from '#web/subscription-pages/handler.ts';
import { MAX_FORM_BYTES, startPageServer, type PageServer } from '#io/http/node-server.ts';
import { useDynaliteTables } from '../../helpers/engines.ts';

/** What every answer carries, the adapter's own refusals included: no sniffing, no framing, no caching, no referrer. */
const expectSecurityHeaders = (headers: Headers | Record<string, string | undefined>): void => {
  const get = (name: string): string | null | undefined => (headers instanceof Headers ? headers.get(name) : headers[name.toLowerCase()]);
  expect(get('x-content-type-options')).toBe('nosniff');
  expect(get('content-security-policy')).toContain("default-src 'none'");
  expect(get('content-security-policy')).toContain("frame-ancestors 'none'");
  expect(get('referrer-policy')).toBe('no-referrer');
  expect(get('cache-control')).toBe('no-store');
};

/** Sends `head` on a raw connection, then `drip` one byte every `everyMs`; resolves with what came back and when, or 'still open' at `giveUpMs`. */
function slowRequest(url: string, head: string, drip: string, everyMs: number, giveUpMs: number): Promise<{ answer: string; afterMs: number }> {
  const { hostname, port } = new URL(url);
  const started = Date.now();
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    let answer = '';
    let sent = 0;
    const timer = setInterval(() => { if (sent < drip.length && !socket.destroyed) socket.write(drip[sent++]!); }, everyMs);
    const done = (text: string): void => { clearInterval(timer); clearTimeout(giveUp); socket.destroy(); resolve({ answer: text, afterMs: Date.now() - started }); };
    const giveUp = setTimeout(() => done('still open'), giveUpMs);
    socket.on('connect', () => socket.write(head));
    socket.on('data', (chunk) => { answer += chunk.toString('latin1'); });
    socket.on('close', () => done(answer));
    socket.on('error', () => undefined);
  });
}

describe('startPageServer', () => {
  let server: PageServer;
  const seen: Array<{ method: string; path: string; form?: string; multipart?: true }> = [];
  beforeAll(async () => {
    server = await startPageServer(async (req) => {
      seen.push({ method: req.method, path: req.path, form: req.form?.toString(), ...(req.multipart ? { multipart: req.multipart } : {}) });
      if (req.path === '/boom') throw new Error('table fundwatch: secret detail');
      return { status: 200, headers: { 'Content-Type': 'text/plain' }, body: `ok ${req.query.get('token') ?? ''}` };
    });
  });
  afterAll(async () => { await server.close(); });

  it('hands the handler the path, the query and the form', async () => {
    const res = await fetch(new URL('unsubscribe?token=t1', server.url), { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(await res.text()).toBe('ok t1');
    expect(seen.at(-1)).toEqual({ method: 'POST', path: '/unsubscribe', form: 'List-Unsubscribe=One-Click' });
  });

  it('reads a multipart body (an RFC 8058 one-click POST) within the cap and tells the handler, which alone needs no form', async () => {
    const res = await fetch(new URL('unsubscribe?token=t3', server.url), { method: 'POST', headers: { 'Content-Type': 'multipart/form-data; boundary=b' },
      body: '--b\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--b--\r\n' });
    expect(await res.text()).toBe('ok t3');
    expect(seen.at(-1)).toEqual({ method: 'POST', path: '/unsubscribe', form: undefined, multipart: true });
    const huge = await fetch(new URL('unsubscribe?token=t3', server.url), { method: 'POST', headers: { 'Content-Type': 'multipart/form-data; boundary=b' }, body: 'x'.repeat(MAX_FORM_BYTES + 1) });
    expect(huge.status).toBe(413);
  });

  it('refuses bodies that are not forms, and forms that are too large, before the handler sees them', async () => {
    const before = seen.length;
    const json = await fetch(new URL('subscribe', server.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"email":"a@b.c"}' });
    expect(json.status).toBe(415);
    expectSecurityHeaders(json.headers);
    const huge = await fetch(new URL('subscribe', server.url), { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `email=${'a'.repeat(MAX_FORM_BYTES + 1)}` });
    expect(huge.status).toBe(413);
    expectSecurityHeaders(huge.headers);
    expect(seen.length).toBe(before);
  });

  it('answers a failure with a plain 500 that does not show the error', async () => {
    const res = await fetch(new URL('boom', server.url));
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain('secret detail');
    expectSecurityHeaders(res.headers);
  });

  it('answers HEAD without a body', async () => {
    const res = await fetch(new URL('?token=t2', server.url), { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(seen.at(-1)).toMatchObject({ method: 'HEAD', path: '/' });
    expect(await res.text()).toBe('');
  });

  it('answers a request the HTTP parser refuses (400) or whose headers are too large (431) with the security headers', async () => {
    const malformed = await slowRequest(server.url, 'GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n', '', 10, 2_000);
    expect(malformed.answer).toMatch(/^HTTP\/1\.1 400 /);
    expectSecurityHeaders(headersOf(malformed.answer));
    const oversized = await slowRequest(server.url, `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, '', 10, 2_000);
    expect(oversized.answer).toMatch(/^HTTP\/1\.1 431 /);
    expectSecurityHeaders(headersOf(oversized.answer));
  });
});

/** A raw HTTP answer's header lines, by lower-case name. */
function headersOf(answer: string): Record<string, string> {
  const lines = answer.split('\r\n\r\n')[0]!.split('\r\n').slice(1);
  return Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
}

describe('startPageServer with a slow client', () => {
  it('answers 408 and closes the connection when a body trickles in past the deadline, however steady the trickle', async () => {
    const handled: string[] = [];
    const server = await startPageServer(async (req) => {
      handled.push(req.path);
      return { status: 200, headers: {}, body: 'ok' };
    }, { readDeadlineMs: 500 });
    try {
      // 100 bytes promised, one every 50 ms: never idle long enough for an idle timeout, 5 s in all.
      const { answer, afterMs } = await slowRequest(server.url,
        'POST /subscribe HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\n', 'e'.repeat(100), 50, 4_000);

      expect(answer).toMatch(/^HTTP\/1\.1 408 /);
      expect(afterMs).toBeLessThan(2_500);
      expectSecurityHeaders(headersOf(answer));
      expect(handled).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('answers 408 when the headers themselves trickle in past the deadline', async () => {
    const server = await startPageServer(async () => ({ status: 200, headers: {}, body: 'ok' }), { readDeadlineMs: 500 });
    try {
      const { answer, afterMs } = await slowRequest(server.url, 'GET / HTTP/1.1\r\n', 'X-Slow: ' + 'a'.repeat(100), 50, 4_000);

      expect(answer).toMatch(/^HTTP\/1\.1 408 /);
      expect(afterMs).toBeLessThan(2_500);
      expectSecurityHeaders(headersOf(answer));
    } finally {
      await server.close();
    }
  });
});

describe('startPageServer in front of the subscribe form', () => {
  const tables = useDynaliteTables('form');

  /** The real pages on a fresh table, behind the node:http adapter, with a mailer that holds every send until released. */
  const formServer = async () => {
    const { store } = await tables.freshTable();
    const sent: OutgoingMail[] = [];
    let release!: () => void;
    const released = new Promise<void>((resolve) => { release = resolve; });
    const mailer: Mailer = {
      send: async (mail) => { await released; sent.push(mail); return { messageId: `m-${sent.length}` }; },
      findSent: async () => undefined,
    };
    const pages = createSubscriptionPages({ store, mailer, clock: () => new Date(),
      links: { secret: 'node-server-test-secret-0123456789abcdef', baseUrl: 'http://127.0.0.1/' } }, { programmes: [] });
    const server = await startPageServer(pages);
    const subscribe = (email: string, headers: Record<string, string> = {}) => fetch(new URL('subscribe', server.url),
      { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams({ email }).toString() });
    return { server, sent, release, subscribe };
  };

  it('hands the handler the address of the connection as the client, never a header the client wrote', async () => {
    const clients: Array<string | undefined> = [];
    const server = await startPageServer(async (req) => {
      clients.push(req.client);
      return { status: 200, headers: {}, body: 'ok' };
    });
    try {
      await (await fetch(server.url, { headers: { 'X-Forwarded-For': '203.0.113.9', Forwarded: 'for=203.0.113.9' } })).text();
    } finally {
      await server.close();
    }

    expect(clients).toEqual(['127.0.0.1']);
  });

  it('answers the subscribe form without waiting for its e-mail, which goes after the answer (and before close() returns)', async () => {
    const form = await formServer();
    try {
      const answer = await Promise.race([form.subscribe('quick@example.org'), new Promise<'still waiting'>((resolve) => setTimeout(() => resolve('still waiting'), 3_000))]);

      expect(answer).not.toBe('still waiting');
      expect((answer as Response).status).toBe(200);
      expect(await (answer as Response).text()).toContain('Check your inbox');
      expect(form.sent).toEqual([]);
    } finally {
      form.release();
      await form.server.close();
    }
    expect(form.sent.map((mail) => mail.to)).toEqual(['quick@example.org']);
  });

  it('limits one machine to ten subscribe posts an hour, whatever the addresses: the eleventh is 429 and sends nothing', async () => {
    const form = await formServer();
    form.release();
    const statuses: number[] = [];
    try {
      for (let i = 1; i <= 11; i += 1) {
        const res = await form.subscribe(`person${i}@example.org`, { 'X-Forwarded-For': `198.51.100.${i}` });
        await res.text();
        statuses.push(res.status);
      }
    } finally {
      await form.server.close();
    }

    expect(statuses).toEqual([...Array<number>(10).fill(200), 429]);
    expect(form.sent).toHaveLength(10);
  });
});
