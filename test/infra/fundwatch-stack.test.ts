/** The stack's invariants, asserted on the synthesized template (bundling skipped; `npm test` synthesizes for real). */
import { beforeAll, describe, expect, it } from 'vitest';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { readParameters } from '../../infra/parameters.ts';
import { FundwatchStack } from '../../infra/stacks/fundwatch-stack.ts';

function synth(context: Record<string, string> = {}): Template {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [], 'fundwatch:senderEmail': 'alerts@fundwatch.example', ...context } });
  return Template.fromStack(new FundwatchStack(app, 'Test', readParameters(app.node)));
}

describe('FundwatchStack', () => {
  let template: Template;
  beforeAll(() => { template = synth({ 'fundwatch:alertEmail': 'ops@fundwatch.example' }); });

  it('runs both functions on Node.js 24, arm64, with a dead-letter queue', () => {
    template.resourcePropertiesCountIs('AWS::Lambda::Function', { Runtime: 'nodejs24.x', Architectures: ['arm64'],
      DeadLetterConfig: { TargetArn: Match.anyValue() } }, 2);
  });

  it('runs the check on its schedule in Asia/Tokyo, one cycle at a time', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'cron(0 */6 * * ? *)', ScheduleExpressionTimezone: 'Asia/Tokyo' });
    template.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'rate(15 minutes)', ScheduleExpressionTimezone: 'Asia/Tokyo' });
    template.hasResourceProperties('AWS::Lambda::Function', { ReservedConcurrentExecutions: 1, Timeout: 600 });
  });

  it('keeps the table safe: on-demand, point-in-time recovery, deletion protection, encryption, retained', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST', DeletionProtectionEnabled: true, SSESpecification: { SSEEnabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }, TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      GlobalSecondaryIndexes: [Match.objectLike({ IndexName: 'byPending' }), Match.objectLike({ IndexName: 'byTime' })],
    });
    template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain' });
  });

  it('lets only the notifier send e-mail, and only as the sender identity', () => {
    const policies = template.findResources('AWS::IAM::Policy');
    const statementsOf = (fragment: string) => Object.entries(policies).filter(([id]) => id.includes(fragment))
      .flatMap(([, p]) => (p as { Properties: { PolicyDocument: { Statement: Array<{ Action: string | string[]; Resource: unknown }> } } }).Properties.PolicyDocument.Statement);
    const sends = (s: { Action: string | string[] }) => [s.Action].flat().some((a) => a.startsWith('ses:'));

    expect(statementsOf('Check').some(sends)).toBe(false);
    const ses = statementsOf('Notify').filter(sends);
    expect(ses).toHaveLength(1);
    expect(JSON.stringify(ses[0]!.Resource)).toContain('identity/alerts@fundwatch.example');
    expect(JSON.stringify(ses[0]!.Resource)).not.toContain('"*"');
  });

  it('alarms on errors and dead letters into the maintainer topic, which e-mails the alert address', () => {
    template.resourceCountIs('AWS::CloudWatch::Alarm', 4);
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@fundwatch.example' });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmActions: [{ Ref: Match.stringLikeRegexp('MaintainerAlerts') }] });
  });

  it('creates no e-mail subscription when no alert address is configured', () => {
    synth().resourceCountIs('AWS::SNS::Subscription', 0);
  });
});
