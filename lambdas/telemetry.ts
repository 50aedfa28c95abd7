/**
 * Structured logs and metrics without a dependency: one JSON line per event, and metrics in CloudWatch's
 * Embedded Metric Format (a JSON log line CloudWatch turns into metrics), so a cycle's numbers cost no
 * API call. Addresses never appear here: subscriber ids and masked addresses only.
 */
export const METRICS_NAMESPACE = 'fundwatch';

export function log(level: 'info' | 'warn' | 'error', message: string, fields: Record<string, unknown> = {}): void {
  console.log(JSON.stringify({ level, message, function: process.env.FUNDWATCH_FUNCTION, timestamp: new Date().toISOString(), ...fields }));
}

/** One EMF record: the named counts under the namespace, dimensioned by function. */
export function metrics(values: Record<string, number>, now = Date.now()): string {
  const record = {
    _aws: { Timestamp: now, CloudWatchMetrics: [{ Namespace: METRICS_NAMESPACE, Dimensions: [['Function']],
      Metrics: Object.keys(values).map((Name) => ({ Name, Unit: 'Count' })) }] },
    Function: process.env.FUNDWATCH_FUNCTION ?? 'unknown',
    ...values,
  };
  const line = JSON.stringify(record);
  console.log(line);
  return line;
}
