/** A subscriber's id comes from the address itself: one record per address, found without an index or a scan. */
import { sha256Hex } from '#lib/hash.ts';

/** Lower-cased and trimmed: "Alice@Example.org " and "alice@example.org" are one subscriber. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function subscriberIdFor(email: string): string {
  return `s-${sha256Hex(normalizeEmail(email), 24)}`;
}

/**
 * Deliberately simple and strict: one @, a dotted domain, no spaces or angle brackets, at most 254 characters,
 * printable ASCII only: a control character or a byte that was not UTF-8 (U+FFFD) would otherwise reach the
 * To header, and SES refuses non-ASCII local parts (a failed send instead of a clear "check the form").
 */
export function isValidEmail(email: string): boolean {
  const e = email.trim();
  return e.length <= 254 && /^[\x21-\x7e]+$/.test(e) && /^[^\s@<>()[\]\\,;:"]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/.test(e);
}

/** Addresses are never logged in full: r***@example.org. */
export function maskEmail(email: string): string {
  const [user = '', domain = ''] = email.split('@');
  return `${user.slice(0, 1)}***@${domain}`;
}
