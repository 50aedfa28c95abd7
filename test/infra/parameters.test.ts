import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMETERS, readParameters } from '../../infra/parameters.ts';

describe('readParameters', () => {
  it('falls back to the defaults when the context says nothing', () => {
    const params = readParameters(new App().node);
    expect(params).toEqual({ ...DEFAULT_PARAMETERS, alertEmail: undefined, tableName: undefined, senderIdentity: undefined, publicBaseUrl: undefined,
      failedSourcesAlarm: 3, sourcesFile: undefined });
  });

  it('reads every fundwatch: context key, trimmed', () => {
    const app = new App({ context: {
      'fundwatch:scheduleExpression': 'rate(6 hours)', 'fundwatch:notifyScheduleExpression': 'rate(5 minutes)', 'fundwatch:reminderScheduleExpression': 'cron(0 8 * * ? *)',
      'fundwatch:senderEmail': ' news@lab.example ', 'fundwatch:alertEmail': 'ops@lab.example', 'fundwatch:tableName': 'fw',
      'fundwatch:senderIdentity': 'lab.example', 'fundwatch:publicBaseUrl': 'https://alerts.lab.example/', 'fundwatch:failedSourcesAlarm': 5,
      'fundwatch:sourcesFile': 'config/sources.json', 'fundwatch:hostConcurrency': '4', 'fundwatch:chunkSize': 10, 'fundwatch:logRetentionDays': 30,
    } });
    expect(readParameters(app.node)).toEqual({
      scheduleExpression: 'rate(6 hours)', notifyScheduleExpression: 'rate(5 minutes)', reminderScheduleExpression: 'cron(0 8 * * ? *)',
      senderEmail: 'news@lab.example', alertEmail: 'ops@lab.example', tableName: 'fw',
      senderIdentity: 'lab.example', publicBaseUrl: 'https://alerts.lab.example/', failedSourcesAlarm: 5,
      sourcesFile: 'config/sources.json', hostConcurrency: 4, chunkSize: 10, logRetentionDays: 30,
    });
  });

  it('rejects an alarm threshold that is not a whole number and says where to set it', () => {
    expect(() => readParameters(new App({ context: { 'fundwatch:failedSourcesAlarm': 'many' } }).node)).toThrow(/-c fundwatch:failedSourcesAlarm=3/);
  });

  it('accepts only a log retention CloudWatch Logs offers, listing them', () => {
    expect(() => readParameters(new App({ context: { 'fundwatch:logRetentionDays': 45 } }).node)).toThrow(/use one of 1, 3, 5, 7, 14, 30, 60, 90/);
  });

  it('treats an empty alert address as none', () => {
    expect(readParameters(new App({ context: { 'fundwatch:alertEmail': '' } }).node).alertEmail).toBeUndefined();
  });

  it('rejects a sender that is not an e-mail address and says where to set it', () => {
    const app = new App({ context: { 'fundwatch:senderEmail': 'lab.example' } });
    expect(() => readParameters(app.node)).toThrow(/-c fundwatch:senderEmail=/);
  });
});
