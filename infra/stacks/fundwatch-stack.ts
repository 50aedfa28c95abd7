/**
 * The fundwatch stack: the table, the monitoring cycle on a schedule (Asia/Tokyo), the notifier on its
 * own schedule, the subscription pages behind an HTTP API, SES's events back into the store, the link
 * secret generated at deploy, and alarms into a maintainer topic.
 * Environment-agnostic on purpose: it synthesizes offline, with no credentials and no lookups.
 */
import { Aspects, CfnOutput, Duration, RemovalPolicy, Stack, Tags, type CfnElement, type StackProps, TimeZone, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { Construct } from 'constructs';
import { MaintainerAlerts } from '../constructs/maintainer-alerts.ts';
import { MonitorFunction } from '../constructs/monitor-function.ts';
import { ProgrammeTable } from '../constructs/programme-table.ts';
import { reservations } from '../reservations.ts';
import { type FundwatchParameters } from '../parameters.ts';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { MailEvents } from '../constructs/mail-events.ts';
import { SubscriptionApi } from '../constructs/subscription-api.ts';
import { OperationsDashboard } from '../constructs/operations-dashboard.ts';
import { parseRegistry } from '../../parsers/sources.ts';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { CheckCycle } from '../constructs/check-cycle.ts';
import { PublicSite } from '../constructs/public-site.ts';
import { grantTableAccess } from '../constructs/table-access.ts';
import { EnvironmentLimits } from '../constructs/environment-limits.ts';
import { alarmOnChannels, alarmOnCycle, alarmOnFunctions, alarmOnSubscriptions, type Monitors } from './stack-alarms.ts';

/** A registry file checked at synth (a typo fails `cdk synth`, not the first cycle), as an absolute path. */
function validatedRegistry(file: string): string {
  const path = resolve(file);
  if (!existsSync(path)) throw new Error(`the stage file's sourcesFile ${file} does not exist (resolved to ${path}): give a path relative to the project folder`);
  parseRegistry(readFileSync(path, 'utf8'), file);
  return path;
}

/** The stack's name for a stage: CloudFormation builds every generated resource name on it, so stages never collide. */
export const stackName = (stage: string): string => `Fundwatch-${stage}`;

export class FundwatchStack extends Stack {
  constructor(scope: Construct, id: string, params: FundwatchParameters, props?: StackProps) {
    super(scope, id, { terminationProtection: params.terminationProtection, ...props });
    // Every resource carries its project and stage: costs and ownership per stage in Cost Explorer and the console.
    Tags.of(this).add('project', 'fundwatch');
    Tags.of(this).add('stage', params.stage);
    // Synth fails on a Lambda environment Lambda would refuse at deploy (4 KB in all), or on data in a variable.
    Aspects.of(this).add(new EnvironmentLimits());
    // Reservations only where the stage opts in and the account can afford them (parameters.ts says why).
    const reserved = reservations(params);
    const { table } = new ProgrammeTable(this, 'Programmes', { tableName: params.tableName });
    const logRetention = params.logRetentionDays as RetentionDays;
    const sourcesFile = params.sourcesFile && validatedRegistry(params.sourcesFile);

    const { site, publish } = this.publishing(table, logRetention, sourcesFile);
    const cycle = new CheckCycle(this, 'Cycle', { table, scheduleExpression: params.scheduleExpression, hostConcurrency: params.hostConcurrency, reservedWorkers: reserved.worker,
      chunkSize: params.chunkSize, sourcesFile, logRetention, publish });
    const linkSecret = this.linkSecret();
    const mailEvents = new MailEvents(this, 'MailEvents', { table, senderIdentity: params.senderIdentity, logRetention });
    const configurationSet = mailEvents.configurationSet.configurationSetName;
    const pages = new SubscriptionApi(this, 'Subscriptions', {
      table, linkSecret, senderEmail: params.senderEmail, configurationSet, sourcesFile, siteBucket: site.siteBucket, publicBaseUrl: params.publicBaseUrl,
      logRetention, reservedConsumers: reserved.subscribeRequests,
    });
    publish.fn.addEnvironment('PUBLIC_BASE_URL', params.publicBaseUrl ?? pages.url);
    const { notify, reminders } = this.senders(params, { table, linkSecret, configurationSet, pages, reservedSenders: reserved.senders, logRetention });

    const monitors: Monitors = [['CyclePlan', cycle.plan], ['CycleWorker', cycle.worker], ['CycleFinish', cycle.finish], ['Publish', publish], ['Notify', notify], ['Reminders', reminders],
      ['SesEvents', mailEvents.handler], ['Subscriptions', pages.handler], ['SubscribeRequests', pages.consumer]];
    const alerts = new MaintainerAlerts(this, 'Alerts', { alertEmail: params.alertEmail });
    alarmOnFunctions(alerts, monitors);
    alarmOnCycle(alerts, cycle, params.failedSourcesAlarm);
    alarmOnSubscriptions(alerts, pages);
    alarmOnChannels(alerts, params.notifyScheduleExpression);
    new OperationsDashboard(this, 'Operations', {
      cycle: cycle.stateMachine,
      functions: monitors.map(([name, monitor]) => ({ name, fn: monitor.fn })),
      deadLetterQueues: [cycle.deadLetterQueue, pages.requestDeadLetters, ...monitors.flatMap(([, monitor]) => (monitor.deadLetterQueue ? [monitor.deadLetterQueue] : []))],
    });

    this.acknowledgeFindings([notify, reminders], linkSecret, pages, cycle, publish, site);
    this.outputs({ table: table.tableName, cycle, notify, reminders, alerts, pagesUrl: params.publicBaseUrl ?? pages.url, configurationSet, site });
  }

  /**
   * The published page and feeds: a bucket behind CloudFront, and the function that writes them after each cycle.
   * It carries the cycle's registry: its feeds/programmes.json lists the programmes the cycle watches.
   */
  private publishing(table: Table, logRetention: RetentionDays, sourcesFile?: string): { site: PublicSite; publish: MonitorFunction } {
    const site = new PublicSite(this, 'Site');
    const publish = new MonitorFunction(this, 'Publish', {
      entry: 'publish.ts', timeout: Duration.minutes(10), memorySize: 1024, asynchronous: false, logRetention, sourcesFile,
      environment: { TABLE_NAME: table.tableName, SITE_BUCKET: site.siteBucket.bucketName, EXPORT_BUCKET: site.exportBucket.bucketName, SITE_URL: site.url },
    });
    grantTableAccess(table, publish.fn, 'publisher');
    // PutObject into the two buckets and nothing else (grantPut would add multipart and ACL actions).
    publish.fn.addToRolePolicy(new PolicyStatement({ actions: ['s3:PutObject'], resources: [site.siteBucket.arnForObjects('*'), site.exportBucket.arnForObjects('*')] }));
    return { site, publish };
  }

  /** The HMAC key of the signed links: generated by Secrets Manager at deploy, never in code or context. */
  private linkSecret(): Secret {
    return new Secret(this, 'LinkSecret', {
      description: 'fundwatch: HMAC key of the signed subscription links',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      // Kept like the table: the subscribers it holds have links signed with this key in their inboxes; a new key
      // after `cdk destroy` and a redeploy would break every unsubscribe link already sent.
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /** The two senders to subscribers: changes (often) and deadline reminders (daily); one at a time each. */
  private senders(params: FundwatchParameters, deps: { table: Table; linkSecret: Secret; configurationSet: string; pages: SubscriptionApi;
    reservedSenders?: number; logRetention: RetentionDays }): { notify: MonitorFunction; reminders: MonitorFunction } {
    const { table, linkSecret, configurationSet, pages, reservedSenders, logRetention } = deps;
    const mailing = { TABLE_NAME: table.tableName, SENDER_EMAIL: params.senderEmail, CONFIGURATION_SET: configurationSet,
      LINK_SECRET_ARN: linkSecret.secretArn, PUBLIC_BASE_URL: params.publicBaseUrl ?? pages.url };
    const notify = new MonitorFunction(this, 'Notify', {
      entry: 'notify.ts', timeout: Duration.minutes(5), memorySize: 512, reservedConcurrentExecutions: reservedSenders, logRetention, environment: mailing,
    });
    const reminders = new MonitorFunction(this, 'Reminders', {
      entry: 'reminders.ts', timeout: Duration.minutes(5), memorySize: 512, reservedConcurrentExecutions: reservedSenders, logRetention, environment: mailing,
    });
    grantTableAccess(table, notify.fn, 'notifier');
    grantTableAccess(table, reminders.fn, 'reminders');
    for (const sender of [notify, reminders]) linkSecret.grantRead(sender.fn);
    // The pages themselves send nothing: the subscribe form's e-mails leave from its request queue's consumer.
    for (const sender of [notify, reminders, pages.consumer]) sender.fn.addToRolePolicy(this.sendAs(params.senderEmail, configurationSet));
    this.schedule('NotifySchedule', params.notifyScheduleExpression, notify, 'fundwatch notifier');
    this.schedule('RemindersSchedule', params.reminderScheduleExpression, reminders, 'fundwatch deadline reminders');
    return { notify, reminders };
  }

  private outputs(o: { table: string; cycle: CheckCycle; notify: MonitorFunction; reminders: MonitorFunction; alerts: MaintainerAlerts; pagesUrl: string;
    configurationSet: string; site: PublicSite }): void {
    new CfnOutput(this, 'TableName', { value: o.table });
    new CfnOutput(this, 'CycleStateMachineArn', { value: o.cycle.stateMachine.stateMachineArn });
    new CfnOutput(this, 'NotifyFunctionName', { value: o.notify.fn.functionName });
    new CfnOutput(this, 'RemindersFunctionName', { value: o.reminders.fn.functionName });
    new CfnOutput(this, 'AlertTopicArn', { value: o.alerts.topic.topicArn });
    new CfnOutput(this, 'SubscriptionPagesUrl', { value: o.pagesUrl });
    new CfnOutput(this, 'ConfigurationSetName', { value: o.configurationSet });
    new CfnOutput(this, 'SiteUrl', { value: o.site.url, description: 'The deadlines page and the calendar and Atom feeds (feeds/)' });
    new CfnOutput(this, 'ExportBucketName', { value: o.site.exportBucket.bucketName, description: 'JSON Lines export of the whole history (exports/latest/<entity>/)' });
  }

  /**
   * The cdk-nag (AwsSolutions) findings this design accepts, each with its reason; every other finding
   * fails `cdk synth` (infra/bin/app.ts) and the tests (test/infra/nag.test.ts).
   */
  private acknowledgeFindings(scheduled: MonitorFunction[], linkSecret: Secret, pages: SubscriptionApi, cycle: CheckCycle, publish: MonitorFunction,
    site: PublicSite): void {
    const arnOf = (construct: Construct): string => `<${this.getLogicalId(construct.node.defaultChild as CfnElement)}.Arn>`;
    Validations.of(this).acknowledge({ id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ses:<AWS::Region>:<AWS::AccountId>:identity/*]',
      reason: 'SES checks a send against every identity involved, in the sandbox the verified identity of each recipient too: the senders get identity/* held by ses:FromAddress to the configured sender (sendAs).' });
    for (const monitor of scheduled) {
      Validations.of(this).acknowledge({ id: `AwsSolutions-IAM5[Resource::${arnOf(monitor.fn)}:*]`,
        reason: 'The scheduler role may invoke this one function and its versions (<function>:*), as EventBridge Scheduler requires; nothing else.' });
    }
    for (const step of [cycle.plan, cycle.worker, cycle.finish, publish]) {
      Validations.of(cycle.stateMachine).acknowledge({ id: `AwsSolutions-IAM5[Resource::${arnOf(step.fn)}:*]`,
        reason: 'The state machine may invoke its four step functions and their versions (<function>:*), as the Lambda task grants; nothing else.' });
    }
    Validations.of(cycle.stateMachine).acknowledge({ id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray (PutTraceSegments, GetSamplingRules) and the CloudWatch Logs delivery APIs the state machine\'s logging uses support no resource-level permissions.' });
    for (const bucket of [site.siteBucket, site.exportBucket]) {
      Validations.of(publish).acknowledge({ id: `AwsSolutions-IAM5[Resource::${arnOf(bucket)}/*]`,
        reason: 'The publisher writes the page, feeds and export as objects of its own two buckets (s3:PutObject on <bucket>/*), nothing else.' });
      Validations.of(bucket).acknowledge({ id: 'AwsSolutions-S1',
        reason: 'Every object is regenerated from the table after each cycle and only the publisher writes; reads of the site go through CloudFront.' });
    }
    Validations.of(site.distribution).acknowledge({ id: 'AwsSolutions-CFR1', reason: 'A public page for researchers in every country: no geographic restriction by design.' });
    Validations.of(site.distribution).acknowledge({ id: 'AwsSolutions-CFR2', reason: 'Static files only (no forms, no API behind CloudFront); a WAF would add cost and protect nothing here.' });
    Validations.of(site.distribution).acknowledge({ id: 'AwsSolutions-CFR3', reason: 'Public, regenerated static content with no personal data; access logs would cost more than they tell.' });
    Validations.of(site.distribution).acknowledge({ id: 'AwsSolutions-CFR4',
      reason: 'The default *.cloudfront.net certificate cannot pin a TLS policy; a custom domain with its own certificate would (docs/deploy.md).' });
    Validations.of(cycle.deadLetterQueue).acknowledge({ id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself a dead-letter queue: of the EventBridge Scheduler target that starts the cycle (cdk-nag only recognizes SQS redrive and Lambda DLQs).' });
    Validations.of(linkSecret).acknowledge({ id: 'AwsSolutions-SMG4',
      reason: 'The link key signs unsubscribe and preference links in e-mails that must keep working for a year; rotating it would break them. Only the notifier and the pages can read it.' });
    Validations.of(pages.api).acknowledge({ id: 'AwsSolutions-APIG4',
      reason: 'Public pages by design: anyone may subscribe (double opt-in guards the address); every change to a subscription needs an HMAC-signed link. Throttled per stage.' });
  }

  /**
   * Send as the configured sender, through the configuration set, to anyone. Held by the From address
   * (ses:FromAddress, which SES sets for SendEmail and SendRawEmail alike, v1 and v2) rather than by
   * resource: SES authorizes a send against every identity it involves, and in the sandbox that includes
   * the verified identity of each recipient, so a policy naming only the sender's identities makes every
   * sandbox send fail with AccessDenied on identity/<recipient>.
   */
  private sendAs(senderEmail: string, configurationSet: string): PolicyStatement {
    return new PolicyStatement({
      actions: ['ses:SendRawEmail', 'ses:SendEmail'],
      resources: [
        this.formatArn({ service: 'ses', resource: 'identity', resourceName: '*' }),
        // Sending through a configuration set is authorized against it too.
        this.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: configurationSet }),
      ],
      conditions: { StringEquals: { 'ses:FromAddress': senderEmail } },
    });
  }

  /**
   * Failed deliveries (the scheduler could not even hand the event to Lambda) land in the same queue as
   * failed invocations, so one alarm covers both; an event older than an hour is stale, the next one is due.
   */
  private schedule(id: string, expression: string, monitor: MonitorFunction, description: string): Schedule {
    const target = new LambdaInvoke(monitor.fn, { deadLetterQueue: monitor.deadLetterQueue, maxEventAge: Duration.hours(1), retryAttempts: 3 });
    return new Schedule(this, id, { schedule: ScheduleExpression.expression(expression, TimeZone.ASIA_TOKYO), target, description });
  }
}
