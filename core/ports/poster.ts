/**
 * How core posts a rendered message to a channel's webhook (io/webhooks implements it, with every SSRF guard).
 * The counterpart of the Mailer for channels.
 */
import type { OutgoingPost } from '../domain/channels.ts';

/** The receiver refused for good: the channel must not be posted to again without its owner. */
export class PermanentRefusalError extends Error {
  override name = 'PermanentRefusalError';
  constructor(message: string, readonly status: number) {
    super(message);
  }
}

/** Not delivered this time, certainly (a 429 or 5xx answer, or no connection): safe to send again later. */
export class NotDeliveredError extends Error {
  override name = 'NotDeliveredError';
}

export interface Poster {
  /**
   * Posts once (retrying 429 and 5xx within its own bounds, honouring Retry-After). Resolves with the id the
   * message went under; throws PermanentRefusalError, NotDeliveredError, or anything else when the outcome
   * is unknown (a timeout after the request was sent).
   */
  post(message: OutgoingPost): Promise<{ messageId: string }>;
  /** Whether a message with this id was delivered, when the poster can know (the local receiver); else 'unknown'. */
  findSent(messageId: string): Promise<{ messageId: string } | undefined | 'unknown'>;
}
