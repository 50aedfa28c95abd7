/**
 * The handlers' telemetry, on Powertools for AWS Lambda: JSON log lines with the request id and cold start,
 * the cycle's counts in CloudWatch's Embedded Metric Format (namespace "fundwatch", dimension Function: the
 * metrics the alarms in infra/ watch). X-Ray traces come from Lambda's active tracing alone (the invocation
 * segment with its Initialization, Invocation and Overhead subsegments, and errors): the Powertools Tracer,
 * which would add a subsegment per AWS SDK call, pulls in aws-xray-sdk-core and cost every handler about
 * 85 ms of cold import and 124 KB (bench/results/bundle.md), so it is not used.
 * Only lambdas/ import it: the core and the CLI stay free of Powertools.
 *
 * Addresses never leave through it: every string a log line carries (message, fields, error messages and
 * stacks, causes) is redacted by the logger itself, and an AWS SDK client's errors are redacted as it throws them.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { FinalizeRequestMiddleware, MiddlewareStack } from '@smithy/types';
import { redactEmails } from '#core/subscriptions/redact-emails.ts';

export const METRICS_NAMESPACE = 'fundwatch';

/** The handler's name in logs and metrics ("check-finish", "notify", ...), set by infra/constructs/monitor-function.ts. */
const FUNCTION = process.env.FUNDWATCH_FUNCTION ?? 'unknown';

/**
 * The logger's JSON replacer: strings lose their addresses, and so do object keys. Powertools turns an
 * Error into {name, message, stack, cause, ...} after this and passes each of those through it again.
 */
export function redactingReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'string') return redactEmails(value);
  if (value && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Error) && Object.keys(value).some((k) => k.includes('@'))) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [redactEmails(k), v]));
  }
  return value;
}

export function createLogger(functionName = FUNCTION): Logger {
  return new Logger({ serviceName: 'fundwatch', persistentKeys: { function: functionName }, jsonReplacerFn: redactingReplacer });
}

/** Metrics dimensioned by Function alone, as the alarms ask for them (Powertools adds a `service` dimension unless cleared). */
export function createMetrics(functionName = FUNCTION): Metrics {
  const metrics = new Metrics({ namespace: METRICS_NAMESPACE });
  metrics.clearDefaultDimensions();
  metrics.setDefaultDimensions({ Function: functionName });
  return metrics;
}

export const logger = createLogger();
export const metrics = createMetrics();
/** Counts for this invocation, published when the handler returns (one EMF record). */
export function addCounts(values: Record<string, number>, to: Metrics = metrics): void {
  for (const [name, value] of Object.entries(values)) to.addMetric(name, MetricUnit.Count, value);
}

/** The error's message and stack with addresses masked, in place: its class and name stay for whoever catches it. */
export function redactError(err: unknown): unknown {
  if (err instanceof Error) {
    err.message = redactEmails(err.message);
    if (err.stack) err.stack = redactEmails(err.stack);
    if (err.cause) redactError(err.cause);
  }
  return err;
}

interface SdkClient { middlewareStack: MiddlewareStack<any, any> }

/**
 * An AWS SDK v3 client whose errors lose their addresses as it throws them: SES's refusals name the
 * recipient. The redaction sits in the finalizeRequest step, inside any middleware of the build step
 * (where a tracer would record the error), so whatever sees the error sees the masked text.
 */
export function redactingErrors<C extends SdkClient>(client: C): C {
  const redact: FinalizeRequestMiddleware<object, object> = (next) => async (args) => {
    try {
      return await next(args);
    } catch (err) {
      throw redactError(err);
    }
  };
  client.middlewareStack.add(redact, { step: 'finalizeRequest', priority: 'low', name: 'fundwatchRedactErrors', override: true });
  return client;
}

/** The part of the Lambda context the logs use; tests invoke handlers without one. */
export interface LambdaContext {
  awsRequestId: string;
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
}

/**
 * A handler with its telemetry: the context's request id and cold start on every log line, the
 * invocation's counts published however it ends, and an error that escapes redacted (the runtime logs it
 * as it is, and Lambda's active tracing records it on the invocation's segment).
 */
export function instrumented<R, E = void>(handler: (event: E) => Promise<R>): (event: E, context?: LambdaContext) => Promise<R> {
  return async (event, context) => {
    if (context) logger.addContext(context as Parameters<Logger['addContext']>[0]);
    try {
      return await handler(event);
    } catch (err) {
      throw redactError(err);
    } finally {
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
    }
  };
}
