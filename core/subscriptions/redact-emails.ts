/**
 * Every e-mail address in a free text masked as maskEmail masks one (r***@example.org), for texts we did
 * not write and that may name a subscriber: SES's refusals, errors, anything a log line carries.
 */
import { maskEmail } from './subscriber-id.ts';

/**
 * An address in running text. The local part takes every character isValidEmail accepts in one (printable
 * ASCII but for `"(),:;<>@[\]`), so all of it is masked, never only its tail; the domain needs a dot.
 * SES names identities by ARN (`...:identity/someone@example.org`): that `identity/` stays readable.
 */
const ADDRESS = /(identity\/)?([^\x00-\x20\x7f-\uffff"(),:;<>@[\\\]]+)@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)/g;

/**
 * The text with each address masked, its domain kept.
 *
 * @example
 * redactEmails('The following identities failed the check in region US-EAST-1: someone@example.org')
 * // 'The following identities failed the check in region US-EAST-1: s***@example.org'
 */
export function redactEmails(text: string): string {
  if (!text.includes('@')) return text;
  return text.replace(ADDRESS, (_match, identity: string | undefined, local: string, domain: string) =>
    `${identity ?? ''}${maskEmail(`${local}@${domain}`)}`);
}
