/**
 * Reserved Lambda concurrency: what a stage that opts in reserves for the worker, the two senders and the
 * subscribe requests' consumer, checked against what the account may reserve at all.
 */
import type { FundwatchParameters } from './parameters.ts';

/** What AWS keeps unreserved in every account: a reservation may take at most the quota minus this. */
export const UNRESERVED_MINIMUM = 10;

/** The reservations a stage makes, and the check that the account can afford them with AWS's unreserved minimum left. */
export function reservations(params: Pick<FundwatchParameters, 'reservedConcurrency' | 'hostConcurrency' | 'accountConcurrency' | 'stage'>): { worker?: number; senders?: number; subscribeRequests?: number } {
  if (!params.reservedConcurrency) return {};
  const total = params.hostConcurrency + 2 + SUBSCRIBE_REQUEST_CONCURRENCY;
  if (total > params.accountConcurrency - UNRESERVED_MINIMUM) {
    throw new Error(`infra/stages/${params.stage}.json reserves ${total} concurrent executions (worker ${params.hostConcurrency}, notifier 1, reminders 1, `
      + `subscribe requests ${SUBSCRIBE_REQUEST_CONCURRENCY}), but an account `
      + `with a quota of ${params.accountConcurrency} may reserve at most ${params.accountConcurrency - UNRESERVED_MINIMUM}: set "reservedConcurrency": false, or raise the quota `
      + '(Service Quotas, AWS Lambda, "Concurrent executions") and set "accountConcurrency"');
  }
  return { worker: params.hostConcurrency, senders: 1, subscribeRequests: SUBSCRIBE_REQUEST_CONCURRENCY };
}

/**
 * The subscribe requests' consumer runs at most this many at once: its SQS event source's maximum concurrency
 * (2, the least SQS allows) in every stage, and its reservation where the stage reserves. A flood of forms then
 * waits in the queue instead of outrunning SES's sending rate.
 */
export const SUBSCRIBE_REQUEST_CONCURRENCY = 2;
