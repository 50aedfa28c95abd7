/**
 * The Lambda handlers, invoked as Lambda invokes them, with the AWS wiring pointed at the local
 * engines through the SDK's standard endpoint variables: the same cycle code as the CLI.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createFetcher, DEFAULT_FETCHER_OPTIONS } from '#io/fetch/fetcher.ts';
import { startDynalite } from '#io/local/dynalite.ts';
import { startFixtureServer, type FixtureServer } from '#io/local/fixture-server.ts';
import { startSesEmulator, type SesEmulator } from '#io/local/ses-emulator.ts';
import { ensureTable } from '#io/store/dynamo-store.ts';
import { loadRegistry } from '#parsers/sources.ts';
import { FIXTURE_SITES } from '#cli/local-env.ts';

describe('the Lambda handlers on the local engines', () => {
  let server: FixtureServer;
  let ses: SesEmulator;
  const closers: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    const engine = await startDynalite({});
    ses = await startSesEmulator();
    server = await startFixtureServer({ root: FIXTURE_SITES, step: 1 });
    closers.push(() => engine.close(), () => ses.close(), () => server.close());
    Object.assign(process.env, {
      TABLE_NAME: 'fundwatch-lambda', SENDER_EMAIL: 'alerts@fundwatch.example', AWS_REGION: 'ap-northeast-1',
      AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local',
      AWS_ENDPOINT_URL_DYNAMODB: engine.endpoint, AWS_ENDPOINT_URL_SES: ses.endpoint,
    });
    const client = new DynamoDBClient({});
    await ensureTable(client, 'fundwatch-lambda');
    client.destroy();
  });
  afterAll(async () => {
    for (const close of closers) await close();
  });

  it('check stores snapshots and notify e-mails the changes of the next cycle', async () => {
    const { createCheckHandler } = await import('../../lambdas/check.ts');
    const { handler: notify } = await import('../../lambdas/notify.ts');
    const { awsStore } = await import('../../lambdas/wiring.ts');
    const sources = await loadRegistry();
    const check = createCheckHandler({ store: awsStore, sources,
      fetcher: () => createFetcher({ ...DEFAULT_FETCHER_OPTIONS, route: { origin: server.origin }, politenessDelayMs: 5 }) });
    await awsStore().putSubscriber({ id: 'lambda-sub', email: 'lambda@example.org', lang: 'en', status: 'confirmed', filters: {} });

    const first = await check();
    server.setStep(2);
    const second = await check();
    const notified = await notify();

    expect(first.outcomes.new).toBe(sources.length);
    expect(second.outcomes.changed).toBeGreaterThan(0);
    expect(notified.emailsSent).toBe(1);
    const emails = await ses.emails();
    expect(emails.map((e) => e.destination.to)).toEqual([['lambda@example.org']]);
  });
});
