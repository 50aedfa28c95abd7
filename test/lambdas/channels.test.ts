/**
 * Channels from the Lambda handlers, invoked as Lambda invokes them, on the local engines (dynalite, the SES emulator)
 * and a local webhook receiver: the notifier posts with the deployment's link key, counts channel failures and
 * disabled channels apart from e-mail failures in its metrics, and the poster's wiring stays strict outside tests.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { NotDeliveredError, type Poster } from '#core/ports/poster.ts';
import type { ChannelKind } from '#core/domain/channels.ts';
import { webhookSecretFor } from '#core/subscriptions/webhook-secret.ts';
import { startDynalite, type LocalEngine } from '#io/local/dynalite.ts';
import { startSesEmulator, type SesEmulator } from '#io/local/ses-emulator.ts';
import { createDynamoStore, ensureTable } from '#io/store/dynamo-store.ts';
import { startLocalReceiver, type LocalReceiver } from '#io/webhooks/local-receiver.ts';
import { forThisRun, localOriginsFromEnv, otherFailures, POSTS_START_WITHIN_MS } from '../../lambdas/poster-wiring.ts';
import { event, snapshot, state } from '../helpers/records.ts';
import { startTestServer } from '../helpers/http-server.ts';

const KEY = 'lambda-channel-link-key-0123456789abcdef';

describe('the notify handler posting to channels on the local engines', () => {
  let engine: LocalEngine;
  let ses: SesEmulator;
  let receiver: LocalReceiver;
  let table = '';
  let tables = 0;
  let written: string[] = [];

  beforeAll(async () => {
    engine = await startDynalite({});
    ses = await startSesEmulator();
    receiver = await startLocalReceiver();
  });
  afterAll(async () => {
    await receiver?.close();
    await ses?.close();
    await engine?.close();
  });
  beforeEach(async () => {
    // The wiring keeps its store, mailer and poster in module scope: a fresh copy of the modules for each test.
    vi.resetModules();
    table = `fundwatch-channels-${(tables += 1)}`;
    const env = { TABLE_NAME: table, SENDER_EMAIL: 'alerts@fundwatch.example', AWS_REGION: 'ap-northeast-1', AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local', AWS_ENDPOINT_URL_DYNAMODB: engine.endpoint, AWS_ENDPOINT_URL_SES: ses.endpoint, FUNDWATCH_FUNCTION: 'notify',
      LINK_SECRET: KEY, PUBLIC_BASE_URL: 'https://fundwatch.example.org/', FUNDWATCH_WEBHOOK_LOCAL_ORIGINS: receiver.origin };
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
    const client = new DynamoDBClient({});
    await ensureTable(client, table);
    // Two changes waiting for the notifier, as a check cycle leaves them.
    await createDynamoStore({ tableName: table, client }).commitSnapshot(snapshot(2), [event('e1'), event('e2')], state(2), 0);
    client.destroy();
    // Powertools writes the metrics' EMF record to stdout.
    written = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => { written.push(String(chunk)); return true; });
  });
  afterEach(() => { vi.restoreAllMocks(); vi.unstubAllEnvs(); });

  /** The counts the invocation published (its one EMF record). */
  const published = (): Record<string, unknown> => {
    const records = written.join('').split('\n').filter((l) => l.includes('"_aws"')).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records).toHaveLength(1);
    return records[0]!;
  };
  const postsTo = (name: string) => receiver.received.filter((p) => p.name === name);

  async function addChannel(kind: ChannelKind): Promise<string> {
    const { awsStore } = await import('../../lambdas/wiring.ts');
    const id = `lambda-${kind}-${tables}`;
    await awsStore().putSubscriber({ id, email: `owner-${id}@example.org`, lang: 'en', status: 'confirmed', filters: {},
      channel: { kind, url: receiver.urlFor(kind, id), ...(kind === 'webhook' ? { secretVersion: 1 } : {}) } });
    return id;
  }

  it('posts each change once to a generic webhook, signed with the secret derived from the link key, and counts no failure', async () => {
    const id = await addChannel('webhook');
    const { handler } = await import('../../lambdas/notify.ts');

    const report = await handler();
    const again = await handler();

    expect(report).toMatchObject({ pendingEvents: 2, postsSent: 1, failures: [], channelsDisabled: [] });
    expect(again).toMatchObject({ pendingEvents: 0 });
    const [post, ...more] = postsTo(id);
    expect(more).toEqual([]);
    expect(() => new Webhook(webhookSecretFor(KEY, id, 1)).verify(post!.body, post!.headers)).not.toThrow();
    expect((JSON.parse(post!.body) as { events: Array<{ id: string }> }).events.map((e) => e.id).sort()).toEqual(['e1', 'e2']);
  });

  it('publishes a webhook that keeps answering 503 as a channel failure, not an e-mail one, and keeps its changes owed', async () => {
    const id = await addChannel('slack');
    // Retry-After 0: the handler's three attempts without waiting.
    receiver.answerNext(3, 503, '0');
    const { handler } = await import('../../lambdas/notify.ts');
    const { awsStore } = await import('../../lambdas/wiring.ts');

    const report = await handler();

    expect(report.failures).toEqual([expect.stringMatching(new RegExp(`^${id}: .*HTTP 503 to all 3 attempts`))]);
    expect(published()).toMatchObject({ ChannelFailures: 1, DeliveryFailures: 0, ChannelsDisabled: 0, EmailsSent: 0 });
    expect(postsTo(id)).toEqual([]);
    expect((await awsStore().listPendingEvents()).map((e) => e.id).sort()).toEqual(['e1', 'e2']);
  });

  it('publishes a channel disabled by a 410 Gone, whose owner is e-mailed', async () => {
    const id = await addChannel('teams');
    receiver.answerNext(1, 410);
    const { handler } = await import('../../lambdas/notify.ts');

    const report = await handler();

    expect(report.channelsDisabled).toEqual([id]);
    expect(published()).toMatchObject({ ChannelsDisabled: 1, ChannelFailures: 1, DeliveryFailures: 0 });
    expect((await ses.emails()).filter((e) => e.destination.to.includes(`owner-${id}@example.org`))).toHaveLength(1);
  });
});

describe('the poster wiring', () => {
  const message = { subscriberId: 'sub-1', destination: { kind: 'slack' as const, url: 'https://hooks.slack.com/services/T0/B0/X' }, body: '{}', messageId: 'k1' };

  it('reads local origins only from loopback addresses, and refuses any other origin with what to do', () => {
    expect(localOriginsFromEnv(undefined)).toEqual([]);
    expect(localOriginsFromEnv('http://127.0.0.1:4010, http://localhost:4011')).toEqual(['http://127.0.0.1:4010', 'http://localhost:4011']);
    expect(() => localOriginsFromEnv('http://10.0.0.5:80')).toThrow(/not a loopback origin.*never set this variable/);
    expect(() => localOriginsFromEnv('http://169.254.169.254')).toThrow(/not a loopback origin/);
  });

  it('starts no post once the run has used its time for channel posts, and never asks for the poster then', async () => {
    let now = 1_000_000;
    let built = 0;
    const base = async (): Promise<Poster> => { built += 1; return { post: async (m) => ({ messageId: m.messageId }), findSent: async () => 'unknown' }; };
    const run = forThisRun(base, now, () => now);

    await expect(run.poster.post(message)).resolves.toEqual({ messageId: 'k1' });
    now += POSTS_START_WITHIN_MS + 1;
    const late = run.poster.post({ ...message, subscriberId: 'sub-2' });

    await expect(late).rejects.toThrow(NotDeliveredError);
    await expect(late).rejects.toThrow(/next run posts it/);
    expect(built).toBe(1);
    expect([...run.failed]).toEqual(['sub-2']);
  });

  it('asks Secrets Manager again for the link key on the next invocation when a read failed, instead of failing every run of the container', async () => {
    vi.resetModules();
    const secretsManager = await startTestServer();
    // The first read is refused as Secrets Manager refuses a secret it does not have; the next one succeeds.
    secretsManager.route('127.0.0.1 /', (_req, res, hit) => (hit === 1
      ? res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' }).end('{"__type":"ResourceNotFoundException","message":"not yet"}')
      : res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify({ SecretString: KEY }))));
    for (const [name, value] of Object.entries({ LINK_SECRET_ARN: 'arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:link', AWS_REGION: 'ap-northeast-1',
      AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', AWS_ENDPOINT_URL_SECRETS_MANAGER: secretsManager.origin })) vi.stubEnv(name, value);
    vi.stubEnv('LINK_SECRET', '');
    try {
      const { awsPoster } = await import('../../lambdas/poster-wiring.ts');

      await expect(awsPoster()).rejects.toThrow(/not yet/);
      const poster = await awsPoster();

      expect(secretsManager.requests).toHaveLength(2);
      await poster.close();
    } finally {
      vi.unstubAllEnvs();
      await secretsManager.close();
    }
  });

  it('tells channel failures from the others by the subscriber id each failure starts with', () => {
    const failures = ['sub-1: HTTP 503', 'sub-10: SES refused', 'sub-1: could not record the refusal', 'sub-2: throttled'];
    expect(otherFailures(failures, new Set(['sub-1']))).toBe(2);
    expect(otherFailures(failures, new Set())).toBe(4);
  });
});
