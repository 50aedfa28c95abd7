/**
 * The local receiving end of channels: what `fundwatch serve` shows and what local runs ask whether a message went
 * out. Posted to with plain fetch here, as any client would.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type LocalReceiver, startLocalReceiver } from '#io/webhooks/local-receiver.ts';

const post = (url: string, body: string, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });

describe('the local webhook receiver', () => {
  let dir: string;
  const started: LocalReceiver[] = [];
  const start = async (file?: string): Promise<LocalReceiver> => {
    const receiver = await startLocalReceiver(file ? { file } : {});
    started.push(receiver);
    return receiver;
  };
  beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'fundwatch-receiver-')); });
  afterEach(async () => {
    for (const receiver of started.splice(0)) await receiver.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps each post to /slack/<name>, /teams/<name> and /webhook/<name> with its headers, and answers 200', async () => {
    const receiver = await start();

    for (const kind of ['slack', 'teams', 'webhook'] as const) {
      const res = await post(receiver.urlFor(kind, 'office'), `{"kind":"${kind}"}`, { 'webhook-id': `id-${kind}` });
      expect(res.status).toBe(200);
    }

    expect(receiver.received.map((p) => [p.kind, p.name, p.body, p.messageId])).toEqual([
      ['slack', 'office', '{"kind":"slack"}', 'id-slack'], ['teams', 'office', '{"kind":"teams"}', 'id-teams'], ['webhook', 'office', '{"kind":"webhook"}', 'id-webhook'],
    ]);
    expect(receiver.received[0]?.headers['content-type']).toBe('application/json');
  });

  it('answers 404 to any other path and 405 to anything but POST, keeping nothing', async () => {
    const receiver = await start();

    expect((await post(`${receiver.origin}/email/office`, '{}')).status).toBe(404);
    expect((await post(`${receiver.origin}/slack/../etc`, '{}')).status).toBe(404);
    expect((await fetch(receiver.urlFor('slack', 'office'))).status).toBe(405);
    expect(receiver.received).toEqual([]);
  });

  it('answers the next posts with a given status and Retry-After when told, then 200 again', async () => {
    const receiver = await start();
    receiver.answerNext(2, 429, '2');

    const answers = [];
    for (let i = 0; i < 3; i += 1) answers.push(await post(receiver.urlFor('slack', 'office'), '{}'));

    expect(answers.map((r) => r.status)).toEqual([429, 429, 200]);
    expect(answers[0]?.headers.get('retry-after')).toBe('2');
    expect(receiver.requests).toBe(3);
    expect(receiver.received).toHaveLength(1);
  });

  it('finds a message by its delivery key (webhook-id or idempotency-key)', async () => {
    const receiver = await start();
    await post(receiver.urlFor('slack', 'office'), '{}', { 'idempotency-key': 'key-slack' });

    expect(await receiver.findSent('key-slack')).toEqual({ messageId: 'key-slack' });
    expect(await receiver.findSent('key-other')).toBeUndefined();
  });

  it('appends each post to its JSON Lines file, which a restarted receiver reads back, a torn last line skipped', async () => {
    const file = join(dir, 'channels', 'received.jsonl');
    const first = await start(file);
    await post(first.urlFor('webhook', 'lab'), '{"n":1}', { 'webhook-id': 'key-1' });
    await first.close();
    await writeFile(file, `${await readFile(file, 'utf8')}{"kind":"slack","na`);

    const second = await start(file);

    expect((await readFile(file, 'utf8')).split('\n')[0]).toContain('"messageId":"key-1"');
    expect(await second.findSent('key-1')).toEqual({ messageId: 'key-1' });
    expect(second.received.map((p) => p.body)).toEqual(['{"n":1}']);
  });
});
