/**
 * The first fundwatch stack: the table, the monitoring cycle on a schedule (Asia/Tokyo), the notifier on
 * its own schedule, and alarms into a maintainer topic. Later issues add the API, fan-out and dashboards.
 * Environment-agnostic on purpose: it synthesizes offline, with no credentials and no lookups.
 */
import { CfnOutput, Duration, Stack, type StackProps, TimeZone } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { Construct } from 'constructs';
import { ALARM_PERIOD, MaintainerAlerts } from '../constructs/maintainer-alerts.ts';
import { MonitorFunction } from '../constructs/monitor-function.ts';
import { ProgrammeTable } from '../constructs/programme-table.ts';
import type { FundwatchParameters } from '../parameters.ts';

export class FundwatchStack extends Stack {
  constructor(scope: Construct, id: string, params: FundwatchParameters, props?: StackProps) {
    super(scope, id, props);
    const { table } = new ProgrammeTable(this, 'Programmes', { tableName: params.tableName });

    // Reserved concurrency 1: cycles must not overlap (a late one is throttled and retried, not run twice).
    const check = new MonitorFunction(this, 'Check', {
      entry: 'check.ts', timeout: Duration.minutes(10), reservedConcurrentExecutions: 1,
      environment: { TABLE_NAME: table.tableName },
    });
    const notify = new MonitorFunction(this, 'Notify', {
      entry: 'notify.ts', timeout: Duration.minutes(5), memorySize: 512, reservedConcurrentExecutions: 1,
      environment: { TABLE_NAME: table.tableName, SENDER_EMAIL: params.senderEmail },
    });
    table.grantReadWriteData(check.fn);
    table.grantReadWriteData(notify.fn);
    notify.fn.addToRolePolicy(this.sendAs(params.senderEmail));

    this.schedule('CheckSchedule', params.scheduleExpression, check, 'fundwatch monitoring cycle');
    this.schedule('NotifySchedule', params.notifyScheduleExpression, notify, 'fundwatch notifier');

    const alerts = new MaintainerAlerts(this, 'Alerts', { alertEmail: params.alertEmail });
    for (const [name, monitor] of [['Check', check], ['Notify', notify]] as const) {
      alerts.alarmOnAny(`${name}Errors`, monitor.fn.metricErrors({ period: ALARM_PERIOD }), `The ${name.toLowerCase()} Lambda failed: read its log group.`);
      alerts.alarmOnAny(`${name}DeadLetters`, monitor.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: ALARM_PERIOD }),
        `A scheduled ${name.toLowerCase()} invocation failed after retries: inspect and purge its dead-letter queue.`);
    }

    new CfnOutput(this, 'TableName', { value: table.tableName });
    new CfnOutput(this, 'CheckFunctionName', { value: check.fn.functionName });
    new CfnOutput(this, 'NotifyFunctionName', { value: notify.fn.functionName });
    new CfnOutput(this, 'AlertTopicArn', { value: alerts.topic.topicArn });
  }

  /**
   * SES authorizes a send against the identity that covers the From address: the address itself or its
   * verified domain. Both ARNs, nothing wider.
   */
  private sendAs(senderEmail: string): PolicyStatement {
    const domain = senderEmail.slice(senderEmail.lastIndexOf('@') + 1);
    return new PolicyStatement({
      actions: ['ses:SendRawEmail', 'ses:SendEmail'],
      resources: [senderEmail, domain].map((identity) => this.formatArn({ service: 'ses', resource: 'identity', resourceName: identity })),
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
