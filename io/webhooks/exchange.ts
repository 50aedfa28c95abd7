/**
 * One POST of a webhook, no redirect followed, over the guarded agent. What a failure means for delivery is
 * decided here, where it is known how far the exchange got: a failure while connecting (refused, no DNS answer,
 * an address or port the agent refuses, a TLS handshake that failed) certainly sent nothing (NotDeliveredError);
 * anything after the request may have left (a timeout waiting for the answer, a reset) leaves the outcome unknown,
 * a plain Error, so that the outbox asks or sends again rather than assume either way.
 */
import { type Agent, request } from 'undici';
import { NotDeliveredError } from '#core/ports/poster.ts';
import { AddressRefusedError } from '../fetch/address-guard.ts';
import { PortRefusedError } from '../fetch/guarded-agent.ts';
import { UnsafeDestinationError } from './errors.ts';
import { maskUrl, withoutUrl } from './mask-url.ts';
import type { WebhookPosterOptions } from './options.ts';

export interface Answer {
  status: number;
  headers: Record<string, string | undefined>;
  /** The start of the answer's body, printable and URL-free, for error messages (Slack's `invalid_payload`). */
  excerpt: string;
}

type ExchangeOptions = Pick<WebhookPosterOptions, 'totalTimeoutMs' | 'maxResponseBytes'>;

export async function postOnce(agent: Agent, options: ExchangeOptions, url: string, body: string, headers: Record<string, string>): Promise<Answer> {
  const signal = AbortSignal.timeout(options.totalTimeoutMs);
  try {
    const res = await request(url, { dispatcher: agent, method: 'POST', body, headers, signal,
      headersTimeout: options.totalTimeoutMs, bodyTimeout: options.totalTimeoutMs });
    const flat = Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]));
    return { status: res.statusCode, headers: flat, excerpt: printable(withoutUrl(await readCapped(res.body, options.maxResponseBytes), url)) };
  } catch (err) {
    throw translate(err, url, options.totalTimeoutMs);
  }
}

type Body = AsyncIterable<Uint8Array> & { destroy(): void; on(event: 'error', listener: () => void): unknown };

/**
 * Reads at most `maxBytes` of the answer, then drops the connection: a receiver cannot make fundwatch read a
 * large or endless body. What is read is only ever shown in part; the rest of the answer does not matter, and a
 * failure while reading it (a stall until the timeout, a reset) neither: once the status is in, the outcome is known.
 */
async function readCapped(body: Body, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  body.on('error', () => {});
  try {
    for await (const chunk of body) {
      chunks.push(Buffer.from(chunk));
      total += chunk.byteLength;
      if (total >= maxBytes) break;
    }
  } catch {
    // The status has arrived, and it alone decides: a body that stalls or breaks afterwards changes nothing.
  } finally {
    body.destroy();
  }
  return Buffer.concat(chunks).subarray(0, maxBytes).toString('utf8');
}

/** A short, single-line excerpt: a receiver's answer goes into our errors and logs, so it must not forge lines. */
function printable(text: string): string {
  const line = text.replace(/[\p{Cc}\p{Cf}]+/gu, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

/** Errors of the connection phase: no byte of the request can have been sent. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT', 'ERR_TLS_CERT_ALTNAME_INVALID', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'ERR_SSL_WRONG_VERSION_NUMBER']);

function translate(err: unknown, url: string, totalTimeoutMs: number): Error {
  const shown = maskUrl(url);
  const chain = causes(err);
  const refused = chain.find((e) => e instanceof AddressRefusedError || e instanceof PortRefusedError);
  if (refused) return new UnsafeDestinationError(`not posted to ${shown}: ${refused.message}; fundwatch never posts there (check the URL and its DNS records)`);
  const code = chain.map((e) => (e as NodeJS.ErrnoException).code).find((c) => c !== undefined && NOT_SENT.has(c));
  if (code) return new NotDeliveredError(`could not connect to ${shown} (${code}): nothing was sent; it will be tried again`);
  if (chain.some((e) => e.name === 'TimeoutError' || e.name === 'AbortError' || /Timeout/.test(e.name) || /TIMEOUT/.test(String((e as NodeJS.ErrnoException).code)))) {
    return new Error(`no answer from ${shown} within ${Math.round(totalTimeoutMs / 1000)} s after the message was sent: it may or may not have been delivered`);
  }
  const detail = withoutUrl(chain.map((e) => (e as NodeJS.ErrnoException).code ?? e.message).join(' / '), url);
  return new Error(`the exchange with ${shown} failed after the message was sent (${detail}): it may or may not have been delivered`);
}

/** The error and its causes, as far as undici nests them. */
function causes(err: unknown): Error[] {
  const chain: Error[] = [];
  for (let e = err, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth += 1) chain.push(e);
  return chain;
}
