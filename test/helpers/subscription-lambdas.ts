/**
 * The two subscription Lambdas as deployed, with the SQS queue between them replaced by a hand-over in
 * the same process: each queued form goes straight to the consumer, as one SQS record. No SQS engine
 * runs here, and the queue carries nothing but the message body, so this is the one fake. Both handlers
 * read their engines from the environment the caller set (lambdas/*-wiring.ts), like the deployed ones.
 */
import type { SubscribeRequests } from '#core/subscriptions/flow.ts';
import type { HttpApiEvent } from '../../lambdas/subscription-api.ts';

export async function subscriptionApiThroughConsumer(baseUrl: string): Promise<(event: HttpApiEvent) => Promise<{ statusCode: number; headers: Record<string, string>; body: string }>> {
  const { createSubscriptionApiHandler } = await import('../../lambdas/subscription-api.ts');
  const { createSubscriptionRequestsHandler } = await import('../../lambdas/subscription-requests.ts');
  const { awsStore } = await import('../../lambdas/wiring.ts');
  const { awsMailer } = await import('../../lambdas/mail-wiring.ts');
  const { linkSecret } = await import('../../lambdas/secret-wiring.ts');
  const consumer = createSubscriptionRequestsHandler({ store: awsStore, mailer: awsMailer, secret: linkSecret, baseUrl: () => baseUrl });
  let sent = 0;
  const queue: SubscribeRequests = {
    async enqueue(request) {
      const { batchItemFailures } = await consumer({ Records: [{ messageId: `m-${(sent += 1)}`, body: JSON.stringify(request) }] });
      if (batchItemFailures.length) throw new Error('the consumer failed a queued subscribe request');
    },
  };
  return createSubscriptionApiHandler({ store: awsStore, requests: () => queue, secret: linkSecret });
}
