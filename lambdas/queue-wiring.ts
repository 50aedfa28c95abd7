/** The subscribe form's request queue, built once per container (wiring.ts says why apart). */
import { SQSClient } from '@aws-sdk/client-sqs';
import type { SubscribeRequests } from '#core/subscriptions/flow.ts';
import { createSqsSubscribeRequests } from '#io/queue/sqs-queue.ts';
import { redactingErrors } from './telemetry.ts';
import { requireEnv } from './wiring.ts';

let requests: SubscribeRequests | undefined;

/** The subscribe form's request queue (SUBSCRIBE_QUEUE_URL), read by the subscription-requests function. */
export function awsSubscribeRequests(): SubscribeRequests {
  requests ??= createSqsSubscribeRequests({ queueUrl: requireEnv('SUBSCRIBE_QUEUE_URL'), client: redactingErrors(new SQSClient({})) });
  return requests;
}
