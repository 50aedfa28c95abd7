/**
 * What each answer of a receiver means for delivery, against the local receiver and bare local servers: delivered,
 * retried (429 and 5xx, honouring Retry-After), refused for good (410, 403, 404), our own payload's fault (400), or
 * unknown (no answer after the message left). The clock is fake: every wait is recorded, none is slept through.
 */
import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelKind, OutgoingPost } from '#core/domain/channels.ts';
import { NotDeliveredError, PermanentRefusalError } from '#core/ports/poster.ts';
import { PayloadRejectedError, RetryLaterError } from '#io/webhooks/errors.ts';
import { type LocalReceiver, startLocalReceiver } from '#io/webhooks/local-receiver.ts';
import { fakeTime, posterFactory, rejection, startCountingServer } from './helpers.ts';

const message = (url: string, kind: ChannelKind = 'slack', messageId = 'key-1'): OutgoingPost => ({ subscriberId: 'c-test', destination: { kind, url }, body: '{"text":"hello"}', messageId });

describe('the webhook poster and what the receiver answers', () => {
  let receiver: LocalReceiver;
  const posters = posterFactory();
  beforeEach(async () => { receiver = await startLocalReceiver(); });
  afterEach(async () => { await posters.closeAll(); await receiver.close(); });

  const poster = (time = fakeTime()) => posters.make({ localOrigins: [receiver.origin], sleep: time.sleep, now: time.now });

  it('resolves with the message id on a 2xx, posting the body as JSON with a fixed User-Agent and the delivery key', async () => {
    const sent = await poster().post(message(receiver.urlFor('slack', 'grants')));

    expect(sent).toEqual({ messageId: 'key-1' });
    const [post] = receiver.received;
    expect(post?.body).toBe('{"text":"hello"}');
    expect(post?.headers['content-type']).toBe('application/json');
    expect(post?.headers['user-agent']).toMatch(/^fundwatch-webhooks\/\d/);
    expect(post?.headers['idempotency-key']).toBe('key-1');
    expect(post?.headers.cookie).toBeUndefined();
  });

  it('waits out a 429 with Retry-After: 2 (seconds) on the injected sleep, then delivers', async () => {
    const time = fakeTime();
    receiver.answerNext(1, 429, '2');

    await poster(time).post(message(receiver.urlFor('slack', 'grants')));

    expect(time.waits).toEqual([2000]);
    expect(receiver.requests).toBe(2);
    expect(receiver.received).toHaveLength(1);
  });

  it('honours a Retry-After given as an HTTP date', async () => {
    const time = fakeTime();
    receiver.answerNext(1, 503, new Date(time.now() + 3000).toUTCString());

    await poster(time).post(message(receiver.urlFor('teams', 'office')));

    expect(time.waits).toEqual([3000]);
  });

  it('retries a 503 with growing, jittered waits, then gives up with NotDeliveredError', async () => {
    const time = fakeTime();
    receiver.answerNext(4, 503);

    const err = await rejection(posters.make({ localOrigins: [receiver.origin], sleep: time.sleep, now: time.now, attempts: 4, retryBaseMs: 1000 })
      .post(message(receiver.urlFor('slack', 'lab'))));

    expect(err).toBeInstanceOf(NotDeliveredError);
    expect(err).not.toBeInstanceOf(PermanentRefusalError);
    expect(err.message).toContain('answered HTTP 503 to all 4 attempts');
    expect(receiver.requests).toBe(4);
    expect(receiver.received).toEqual([]);
    expect(time.waits).toHaveLength(3);
    time.waits.forEach((wait, n) => {
      expect(wait).toBeGreaterThanOrEqual(1000 * 2 ** n);
      expect(wait).toBeLessThanOrEqual(1250 * 2 ** n);
    });
  });

  it('does not wait when the receiver asks for longer than a run can: RetryLaterError says when to try again', async () => {
    const time = fakeTime();
    receiver.answerNext(1, 429, '120');

    const err = await rejection(poster(time).post(message(receiver.urlFor('slack', 'grants'))));

    expect(err).toBeInstanceOf(RetryLaterError);
    expect(err).toBeInstanceOf(NotDeliveredError);
    expect(err.message).toContain(`try again after ${new Date(time.now() + 120_000).toISOString()}`);
    expect(time.waits).toEqual([]);
  });

  it('answers findSent with the receiver\'s record when wired to it, and with "unknown" when it cannot know', async () => {
    const wired = posters.make({ localOrigins: [receiver.origin], findSent: receiver.findSent });
    await wired.post(message(receiver.urlFor('teams', 'office'), 'teams', 'key-teams'));

    expect(await wired.findSent('key-teams')).toEqual({ messageId: 'key-teams' });
    expect(await wired.findSent('key-never')).toBeUndefined();
    expect(await poster().findSent('key-teams')).toBe('unknown');
  });

  it.each([[410], [403], [404], [401]])('refuses for good on %i: PermanentRefusalError with that status, no retry', async (status) => {
    receiver.answerNext(1, status);

    const err = await rejection(poster().post(message(receiver.urlFor('slack', 'grants'))));

    expect(err).toBeInstanceOf(PermanentRefusalError);
    expect((err as PermanentRefusalError).status).toBe(status);
    expect(receiver.requests).toBe(1);
  });
});

describe('answers only a bare server can give', () => {
  const posters = posterFactory();
  afterEach(async () => { await posters.closeAll(); });

  it('treats a 400 (Slack: invalid_payload) as our payload\'s fault: not delivered, and not a refusal that disables the channel', async () => {
    const server = await startCountingServer((_req, res) => res.writeHead(400).end('invalid_payload'));
    try {
      const err = await rejection(posters.make({ localOrigins: [`http://127.0.0.1:${server.port}`] }).post(message(`http://127.0.0.1:${server.port}/services/T0/B0/token`)));

      expect(err).toBeInstanceOf(PayloadRejectedError);
      expect(err).toBeInstanceOf(NotDeliveredError);
      expect(err).not.toBeInstanceOf(PermanentRefusalError);
      expect(err.message).toContain('"invalid_payload"');
      expect(err.message).toContain('what fundwatch sent is at fault');
    } finally {
      await server.close();
    }
  });

  it('reads no more of a huge answer than the cap, then drops the connection', async () => {
    const total = 64 * 1024 * 1024;
    let written = 0;
    let closed!: Promise<void>;
    const server = await startCountingServer((_req, res) => {
      closed = new Promise((resolve) => res.on('close', () => resolve()));
      res.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const pump = (): void => {
        while (written < total && !res.destroyed) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        if (written >= total) res.end();
      };
      pump();
    });
    try {
      const sent = await posters.make({ localOrigins: [`http://127.0.0.1:${server.port}`], maxResponseBytes: 4096 }).post(message(`http://127.0.0.1:${server.port}/hook`));
      await closed;

      expect(sent).toEqual({ messageId: 'key-1' });
      expect(written).toBeLessThan(total);
    } finally {
      await server.close();
    }
  });

  it('counts a 2xx as delivered even when the body of the answer then stalls', async () => {
    const server = await startCountingServer((_req, res) => { res.writeHead(200); res.write('o'); });
    try {
      const sent = await posters.make({ localOrigins: [`http://127.0.0.1:${server.port}`], totalTimeoutMs: 500 }).post(message(`http://127.0.0.1:${server.port}/hook`));

      expect(sent).toEqual({ messageId: 'key-1' });
    } finally {
      await server.close();
    }
  });

  it('quotes only a short, single-line excerpt of a long refusal', async () => {
    const server = await startCountingServer((_req, res) => res.writeHead(400).end(`invalid_payload\r\nforged: line\n${'x'.repeat(100_000)}`));
    try {
      const err = await rejection(posters.make({ localOrigins: [`http://127.0.0.1:${server.port}`] }).post(message(`http://127.0.0.1:${server.port}/hook`)));

      expect(err.message).toContain('invalid_payload forged: line xxx');
      expect(err.message).not.toMatch(/[\r\n]/);
      expect(err.message.length).toBeLessThan(600);
    } finally {
      await server.close();
    }
  });

  it('says nothing was sent when the connection is refused', async () => {
    const port = await freePort();

    const err = await rejection(posters.make({ localOrigins: [`http://127.0.0.1:${port}`] }).post(message(`http://127.0.0.1:${port}/hook`)));

    expect(err).toBeInstanceOf(NotDeliveredError);
    expect(err.message).toContain('ECONNREFUSED');
    expect(err.message).toContain('nothing was sent');
  });

  it('says the outcome is unknown (a plain Error) when no answer comes after the message was sent', async () => {
    const server = await startCountingServer(() => { /* never answers */ });
    try {
      const err = await rejection(posters.make({ localOrigins: [`http://127.0.0.1:${server.port}`], totalTimeoutMs: 1000 }).post(message(`http://127.0.0.1:${server.port}/hook`)));

      expect(err).not.toBeInstanceOf(NotDeliveredError);
      expect(err).not.toBeInstanceOf(PermanentRefusalError);
      expect(err.message).toContain('may or may not have been delivered');
      expect(server.requests).toHaveLength(1);
    } finally {
      await server.close();
    }
  });
});

/** A port nothing listens on: bound, then released. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
