/**
 * The one digest the project uses: SHA-256 in hex. Ids (subscribers, events, reminders, deliveries,
 * discovered sources), content hashes and ETags are all prefixes of it; a prefix of `length` hex digits
 * keeps 4·length bits, so callers choose the length by how many ids may ever meet (24 digits: 96 bits).
 */
import { createHash } from 'node:crypto';

/** SHA-256 of `input` (text as UTF-8) in lowercase hex, cut to `length` digits when given. */
export function sha256Hex(input: string | Uint8Array, length?: number): string {
  const hex = createHash('sha256').update(input).digest('hex');
  return length === undefined ? hex : hex.slice(0, length);
}

