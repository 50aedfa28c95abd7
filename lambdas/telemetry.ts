/**
 * The handlers' telemetry, on Powertools for AWS Lambda: JSON log lines with the request id and cold start,
 * the cycle's counts in CloudWatch's Embedded Metric Format (namespace "fundwatch", dimension Function: the
 * metrics the alarms in infra/ watch), X-Ray segments for each invocation and its AWS SDK calls.
 * Only lambdas/ import it: the core and the CLI stay free of Powertools.
 *
 * Addresses never leave through it: every string a log line carries (message, fields, error messages and
 * stacks, causes) is redacted by the logger itself, and errors are redacted before a trace records them.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
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
/**
 * Off outside Lambda. Page fetches are not traced: tracing them would add an X-Amzn-Trace-Id header to
 * every request to the agencies' servers.
 */
export const tracer = new Tracer({ serviceName: 'fundwatch', captureHTTPsRequests: false });

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
 * An AWS SDK v3 client whose calls X-Ray records, with errors redacted before X-Ray (and anyone else)
 * sees them: SES's refusals name the recipient. The redaction sits in the finalizeRequest step, inside
 * X-Ray's middleware (build step), so the trace records the masked text.
 */
export function traced<C extends SdkClient>(client: C): C {
  const redact: FinalizeRequestMiddleware<object, object> = (next) => async (args) => {
    try {
      return await next(args);
    } catch (err) {
      throw redactError(err);
    }
  };
  client.middlewareStack.add(redact, { step: 'finalizeRequest', priority: 'low', name: 'fundwatchRedactErrors', override: true });
  return tracer.captureAWSv3Client(client);
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
 * A handler with its telemetry: the context's request id and cold start on every log line, a trace
 * segment around the invocation, the invocation's counts published however it ends, and an error that
 * escapes redacted (the runtime logs it as it is).
 */
export function instrumented<R, E = void>(handler: (event: E) => Promise<R>): (event: E, context?: LambdaContext) => Promise<R> {
  return async (event, context) => {
    if (context) logger.addContext(context as Parameters<Logger['addContext']>[0]);
    const parent = tracer.isTracingEnabled() ? tracer.getSegment() : undefined;
    const segment = parent?.addNewSubsegment(`## ${process.env._HANDLER ?? 'handler'}`);
    if (segment) {
      tracer.setSegment(segment);
      tracer.annotateColdStart();
      tracer.addServiceNameAnnotation();
    }
    try {
      return await handler(event);
    } catch (err) {
      redactError(err);
      if (segment) tracer.addErrorAsMetadata(err as Error);
      throw err;
    } finally {
      if (segment && parent) {
        segment.close();
        tracer.setSegment(parent);
      }
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
    }
  };
}
