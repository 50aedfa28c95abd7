/**
 * The subscription pages as an HTTP API (API Gateway, payload v2) in front of the subscription-api
 * function: every path goes to the one handler, throttled per stage, with access logs.
 */
import { Duration } from 'aws-cdk-lib';
import { CfnStage, HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
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
  /** A custom domain's URL for the links; unset: the API's own address. */
  publicBaseUrl?: string;
  /** Requests per second across the API (burst twice that): a form for people, not for robots. */
  rateLimit?: number;
}

export class SubscriptionApi extends Construct {
  readonly api: HttpApi;
  readonly handler: MonitorFunction;

  constructor(scope: Construct, id: string, props: SubscriptionApiProps) {
    super(scope, id);
    this.handler = new MonitorFunction(this, 'Handler', {
      entry: 'subscription-api.ts', timeout: Duration.seconds(15), memorySize: 512, asynchronous: false, logRetention: props.logRetention,
      sourcesFile: props.sourcesFile,
      environment: {
        TABLE_NAME: props.table.tableName, SENDER_EMAIL: props.senderEmail, CONFIGURATION_SET: props.configurationSet,
        LINK_SECRET_ARN: props.linkSecret.secretArn,
        ...(props.publicBaseUrl ? { PUBLIC_BASE_URL: props.publicBaseUrl } : {}),
      },
    });
    // Internet-facing: subscriber items (SUB#) by key, nothing else in the table.
    grantTableAccess(props.table, this.handler.fn, 'subscriptionPages');
    props.linkSecret.grantRead(this.handler.fn);
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
  }

  /** The pages' base URL, for the links in e-mails. */
  get url(): string {
    return this.api.apiEndpoint + '/';
  }
}
