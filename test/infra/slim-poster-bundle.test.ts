/**
 * The webhook poster as the notifier and the reminders bundle it: with the slim undici in place of the package
 * (BUNDLE_ALIASES in infra/constructs/monitor-function.ts), a probe in a process of its own posts to a local receiver
 * it was given as a local origin (signed, retried after a 503), and refuses loopback addresses, by IP and by name,
 * when it was not: the connect-time guard works on what the slim module exports.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { build, type Metafile } from 'esbuild';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookSecretFor } from '#core/subscriptions/webhook-secret.ts';
import { startLocalReceiver, type LocalReceiver } from '#io/webhooks/local-receiver.ts';
import { BUNDLE_ALIASES } from '../../infra/constructs/monitor-function.ts';

const ROOT = resolve('.');
const KEY = 'slim-bundle-link-key-0123456789abcdef0123';
const PROBE = `
import { createWebhookPoster } from '#io/webhooks/poster.ts';
const [origin, key] = process.argv.slice(2);
const outcome = (p) => p.then((r) => ({ messageId: r.messageId }), (err) => ({ error: err.name, message: err.message }));
const message = (kind, url, messageId) => ({ subscriberId: 'office-1', destination: { kind, url, ...(kind === 'webhook' ? { secretVersion: 1 } : {}) },
  body: JSON.stringify({ text: 'hello' }), messageId });
const local = createWebhookPoster({ localOrigins: [origin], signingKey: key, perDestinationGapMs: 0, retryBaseMs: 5 });
const results = {
  slack: await outcome(local.post(message('slack', origin + '/slack/office', 'k-slack'))),
  webhook: await outcome(local.post(message('webhook', origin + '/webhook/office', 'k-webhook'))),
};
await local.close();
const strict = createWebhookPoster({ signingKey: key, perDestinationGapMs: 0, attempts: 1, connectTimeoutMs: 500, totalTimeoutMs: 1000 });
results.loopbackIp = await outcome(strict.post(message('slack', 'https://127.0.0.1/slack/office', 'k-ip')));
results.loopbackName = await outcome(strict.post(message('slack', 'https://localhost/slack/office', 'k-name')));
results.plainHttp = await outcome(strict.post(message('slack', origin + '/slack/office', 'k-plain')));
await strict.close();
console.log(JSON.stringify(results));
`;

describe('the webhook poster in a Lambda bundle with the slim undici', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fundwatch-slim-poster-'));
  const outfile = join(dir, 'probe.mjs');
  let metafile: Metafile;
  let receiver: LocalReceiver;
  beforeAll(async () => {
    ({ metafile } = await build({ stdin: { contents: PROBE, resolveDir: ROOT, loader: 'js' }, bundle: true, platform: 'node', format: 'esm', target: 'node24',
      mainFields: ['module', 'main'], alias: BUNDLE_ALIASES, absWorkingDir: ROOT, outfile, metafile: true, logLevel: 'error',
      banner: { js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);" } }));
    receiver = await startLocalReceiver();
  }, 60_000);
  afterAll(async () => {
    await receiver?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is built from the slim module, without undici\'s fetch, WebSocket, caches or mocks', () => {
    const inputs = Object.keys(metafile.inputs);

    expect(inputs).toContain('lambdas/bundle/undici-core.mjs');
    expect(inputs.filter((f) => /undici\/index\.js|undici\/lib\/web\/(websocket|cache|eventsource)|undici\/lib\/mock\//.test(f))).toEqual([]);
  });

  it('posts to its local origin, signed and retried, and refuses loopback addresses and plain HTTP otherwise', async () => {
    receiver.answerNext(1, 503, '0');

    const { stdout } = await promisify(execFile)(process.execPath, [outfile, receiver.origin, KEY], { env: { PATH: process.env.PATH }, cwd: dir });

    const results = JSON.parse(stdout) as Record<string, { messageId?: string; error?: string; message?: string }>;
    expect(results.slack).toEqual({ messageId: 'k-slack' });
    expect(results.webhook).toEqual({ messageId: 'k-webhook' });
    // The Slack post was answered 503 and sent again: three requests in all, two kept.
    expect(receiver.requests).toBe(3);
    const signed = receiver.received.find((p) => p.kind === 'webhook');
    expect(() => new Webhook(webhookSecretFor(KEY, 'office-1', 1)).verify(signed!.body, signed!.headers)).not.toThrow();
    for (const refused of [results.loopbackIp, results.loopbackName]) {
      expect(refused).toMatchObject({ error: 'UnsafeDestinationError', message: expect.stringMatching(/never posts there/) });
    }
    expect(results.plainHttp).toMatchObject({ error: 'UnsafeDestinationError', message: expect.stringMatching(/plain HTTP/) });
    expect(receiver.received.map((p) => p.messageId).sort()).toEqual(['k-slack', 'k-webhook']);
  }, 60_000);
});
