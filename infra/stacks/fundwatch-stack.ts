/**
 * The first fundwatch stack: the table, the check Lambda on a schedule (Asia/Tokyo), the notifier on
 * its own schedule, alarms into a maintainer topic. Later issues add the API, fan-out and dashboards.
 */
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { TimeZone } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { TABLE_DESIGN } from '../../io/store/table-design.ts';
import { MonitorFunction } from '../constructs/monitor-function.ts';
import type { FundwatchParameters } from '../parameters.ts';

export class FundwatchStack extends Stack {
  constructor(scope: Construct, id: string, params: FundwatchParameters, props?: StackProps) {
    super(scope, id, props);
    const table = new Table(this, 'Table', {
      tableName: params.tableName,
      partitionKey: { name: TABLE_DESIGN.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_DESIGN.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      encryption: TableEncryption.AWS_MANAGED,
      timeToLiveAttribute: TABLE_DESIGN.ttlAttribute,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const [indexName, index] of Object.entries(TABLE_DESIGN.indexes)) {
      table.addGlobalSecondaryIndex({ indexName, projectionType: ProjectionType.ALL,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING }, sortKey: { name: index.sortKey, type: AttributeType.STRING } });
    }

    // One cycle at a time: overlapping cycles are safe (conditional writes) but only waste requests.
    const check = new MonitorFunction(this, 'Check', { entry: 'check.ts', timeout: Duration.minutes(10), reservedConcurrentExecutions: 1,
      environment: { TABLE_NAME: table.tableName } });
    const notify = new MonitorFunction(this, 'Notify', { entry: 'notify.ts', timeout: Duration.minutes(5), memorySize: 512, reservedConcurrentExecutions: 1,
      environment: { TABLE_NAME: table.tableName, SENDER_EMAIL: params.senderEmail } });
    table.grantReadWriteData(check.fn);
    table.grantReadWriteData(notify.fn);
    notify.fn.addToRolePolicy(new PolicyStatement({
      actions: ['ses:SendRawEmail', 'ses:SendEmail'],
      resources: [this.formatArn({ service: 'ses', resource: 'identity', resourceName: params.senderEmail.split('@')[1] ?? params.senderEmail }),
        this.formatArn({ service: 'ses', resource: 'identity', resourceName: params.senderEmail })],
    }));

    new Schedule(this, 'CheckSchedule', { schedule: ScheduleExpression.expression(params.checkSchedule, TimeZone.ASIA_TOKYO),
      target: new LambdaInvoke(check.fn), description: 'fundwatch monitoring cycle' });
    new Schedule(this, 'NotifySchedule', { schedule: ScheduleExpression.expression(params.notifySchedule, TimeZone.ASIA_TOKYO),
      target: new LambdaInvoke(notify.fn), description: 'fundwatch notifier' });

    const alerts = new Topic(this, 'MaintainerAlerts', { enforceSSL: true });
    if (params.alertEmail) alerts.addSubscription(new EmailSubscription(params.alertEmail));
    const alarm = (name: string, metric: ReturnType<typeof check.fn.metricErrors>): void => {
      new Alarm(this, name, { metric, threshold: 1, evaluationPeriods: 1, comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING }).addAlarmAction(new SnsAction(alerts));
    };
    alarm('CheckErrors', check.fn.metricErrors({ period: Duration.minutes(15) }));
    alarm('NotifyErrors', notify.fn.metricErrors({ period: Duration.minutes(15) }));
    alarm('CheckDlqNotEmpty', check.deadLetterQueue.metricApproximateNumberOfMessagesVisible());
    alarm('NotifyDlqNotEmpty', notify.deadLetterQueue.metricApproximateNumberOfMessagesVisible());

    new CfnOutput(this, 'TableName', { value: table.tableName });
    new CfnOutput(this, 'CheckFunctionName', { value: check.fn.functionName });
    new CfnOutput(this, 'NotifyFunctionName', { value: notify.fn.functionName });
    new CfnOutput(this, 'AlertTopicArn', { value: alerts.topicArn });
  }
}
