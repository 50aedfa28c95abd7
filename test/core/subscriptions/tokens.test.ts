/** Signed links: what they allow, and every way a link can be wrong. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { signToken, verifyToken } from '#core/subscriptions/tokens.ts';

const secret = 'a-secret-of-at-least-thirty-two-characters';
const now = new Date('2026-04-01T00:00:00Z');

describe('signed tokens', () => {
  it('say who may do what, until when', () => {
    const token = signToken(secret, 'unsubscribe', 's-abc', now);
    expect(verifyToken(secret, token, 'unsubscribe', now)).toEqual({ ok: true, subscriberId: 's-abc' });
    expect(verifyToken(secret, token, 'unsubscribe', new Date('2027-03-31T00:00:00Z'))).toEqual({ ok: true, subscriberId: 's-abc' });
  });

  it('refuse a late click, another purpose, another key, and any changed character', () => {
    const token = signToken(secret, 'confirm', 's-abc', now);
    expect(verifyToken(secret, token, 'confirm', new Date('2026-04-08T00:00:01Z'))).toEqual({ ok: false, reason: 'expired' });
    expect(verifyToken(secret, token, 'unsubscribe', now)).toEqual({ ok: false, reason: 'wrong-purpose' });
    expect(verifyToken('another-secret-of-at-least-thirty-two', token, 'confirm', now)).toEqual({ ok: false, reason: 'forged' });
    // Another subscriber's id in a payload signed for s-abc.
    const [, mac] = token.split('.');
    const swapped = `${Buffer.from('confirm.s-xyz.9999999999').toString('base64url')}.${mac}`;
    expect(verifyToken(secret, swapped, 'confirm', now)).toEqual({ ok: false, reason: 'forged' });
    expect(verifyToken(secret, undefined, 'confirm', now)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyToken(secret, 'x'.repeat(600), 'confirm', now)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('never accept a token that was not made with the key, whatever its bytes', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (junk) => {
      expect(verifyToken(secret, junk, 'manage', now).ok).toBe(false);
    }), { numRuns: 300 });
    const token = signToken(secret, 'manage', 's-1', now);
    fc.assert(fc.property(fc.nat(token.length - 1), fc.constantFrom(...'ABCabc012_-'), (i, c) => {
      const changed = token.slice(0, i) + c + token.slice(i + 1);
      if (changed !== token) expect(verifyToken(secret, changed, 'manage', now).ok).toBe(false);
    }), { numRuns: 300 });
  });

  // Base64 leaves spare bits in a part's last character: 'A' and 'B' both end a 32-byte MAC with the same
  // bytes. A decoder that ignores them would accept a second spelling of a signed link.
  it('refuse every other character in every position, the last one of each part included', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (const at of [now, new Date('2026-04-01T02:00:00Z'), new Date('2026-04-01T04:00:00Z')]) {
      const token = signToken(secret, 'manage', 's-1', at);
      const accepted = [...token].flatMap((original, i) => [...alphabet]
        .filter((c) => c !== original && original !== '.')
        .map((c) => token.slice(0, i) + c + token.slice(i + 1))
        .filter((changed) => verifyToken(secret, changed, 'manage', at).ok));
      expect(accepted).toEqual([]);
    }
  });
});
