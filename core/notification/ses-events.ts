/**
 * What SES reports after sending (through an SNS topic: configuration-set event publishing, or the
 * identity's bounce and complaint notifications). A permanent bounce or a complaint suppresses the
 * address for good; a transient bounce does not. A "Send" event carrying an e-mail's delivery key
 * settles that e-mail's claim in the outbox, so a notifier that died right after SES accepted the
 * message does not send it again.
 */
import type { Outbox, SubscriberStore } from '../ports/store.ts';
import { maskEmail, subscriberIdFor } from '../subscriptions/subscriber-id.ts';
import { suppress } from '../subscriptions/flow.ts';

export interface SesEventReport { suppressed: string[]; settled: number; ignored: string[] }

interface SesMessage {
  notificationType?: string;
  eventType?: string;
  bounce?: { bounceType?: string; bouncedRecipients?: Array<{ emailAddress?: string }> };
  complaint?: { complainedRecipients?: Array<{ emailAddress?: string }> };
  mail?: { messageId?: string; destination?: string[]; tags?: Record<string, string[]> };
}

export async function handleSesEvent(store: SubscriberStore & Outbox, raw: unknown): Promise<SesEventReport> {
  const report: SesEventReport = { suppressed: [], settled: 0, ignored: [] };
  const message = (typeof raw === 'string' ? safeJson(raw) : raw) as SesMessage | undefined;
  const type = message?.eventType ?? message?.notificationType;
  if (!message || !type) {
    report.ignored.push('not an SES notification');
    return report;
  }
  if (type === 'Bounce' && message.bounce?.bounceType === 'Permanent') {
    for (const r of message.bounce.bouncedRecipients ?? []) if (r.emailAddress && await suppress({ store }, r.emailAddress, 'permanent bounce')) report.suppressed.push(maskEmail(r.emailAddress));
  } else if (type === 'Complaint') {
    for (const r of message.complaint?.complainedRecipients ?? []) if (r.emailAddress && await suppress({ store }, r.emailAddress, 'complaint')) report.suppressed.push(maskEmail(r.emailAddress));
  } else if (type === 'Send') {
    const key = message.mail?.tags?.delivery?.[0];
    const messageId = message.mail?.messageId;
    for (const to of message.mail?.destination ?? []) {
      if (!key || !messageId) break;
      const claim = (await store.listSendClaims(subscriberIdFor(to))).find((c) => c.key === key && c.status === 'claimed');
      if (!claim) continue;
      await store.recordDelivery({ subscriberId: claim.subscriberId, eventIds: claim.eventIds, messageId, sentAt: claim.claimedAt });
      await store.completeSend(claim, messageId);
      report.settled += 1;
    }
  } else report.ignored.push(type === 'Bounce' ? 'transient bounce' : type);
  return report;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
