/**
 * Signed links, no login: a token says "subscriber X may do Y until time T" and carries an HMAC-SHA256
 * of exactly that, made with a secret only the server has. A changed byte, another purpose, another
 * subscriber or a late click is refused with the reason. Pure (the clock comes in as a value).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export type TokenPurpose = 'confirm' | 'manage' | 'unsubscribe';

/** How long each kind of link works: a confirmation a week, links in e-mails a year (old e-mails still unsubscribe). */
export const TOKEN_LIFETIME_S: Record<TokenPurpose, number> = { confirm: 7 * 86_400, manage: 365 * 86_400, unsubscribe: 365 * 86_400 };

export type TokenCheck = { ok: true; subscriberId: string } | { ok: false; reason: 'malformed' | 'forged' | 'expired' | 'wrong-purpose' };

const b64 = (s: string | Buffer): string => Buffer.from(s).toString('base64url');
const mac = (secret: string, payload: string): Buffer => createHmac('sha256', secret).update(payload).digest();

export function signToken(secret: string, purpose: TokenPurpose, subscriberId: string, now: Date): string {
  const payload = `${purpose}.${subscriberId}.${Math.floor(now.getTime() / 1000) + TOKEN_LIFETIME_S[purpose]}`;
  return `${b64(payload)}.${b64(mac(secret, payload))}`;
}

export function verifyToken(secret: string, token: string | undefined | null, purpose: TokenPurpose, now: Date): TokenCheck {
  if (!token || token.length > 512 || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token)) return { ok: false, reason: 'malformed' };
  const [payloadPart, macPart] = token.split('.') as [string, string];
  const payload = Buffer.from(payloadPart, 'base64url').toString('utf8');
  // Compared as text, not as decoded bytes: base64's spare bits in a part's last character would otherwise
  // give every link several spellings that all verify. Only the one this server wrote is accepted.
  const given = Buffer.from(macPart);
  const expected = Buffer.from(b64(mac(secret, payload)));
  if (b64(payload) !== payloadPart || given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'forged' };
  const [kind, subscriberId, expires] = payload.split('.');
  if (!kind || !subscriberId || !expires || !/^\d+$/.test(expires)) return { ok: false, reason: 'malformed' };
  if (kind !== purpose) return { ok: false, reason: 'wrong-purpose' };
  if (Number(expires) * 1000 < now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, subscriberId };
}
