/** The stack's invariants, asserted on the synthesized template (bundling skipped except in the last suite). */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

interface Functions { plan: string; worker: string; finish: string; publish: string; notify: string; reminders: string; pages: string; sesEvents: string; subscribeRequests: string }

const fnNamed = (template: Template, name: string): string =>
  logicalIdOf(template, 'AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ FUNDWATCH_FUNCTION: name }) } });

function functionIds(template: Template): Functions {
  return { plan: fnNamed(template, 'check-plan'), worker: fnNamed(template, 'check-chunk'), finish: fnNamed(template, 'check-finish'), publish: fnNamed(template, 'publish'),
    notify: fnNamed(template, 'notify'), reminders: fnNamed(template, 'reminders'), pages: fnNamed(template, 'subscription-api'), sesEvents: fnNamed(template, 'ses-events'),
    subscribeRequests: fnNamed(template, 'subscription-requests') };
}
const all = (fns: Functions): string[] => Object.values(fns);
/** Functions invoked asynchronously (a schedule, SNS), which therefore have a dead-letter queue. */
const asynchronous = (fns: Functions): string[] => [fns.notify, fns.reminders, fns.sesEvents];

const variablesOf = (template: Template, functionId: string): Record<string, unknown> =>
  (template.findResources('AWS::Lambda::Function')[functionId] as { Properties: { Environment: { Variables: Record<string, unknown> } } }).Properties.Environment.Variables;

/** The state machine's definition with every CloudFormation reference replaced by a placeholder. */
function definitionOf(template: Template): Record<string, unknown> {
  const machine = Object.values(template.findResources('AWS::StepFunctions::StateMachine'))[0] as { Properties: { DefinitionString: unknown } };
  const parts = (machine.Properties.DefinitionString as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
  return JSON.parse(parts.map((p) => (typeof p === 'string' ? p : 'REF')).join('')) as Record<string, unknown>;
}

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
    it('runs every handler on Node.js 24, arm64, and no other function', () => {
      // Ten functions in all: ours, and CDK's own that empties the site buckets when the stack is destroyed.
      template.resourceCountIs('AWS::Lambda::Function', 10);
      template.resourcePropertiesCountIs('AWS::Lambda::Function', { Runtime: 'nodejs24.x', Architectures: ['arm64'], Handler: 'index.handler' }, 9);
      template.resourceCountIs('Custom::S3AutoDeleteObjects', 2);
      template.resourcePropertiesCountIs('AWS::Lambda::Function', { DeadLetterConfig: { TargetArn: Match.anyValue() } }, asynchronous(fns).length);
    });

    it('gives the cycle\'s worker 13 minutes, less than the state machine waits for it, no reserved concurrency unless the stage opts in, and the table', () => {
      const worker = template.findResources('AWS::Lambda::Function')[fns.worker] as { Properties: Record<string, unknown> };
      expect(worker.Properties).toMatchObject({ Timeout: 13 * 60 });
      expect(worker.Properties.ReservedConcurrentExecutions).toBeUndefined();
      expect(variablesOf(template, fns.worker)).toMatchObject({ TABLE_NAME: { Ref: expect.stringMatching(/^Programmes/) } });
      expect(variablesOf(template, fns.plan)).toMatchObject({ CHUNK_SIZE: String(DEFAULT_PARAMETERS.chunkSize) });
    });

    it('tells the notifier the table and the sender address', () => {
      const props = template.findResources('AWS::Lambda::Function')[fns.notify] as { Properties: { Environment: { Variables: Record<string, unknown> } } };
      expect(props.Properties.Environment.Variables).toMatchObject({ SENDER_EMAIL: SENDER, TABLE_NAME: { Ref: expect.stringMatching(/^Programmes/) } });
    });

    it('sends failed asynchronous invocations to each function\'s own queue', () => {
      for (const id of asynchronous(fns)) {
        const fn = template.findResources('AWS::Lambda::Function')[id] as { Properties: { DeadLetterConfig: { TargetArn: { 'Fn::GetAtt': [string, string] } } } };
        const queueId = fn.Properties.DeadLetterConfig.TargetArn['Fn::GetAtt'][0];
        expect(Object.keys(template.findResources('AWS::SQS::Queue'))).toContain(queueId);
        expect(statementsOf(template, roleOf(template, id))).toContainEqual(expect.objectContaining({
          Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': [queueId, 'Arn'] },
        }));
      }
    });

    it('sends notifier events the scheduler could not deliver to the notifier\'s queue', () => {
      const fn = template.findResources('AWS::Lambda::Function')[fns.notify] as { Properties: { DeadLetterConfig: { TargetArn: unknown } } };
      template.hasResourceProperties('AWS::Scheduler::Schedule', {
        Target: Match.objectLike({ Arn: { 'Fn::GetAtt': [fns.notify, 'Arn'] }, DeadLetterConfig: { Arn: fn.Properties.DeadLetterConfig.TargetArn } }),
      });
    });

    it('keeps every log (nine functions, the state machine, the API\'s access log) for the configured time', () => {
      template.resourceCountIs('AWS::Logs::LogGroup', 11);
      template.resourcePropertiesCountIs('AWS::Logs::LogGroup', { RetentionInDays: 90 }, 11);
      synthStack({ context: { 'fundwatch:logRetentionDays': 30 } }).template.resourcePropertiesCountIs('AWS::Logs::LogGroup', { RetentionInDays: 30 }, 11);
    });
  });

  describe('schedules', () => {
    it('starts the cycle\'s state machine on the configured expression in Asia/Tokyo, undeliverable starts to a queue', () => {
      const machineId = logicalIdOf(template, 'AWS::StepFunctions::StateMachine', {});
      const queueId = Object.keys(template.findResources('AWS::SQS::Queue')).find((id) => id.startsWith('CycleScheduleDlq'));
      template.hasResourceProperties('AWS::Scheduler::Schedule', {
        ScheduleExpression: DEFAULT_PARAMETERS.scheduleExpression, ScheduleExpressionTimezone: 'Asia/Tokyo', State: 'ENABLED',
        Target: Match.objectLike({ Arn: { Ref: machineId }, DeadLetterConfig: { Arn: { 'Fn::GetAtt': [queueId, 'Arn'] } },
          RetryPolicy: { MaximumEventAgeInSeconds: 3600, MaximumRetryAttempts: 3 } }),
      });
    });

    it('starts the deadline reminders every day at 09:00 in Tokyo, with the notifier\'s environment, sending only as the sender', () => {
      template.hasResourceProperties('AWS::Scheduler::Schedule', {
        ScheduleExpression: 'cron(0 9 * * ? *)', ScheduleExpressionTimezone: 'Asia/Tokyo',
        Target: Match.objectLike({ Arn: { 'Fn::GetAtt': [fns.reminders, 'Arn'] } }),
      });
      expect(variablesOf(template, fns.reminders)).toEqual({ ...variablesOf(template, fns.notify), FUNDWATCH_FUNCTION: 'reminders' });
      template.hasResourceProperties('AWS::CloudWatch::Alarm', { Namespace: 'fundwatch', MetricName: 'ReminderFailures', Dimensions: [{ Name: 'Function', Value: 'reminders' }], Threshold: 1 });
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

  describe('the monitoring cycle (Step Functions)', () => {
    it('plans, checks hosts side by side and each host\'s chunks one at a time, then finishes', () => {
      const definition = definitionOf(template) as { StartAt: string; States: Record<string, Record<string, unknown>> };
      expect(definition.StartAt).toBe('RunningCycles');
      expect(definition.States.PlanCycle).toMatchObject({ Type: 'Task', ResultPath: '$.plan', Next: 'Hosts' });
      const hosts = definition.States.Hosts as { MaxConcurrency: number; ItemsPath: string; Next: string; ItemProcessor: { StartAt: string; States: Record<string, Record<string, unknown>> } };
      expect(hosts).toMatchObject({ Type: 'Map', ItemsPath: '$.plan.hosts', MaxConcurrency: DEFAULT_PARAMETERS.hostConcurrency, Next: 'FinishCycle' });
      const chunks = hosts.ItemProcessor.States.Chunks as { ItemProcessor: { States: Record<string, Record<string, unknown>> } };
      expect(chunks).toMatchObject({ Type: 'Map', ItemsPath: '$.chunks', MaxConcurrency: 1,
        ItemSelector: { 'cycleId.$': '$.cycleId', 'host.$': '$.host', 'chunkSize.$': '$.chunkSize', 'chunk.$': '$$.Map.Item.Value' } });
      expect(chunks.ItemProcessor.States.CheckChunk).toMatchObject({ Type: 'Task', TimeoutSeconds: 840,
        Retry: expect.arrayContaining([expect.objectContaining({ ErrorEquals: ['States.ALL'], MaxAttempts: 1 })]),
        Catch: [expect.objectContaining({ ErrorEquals: ['States.ALL'], Next: 'ChunkFailed' })] });
      expect(definition.States.FinishCycle).toMatchObject({ Type: 'Task', Next: 'Publish' });
      expect(definition.States.Publish).toMatchObject({ Type: 'Task', End: true, Catch: [expect.objectContaining({ Next: 'PublishFailed' })] });
    });

    it('bounds a cycle to five hours, logs every state (without page data) and traces it', () => {
      template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
        TracingConfiguration: { Enabled: true },
        LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: false, Destinations: [Match.anyValue()] },
      });
      expect(definitionOf(template).TimeoutSeconds).toBe(5 * 3600);
    });

    it('takes host concurrency and chunk size from the stage', () => {
      const { template: custom } = synthStack({ context: { 'fundwatch:hostConcurrency': 3, 'fundwatch:chunkSize': 5 } });
      const hosts = (definitionOf(custom).States as Record<string, { MaxConcurrency?: number }>).Hosts!;
      expect(hosts.MaxConcurrency).toBe(3);
      custom.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ CHUNK_SIZE: '5' }) } });
    });

    it('deploys a registry file given as context, after checking it at synth', () => {
      const dir = mkdtempSync(join(tmpdir(), 'fundwatch-registry-'));
      try {
        const good = join(dir, 'sources.json');
        writeFileSync(good, JSON.stringify({ sources: [{ id: 'jsps-x-ja', agency: 'JSPS', lang: 'ja', kind: 'html', url: 'https://www.jsps.go.jp/x/', program: 'jsps-x' }] }));
        const { template: custom } = synthStack({ context: { 'fundwatch:sourcesFile': good } });
        // The cycle's three functions, the publish step (its feeds/programmes.json lists them) and the subscription pages (their programme choices).
        custom.resourcePropertiesCountIs('AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ SOURCES_FILE: 'sources.json' }) } }, 5);
        const bad = join(dir, 'bad.json');
        writeFileSync(bad, JSON.stringify({ sources: [{ id: 'no url' }] }));
        expect(() => synthStack({ context: { 'fundwatch:sourcesFile': bad } })).toThrow(/bad\.json/);
        expect(() => synthStack({ context: { 'fundwatch:sourcesFile': join(dir, 'missing.json') } })).toThrow(/does not exist/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('the public page, feeds and export', () => {
    it('serves the site bucket only through CloudFront over HTTPS, with security headers; both buckets private and TLS-only', () => {
      template.resourceCountIs('AWS::S3::Bucket', 2);
      template.resourcePropertiesCountIs('AWS::S3::Bucket', { PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true,
        IgnorePublicAcls: true, RestrictPublicBuckets: true }, BucketEncryption: Match.anyValue() }, 2);
      template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
      template.hasResourceProperties('AWS::CloudFront::Distribution', { DistributionConfig: Match.objectLike({ DefaultRootObject: 'index.html',
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https', ResponseHeadersPolicyId: Match.anyValue() }) }) });
      template.resourcePropertiesCountIs('AWS::S3::BucketPolicy', { PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) } }, 2);
      template.hasOutput('SiteUrl', { Value: Match.anyValue() });
      template.hasOutput('ExportBucketName', { Value: Match.anyValue() });
    });

    it('lets the publisher read the table and put objects into the two buckets, nothing more', () => {
      const statements = statementsOf(template, roleOf(template, fns.publish));
      const s3 = statements.filter((s) => [s.Action].flat().some((a) => a.startsWith('s3:')));
      expect(s3).toHaveLength(1);
      expect(s3[0]!.Action).toBe('s3:PutObject');
      const dynamo = statements.filter((s) => [s.Action].flat().some((a) => a.startsWith('dynamodb:')));
      expect([dynamo[0]!.Action].flat()).not.toContain('dynamodb:PutItem');
      expect(variablesOf(template, fns.publish)).toMatchObject({ SITE_BUCKET: { Ref: expect.stringMatching(/^SiteSiteBucket/) },
        EXPORT_BUCKET: { Ref: expect.stringMatching(/^SiteExportBucket/) }, SITE_URL: expect.anything(), PUBLIC_BASE_URL: expect.anything() });
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
      synthStack({ context: { 'fundwatch:tableName': 'fundwatch-example' } }).template.hasResourceProperties('AWS::DynamoDB::Table', { TableName: 'fundwatch-example' });
      // A fixed name must carry the stage, so that a second stage in the account gets a table of its own.
      expect(() => synthStack({ context: { 'fundwatch:tableName': 'fundwatch' } })).toThrow(/must contain the stage name "example"/);
    });
  });

  describe('permissions', () => {
    it('gives the cycle\'s worker no SES permission at all', () => {
      const role = roleOf(template, fns.worker);
      const attached = policiesOf(template, role);
      expect(attached.length).toBeGreaterThan(0);
      expect(policiesOf(template, role, NO_SES_STATEMENT)).toEqual(attached);
      expect(policiesOf(template, role, NO_SES_IN_ACTION_LISTS)).toEqual(attached);
    });

    it('lets the planner read and write the table (listing states, found calls) and send nothing', () => {
      const statements = statementsOf(template, roleOf(template, fns.plan));
      const actions = statements.flatMap((s) => [s.Action].flat());
      expect(actions).toEqual(expect.arrayContaining(['logs:CreateLogStream', 'logs:PutLogEvents', 'dynamodb:PutItem', 'dynamodb:Query']));
      // X-Ray: every function uploads its traces (test/infra/functions.test.ts).
      expect(actions.filter((a) => !a.startsWith('logs:') && !a.startsWith('dynamodb:') && !a.startsWith('xray:'))).toEqual([]);
    });

    it('lets the state machine invoke its three step functions and nothing else', () => {
      const machine = Object.values(template.findResources('AWS::StepFunctions::StateMachine'))[0] as { Properties: { RoleArn: { 'Fn::GetAtt': [string, string] } } };
      const invokes = statementsOf(template, machine.Properties.RoleArn['Fn::GetAtt'][0]).filter((s) => [s.Action].flat().includes('lambda:InvokeFunction'));
      const targets = JSON.stringify(invokes.map((s) => s.Resource));
      for (const id of [fns.plan, fns.worker, fns.finish, fns.publish]) expect(targets).toContain(id);
      for (const id of [fns.notify, fns.pages, fns.sesEvents]) expect(targets).not.toContain(id);
    });

    it('lets the notifier send only as the sender address, through the configuration set, to any recipient', () => {
      const resources = new Capture();
      expect(policiesOf(template, roleOf(template, fns.notify), Match.arrayWith([Match.objectLike({
        Effect: 'Allow', Action: Match.arrayWith(['ses:SendRawEmail']), Resource: resources, Condition: { StringEquals: { 'ses:FromAddress': SENDER } },
      })]))).toHaveLength(1);
      // identity/*: in the sandbox SES checks the recipient's verified identity too (test/infra/access.test.ts).
      const arns = JSON.stringify(resources.asArray());
      expect(arns).toContain(':identity/*');
      expect(arns).toContain(':configuration-set/');
      expect(resources.asArray()).toHaveLength(2);
    });

    it('gives SES permissions to the notifier, the reminders and the subscription pages only', () => {
      for (const id of [fns.plan, fns.worker, fns.finish, fns.publish, fns.sesEvents]) {
        const role = roleOf(template, id);
        expect(policiesOf(template, role, NO_SES_STATEMENT)).toEqual(policiesOf(template, role));
        expect(policiesOf(template, role, NO_SES_IN_ACTION_LISTS)).toEqual(policiesOf(template, role));
      }
    });

    it('lets only the notifier, the reminders, the pages and the subscribe requests\' consumer read the link secret', () => {
      const secretId = logicalIdOf(template, 'AWS::SecretsManager::Secret', {});
      const readers = all(fns).filter((id) => statementsOf(template, roleOf(template, id)).some((s) => JSON.stringify(s.Resource).includes(secretId)));
      expect(readers.sort()).toEqual([fns.notify, fns.reminders, fns.pages, fns.subscribeRequests].sort());
    });

    it('limits every function\'s DynamoDB access to the table and the indexes it queries (per role: test/infra/access.test.ts)', () => {
      const tableId = logicalIdOf(template, 'AWS::DynamoDB::Table', {});
      const indexes = Object.keys(TABLE_DESIGN.indexes).map((name) => ({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [tableId, 'Arn'] }, `/index/${name}`]] }));
      for (const id of all(fns)) {
        const dynamo = statementsOf(template, roleOf(template, id)).filter((s) => [s.Action].flat().some((a) => a.startsWith('dynamodb:')));
        expect(dynamo).toHaveLength(1);
        const [table, ...rest] = [dynamo[0]!.Resource].flat();
        expect(table).toEqual({ 'Fn::GetAtt': [tableId, 'Arn'] });
        for (const index of rest) expect(indexes).toContainEqual(index);
      }
    });

    it('grants nothing on "*" to any function but the upload of its X-Ray traces (no resource-level permissions)', () => {
      for (const id of all(fns)) {
        const onEvery = statementsOf(template, roleOf(template, id)).filter((st) => st.Resource === '*');
        expect(onEvery.flatMap((st) => [st.Action].flat()).sort()).toEqual(['xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
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
      // Every queue but the subscribe requests' own (the one with a redrive policy: its dead letters are alarmed on).
      const queues = Object.entries(template.findResources('AWS::SQS::Queue')).filter(([, q]) => !(q as { Properties?: { RedrivePolicy?: unknown } }).Properties?.RedrivePolicy).map(([id]) => id);
      expect(queues).toHaveLength(asynchronous(fns).length + 2);
      for (const queueId of queues) {
        template.hasResourceProperties('AWS::CloudWatch::Alarm', {
          Namespace: 'AWS/SQS', MetricName: 'ApproximateNumberOfMessagesVisible',
          Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }],
          Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        });
      }
    });

    it('sends every alarm to the maintainer topic, firing and recovering, which e-mails the alert address', () => {
      const topicId = logicalIdOf(template, 'AWS::SNS::Topic', { DisplayName: Match.stringLikeRegexp('maintainer') });
      // Per function: errors and throttles (9 x 2); 3 dead-letter queues; the cycle's dead letters, failures and timeouts;
      // 5 of the cycle's and senders' own numbers; the heartbeat; SES bounce and complaint rates; the subscribe requests'
      // dead letters; the pages' 5xx; channel posts failing run after run.
      template.resourceCountIs('AWS::CloudWatch::Alarm', 35);
      template.resourcePropertiesCountIs('AWS::CloudWatch::Alarm', { AlarmActions: [{ Ref: topicId }], OKActions: [{ Ref: topicId }] }, 35);
      template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: ALERTS, TopicArn: { Ref: topicId } });
    });

    it('alarms on the cycle\'s own numbers: failed sources over the threshold, any unchecked chunk, any parser-health event, any refused e-mail', () => {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', { Namespace: 'fundwatch', MetricName: 'SourcesFailed', Dimensions: [{ Name: 'Function', Value: 'check-finish' }], Threshold: 3, Statistic: 'Sum' });
      template.hasResourceProperties('AWS::CloudWatch::Alarm', { Namespace: 'fundwatch', MetricName: 'ChunksMissing', Dimensions: [{ Name: 'Function', Value: 'check-finish' }], Threshold: 1 });
      template.hasResourceProperties('AWS::CloudWatch::Alarm', { Namespace: 'fundwatch', MetricName: 'SourcesUnhealthy', Threshold: 1 });
      template.hasResourceProperties('AWS::CloudWatch::Alarm', { Namespace: 'fundwatch', MetricName: 'DeliveryFailures', Dimensions: [{ Name: 'Function', Value: 'notify' }], Threshold: 1 });
      synthStack({ context: { 'fundwatch:failedSourcesAlarm': 10 } }).template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'SourcesFailed', Threshold: 10 });
    });

    it('alarms when a cycle fails or times out as a whole', () => {
      for (const metric of ['ExecutionsFailed', 'ExecutionsTimedOut']) {
        template.hasResourceProperties('AWS::CloudWatch::Alarm', { Namespace: 'AWS/States', MetricName: metric, Threshold: 1,
          Dimensions: [{ Name: 'StateMachineArn', Value: { Ref: logicalIdOf(template, 'AWS::StepFunctions::StateMachine', {}) } }] });
      }
    });

    it('puts the cycle, the e-mails, the errors and the dead letters on one dashboard', () => {
      template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
      const body = JSON.stringify(Object.values(template.findResources('AWS::CloudWatch::Dashboard'))[0]);
      for (const metric of ['SourcesChecked', 'SourcesFailed', 'SourcesUnhealthy', 'ChunksMissing', 'ExecutionsFailed', 'EmailsSent', 'ChannelFailures', 'ChannelsDisabled', 'Errors',
      'ApproximateNumberOfMessagesVisible']) expect(body).toContain(metric);
    });

    it('always e-mails the stage\'s alert address: a stage without one does not synthesize', () => {
      synthStack().template.resourcePropertiesCountIs('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'maintainers@fundwatch.example' }, 1);
      expect(() => synthStack({ context: { 'fundwatch:alertEmail': '' } })).toThrow(/"alertEmail" is required/);
    });
  });

  describe('subscriptions and SES events', () => {
    it('serves the pages through an HTTP API, every path to the one handler, throttled, with access logs', () => {
      template.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
      template.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP' });
      for (const route of ['GET /', 'HEAD /', 'POST /', 'GET /{proxy+}', 'HEAD /{proxy+}', 'POST /{proxy+}']) template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: route });
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
      synthStack({ context: { 'fundwatch:senderIdentity': '' } }).template.resourceCountIs('AWS::SES::EmailIdentity', 0);
      const { template: withDomain } = synthStack({ context: { 'fundwatch:senderIdentity': 'fundwatch.example' } });
      withDomain.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'fundwatch.example' });
      expect(Object.keys(withDomain.findOutputs('*')).filter((k) => k.includes('DkimRecord'))).toHaveLength(3);
    });
  });

  it('outputs the table name, the function names, the topic ARN and the pages\' URL', () => {
    for (const name of ['TableName', 'CycleStateMachineArn', 'NotifyFunctionName', 'AlertTopicArn', 'SubscriptionPagesUrl', 'ConfigurationSetName']) template.hasOutput(name, { Value: Match.anyValue() });
    template.hasOutput('NotifyFunctionName', { Value: { Ref: fns.notify } });
  });
});

describe('FundwatchStack bundled with esbuild', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'fundwatch-cdk-'));
  let template: Template;
  // The bundled registry as the deployment's own file, so the copy into the cycle's bundles is exercised too.
  beforeAll(() => { ({ template } = synthStack({ bundle: true, outdir, context: { 'fundwatch:sourcesFile': 'parsers/sources.json' } })); });
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('ships each handler as a minified ESM bundle with a require shim and a source map', () => {
    const keys = new Capture();
    // Ours run on arm64; CDK's bucket-emptying function is the tenth.
    template.resourcePropertiesCountIs('AWS::Lambda::Function', { Architectures: ['arm64'], Code: { S3Key: keys } }, 9);
    const bundles = readdirSync(outdir).filter((d) => d.startsWith('asset.') && existsSync(join(outdir, d, 'index.mjs')));
    expect(bundles).toHaveLength(9);
    for (const dir of bundles) {
      const code = readFileSync(join(outdir, dir, 'index.mjs'), 'utf8');
      expect(code.startsWith('import { createRequire')).toBe(true);
      expect(code).toMatch(/export\s*\{[^}]*\bhandler\b/);
      expect(existsSync(join(outdir, dir, 'index.mjs.map'))).toBe(true);
    }
  });

  it('copies the configured registry into the bundles of the cycle\'s three functions, the publish step and the subscription pages', () => {
    const withRegistry = readdirSync(outdir).filter((d) => d.startsWith('asset.') && existsSync(join(outdir, d, 'sources.json')));
    expect(withRegistry).toHaveLength(5);
    for (const dir of withRegistry) expect(readFileSync(join(outdir, dir, 'sources.json'), 'utf8')).toBe(readFileSync('parsers/sources.json', 'utf8'));
  });
});
