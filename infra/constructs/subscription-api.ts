/**
 * The subscription pages as an HTTP API (API Gateway, payload v2) in front of the subscription-api
 * function: every path goes to the one handler, throttled per stage, with access logs.
 *
 * The subscribe form's address-dependent work (look the address up, write it, e-mail it) goes through an SQS
 * queue to the subscription-requests function, so the API's answer cannot time an address's state. The
 * consumer alone may send e-mail; the API may only send messages to that queue.
 */
import { Duration } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { SUBSCRIBE_REQUEST_CONCURRENCY } from '../reservations.ts';
import { CfnStage, HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { FEED_PATHS } from '#core/analyst/feeds/feed-files.ts';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { MonitorFunction } from './monitor-function.ts';
import { grantTableAccess } from './table-access.ts';

export interface SubscriptionApiProps {
  table: ITable;
  logRetention?: RetentionDays;
  linkSecret: ISecret;
  senderEmail: string;
  configurationSet: string;
  /**
   * The deployment's registry, copied into the bundle: the form offers its programmes (the handler
   * derives them), which would not fit in an environment variable at a few hundred sources.
   */
  sourcesFile?: string;
  /**
   * The published site's bucket: the form names its programmes from the feeds/programmes.json the publish step
   * writes there, the one object the pages may read. Unset: the registry's programmes by id.
   */
  siteBucket?: IBucket;
  /** A custom domain's URL for the links; unset: the API's own address. */
  publicBaseUrl?: string;
  /** Requests per second across the API (burst twice that): a form for people, not for robots. */
  rateLimit?: number;
  /** Reserve the consumer's concurrency (parameters.ts reservations(); unset: none reserved). */
  reservedConsumers?: number;
}

/** The consumer's timeout: a batch of a few sends at SES's pace, with the SDK's retries. */
const CONSUMER_TIMEOUT = Duration.seconds(30);
/** Receives before a request is set aside in the dead-letter queue: enough for SES throttling to pass. */
export const MAX_RECEIVES = 5;

export class SubscriptionApi extends Construct {
  readonly api: HttpApi;
  readonly handler: MonitorFunction;
  /** The subscription-requests function: the only one here that e-mails. */
  readonly consumer: MonitorFunction;
  readonly requests: Queue;
  /** Requests that failed MAX_RECEIVES times; the stack alarms on it. */
  readonly requestDeadLetters: Queue;

  constructor(scope: Construct, id: string, props: SubscriptionApiProps) {
    super(scope, id);
    this.handler = new MonitorFunction(this, 'Handler', {
      entry: 'subscription-api.ts', timeout: Duration.seconds(15), memorySize: 512, asynchronous: false, logRetention: props.logRetention,
      sourcesFile: props.sourcesFile,
      environment: {
        TABLE_NAME: props.table.tableName, LINK_SECRET_ARN: props.linkSecret.secretArn,
        ...(props.publicBaseUrl ? { PUBLIC_BASE_URL: props.publicBaseUrl } : {}),
      },
    });
    // Internet-facing: subscriber items (SUB#) by key, nothing else in the table. Still GetItem and PutItem: the
    // caller's limit counter (countUse), and the token pages (confirm, preferences, unsubscribe).
    grantTableAccess(props.table, this.handler.fn, 'subscriptionPages');
    props.linkSecret.grantRead(this.handler.fn);
    if (props.siteBucket) this.readProgrammeList(props.siteBucket);
    this.requestDeadLetters = new Queue(this, 'RequestDlq', { retentionPeriod: Duration.days(14), encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true });
    this.requests = new Queue(this, 'RequestQueue', {
      // AWS's guidance for Lambda on SQS: at least six times the function's timeout, so a throttled batch is not redelivered while it waits.
      visibilityTimeout: Duration.seconds(CONSUMER_TIMEOUT.toSeconds() * 6),
      // SQS's default, set on purpose: long enough to outlast an SES outage or a paused sending account over a weekend.
      retentionPeriod: Duration.days(4),
      encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true,
      deadLetterQueue: { queue: this.requestDeadLetters, maxReceiveCount: MAX_RECEIVES },
    });
    this.handler.fn.addEnvironment('SUBSCRIBE_QUEUE_URL', this.requests.queueUrl);
    // SendMessage only (grantSendMessages would add GetQueueAttributes and GetQueueUrl, which the adapter never calls).
    this.handler.fn.addToRolePolicy(new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.requests.queueArn] }));
    const integration = new HttpLambdaIntegration('Pages', this.handler.fn);
    this.api = new HttpApi(this, 'Api', { description: 'fundwatch subscription pages' });
    // HEAD wherever GET: link checkers and mail scanners ask with it, and the handler answers it without a body.
    for (const path of ['/', '/{proxy+}']) this.api.addRoutes({ path, methods: [HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST], integration });
    const rate = props.rateLimit ?? 20;
    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: props.logRetention ?? RetentionDays.THREE_MONTHS });
    const stage = this.api.defaultStage!.node.defaultChild as CfnStage;
    stage.defaultRouteSettings = { throttlingRateLimit: rate, throttlingBurstLimit: rate * 2 };
    // Access logs without the query string: it carries signed tokens.
    stage.accessLogSettings = {
      destinationArn: accessLogs.logGroupArn,
      format: JSON.stringify({ requestId: '$context.requestId', ip: '$context.identity.sourceIp', method: '$context.httpMethod',
        path: '$context.path', status: '$context.status', latency: '$context.responseLatency' }),
    };
    this.consumer = this.requestConsumer(props);
  }

  /**
   * GetObject on feeds/programmes.json and nothing else in the bucket: no listing (grantRead would add s3:List*
   * and s3:GetBucket* on the bucket), no other key. Without s3:ListBucket a missing object reads as AccessDenied,
   * which the handler takes as "not published yet" (io/publish/s3-reader.ts).
   */
  private readProgrammeList(bucket: IBucket): void {
    this.handler.fn.addEnvironment('SITE_BUCKET', bucket.bucketName);
    this.handler.fn.addToRolePolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: [bucket.arnForObjects(FEED_PATHS.programmesJson())] }));
  }

  /**
   * The subscription-requests function on the queue: small batches, each failed record retried alone
   * (ReportBatchItemFailures), and never more than SUBSCRIBE_REQUEST_CONCURRENCY at once, which the event
   * source's maximum concurrency holds in every account (a reservation needs spare quota; this does not).
   * Its table access is the pages' (SUB# items by key); the stack lets it send as the sender.
   */
  private requestConsumer(props: SubscriptionApiProps): MonitorFunction {
    const consumer = new MonitorFunction(this, 'Requests', {
      entry: 'subscription-requests.ts', timeout: CONSUMER_TIMEOUT, memorySize: 256, asynchronous: false, logRetention: props.logRetention,
      reservedConcurrentExecutions: props.reservedConsumers,
      environment: {
        TABLE_NAME: props.table.tableName, SENDER_EMAIL: props.senderEmail, CONFIGURATION_SET: props.configurationSet,
        LINK_SECRET_ARN: props.linkSecret.secretArn, PUBLIC_BASE_URL: props.publicBaseUrl ?? this.url,
      },
    });
    grantTableAccess(props.table, consumer.fn, 'subscriptionPages');
    props.linkSecret.grantRead(consumer.fn);
    consumer.fn.addEventSource(new SqsEventSource(this.requests, { batchSize: 5, reportBatchItemFailures: true, maxConcurrency: SUBSCRIBE_REQUEST_CONCURRENCY }));
    return consumer;
  }

  /** The pages' base URL, for the links in e-mails. */
  get url(): string {
    return this.api.apiEndpoint + '/';
  }
}
