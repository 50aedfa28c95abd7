/** The handlers' metrics are CloudWatch Embedded Metric Format records: the shape CloudWatch turns into metrics. */
import { describe, expect, it } from 'vitest';
import { metrics, METRICS_NAMESPACE } from '../../lambdas/telemetry.ts';

describe('metrics', () => {
  it('writes one EMF record with each count under the namespace, dimensioned by function', () => {
    process.env.FUNDWATCH_FUNCTION = 'check';
    const record = JSON.parse(metrics({ SourcesChecked: 15, SourcesFailed: 1 }, 1_700_000_000_000)) as Record<string, unknown>;
    expect(record).toEqual({
      _aws: { Timestamp: 1_700_000_000_000, CloudWatchMetrics: [{ Namespace: METRICS_NAMESPACE, Dimensions: [['Function']],
        Metrics: [{ Name: 'SourcesChecked', Unit: 'Count' }, { Name: 'SourcesFailed', Unit: 'Count' }] }] },
      Function: 'check', SourcesChecked: 15, SourcesFailed: 1,
    });
  });
});
