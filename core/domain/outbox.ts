/**
 * The outbox's records: a claim taken on one e-mail before it is sent, and the delivery recorded once it
 * went out. Together they make each e-mail go out once, whatever crashes in between.
 */

/**
 * A claim on one e-mail before it is sent (the outbox): its key is derived from the subscriber and
 * the events it carries, so a retry finds the claim of the attempt that crashed and can tell whether
 * that e-mail went out before sending anything.
 */
export interface SendClaim {
  key: string;
  subscriberId: string;
  eventIds: string[];
  claimedAt: string;
  status: 'claimed' | 'sent';
  messageId?: string;
  /** A daily or weekly digest: whoever records its delivery (the sender or a recovering run) also marks the digest sent. */
  digest?: boolean;
  /** Posted to the subscriber's channel (core/domain/channels.ts), not e-mailed: recovery asks the poster, not the mailer. */
  channel?: boolean;
}

export interface Delivery {
  subscriberId: string;
  eventIds: string[];
  messageId: string;
  sentAt: string;
}
