/**
 * What a receiver's status means for delivery. Slack documents its incoming webhooks' answers: 400
 * `invalid_payload` (our body), 403 `action_prohibited`, 404 `channel_not_found` / `no_service`, 410
 * `channel_is_archived`, 429 rate limited, 500 `rollup_error`; Teams workflows and generic receivers use the same
 * codes in the same sense.
 *
 * | status | verdict |
 * | --- | --- |
 * | 2xx | delivered |
 * | 408, 429, 5xx | retry (backoff, or the receiver's Retry-After) |
 * | 3xx | PermanentRefusalError: a webhook that redirects has moved, and redirects are never followed (SSRF) |
 * | 410 | PermanentRefusalError 410: the channel is disabled at once |
 * | 401, 403, 404, 405 | PermanentRefusalError: counted, the channel disabled after a few in a row |
 * | any other 4xx | PayloadRejectedError: our bug, never the channel's: not delivered, and the channel stays |
 */
import { PermanentRefusalError } from '#core/ports/poster.ts';
import { PayloadRejectedError } from './errors.ts';
import type { Answer } from './exchange.ts';

export type Verdict = 'delivered' | 'retry';

const REFUSALS: Readonly<Record<number, string>> = {
  401: 'the receiver does not accept fundwatch\'s signature (a rotated secret?)',
  403: 'the receiver forbids posting (Slack: action_prohibited)',
  404: 'the webhook does not exist (deleted, or a mistyped URL)',
  405: 'the URL does not take posts: it is not a webhook address',
  410: 'the webhook is gone for good (Slack: the channel was archived)',
};

/** Delivered, worth retrying, or a thrown refusal that says what the owner or a maintainer must do. */
export function judge(answer: Answer, shown: string): Verdict {
  const { status } = answer;
  const said = answer.excerpt ? ` ("${answer.excerpt}")` : '';
  if (status >= 200 && status < 300) return 'delivered';
  if (status === 408 || status === 429 || status >= 500) return 'retry';
  if (status >= 300 && status < 400) {
    throw new PermanentRefusalError(`${shown} answered HTTP ${status}: the webhook redirected; webhooks must answer directly. The owner must give the webhook's current URL`, status);
  }
  const refusal = REFUSALS[status];
  if (refusal) throw new PermanentRefusalError(`${shown} answered HTTP ${status}${said}: ${refusal}. The owner must check the channel and its webhook URL`, status);
  throw new PayloadRejectedError(`${shown} rejected the message with HTTP ${status}${said}: what fundwatch sent is at fault, not the channel, `
    + 'which stays enabled; report it to the maintainers with this message', status);
}
