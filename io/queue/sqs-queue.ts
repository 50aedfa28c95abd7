/**
 * The SubscribeRequests port on Amazon SQS: each accepted subscribe form becomes one message, read by the
 * subscription-requests function (lambdas/subscription-requests.ts). The body is the request as JSON; it
 * carries an address (personal data: never logged) and no secret. The queue is encrypted at rest (SSE-SQS) and
 * refuses plain HTTP (infra/constructs/subscription-api.ts).
 */
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SubscribeRequest, SubscribeRequests } from '#core/subscriptions/flow.ts';

export interface SqsQueueOptions {
  queueUrl: string;
  client?: SQSClient;
}

/**
 * @example const requests = createSqsSubscribeRequests({ queueUrl: process.env.SUBSCRIBE_QUEUE_URL! });
 */
export function createSqsSubscribeRequests(options: SqsQueueOptions): SubscribeRequests {
  const client = options.client ?? new SQSClient({});
  return {
    async enqueue(request: SubscribeRequest): Promise<void> {
      await client.send(new SendMessageCommand({ QueueUrl: options.queueUrl, MessageBody: JSON.stringify(request) }));
    },
  };
}
