/**
 * The poster's failures beyond the port's two (core/ports/poster.ts). Each is a NotDeliveredError (certainly not
 * delivered, safe to send again), so the outbox needs nothing new to handle them; the subclasses say why, for
 * whoever wants to treat a cause apart (a destination that can never be posted to, a payload that is our bug).
 */
import { NotDeliveredError } from '#core/ports/poster.ts';

/**
 * The destination is one fundwatch never posts to: not HTTPS, an odd port, credentials in the URL, or a name
 * that resolves to a loopback, private, link-local or metadata address. Nothing was sent. Retrying cannot help
 * until the owner changes the URL or its DNS; it is not a receiver's refusal, so it does not count towards
 * disabling the channel (the lead decides whether it should).
 */
export class UnsafeDestinationError extends NotDeliveredError {
  override name = 'UnsafeDestinationError';
}

/**
 * The receiver rejected what fundwatch sent (400 Bad Request, 413 Payload Too Large, 415, 422...): Slack answers
 * 400 `invalid_payload` to a malformed body. That is fundwatch's bug, not the channel's, so the channel must not
 * be disabled for it: not delivered, to be sent again once the renderer is fixed.
 */
export class PayloadRejectedError extends NotDeliveredError {
  override name = 'PayloadRejectedError';
  constructor(message: string, readonly status: number) {
    super(message);
  }
}

/** The receiver asked (Retry-After) for a longer wait than a run can afford: not delivered, try at `retryAt`. */
export class RetryLaterError extends NotDeliveredError {
  override name = 'RetryLaterError';
  constructor(message: string, readonly retryAt: Date) {
    super(message);
  }
}
