/**
 * The stage files (infra/stages/<stage>.json): every setting of a deployment in one committed file, checked at synth
 * so that a placeholder, a typo or a missing address fails `cdk synth` with a message saying what to set.
 */
import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { checkStageFile, DEFAULT_PARAMETERS, readParameters, readStageFile, stageNames, toParameters, type StageFile } from '../../infra/parameters.ts';
import { reservations } from '../../infra/reservations.ts';

const stage = (extra: Partial<StageFile> = {}): StageFile => ({ stage: 'prod', senderEmail: 'news@lab.ac.jp', alertEmail: 'ops@lab.ac.jp', ...extra });
const app = (context: Record<string, unknown>) => new App({ context }).node;

describe('stage files', () => {
  it('commits an example stage that synthesizes for review only', () => {
    expect(stageNames()).toContain('example');
    const example = readStageFile('example');
    expect(() => toParameters(example)).toThrow(/senderEmail "alerts@fundwatch.example" is a placeholder/);
    expect(toParameters(example, { allowPlaceholders: true })).toMatchObject({ stage: 'example', senderEmail: 'alerts@fundwatch.example', alertEmail: 'maintainers@fundwatch.example' });
  });

  it('fills every setting a stage leaves out with its default', () => {
    expect(toParameters(stage())).toEqual({ ...DEFAULT_PARAMETERS, stage: 'prod', senderEmail: 'news@lab.ac.jp', alertEmail: 'ops@lab.ac.jp' });
  });

  it('reads schedules and limits from their groups', () => {
    const params = toParameters(stage({ schedules: { cycle: 'rate(6 hours)' }, limits: { hostConcurrency: 4, chunkSize: 10, logRetentionDays: 30 } }));
    expect(params).toMatchObject({ scheduleExpression: 'rate(6 hours)', notifyScheduleExpression: DEFAULT_PARAMETERS.notifyScheduleExpression, hostConcurrency: 4, chunkSize: 10, logRetentionDays: 30 });
  });

  it('refuses the placeholder sender and alert addresses of every reserved domain', () => {
    for (const address of ['alerts@example.org', 'a@example.com', 'a@mail.example.net', 'a@lab.example', 'a@x.test', 'a@x.invalid', 'a@localhost']) {
      expect(() => toParameters(stage({ senderEmail: address })), address).toThrow(/is a placeholder/);
      expect(() => toParameters(stage({ alertEmail: address })), address).toThrow(/is a placeholder/);
    }
  });

  it('requires both addresses and says which is missing', () => {
    expect(() => checkStageFile({ stage: 'prod', senderEmail: 'news@lab.ac.jp' }, 'infra/stages/prod.json', 'prod')).toThrow('infra/stages/prod.json: "alertEmail" is required');
    expect(() => toParameters(stage({ senderEmail: 'lab.ac.jp' }))).toThrow(/senderEmail "lab.ac.jp" is not an e-mail address/);
  });

  it('refuses unknown settings, wrong types and a copied file whose stage was not renamed', () => {
    expect(() => checkStageFile({ ...stage(), sender: 'x' }, 'f.json', 'prod')).toThrow(/unknown setting "sender"/);
    expect(() => checkStageFile({ ...stage(), limits: { hostConcurency: 3 } }, 'f.json', 'prod')).toThrow(/unknown setting "limits.hostConcurency"/);
    expect(() => checkStageFile({ ...stage(), limits: { chunkSize: '5' } }, 'f.json', 'prod')).toThrow(/"limits.chunkSize" must be a number/);
    expect(() => checkStageFile(stage(), 'infra/stages/staging.json', 'staging')).toThrow(/set it to "staging", the file's own name/);
  });

  it('accepts only a log retention CloudWatch Logs offers, listing them', () => {
    expect(() => toParameters(stage({ limits: { logRetentionDays: 45 } }))).toThrow(/use one of 1, 3, 5, 7, 14, 30, 60, 90/);
  });

  it('makes a fixed table name carry the stage, so two stages never share a table', () => {
    expect(toParameters(stage({ tableName: 'fundwatch-prod' })).tableName).toBe('fundwatch-prod');
    expect(() => toParameters(stage({ tableName: 'fundwatch' }))).toThrow(/must contain the stage name "prod"/);
  });

  it('refuses a stage name that cannot be part of AWS names, and names the stages there are', () => {
    expect(() => readStageFile('Prod_1')).toThrow(/lower-case letters, digits or hyphens/);
    expect(() => readStageFile('nowhere')).toThrow(/no stage file infra\/stages\/nowhere.json: copy infra\/stages\/example.json.*stages here: .*example/);
  });
});

describe('reserved concurrency', () => {
  it('reserves nothing unless the stage opts in', () => {
    expect(reservations(toParameters(stage()))).toEqual({});
  });

  it('reserves the worker per checked host, one for each sender and two for the subscribe requests when asked', () => {
    expect(reservations(toParameters(stage({ reservedConcurrency: true })))).toEqual({ worker: DEFAULT_PARAMETERS.hostConcurrency, senders: 1, subscribeRequests: 2 });
  });

  it('refuses a reservation the account cannot afford with 10 left unreserved, as on a new account with a quota of 10', () => {
    expect(() => reservations(toParameters(stage({ reservedConcurrency: true, accountConcurrency: 10 })))).toThrow(/may reserve at most 0: set "reservedConcurrency": false/);
    expect(() => reservations(toParameters(stage({ reservedConcurrency: true, accountConcurrency: 21, limits: { hostConcurrency: 8 } })))).toThrow(/reserves 12/);
    expect(reservations(toParameters(stage({ reservedConcurrency: true, accountConcurrency: 22, limits: { hostConcurrency: 8 } })))).toEqual({ worker: 8, senders: 1, subscribeRequests: 2 });
  });
});

describe('readParameters', () => {
  it('asks for a stage when none is given, naming the committed ones', () => {
    expect(() => readParameters(app({}))).toThrow(/choose a stage: -c stage=<name>.*example/);
  });

  it('reads the chosen stage and refuses its placeholders unless told they are allowed', () => {
    expect(() => readParameters(app({ stage: 'example' }))).toThrow(/is a placeholder/);
    expect(readParameters(app({ stage: 'example', 'fundwatch:allowPlaceholders': true })).stage).toBe('example');
  });

  it('overrides one setting for one command and keeps every other from the file', () => {
    const params = readParameters(app({ stage: 'example', 'fundwatch:allowPlaceholders': 'true', 'fundwatch:scheduleExpression': 'cron(0 8 * * ? *)', 'fundwatch:chunkSize': '5' }));
    expect(params).toMatchObject({ scheduleExpression: 'cron(0 8 * * ? *)', chunkSize: 5, senderIdentity: 'fundwatch.example', alertEmail: 'maintainers@fundwatch.example' });
  });

  it('checks an override as the file is checked', () => {
    expect(() => readParameters(app({ stage: 'example', 'fundwatch:allowPlaceholders': true, 'fundwatch:failedSourcesAlarm': 'many' }))).toThrow(/fundwatch:failedSourcesAlarm "many" must be a whole number/);
    expect(() => readParameters(app({ stage: 'example', 'fundwatch:senderEmail': 'alerts@example.org' }))).toThrow(/is a placeholder/);
  });
});
