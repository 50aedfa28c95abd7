/**
 * Builds a raw MIME message (multipart/alternative: plain text + HTML, UTF-8). We send raw so that we
 * control every header (List-Unsubscribe for RFC 8058 later); SES's simple SendEmail cannot set them.
 */
import { randomUUID } from 'node:crypto';
import type { OutgoingMail } from '#core/ports.ts';

export class HeaderInjectionError extends Error {
  override name = 'HeaderInjectionError';
}

/** Header values come partly from scraped pages: a CR or LF would let a page add its own headers. */
function headerValue(name: string, value: string): string {
  if (/[\r\n]/.test(value)) throw new HeaderInjectionError(`refusing to send: the ${name} header contains a line break`);
  return value;
}

/** RFC 2047 encoded-word for non-ASCII header text (subjects in Japanese, programme names). */
export function encodeHeaderText(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  return `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}

function base64Lines(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64').replace(/.{1,76}/g, '$&\r\n');
}

export function buildRawMessage(mail: OutgoingMail, from: string, boundary = `fw-${randomUUID()}`): string {
  const headers: Array<[string, string]> = [
    ['From', from],
    ['To', mail.to],
    ['Subject', encodeHeaderText(mail.subject.replace(/\s+/g, ' ').trim())],
    ['MIME-Version', '1.0'],
    ...Object.entries(mail.headers ?? {}),
    ['Content-Type', `multipart/alternative; boundary="${boundary}"`],
  ];
  const head = headers.map(([name, value]) => `${name}: ${headerValue(name, value)}`).join('\r\n');
  const part = (type: string, body: string): string =>
    `--${boundary}\r\nContent-Type: ${type}; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64Lines(body)}`;
  return `${head}\r\n\r\n${part('text/plain', mail.text)}${part('text/html', mail.html)}--${boundary}--\r\n`;
}
