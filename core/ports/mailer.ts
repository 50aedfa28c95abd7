/**
 * How core sends an e-mail, and asks after a crash whether one went out. io/mail implements it with SES
 * (and the local SES emulator).
 */

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
}

export interface Mailer {
  /** Sends one message; `deliveryKey` goes with it (a header and a message tag) so that it can be found later. */
  send(mail: OutgoingMail, deliveryKey?: string): Promise<{ messageId: string }>;
  /**
   * Whether a message with this delivery key was accepted for sending, and its id: how a retry after a
   * crash between sending and recording tells "sent" from "never sent". 'unknown' when the mailer
   * cannot tell (the notifier then sends again, at least once).
   */
  findSent(deliveryKey: string): Promise<{ messageId: string } | undefined | 'unknown'>;
}
