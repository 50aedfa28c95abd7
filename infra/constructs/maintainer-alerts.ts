/**
 * The maintainers' alert topic (e-mailed when an address is configured) and the alarms that feed it. Every alarm
 * tells the topic when it fires and again when it recovers, so an alert e-mail is never left open-ended.
 */
import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, type IMetric, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface MaintainerAlertsProps {
  alertEmail?: string;
}

/**
 * SES's account-wide reputation metrics and the rates at which AWS places the account under review (it pauses
 * sending at 10% bounces and 0.5% complaints). SES publishes them as fractions, 0 to 1.
 */
const SES_REPUTATION = [
  { id: 'SesBounceRate', metricName: 'Reputation.BounceRate', reviewedAt: 0.05, what: 'bounce rate' },
  { id: 'SesComplaintRate', metricName: 'Reputation.ComplaintRate', reviewedAt: 0.001, what: 'complaint rate' },
] as const;

export class MaintainerAlerts extends Construct {
  readonly topic: Topic;
  private readonly action: SnsAction;

  constructor(scope: Construct, id: string, props: MaintainerAlertsProps = {}) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', { displayName: 'fundwatch maintainer alerts', enforceSSL: true });
    // enforceSSL writes a topic policy whose only statement is a Deny, and a topic policy replaces SNS's default
    // one: without this Allow, CloudWatch (which publishes as its service principal) could deliver no alarm at all.
    // The topic has no KMS key (alerts carry no personal data); a key would need its own grant to CloudWatch.
    this.topic.addToResourcePolicy(this.alarmsMayPublish());
    if (props.alertEmail) this.topic.addSubscription(new EmailSubscription(props.alertEmail));
    this.action = new SnsAction(this.topic);
  }

  /** Alarms (and notifies the topic) as soon as the metric reaches 1 in a period; silence is healthy. */
  alarmOnAny(id: string, metric: IMetric, description: string): Alarm {
    return this.alarmAtLeast(id, metric, 1, description);
  }

  /**
   * Alarms when the metric reaches `threshold` in a period. Missing data counts as healthy: these metrics
   * (Lambda errors and throttles, dead letters, the cycle's failure counts, API 5xx) are only published when
   * something ran, and "nothing ran" is the heartbeat's alarm, not theirs.
   */
  alarmAtLeast(id: string, metric: IMetric, threshold: number, description: string): Alarm {
    return this.notifying(new Alarm(this, id, {
      metric, alarmDescription: description,
      threshold, evaluationPeriods: 1, comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }));
  }

  /**
   * Alarms when the metric reaches 1 in each of `periods` periods in a row (the metric's own period): for failures
   * that are worth a maintainer's time only once they persist. A period without data breaks the run (healthy).
   */
  alarmWhenPersists(id: string, metric: IMetric, periods: number, description: string): Alarm {
    return this.notifying(new Alarm(this, id, {
      metric, alarmDescription: description,
      threshold: 1, evaluationPeriods: periods, datapointsToAlarm: periods, comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }));
  }

  /**
   * Alarms when the metric's hourly sum stays under 1 for a whole `window`: here silence is the failure (a
   * schedule deleted, a state machine that never starts), so missing data counts as breaching.
   */
  heartbeat(id: string, metric: Metric, window: Duration, description: string): Alarm {
    const hours = window.toHours();
    // CloudWatch evaluates at most one day of periods.
    if (hours < 1 || hours > 24) throw new Error(`heartbeat ${id}: a window of ${hours} hours; CloudWatch alarms look back 1 to 24 hours`);
    return this.notifying(new Alarm(this, id, {
      metric: metric.with({ period: Duration.hours(1), statistic: 'Sum' }), alarmDescription: description,
      threshold: 1, comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD, evaluationPeriods: hours, datapointsToAlarm: hours,
      treatMissingData: TreatMissingData.BREACHING,
    }));
  }

  /**
   * SES's bounce and complaint rates at the levels where AWS reviews the account. SES publishes them only once
   * the account has had a bounce or complaint, so missing data is healthy here too.
   */
  alarmOnSesReputation(): Alarm[] {
    return SES_REPUTATION.map(({ id, metricName, reviewedAt, what }) => this.alarmAtLeast(id,
      new Metric({ namespace: 'AWS/SES', metricName, statistic: 'Maximum', period: Duration.hours(1) }), reviewedAt,
      `SES's ${what} reached ${reviewedAt * 100}%, where AWS puts the sending account under review: open the SES console's reputation ` +
      'metrics and the ses-events log (which addresses bounced or complained; they are suppressed already) and find what mailed them.'));
  }

  /** Into the topic on ALARM and on OK (a new alarm's first OK included: one message per alarm added). */
  private notifying(alarm: Alarm): Alarm {
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    return alarm;
  }

  /**
   * CloudWatch may publish on behalf of this account's alarms in this region, and nobody else's (the
   * confused-deputy guard). Not narrowed to alarm names: CloudFormation generates them, so a pattern would be a guess.
   */
  private alarmsMayPublish(): PolicyStatement {
    const stack = Stack.of(this);
    return new PolicyStatement({
      sid: 'CloudWatchAlarmsPublish',
      principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['sns:Publish'],
      resources: [this.topic.topicArn],
      conditions: {
        StringEquals: { 'aws:SourceAccount': stack.account },
        ArnLike: { 'aws:SourceArn': stack.formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }) },
      },
    });
  }
}

/** The period the alarms look at: short enough to page on the first failed cycle. */
export const ALARM_PERIOD = Duration.minutes(15);
/** No sources checked for this long means the cycle is dead: two scheduled cycles (every six hours) missed. */
export const HEARTBEAT_WINDOW = Duration.hours(12);
