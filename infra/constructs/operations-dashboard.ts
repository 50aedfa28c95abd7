/**
 * What a maintainer looks at: the cycle's own metrics (emitted by the handlers in CloudWatch's
 * Embedded Metric Format, namespace "fundwatch"), the functions' errors and durations, the dead letters.
 */
import { Duration } from 'aws-cdk-lib';
import { Dashboard, GraphWidget, Metric, TextWidget } from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

export const cycleMetric = (name: string, fn: string, period = Duration.hours(6)): Metric =>
  new Metric({ namespace: 'fundwatch', metricName: name, dimensionsMap: { Function: fn }, statistic: 'Sum', period });

export interface OperationsDashboardProps {
  functions: Array<{ name: string; fn: IFunction }>;
  deadLetterQueues: IQueue[];
  /** The monitoring cycle's state machine: executions and unchecked chunks. */
  cycle: IStateMachine;
}

export class OperationsDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: OperationsDashboardProps) {
    super(scope, id);
    this.dashboard = new Dashboard(this, 'Dashboard', { defaultInterval: Duration.days(7) });
    this.dashboard.addWidgets(
      new TextWidget({ markdown: '# fundwatch\nCycles, changes and e-mails; the runbook is docs/deploy.md ("Reading the alarms").', width: 24, height: 2 }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({ title: 'Sources per cycle', width: 12, left: ['SourcesChecked', 'SourcesNotModified', 'SourcesFailed', 'SourcesUnhealthy'].map((m) => cycleMetric(m, 'check-finish')) }),
      new GraphWidget({ title: 'Changes, e-mails and channel posts', width: 12, left: [cycleMetric('Changes', 'check-finish'), cycleMetric('Disagreements', 'check-finish'),
        ...['EmailsSent', 'DeliveryFailures', 'ChannelFailures', 'ChannelsDisabled'].map((m) => cycleMetric(m, 'notify', Duration.hours(1)))] }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({ title: 'Cycles (Step Functions executions) and unchecked chunks', width: 24, left: [
        props.cycle.metricSucceeded({ period: Duration.hours(6) }), props.cycle.metricFailed({ period: Duration.hours(6) }),
        props.cycle.metricTimedOut({ period: Duration.hours(6) }), cycleMetric('ChunksMissing', 'check-finish')] }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({ title: 'Errors', width: 8, left: props.functions.map(({ fn }) => fn.metricErrors({ period: Duration.hours(1) })) }),
      new GraphWidget({ title: 'Duration (p95)', width: 8, left: props.functions.map(({ fn }) => fn.metricDuration({ statistic: 'p95', period: Duration.hours(1) })) }),
      new GraphWidget({ title: 'Dead letters', width: 8, left: props.deadLetterQueues.map((q) => q.metricApproximateNumberOfMessagesVisible({ period: Duration.hours(1) })) }),
    );
  }
}
