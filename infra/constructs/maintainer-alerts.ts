/** The maintainers' alert topic (e-mailed when an address is configured) and the alarms that feed it. */
import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, type IMetric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface MaintainerAlertsProps {
  alertEmail?: string;
}

export class MaintainerAlerts extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: MaintainerAlertsProps = {}) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', { displayName: 'fundwatch maintainer alerts', enforceSSL: true });
    if (props.alertEmail) this.topic.addSubscription(new EmailSubscription(props.alertEmail));
  }

  /** Alarms (and notifies the topic) as soon as the metric reaches 1 in a period; silence is healthy. */
  alarmOnAny(id: string, metric: IMetric, description: string): Alarm {
    return this.alarmAtLeast(id, metric, 1, description);
  }

  /** Alarms when the metric reaches `threshold` in a period. */
  alarmAtLeast(id: string, metric: IMetric, threshold: number, description: string): Alarm {
    const alarm = new Alarm(this, id, {
      metric, alarmDescription: description,
      threshold, evaluationPeriods: 1, comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    return alarm;
  }
}

/** The period the alarms look at: short enough to page on the first failed cycle. */
export const ALARM_PERIOD = Duration.minutes(15);
