/**
 * The Lambda handlers, invoked as Lambda invokes them, with the AWS wiring pointed at the local
 * engines through the SDK's standard endpoint variables: the same cycle code as the CLI.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createFetcher, DEFAULT_FETCHER_OPTIONS } from '#io/fetch/fetcher.ts';
import { startDynalite, type LocalEngine } from '#io/local/dynalite.ts';
import { startFixtureServer, type FixtureServer } from '#io/local/fixture-server.ts';
import { startSesEmulator, type SesEmulator } from '#io/local/ses-emulator.ts';
import { ensureTable } from '#io/store/dynamo-store.ts';
import { loadRegistry } from '#parsers/sources.ts';
import { FIXTURE_SITES } from '#cli/local-env.ts';
import { startLocalS3 } from '../helpers/s3.ts';

/** Sets environment variables for this test only (undone after each test), as the stack sets them for a function. */
const setEnv = (vars: Record<string, string>): void => {
  for (const [name, value] of Object.entries(vars)) vi.stubEnv(name, value);
};

describe('the Lambda handlers on the local engines', () => {
  let engine: LocalEngine;
  let server: FixtureServer;
  let ses: SesEmulator;
  let tables = 0;
  const closers: Array<() => Promise<void>> = [];

  // The engines start once; every test gets its own table, an empty inbox and the recorded sites at step 1.
  beforeAll(async () => {
    engine = await startDynalite({});
    ses = await startSesEmulator();
    server = await startFixtureServer({ root: FIXTURE_SITES, step: 1 });
    closers.push(() => engine.close(), () => ses.close(), () => server.close());
  });
  beforeEach(async () => {
    // The handlers' wiring keeps its store and clients in module scope, built from the environment on first use:
    // a fresh copy of the modules for each test, so each builds them from its own table and variables.
    vi.resetModules();
    const table = `fundwatch-lambda-${(tables += 1)}`;
    setEnv({
      TABLE_NAME: table, SENDER_EMAIL: 'alerts@fundwatch.example', AWS_REGION: 'ap-northeast-1',
      AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local',
      AWS_ENDPOINT_URL_DYNAMODB: engine.endpoint, AWS_ENDPOINT_URL_SES: ses.endpoint,
    });
    const client = new DynamoDBClient({});
    await ensureTable(client, table);
    client.destroy();
    server.setStep(1);
    // The emulator's store API: the inbox empties, so a test sees only the e-mails it caused.
    expect((await fetch(`${ses.endpoint}/clear-store`, { method: 'POST' })).ok).toBe(true);
  });
  afterEach(() => { vi.unstubAllEnvs(); });
  afterAll(async () => {
    for (const close of closers) await close();
  });

  /**
   * Two check cycles through the handlers, as the state machine runs them: the recorded sites at step 1, then at
   * step 2 (some pages changed). Leaves the table with snapshots, changes and two cycle summaries.
   */
  async function twoCycles() {
    const { createCheckPlanHandler, listings } = await import('../../lambdas/check-plan.ts');
    const { createCheckChunkHandler } = await import('../../lambdas/check-chunk.ts');
    const { handler: finish } = await import('../../lambdas/check-finish.ts');
    const { awsStore, chunkSize, registry, watchedSources } = await import('../../lambdas/wiring.ts');
    const { executePlan } = await import('#core/monitoring/run-plan.ts');
    const localFetcher = () => createFetcher({ ...DEFAULT_FETCHER_OPTIONS, route: { origin: server.origin }, politenessDelayMs: 5 });
    // The handlers' own wiring, but pages and listings from the fixture server instead of the agencies' sites.
    const plan = createCheckPlanHandler({ store: awsStore, fetcher: localFetcher, registry, listings, watched: watchedSources, chunkSize, politenessDelayMs: 5 });
    const worker = createCheckChunkHandler({ store: awsStore, sources: watchedSources, fetcherOptions: { perHostConcurrency: 2, politenessDelayMs: 5 },
      fetcher: localFetcher });
    setEnv({ CHUNK_SIZE: '4' });
    /** The state machine's data flow: Plan's output under $.plan, each Map item through its ItemSelector, Finish given {plan}. */
    const cycle = async () => {
      const planned = await plan();
      // A JSON round trip, as Step Functions hands payloads over.
      const state = JSON.parse(JSON.stringify({ plan: planned })) as { plan: typeof planned };
      const tasks: unknown[] = [];
      await executePlan(state.plan, 3, async (task) => { tasks.push(task); await worker(JSON.parse(JSON.stringify(task))); });
      return { tasks, summary: await finish(JSON.parse(JSON.stringify({ plan: state.plan }))) };
    };

    const first = await cycle();
    server.setStep(2);
    const second = await cycle();
    return { first, second };
  }

  it('the cycle\'s three steps, run as the state machine runs them, read the listings and store snapshots; notify e-mails the next cycle\'s changes', async () => {
    const { handler: notify } = await import('../../lambdas/notify.ts');
    const { awsStore } = await import('../../lambdas/wiring.ts');
    const sources = await loadRegistry();
    await awsStore().putSubscriber({ id: 'lambda-sub', email: 'lambda@example.org', lang: 'en', status: 'confirmed', filters: {} });

    const { first, second } = await twoCycles();
    const notified = await notify();

    expect(first.tasks).toContainEqual({ cycleId: expect.any(String), host: expect.stringMatching(/jst|amed|jsps/), chunk: 0, chunkSize: 4 });
    expect(first.summary).toMatchObject({ sources: sources.length, chunksPlanned: first.tasks.length, chunksReported: first.tasks.length });
    expect(first.summary.outcomes.new).toBe(sources.length);
    expect(second.summary.outcomes.changed).toBeGreaterThan(0);
    expect(second.summary.changes).toMatchObject({ deadline: expect.any(Number) });
    expect((await awsStore().listCycleSummaries()).map((c) => c.cycleId)).toEqual([second.summary.cycleId, first.summary.cycleId]);
    // The listings were read: their calls are recorded (the recorded calls closed long before today, so none is watched).
    expect((await awsStore().listDiscoveredSources()).length).toBeGreaterThan(5);
    expect(notified.emailsSent).toBe(1);
    const emails = await ses.emails();
    expect(emails.map((e) => e.destination.to)).toEqual([['lambda@example.org']]);
  });

  it('publish writes the page, the feeds and the JSON documents to the site bucket and the history as JSON Lines to the export bucket', async () => {
    // A table with something to publish: two cycles' snapshots and the changes between them.
    await twoCycles();
    const s3 = await startLocalS3();
    closers.push(() => s3.close());
    await s3.createBucket('site');
    await s3.createBucket('export');
    // s3rver knows one key pair; the DynamoDB and SES engines accept any.
    setEnv({ SITE_BUCKET: 'site', EXPORT_BUCKET: 'export', SITE_URL: 'https://d123.cloudfront.net', AWS_ENDPOINT_URL_S3: s3.endpoint,
      AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' });
    const { handler } = await import('../../lambdas/publish.ts');

    // As the state machine invokes it: with the cycle's state as input, which it does not need.
    const report = await handler();

    const site = await s3.keys('site');
    expect(site).toEqual(expect.arrayContaining(['index.html', 'ja/index.html', 'programmes/jst-aspire.html', 'feeds/deadlines.ics',
      'feeds/deadlines-jst.ics', 'feeds/programmes/jst-aspire.ics', 'feeds/changes.atom', 'feeds/changes-amed.atom', 'assets/site.css']));
    expect(report.files).toBe(site.length);
    expect(await s3.object('site', 'feeds/deadlines.ics')).toMatchObject({ contentType: 'text/calendar; charset=utf-8', cacheControl: 'public, max-age=300' });
    expect((await s3.object('site', 'feeds/changes.atom')).body).toContain('https://d123.cloudfront.net/feeds/changes.atom');
    // The JSON documents and their schemas, beside the feeds, typed and cached as the feeds are.
    for (const key of ['feeds/deadlines.json', 'feeds/changes.json', 'feeds/programmes.json']) {
      expect(await s3.object('site', key)).toMatchObject({ contentType: 'application/json; charset=utf-8', cacheControl: 'public, max-age=300' });
    }
    for (const key of ['feeds/schemas/deadlines.v1.json', 'feeds/schemas/changes.v1.json', 'feeds/schemas/programmes.v1.json']) {
      expect(await s3.object('site', key)).toMatchObject({ contentType: 'application/schema+json; charset=utf-8', cacheControl: 'public, max-age=300' });
    }
    const changesJson = JSON.parse((await s3.object('site', 'feeds/changes.json')).body) as { schema: string; changes: Array<{ category: string }> };
    expect(changesJson.schema).toBe('https://d123.cloudfront.net/feeds/schemas/changes.v1.json');
    expect(changesJson.changes.some((c) => c.category === 'deadline')).toBe(true);
    // What two real cycles produced validates against the schemas as published (not only the hand-made catalog of the unit tests).
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    ajvFormats.default(ajv);
    for (const name of ['deadlines', 'changes', 'programmes']) {
      const validate = ajv.compile(JSON.parse((await s3.object('site', `feeds/schemas/${name}.v1.json`)).body) as object);
      expect(validate(JSON.parse((await s3.object('site', `feeds/${name}.json`)).body)), JSON.stringify(validate.errors)).toBe(true);
    }
    // The programme list the pages read: every programme of the registry and every call the listings gave, named by the pages.
    const { registry, awsStore } = await import('../../lambdas/wiring.ts');
    const programmes = (JSON.parse((await s3.object('site', 'feeds/programmes.json')).body) as { programmes: Array<{ id: string; names: { en: string | null } }> }).programmes;
    const found = (await awsStore().listDiscoveredSources()).map((d) => d.program ?? d.id);
    expect(programmes.map((p) => p.id)).toEqual(expect.arrayContaining([...registry().flatMap((r) => (r.program ? [r.program] : [])), ...found]));
    expect(programmes.find((p) => p.id === 'jst-aspire')?.names.en).toEqual(expect.any(String));
    expect(await s3.keys('export')).toEqual(expect.arrayContaining(['exports/latest/changes/changes.jsonl', 'exports/latest/snapshots/snapshots.jsonl']));
    const changes = (await s3.object('export', 'exports/latest/changes/changes.jsonl')).body.trimEnd().split('\n').map((l) => JSON.parse(l) as { category: string });
    expect(changes).toHaveLength(report.exported.changes!);
    expect(changes.some((c) => c.category === 'deadline')).toBe(true);
  });

  it('the cycle\'s worker refuses a payload that is not a chunk task, and finish one without a plan, saying what they expected', async () => {
    const { handler: worker } = await import('../../lambdas/check-chunk.ts');
    const { handler: finish } = await import('../../lambdas/check-finish.ts');
    await expect(worker({ host: 'www.jst.go.jp' })).rejects.toThrow(/expected \{cycleId, host, chunk, chunkSize\}/);
    await expect(finish({})).rejects.toThrow(/needs \{plan: <the check-plan output>\}/);
  });

  it('ses-events suppresses an address after a permanent bounce or a complaint, and not after a transient one', async () => {
    const { handler } = await import('../../lambdas/ses-events.ts');
    const { awsStore } = await import('../../lambdas/wiring.ts');
    const { subscriberIdFor } = await import('#core/subscriptions/subscriber-id.ts');
    for (const email of ['bounce@example.org', 'soft@example.org', 'angry@example.org']) {
      await awsStore().putSubscriber({ id: subscriberIdFor(email), email, lang: 'en', status: 'confirmed', filters: {} });
    }
    // As SNS delivers SES notifications: the SES JSON is a string inside each record.
    const sns = (message: object) => ({ Records: [{ Sns: { Message: JSON.stringify(message) } }] });
    await handler(sns({ notificationType: 'Bounce', bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: 'bounce@example.org' }] }, mail: { messageId: 'm1' } }));
    await handler(sns({ eventType: 'Bounce', bounce: { bounceType: 'Transient', bouncedRecipients: [{ emailAddress: 'soft@example.org' }] }, mail: { messageId: 'm2' } }));
    const complaint = await handler(sns({ eventType: 'Complaint', complaint: { complainedRecipients: [{ emailAddress: 'angry@example.org' }] }, mail: { messageId: 'm3' } }));

    expect(complaint.suppressed).toBe(1);
    expect((await awsStore().getSubscriber(subscriberIdFor('bounce@example.org')))?.status).toBe('suppressed');
    expect((await awsStore().getSubscriber(subscriberIdFor('soft@example.org')))?.status).toBe('confirmed');
    expect((await awsStore().getSubscriber(subscriberIdFor('angry@example.org')))).toMatchObject({ status: 'suppressed', suppressedReason: 'complaint' });
  });

  it('ses-events settles an outbox claim from the Send event of the e-mail it carries', async () => {
    const { handler } = await import('../../lambdas/ses-events.ts');
    const { awsStore } = await import('../../lambdas/wiring.ts');
    const { subscriberIdFor } = await import('#core/subscriptions/subscriber-id.ts');
    const id = subscriberIdFor('claimed@example.org');
    await awsStore().claimSend({ key: 'k-send', subscriberId: id, eventIds: ['ev-1'], claimedAt: new Date().toISOString(), status: 'claimed' });
    const report = await handler({ Records: [{ Sns: { Message: JSON.stringify({ eventType: 'Send', mail: { messageId: 'ses-42', destination: ['claimed@example.org'], tags: { delivery: ['k-send'] } } }) } }] });

    expect(report.settled).toBe(1);
    expect(await awsStore().listSendClaims(id)).toEqual([expect.objectContaining({ key: 'k-send', status: 'sent', messageId: 'ses-42' })]);
    expect(await awsStore().hasDelivery(id, 'ev-1')).toBe(true);
  });

  it('subscription-api serves the pages from API Gateway events, forms only', async () => {
    setEnv({ LINK_SECRET: 'lambda-secret-0123456789abcdef0123456789', PUBLIC_BASE_URL: 'https://fundwatch.example.org/',
      SUBSCRIBE_QUEUE_URL: 'https://sqs.ap-northeast-1.amazonaws.com/123456789012/never-sent-to', PROGRAMMES: '[{"id":"jst-aspire","name":"ASPIRE"}]' });
    const { handler } = await import('../../lambdas/subscription-api.ts');
    const event = (method: string, path: string, body?: string, headers: Record<string, string> = {}) => ({
      requestContext: { http: { method, path } }, rawQueryString: '', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      ...(body ? { body: Buffer.from(body).toString('base64'), isBase64Encoded: true } : {}),
    });

    const form = await handler(event('GET', '/'));
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="jst-aspire"');
    // A valid form is queued, not mailed here: test/lambdas/subscription-queue.test.ts follows it through the queue.
    expect((await handler(event('POST', '/subscribe', 'email=not-an-address'))).statusCode).toBe(400);
    expect((await handler(event('POST', '/subscribe', '{"email":"x"}', { 'content-type': 'application/json' }))).statusCode).toBe(415);
  });
});
