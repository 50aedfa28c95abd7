/**
 * The subscribe form's request queue, asserted on the synthesized template: the API only queues, the consumer
 * does the address's work, and a request that keeps failing ends in a dead-letter queue that pages a maintainer.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { logicalIdOf, synthStack } from './synth.ts';

const SENDER = 'alerts@fundwatch.example';
type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: Record<string, Record<string, unknown>> };
type Resource = { Properties: Record<string, unknown> };

describe('the subscribe request queue', () => {
  let template: Template;
  let queueId: string;
  let dlqId: string;
  let consumerId: string;
  beforeAll(() => {
    ({ template } = synthStack({ context: { 'fundwatch:senderEmail': SENDER, 'fundwatch:alertEmail': 'ops@fundwatch.example' } }));
    queueId = logicalIdOf(template, 'AWS::SQS::Queue', { RedrivePolicy: Match.objectLike({ maxReceiveCount: 5 }) });
    const redrive = (template.findResources('AWS::SQS::Queue')[queueId] as Resource).Properties.RedrivePolicy as { deadLetterTargetArn: { 'Fn::GetAtt': [string] } };
    dlqId = redrive.deadLetterTargetArn['Fn::GetAtt'][0];
    consumerId = functionId('subscription-requests');
  });

  function functionId(name: string): string {
    return logicalIdOf(template, 'AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ FUNDWATCH_FUNCTION: name }) } });
  }
  function statementsOf(name: string): Statement[] {
    const fn = template.findResources('AWS::Lambda::Function')[functionId(name)] as { Properties: { Role: { 'Fn::GetAtt': [string] } } };
    const policies = template.findResources('AWS::IAM::Policy', { Properties: { Roles: Match.arrayWith([{ Ref: fn.Properties.Role['Fn::GetAtt'][0] }]) } });
    return Object.values(policies).flatMap((p) => (p as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument.Statement);
  }
  const actions = (statements: Statement[], prefix: string): string[] => statements.flatMap((s) => [s.Action].flat()).filter((a) => a.startsWith(prefix)).sort();
  const queueProps = (id: string): Record<string, unknown> => (template.findResources('AWS::SQS::Queue')[id] as Resource).Properties;

  it('redrives a request received five times to its dead-letter queue, which keeps it for 14 days', () => {
    expect(queueProps(dlqId)).toMatchObject({ MessageRetentionPeriod: 14 * 86_400, SqsManagedSseEnabled: true });
  });

  it('keeps a request four days, encrypted at rest (SSE-SQS), and refuses both queues to anyone without TLS', () => {
    expect(queueProps(queueId)).toMatchObject({ MessageRetentionPeriod: 4 * 86_400, SqsManagedSseEnabled: true });
    for (const id of [queueId, dlqId]) {
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: id }],
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
      });
    }
  });

  it('hides a request for at least six times the consumer\'s timeout (AWS\'s guidance for Lambda on SQS)', () => {
    const timeout = (template.findResources('AWS::Lambda::Function')[consumerId] as Resource).Properties.Timeout as number;
    expect(queueProps(queueId).VisibilityTimeout as number).toBeGreaterThanOrEqual(6 * timeout);
  });

  it('feeds the consumer small batches with partial batch responses, two at a time at most', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: consumerId }, EventSourceArn: { 'Fn::GetAtt': [queueId, 'Arn'] },
      BatchSize: Match.anyValue(), FunctionResponseTypes: ['ReportBatchItemFailures'], ScalingConfig: { MaximumConcurrency: 2 },
    });
    const mapping = Object.values(template.findResources('AWS::Lambda::EventSourceMapping', { Properties: { FunctionName: { Ref: consumerId } } }))[0] as Resource;
    expect(mapping.Properties.BatchSize as number).toBeLessThanOrEqual(10);
  });

  it('reserves no concurrency for the consumer by default, and its two where the stage reserves (counted in parameters.ts reservations())', () => {
    expect((template.findResources('AWS::Lambda::Function')[consumerId] as Resource).Properties.ReservedConcurrentExecutions).toBeUndefined();
    const { template: reserved } = synthStack({ context: { 'fundwatch:reservedConcurrency': true } });
    reserved.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ FUNDWATCH_FUNCTION: 'subscription-requests' }) }, ReservedConcurrentExecutions: 2 });
  });

  it('alarms the maintainers on the first request in the dead-letter queue, and again when it is empty', () => {
    const topicId = logicalIdOf(template, 'AWS::SNS::Topic', { DisplayName: Match.stringLikeRegexp('maintainer') });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS', MetricName: 'ApproximateNumberOfMessagesVisible', Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlqId, 'QueueName'] } }],
      Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', AlarmActions: [{ Ref: topicId }], OKActions: [{ Ref: topicId }],
      AlarmDescription: Match.stringLikeRegexp('redrive'),
    });
  });

  it('lets the API send to this queue only, and neither send e-mail nor read the queue', () => {
    const statements = statementsOf('subscription-api');
    const sqs = statements.filter((s) => [s.Action].flat().some((a) => a.startsWith('sqs:')));
    expect(sqs).toHaveLength(1);
    expect([sqs[0]!.Action].flat()).toEqual(['sqs:SendMessage']);
    expect(sqs[0]!.Resource).toEqual({ 'Fn::GetAtt': [queueId, 'Arn'] });
    expect(actions(statements, 'ses:')).toEqual([]);
    // Still its own limit counter (countUse) and the token pages' reads and writes, on SUB# items only.
    expect(actions(statements, 'dynamodb:')).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem']);
  });

  it('gives the consumer what subscribe needs: SUB# items by key, the link secret, SES as the sender only, and this queue\'s messages', () => {
    const statements = statementsOf('subscription-requests');
    expect(actions(statements, 'dynamodb:')).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem']);
    const dynamo = statements.find((s) => [s.Action].flat().some((a) => a.startsWith('dynamodb:')))!;
    expect(dynamo.Condition).toMatchObject({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['SUB#*'] } });
    const ses = statements.filter((s) => [s.Action].flat().some((a) => a.startsWith('ses:')));
    expect(ses).toHaveLength(1);
    expect(ses[0]!.Condition).toEqual({ StringEquals: { 'ses:FromAddress': SENDER } });
    expect(actions(statements, 'secretsmanager:')).toEqual(['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue']);
    const sqs = statements.filter((s) => [s.Action].flat().some((a) => a.startsWith('sqs:')));
    expect(sqs.map((s) => s.Resource)).toEqual([{ 'Fn::GetAtt': [queueId, 'Arn'] }]);
    expect(actions(sqs, 'sqs:')).not.toContain('sqs:SendMessage');
  });
});
