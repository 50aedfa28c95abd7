/** The stack's invariants, asserted on the synthesized template (bundling skipped except in the last suite). */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Capture, Match, type Template } from 'aws-cdk-lib/assertions';
import { TABLE_DESIGN } from '#io/store/table-design.ts';
import { DEFAULT_PARAMETERS } from '../../infra/parameters.ts';
import { logicalIdOf, synthStack } from './synth.ts';

const SENDER = 'alerts@fundwatch.example';
const ALERTS = 'ops@fundwatch.example';

const sesAction = Match.stringLikeRegexp('^ses:');
/** No statement grants an SES action, whether its Action is a single string or a list. */
const NO_SES_STATEMENT = Match.not(Match.arrayWith([Match.objectLike({ Action: sesAction })]));
const NO_SES_IN_ACTION_LISTS = Match.not(Match.arrayWith([Match.objectLike({ Action: Match.arrayWith([sesAction]) })]));

interface Functions { check: string; notify: string; pages: string; sesEvents: string }

const fnNamed = (template: Template, name: string): string =>
  logicalIdOf(template, 'AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ FUNDWATCH_FUNCTION: name }) } });

function functionIds(template: Template): Functions {
  return { check: fnNamed(template, 'check'), notify: fnNamed(template, 'notify'), pages: fnNamed(template, 'subscription-api'), sesEvents: fnNamed(template, 'ses-events') };
}
const all = (fns: Functions): string[] => [fns.check, fns.notify, fns.pages, fns.sesEvents];

function roleOf(template: Template, functionId: string): string {
  const fn = template.findResources('AWS::Lambda::Function')[functionId] as { Properties: { Role: { 'Fn::GetAtt': [string, string] } } };
  return fn.Properties.Role['Fn::GetAtt'][0];
}

/** Logical ids of the IAM policies attached to a role, optionally only those whose statements match. */
function policiesOf(template: Template, roleId: string, statements: unknown = Match.anyValue()): string[] {
  return Object.keys(template.findResources('AWS::IAM::Policy', {
    Properties: { Roles: Match.arrayWith([{ Ref: roleId }]), PolicyDocument: { Statement: statements } },
  }));
}

function statementsOf(template: Template, roleId: string): Array<{ Action: string | string[]; Resource: unknown }> {
  const policies = template.findResources('AWS::IAM::Policy');
  return policiesOf(template, roleId).flatMap((id) => (policies[id] as { Properties: { PolicyDocument: { Statement: [] } } }).Properties.PolicyDocument.Statement);
}

describe('FundwatchStack', () => {
  let template: Template;
  let fns: Functions;
  beforeAll(() => {
    ({ template } = synthStack({ context: { 'fundwatch:senderEmail': SENDER, 'fundwatch:alertEmail': ALERTS } }));
    fns = functionIds(template);
  });

  describe('functions', () => {
    it('runs every handler on Node.js 24, arm64, with a dead-letter queue, and no other function', () => {
      template.resourceCountIs('AWS::Lambda::Function', 4);
      template.resourcePropertiesCountIs('AWS::Lambda::Function', {
        Runtime: 'nodejs24.x', Architectures: ['arm64'], Handler: 'index.handler', DeadLetterConfig: { TargetArn: Match.anyValue() },
      }, 4);
    });

    it('gives the check 1024 MB and 10 minutes, one cycle at a time, and the table name', () => {
      template.hasResourceProperties('AWS::Lambda::Function', {
        MemorySize: 1024, Timeout: 600, ReservedConcurrentExecutions: 1,
        Environment: { Variables: Match.objectLike({ TABLE_NAME: { Ref: Match.stringLikeRegexp('^Programmes') } }) },
      });
    });

    it('tells the notifier the table and the sender address', () => {
      const props = template.findResources('AWS::Lambda::Function')[fns.notify] as { Properties: { Environment: { Variables: Record<string, unknown> } } };
      expect(props.Properties.Environment.Variables).toMatchObject({ SENDER_EMAIL: SENDER, TABLE_NAME: { Ref: expect.stringMatching(/^Programmes/) } });
    });

    it('sends failed asynchronous invocations to each function\'s own queue', () => {
      for (const id of all(fns)) {
        const fn = template.findResources('AWS::Lambda::Function')[id] as { Properties: { DeadLetterConfig: { TargetArn: { 'Fn::GetAtt': [string, string] } } } };
        const queueId = fn.Properties.DeadLetterConfig.TargetArn['Fn::GetAtt'][0];
        expect(Object.keys(template.findResources('AWS::SQS::Queue'))).toContain(queueId);
        expect(statementsOf(template, roleOf(template, id))).toContainEqual(expect.objectContaining({
          Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': [queueId, 'Arn'] },
        }));
      }
    });

    it('sends events the scheduler could not deliver to the same queue', () => {
      for (const id of [fns.check, fns.notify]) {
        const fn = template.findResources('AWS::Lambda::Function')[id] as { Properties: { DeadLetterConfig: { TargetArn: unknown } } };
        template.hasResourceProperties('AWS::Scheduler::Schedule', {
          Target: Match.objectLike({ Arn: { 'Fn::GetAtt': [id, 'Arn'] }, DeadLetterConfig: { Arn: fn.Properties.DeadLetterConfig.TargetArn } }),
        });
      }
    });

    it('keeps logs for a bounded time', () => {
      template.resourceCountIs('AWS::Logs::LogGroup', 5);
      template.resourcePropertiesCountIs('AWS::Logs::LogGroup', { RetentionInDays: 90 }, 5);
    });
  });

  describe('schedules', () => {
    it('starts the check on the configured expression in Asia/Tokyo', () => {
      template.hasResourceProperties('AWS::Scheduler::Schedule', {
        ScheduleExpression: DEFAULT_PARAMETERS.scheduleExpression, ScheduleExpressionTimezone: 'Asia/Tokyo', State: 'ENABLED',
        Target: Match.objectLike({ Arn: { 'Fn::GetAtt': [fns.check, 'Arn'] } }),
      });
    });

    it('starts the notifier every 15 minutes', () => {
      template.hasResourceProperties('AWS::Scheduler::Schedule', {
        ScheduleExpression: 'rate(15 minutes)', ScheduleExpressionTimezone: 'Asia/Tokyo',
        Target: Match.objectLike({ Arn: { 'Fn::GetAtt': [fns.notify, 'Arn'] } }),
      });
    });

    it('honours a schedule given as context', () => {
      const { template: custom } = synthStack({ context: { 'fundwatch:scheduleExpression': 'cron(30 8 * * ? *)' } });
      custom.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'cron(30 8 * * ? *)', ScheduleExpressionTimezone: 'Asia/Tokyo' });
    });
  });

  describe('table', () => {
    it('keeps the table safe: on demand, point-in-time recovery, deletion protection, encryption, TTL', () => {
      template.hasResourceProperties('AWS::DynamoDB::Table', {
        BillingMode: 'PAY_PER_REQUEST', DeletionProtectionEnabled: true, SSESpecification: { SSEEnabled: true },
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        TimeToLiveSpecification: { AttributeName: TABLE_DESIGN.ttlAttribute, Enabled: true },
        KeySchema: [{ AttributeName: TABLE_DESIGN.partitionKey, KeyType: 'HASH' }, { AttributeName: TABLE_DESIGN.sortKey, KeyType: 'RANGE' }],
      });
    });

    it('survives stack deletion', () => {
      template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    });

    it('declares every index of the table design, string-keyed, projecting all attributes', () => {
      const indexes = Object.entries(TABLE_DESIGN.indexes).map(([IndexName, keys]) => ({
        IndexName, Projection: { ProjectionType: 'ALL' },
        KeySchema: [{ AttributeName: keys.partitionKey, KeyType: 'HASH' }, { AttributeName: keys.sortKey, KeyType: 'RANGE' }],
      }));
      const stringKeys = Object.values(TABLE_DESIGN.indexes).flatMap((k) => [k.partitionKey, k.sortKey]).map((AttributeName) => ({ AttributeName, AttributeType: 'S' }));
      template.hasResourceProperties('AWS::DynamoDB::Table', {
        GlobalSecondaryIndexes: Match.arrayEquals(indexes), AttributeDefinitions: Match.arrayWith(stringKeys),
      });
    });

    it('uses a fixed name only when one is configured', () => {
      template.hasResourceProperties('AWS::DynamoDB::Table', { TableName: Match.absent() });
      synthStack({ context: { 'fundwatch:tableName': 'fundwatch-test' } }).template.hasResourceProperties('AWS::DynamoDB::Table', { TableName: 'fundwatch-test' });
    });
  });

  describe('permissions', () => {
    it('gives the check no SES permission at all', () => {
      const role = roleOf(template, fns.check);
      const attached = policiesOf(template, role);
      expect(attached.length).toBeGreaterThan(0);
      expect(policiesOf(template, role, NO_SES_STATEMENT)).toEqual(attached);
      expect(policiesOf(template, role, NO_SES_IN_ACTION_LISTS)).toEqual(attached);
    });

    it('lets the notifier send only as the sender address or its domain', () => {
      const resources = new Capture();
      expect(policiesOf(template, roleOf(template, fns.notify), Match.arrayWith([Match.objectLike({
        Effect: 'Allow', Action: Match.arrayWith(['ses:SendRawEmail']), Resource: resources,
      })]))).toHaveLength(1);
      const arns = JSON.stringify(resources.asArray());
      expect(arns).toContain(`:identity/${SENDER}`);
      expect(arns).toContain(':identity/fundwatch.example');
      expect(arns).toContain(':configuration-set/');
      expect(resources.asArray()).toHaveLength(3);
    });

    it('gives SES permissions to the notifier and the subscription pages only', () => {
      for (const id of [fns.check, fns.sesEvents]) {
        const role = roleOf(template, id);
        expect(policiesOf(template, role, NO_SES_STATEMENT)).toEqual(policiesOf(template, role));
        expect(policiesOf(template, role, NO_SES_IN_ACTION_LISTS)).toEqual(policiesOf(template, role));
      }
    });

    it('lets only the notifier and the pages read the link secret', () => {
      const secretId = logicalIdOf(template, 'AWS::SecretsManager::Secret', {});
      const readers = all(fns).filter((id) => statementsOf(template, roleOf(template, id)).some((s) => JSON.stringify(s.Resource).includes(secretId)));
      expect(readers.sort()).toEqual([fns.notify, fns.pages].sort());
    });

    it('limits every function\'s DynamoDB access to the table and its indexes', () => {
      const tableId = logicalIdOf(template, 'AWS::DynamoDB::Table', {});
      for (const id of all(fns)) {
        const dynamo = statementsOf(template, roleOf(template, id)).filter((s) => [s.Action].flat().some((a) => a.startsWith('dynamodb:')));
        expect(dynamo).toHaveLength(1);
        expect(dynamo[0]!.Action).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem']));
        expect(dynamo[0]!.Resource).toEqual([
          { 'Fn::GetAtt': [tableId, 'Arn'] },
          { 'Fn::Join': ['', [{ 'Fn::GetAtt': [tableId, 'Arn'] }, '/index/*']] },
        ]);
      }
    });

    it('grants nothing on "*" to any function', () => {
      for (const id of all(fns)) {
        expect(policiesOf(template, roleOf(template, id), Match.not(Match.arrayWith([Match.objectLike({ Resource: '*' })]))))
          .toEqual(policiesOf(template, roleOf(template, id)));
      }
    });
  });

  describe('alarms', () => {
    it('alarms on each function\'s errors', () => {
      for (const id of all(fns)) {
        template.hasResourceProperties('AWS::CloudWatch::Alarm', {
          Namespace: 'AWS/Lambda', MetricName: 'Errors', Dimensions: [{ Name: 'FunctionName', Value: { Ref: id } }], Threshold: 1,
        });
      }
    });

    it('alarms as soon as a dead-letter queue holds a message', () => {
      const queues = Object.keys(template.findResources('AWS::SQS::Queue'));
      expect(queues).toHaveLength(4);
      for (const queueId of queues) {
        template.hasResourceProperties('AWS::CloudWatch::Alarm', {
          Namespace: 'AWS/SQS', MetricName: 'ApproximateNumberOfMessagesVisible',
          Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }],
          Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        });
      }
    });

    it('sends every alarm to the maintainer topic, which e-mails the alert address', () => {
      const topicId = logicalIdOf(template, 'AWS::SNS::Topic', { DisplayName: Match.stringLikeRegexp('maintainer') });
      template.resourceCountIs('AWS::CloudWatch::Alarm', 11);
      template.resourcePropertiesCountIs('AWS::CloudWatch::Alarm', { AlarmActions: [{ Ref: topicId }] }, 11);
      template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: ALERTS, TopicArn: { Ref: topicId } });
    });

    it('alarms on the cycle\'s own numbers: failed sources over the threshold, any parser-health event, any refused e-mail', () => {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', { Namespace: 'fundwatch', MetricName: 'SourcesFailed', Dimensions: [{ Name: 'Function', Value: 'check' }], Threshold: 3, Statistic: 'Sum' });
      template.hasResourceProperties('AWS::CloudWatch::Alarm', { Namespace: 'fundwatch', MetricName: 'SourcesUnhealthy', Threshold: 1 });
      template.hasResourceProperties('AWS::CloudWatch::Alarm', { Namespace: 'fundwatch', MetricName: 'DeliveryFailures', Dimensions: [{ Name: 'Function', Value: 'notify' }], Threshold: 1 });
      synthStack({ context: { 'fundwatch:failedSourcesAlarm': 10 } }).template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'SourcesFailed', Threshold: 10 });
    });

    it('puts the cycle, the e-mails, the errors and the dead letters on one dashboard', () => {
      template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
      const body = JSON.stringify(Object.values(template.findResources('AWS::CloudWatch::Dashboard'))[0]);
      for (const metric of ['SourcesChecked', 'SourcesFailed', 'SourcesUnhealthy', 'EmailsSent', 'Errors', 'ApproximateNumberOfMessagesVisible']) expect(body).toContain(metric);
    });

    it('subscribes nobody when no alert address is configured', () => {
      // The only subscription left is the ses-events function on the SES topic.
      synthStack().template.resourcePropertiesCountIs('AWS::SNS::Subscription', { Protocol: 'email' }, 0);
    });
  });

  describe('subscriptions and SES events', () => {
    it('serves the pages through an HTTP API, every path to the one handler, throttled, with access logs', () => {
      template.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
      template.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP' });
      for (const route of ['GET /', 'POST /', 'GET /{proxy+}', 'POST /{proxy+}']) template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: route });
      template.hasResourceProperties('AWS::ApiGatewayV2::Integration', { IntegrationUri: { 'Fn::GetAtt': [fns.pages, 'Arn'] }, PayloadFormatVersion: '2.0' });
      template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
        StageName: '$default', DefaultRouteSettings: { ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 },
        AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.not(Match.stringLikeRegexp('querystring|token')) },
      });
    });

    it('generates the link secret at deploy and tells the functions where it is, never what it is', () => {
      const secretId = logicalIdOf(template, 'AWS::SecretsManager::Secret', {});
      template.hasResourceProperties('AWS::SecretsManager::Secret', { GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true } });
      for (const id of [fns.notify, fns.pages]) {
        const vars = (template.findResources('AWS::Lambda::Function')[id] as { Properties: { Environment: { Variables: Record<string, unknown> } } }).Properties.Environment.Variables;
        expect(vars.LINK_SECRET_ARN).toEqual({ Ref: secretId });
        expect(vars.LINK_SECRET).toBeUndefined();
      }
    });

    it('routes SES send, bounce and complaint events through a TLS-only topic to the ses-events function', () => {
      template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
        EventDestination: Match.objectLike({ Enabled: true, MatchingEventTypes: Match.arrayWith(['send', 'bounce', 'complaint']), SnsDestination: Match.anyValue() }),
      });
      template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'lambda', Endpoint: { 'Fn::GetAtt': [fns.sesEvents, 'Arn'] } });
      template.hasResourceProperties('AWS::SNS::TopicPolicy', { PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) } });
    });

    it('sends through the configuration set, with the pages\' address in the notifier\'s links', () => {
      const vars = (template.findResources('AWS::Lambda::Function')[fns.notify] as { Properties: { Environment: { Variables: Record<string, unknown> } } }).Properties.Environment.Variables;
      expect(vars.CONFIGURATION_SET).toEqual({ Ref: expect.stringMatching(/^MailEventsConfigurationSet/) });
      expect(JSON.stringify(vars.PUBLIC_BASE_URL)).toContain('ApiEndpoint');
    });

    it('creates the sending identity only when asked, with its DKIM records as outputs for a domain', () => {
      template.resourceCountIs('AWS::SES::EmailIdentity', 0);
      const { template: withDomain } = synthStack({ context: { 'fundwatch:senderIdentity': 'fundwatch.example' } });
      withDomain.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'fundwatch.example' });
      expect(Object.keys(withDomain.findOutputs('*')).filter((k) => k.includes('DkimRecord'))).toHaveLength(3);
    });
  });

  it('outputs the table name, the function names, the topic ARN and the pages\' URL', () => {
    for (const name of ['TableName', 'CheckFunctionName', 'NotifyFunctionName', 'AlertTopicArn', 'SubscriptionPagesUrl', 'ConfigurationSetName']) template.hasOutput(name, { Value: Match.anyValue() });
    template.hasOutput('CheckFunctionName', { Value: { Ref: fns.check } });
  });
});

describe('FundwatchStack bundled with esbuild', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'fundwatch-cdk-'));
  let template: Template;
  beforeAll(() => { ({ template } = synthStack({ bundle: true, outdir })); });
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('ships each handler as a minified ESM bundle with a require shim and a source map', () => {
    const keys = new Capture();
    template.resourcePropertiesCountIs('AWS::Lambda::Function', { Code: { S3Key: keys } }, 4);
    const bundles = readdirSync(outdir).filter((d) => d.startsWith('asset.') && existsSync(join(outdir, d, 'index.mjs')));
    expect(bundles).toHaveLength(4);
    for (const dir of bundles) {
      const code = readFileSync(join(outdir, dir, 'index.mjs'), 'utf8');
      expect(code.startsWith('import { createRequire')).toBe(true);
      expect(code).toMatch(/export\s*\{[^}]*\bhandler\b/);
      expect(existsSync(join(outdir, dir, 'index.mjs.map'))).toBe(true);
    }
  });
});
