/**
 * The handlers' telemetry on Powertools: metrics in the shape the alarms read, log lines that carry the
 * request id and cold start and never an address, traces that record SDK errors already masked.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SendRawEmailCommand } from '@aws-sdk/client-ses';
import type { FinalizeRequestMiddleware } from '@smithy/types';
import { createSesMailer } from '#io/mail/ses-mailer.ts';
import { addCounts, createLogger, createMetrics, instrumented, logger, METRICS_NAMESPACE, redactingErrors, type LambdaContext } from '../../lambdas/telemetry.ts';
import { FULL_ADDRESS, RECIPIENT, SES_REFUSALS, startRefusingSes, type RefusingSes } from '../helpers/ses-refusals.ts';

/** Everything written to stdout and stderr while the test runs (Powertools writes there, not through console). */
let written: string[];
beforeEach(() => {
  written = [];
  const capture = (chunk: unknown): boolean => { written.push(String(chunk)); return true; };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
});
afterEach(() => { vi.restoreAllMocks(); vi.unstubAllEnvs(); });

const lines = (): Array<Record<string, unknown>> => written.join('').split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);

const CONTEXT: LambdaContext = { awsRequestId: 'req-123', functionName: 'fundwatch-notify', functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:ap-northeast-1:123456789012:function:fundwatch-notify', memoryLimitInMB: '256' };

describe('metrics', () => {
  it('publishes one EMF record: each count under the namespace "fundwatch", dimensioned by Function alone', () => {
    const metrics = createMetrics('check-finish');

    addCounts({ SourcesChecked: 15, SourcesFailed: 1 }, metrics);
    metrics.publishStoredMetrics();

    const [record] = lines();
    expect(record).toEqual({
      _aws: { Timestamp: expect.any(Number), CloudWatchMetrics: [{ Namespace: METRICS_NAMESPACE, Dimensions: [['Function']],
        Metrics: [{ Name: 'SourcesChecked', Unit: 'Count' }, { Name: 'SourcesFailed', Unit: 'Count' }] }] },
      Function: 'check-finish', SourcesChecked: 15, SourcesFailed: 1,
    });
    expect(METRICS_NAMESPACE).toBe('fundwatch');
  });
});

describe('the logger', () => {
  it('writes JSON lines with the function, the request id and whether the container was cold', () => {
    vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', 'on-demand');
    const logger = createLogger('notify');
    const addContext = (awsRequestId: string): void => logger.addContext({ ...CONTEXT, awsRequestId } as Parameters<typeof logger.addContext>[0]);

    addContext('req-1');
    logger.info('notify finished', { emailsSent: 3 });
    addContext('req-2');
    logger.info('notify finished', { emailsSent: 0 });

    expect(lines()).toEqual([
      expect.objectContaining({ level: 'INFO', message: 'notify finished', function: 'notify', emailsSent: 3, function_request_id: 'req-1', cold_start: true,
        service: 'fundwatch' }),
      expect.objectContaining({ function_request_id: 'req-2', cold_start: false }),
    ]);
  });

  it('masks every address in the message, the fields, their keys, and an error\'s message, stack and cause', () => {
    const logger = createLogger('ses-events');
    const ses = new Error(SES_REFUSALS.accessDenied.message);

    logger.error(`send to ${RECIPIENT} failed`, { to: RECIPIENT, recipients: [RECIPIENT], [RECIPIENT]: 'bounced',
      error: new Error(SES_REFUSALS.sandbox.message, { cause: ses }) });

    const out = written.join('');
    expect(out).toContain('s***@example.org');
    expect(out).toContain('identity/s***@example.org');
    expect(out).toContain('failed the check in region AP-NORTHEAST-1');
    expect(out).not.toMatch(FULL_ADDRESS);
  });
});

describe('instrumented', () => {
  it('puts the invocation\'s request id on the handler\'s log lines and publishes its counts', async () => {
    const handler = instrumented(async (event: { n: number }) => { logger.info('counted', { n: event.n }); addCounts({ EmailsSent: event.n }); return event.n; });

    await expect(handler({ n: 2 }, CONTEXT)).resolves.toBe(2);

    const [logged, emf] = lines();
    expect(logged).toMatchObject({ message: 'counted', n: 2, function_request_id: 'req-123' });
    expect(emf).toMatchObject({ _aws: { CloudWatchMetrics: [{ Namespace: 'fundwatch', Dimensions: [['Function']] }] }, EmailsSent: 2 });
  });

  it('lets an error escape with its class, but with the addresses in its message and stack masked', async () => {
    class SendFailed extends Error {}
    const handler = instrumented(async () => { throw new SendFailed(`SES refused ${RECIPIENT}`); });

    const err = await handler().catch((e: unknown) => e as Error);

    expect(err).toBeInstanceOf(SendFailed);
    expect(err.message).toBe('SES refused s***@example.org');
    expect(err.stack).not.toMatch(FULL_ADDRESS);
  });
});

describe('an SES refusal on its way to the logs and the traces', () => {
  let ses: RefusingSes | undefined;
  afterEach(async () => { await ses?.close(); ses = undefined; });

  it('reaches the log without the recipient, as the mailer reports it', async () => {
    ses = await startRefusingSes(SES_REFUSALS.sandbox);
    const mailer = createSesMailer({ from: 'alerts@fundwatch.example', client: ses.client });
    const logger = createLogger('notify');

    const err = await mailer.send({ to: RECIPIENT, subject: 'deadline changed', text: 'body', html: '<p>body</p>' }).catch((e: unknown) => e);
    logger.warn('notify finished', { failures: [`s-1: ${(err as Error).message}`], error: err });

    expect(written.join('')).toContain('failed the check');
    expect(written.join('')).not.toMatch(FULL_ADDRESS);
  });

  it('is masked before a build-step middleware (where X-Ray\'s would sit) sees it, and as the client throws it', async () => {
    ses = await startRefusingSes(SES_REFUSALS.accessDenied);
    const client = redactingErrors(ses.client);
    let seenByXRay: Error | undefined;
    const xray: FinalizeRequestMiddleware<object, object> = (next) => async (args) => {
      try { return await next(args); } catch (e) { seenByXRay = e as Error; throw e; }
    };
    client.middlewareStack.add(xray as never, { step: 'build', name: 'likeXRay' });

    const err = await client.send(new SendRawEmailCommand({ RawMessage: { Data: Buffer.from('x') } })).then(
      () => { throw new Error('SES was expected to refuse the send'); }, (e: unknown) => e as Error);

    expect(err.name).toBe('AccessDenied');
    expect(seenByXRay?.message).toContain('identity/s***@example.org');
    expect(`${seenByXRay?.message}\n${seenByXRay?.stack}`).not.toMatch(FULL_ADDRESS);
    expect(`${err.message}\n${err.stack}`).not.toMatch(FULL_ADDRESS);
  });
});
