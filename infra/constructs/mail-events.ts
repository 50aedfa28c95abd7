/**
 * What SES tells us after sending: a configuration set whose send, bounce and complaint events go to an
 * SNS topic, and the ses-events function on that topic (bounces and complaints suppress the address;
 * send events settle the notifier's outbox). Optionally the sending identity itself, from context.
 */
import { CfnOutput, RemovalPolicy } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { ConfigurationSet, ConfigurationSetEventDestination, EmailIdentity, EmailSendingEvent, EventDestination, Identity } from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Duration } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { MonitorFunction } from './monitor-function.ts';
import { grantTableAccess } from './table-access.ts';

export interface MailEventsProps {
  logRetention?: RetentionDays;
  table: ITable;
  /** A domain ("example.org") or address to create as the SES identity; unset when it is verified already. */
  senderIdentity?: string;
}

export class MailEvents extends Construct {
  readonly configurationSet: ConfigurationSet;
  readonly handler: MonitorFunction;
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: MailEventsProps) {
    super(scope, id);
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {});
    // SES publishes to the topic with its service principal; the topic only accepts TLS.
    this.topic = new Topic(this, 'Events', { enforceSSL: true });
    new ConfigurationSetEventDestination(this, 'ToTopic', {
      configurationSet: this.configurationSet,
      destination: EventDestination.snsTopic(this.topic),
      events: [EmailSendingEvent.SEND, EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
    });
    this.handler = new MonitorFunction(this, 'Handler', {
      entry: 'ses-events.ts', timeout: Duration.seconds(30), memorySize: 256, logRetention: props.logRetention,
      environment: { TABLE_NAME: props.table.tableName },
    });
    // Reached by SES's events only, but it handles addresses: subscriber items (SUB#) by key, nothing else.
    grantTableAccess(props.table, this.handler.fn, 'sesEvents');
    this.topic.addSubscription(new LambdaSubscription(this.handler.fn));
    if (props.senderIdentity) {
      const identity = new EmailIdentity(this, 'Sender', {
        identity: props.senderIdentity.includes('@') ? Identity.email(props.senderIdentity) : Identity.domain(props.senderIdentity),
        configurationSet: this.configurationSet,
      });
      // Verification and DKIM records take a person and DNS: a redeploy that drops the setting must not delete them.
      identity.applyRemovalPolicy(RemovalPolicy.RETAIN);
      // A domain identity needs its DKIM records in DNS before SES will send from it.
      if (!props.senderIdentity.includes('@')) {
        for (const [i, record] of identity.dkimRecords.entries()) new CfnOutput(this, `DkimRecord${i + 1}`, { value: `${record.name} CNAME ${record.value}` });
      }
    }
  }
}
