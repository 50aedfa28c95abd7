/**
 * Subscription requests Lambda (SQS): the part of the subscribe form that depends on the address. Each
 * message is one form the pages accepted (lambdas/subscription-api.ts); this runs core subscribeAddress(), which
 * looks the address up and sends the confirmation (or the "already subscribed" note), and nothing for an address
 * that is suppressed, already mailed this hour or over its daily limit.
 *
 * A record that fails is reported by its messageId (a partial batch response, ReportBatchItemFailures), so SQS
 * retries that one alone; after five receives it goes to the dead-letter queue and alarms. Logs carry outcomes
 * and message ids only, never an address.
 */
import type { Clock } from '#core/ports/clock.ts';
import type { Mailer } from '#core/ports/mailer.ts';
import type { Store } from '#core/ports/store.ts';
import { readSubscribeRequest, subscribeAddress, type SubscribeOutcome } from '#core/subscriptions/flow.ts';
import { instrumented, logger, redactError } from './telemetry.ts';
import { awsStore, requireEnv } from './wiring.ts';
import { awsMailer } from './mail-wiring.ts';
import { linkSecret } from './secret-wiring.ts';

/** What Lambda's SQS poller passes: the fields this handler reads. */
export interface SqsEvent {
  Records: Array<{ messageId: string; body: string; attributes?: { ApproximateReceiveCount?: string } }>;
}

export interface SqsBatchResponse {
  batchItemFailures: Array<{ itemIdentifier: string }>;
}

export interface SubscriptionRequestsWiring {
  store: () => Store;
  mailer: () => Mailer;
  secret: () => Promise<string>;
  baseUrl: () => string;
  clock?: Clock;
}

export function createSubscriptionRequestsHandler(wiring: SubscriptionRequestsWiring): (event: SqsEvent) => Promise<SqsBatchResponse> {
  return async (event) => {
    const deps = { store: wiring.store(), mailer: wiring.mailer(), clock: wiring.clock ?? (() => new Date()),
      links: { secret: await wiring.secret(), baseUrl: wiring.baseUrl() } };
    const batchItemFailures: SqsBatchResponse['batchItemFailures'] = [];
    const outcomes: Partial<Record<SubscribeOutcome | 'failed', number>> = {};
    for (const record of event.Records ?? []) {
      let outcome: SubscribeOutcome | 'failed';
      try {
        const request = readSubscribeRequest(record.body);
        outcome = await subscribeAddress(deps, request.email, request.preferences);
      } catch (err) {
        // Retried alone; a malformed request fails every time and so reaches the dead-letter queue, where a maintainer sees it.
        outcome = 'failed';
        batchItemFailures.push({ itemIdentifier: record.messageId });
        logger.warn('subscribe request failed', { messageId: record.messageId, receiveCount: record.attributes?.ApproximateReceiveCount, error: redactError(err) });
      }
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    }
    // Outcomes in the log, not as a metric (a custom metric costs $0.30 a month): the dead-letter queue's alarm is what pages.
    logger.info('subscribe requests', { records: event.Records?.length ?? 0, ...outcomes });
    return { batchItemFailures };
  };
}

export const handler = instrumented(createSubscriptionRequestsHandler({ store: awsStore, mailer: awsMailer, secret: linkSecret,
  baseUrl: () => requireEnv('PUBLIC_BASE_URL') }));
