/**
 * The maintainers' alarms, asserted on the synthesized template: CloudWatch may deliver them to the alert topic,
 * each one says when it fires and when it recovers, and silence that means "dead" raises one.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { MaintainerAlerts } from '../../infra/constructs/maintainer-alerts.ts';
import { logicalIdOf, synthStack } from './synth.ts';

interface AlarmProperties {
  Namespace: string; MetricName: string; Dimensions?: Array<{ Name: string; Value: unknown }>; Statistic: string;
  Period: number; EvaluationPeriods: number; DatapointsToAlarm?: number; Threshold: number; ComparisonOperator: string; TreatMissingData: string;
}

function alarmsOf(template: Template): AlarmProperties[] {
  return Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((alarm) => (alarm as { Properties: AlarmProperties }).Properties);
}

/** The stack's own handlers (CDK's helper functions, if any, carry no FUNDWATCH_FUNCTION). */
function handlerIds(template: Template): string[] {
  return Object.keys(template.findResources('AWS::Lambda::Function', {
    Properties: { Environment: { Variables: Match.objectLike({ FUNDWATCH_FUNCTION: Match.anyValue() }) } },
  }));
}

/** The CloudWatch ARN of every alarm in the stack's account and region: `arn:<partition>:cloudwatch:<region>:<account>:alarm:*`. */
const THIS_ACCOUNTS_ALARMS = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':cloudwatch:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':alarm:*']] };

describe('maintainer alarms', () => {
  let template: Template;
  let topicId: string;
  beforeAll(() => {
    ({ template } = synthStack({ context: { 'fundwatch:alertEmail': 'ops@fundwatch.example' } }));
    topicId = logicalIdOf(template, 'AWS::SNS::Topic', { DisplayName: Match.stringLikeRegexp('maintainer') });
  });

  describe('the alert topic', () => {
    it('lets CloudWatch publish on behalf of this account\'s alarms in this region, and no one else\'s', () => {
      template.hasResourceProperties('AWS::SNS::TopicPolicy', {
        Topics: [{ Ref: topicId }],
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({
          Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish', Resource: { Ref: topicId },
          Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } }, ArnLike: { 'aws:SourceArn': THIS_ACCOUNTS_ALARMS } },
        })]) },
      });
    });

    it('still refuses any publish without TLS', () => {
      template.hasResourceProperties('AWS::SNS::TopicPolicy', {
        Topics: [{ Ref: topicId }],
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
      });
    });

    it('has no KMS key, so CloudWatch needs no key grant to publish (a key would need one)', () => {
      template.hasResourceProperties('AWS::SNS::Topic', { DisplayName: Match.stringLikeRegexp('maintainer'), KmsMasterKeyId: Match.absent() });
    });

    it('hears from every alarm when it fires and again when it recovers', () => {
      const count = alarmsOf(template).length;
      expect(count).toBeGreaterThan(0);
      template.resourcePropertiesCountIs('AWS::CloudWatch::Alarm', { AlarmActions: [{ Ref: topicId }], OKActions: [{ Ref: topicId }] }, count);
    });
  });

  describe('silence that means dead', () => {
    it('alarms when no sources were checked for 12 hours, counting missing data as breaching', () => {
      const heartbeat = alarmsOf(template).filter((a) => a.Namespace === 'fundwatch' && a.MetricName === 'SourcesChecked');
      expect(heartbeat).toHaveLength(1);
      const [alarm] = heartbeat as [AlarmProperties];
      expect(alarm).toMatchObject({ Dimensions: [{ Name: 'Function', Value: 'check-finish' }], Statistic: 'Sum',
        Threshold: 1, ComparisonOperator: 'LessThanThreshold', TreatMissingData: 'breaching' });
      // Every period of the window must be empty: one checked source anywhere in it keeps the alarm quiet.
      expect(alarm.Period * alarm.EvaluationPeriods).toBe(Duration.hours(12).toSeconds());
      expect(alarm.DatapointsToAlarm ?? 1).toBe(alarm.EvaluationPeriods);
    });

    it('treats missing data as healthy only where a metric is published just when something ran', () => {
      const breaching = alarmsOf(template).filter((a) => a.TreatMissingData === 'breaching').map((a) => a.MetricName);
      expect(breaching).toEqual(['SourcesChecked']);
      for (const alarm of alarmsOf(template).filter((a) => a.MetricName !== 'SourcesChecked')) expect(alarm.TreatMissingData).toBe('notBreaching');
    });

    it('refuses a heartbeat window CloudWatch cannot evaluate (more than a day of periods)', () => {
      const alerts = new MaintainerAlerts(new Stack(new App(), 'Bare'), 'Alerts');
      const metric = new Metric({ namespace: 'fundwatch', metricName: 'SourcesChecked' });
      expect(() => alerts.heartbeat('TooLong', metric, Duration.hours(36), 'never')).toThrow(/1 to 24 hours/);
    });
  });

  describe('SES reputation', () => {
    it('alarms at the account-wide bounce and complaint rates where AWS reviews a sending account (5% and 0.1%)', () => {
      for (const [metric, rate] of [['Reputation.BounceRate', 0.05], ['Reputation.ComplaintRate', 0.001]] as const) {
        template.hasResourceProperties('AWS::CloudWatch::Alarm', {
          Namespace: 'AWS/SES', MetricName: metric, Dimensions: Match.absent(), Threshold: rate, ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        });
      }
    });
  });

  describe('throttles', () => {
    it('alarms on the first throttled invocation of every handler', () => {
      const handlers = handlerIds(template);
      expect(handlers).toHaveLength(9);
      for (const id of handlers) {
        template.hasResourceProperties('AWS::CloudWatch::Alarm', {
          Namespace: 'AWS/Lambda', MetricName: 'Throttles', Dimensions: [{ Name: 'FunctionName', Value: { Ref: id } }],
          Statistic: 'Sum', Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        });
      }
    });
  });

  describe('the subscription pages', () => {
    it('alarms on any 5xx answer of the HTTP API\'s stage', () => {
      const apiId = logicalIdOf(template, 'AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP' });
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/ApiGateway', MetricName: '5xx', Statistic: 'Sum', Threshold: 1,
        Dimensions: [{ Name: 'ApiId', Value: { Ref: apiId } }, { Name: 'Stage', Value: '$default' }],
      });
    });
  });
});
