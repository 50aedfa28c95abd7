/**
 * Builds a raw MIME message (multipart/alternative: plain text + HTML, UTF-8). We send raw so that we
 * control every header (List-Unsubscribe for RFC 8058 later); SES's simple SendEmail cannot set them.
 */
import { randomUUID } from 'node:crypto';
import type { OutgoingMail } from '#core/ports/mailer.ts';

export class HeaderInjectionError extends Error {
  override name = 'HeaderInjectionError';
}

/** Header values come partly from scraped pages: a CR or LF would let a page add its own headers. */
function headerValue(name: string, value: string): string {
  if (/[\r\n]/.test(value)) throw new HeaderInjectionError(`refusing to send: the ${name} header contains a line break`);
  return value;
}

/**
 * The most UTF-8 bytes one encoded-word carries: "=?UTF-8?B?" + base64 of 42 bytes (56) + "?=" is 68 characters, under
 * RFC 2047's 75, and "Subject: " before it keeps the first line under RFC 5322's 78.
 */
const WORD_BYTES = 42;

/**
 * RFC 2047 encoded-words for non-ASCII header text (subjects in Japanese, programme names): as many words as it takes,
 * each at most 75 characters and each holding whole characters (a character cut between two words decodes as garbage
 * in most clients), folded one word to a line so that no header line passes 78 characters.
 */
export function encodeHeaderText(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  const words: string[] = [];
  let chunk = '';
  // Whole grapheme clusters, so an emoji with its modifiers or a character with its combining mark stays in one word.
  for (const { segment } of new Intl.Segmenter('und', { granularity: 'grapheme' }).segment(text)) {
    if (chunk && Buffer.byteLength(chunk + segment, 'utf8') > WORD_BYTES) {
      words.push(chunk);
      chunk = '';
    }
    chunk += segment;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join('\r\n ');
}

/**
 * Characters that change how a subject displays without being seen: bidirectional marks and overrides (a page's
 * U+202E can make "gpj.exe" read "exe.jpg"), zero-width spaces and other format characters. ZWJ stays: emoji need it.
 */
const INVISIBLE = /(?!\u200d)\p{Cf}/gu;

/** A subject as one clean line: line breaks folded to spaces, invisible format characters dropped. */
function cleanSubject(subject: string): string {
  return subject.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}

function base64Lines(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64').replace(/.{1,76}/g, '$&\r\n');
}

export function buildRawMessage(mail: OutgoingMail, from: string, boundary = `fw-${randomUUID()}`): string {
  const headers: Array<[string, string]> = [
    ['From', from],
    ['To', mail.to],
    ['Subject', cleanSubject(mail.subject)],
    ['MIME-Version', '1.0'],
    ...Object.entries(mail.headers ?? {}),
    ['Content-Type', `multipart/alternative; boundary="${boundary}"`],
  ];
  // Checked for line breaks before encoding: the encoder's own folding is the only line break a header may hold.
  const head = headers.map(([name, value]) => `${name}: ${name === 'Subject' ? encodeHeaderText(headerValue(name, value)) : headerValue(name, value)}`).join('\r\n');
  const part = (type: string, body: string): string =>
    `--${boundary}\r\nContent-Type: ${type}; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64Lines(body)}`;
  return `${head}\r\n\r\n${part('text/plain', mail.text)}${part('text/html', mail.html)}--${boundary}--\r\n`;
}
