/**
 * One HTTP exchange over undici, no redirects followed: timeouts, the size cap, and every failure
 * turned into a FetchError. Routed (offline replay, tests), it goes over plain HTTP to the local
 * origin with the logical host in the Host header.
 */
import { type Agent, errors as undiciErrors, request } from 'undici';
import { AddressRefusedError } from './address-guard.ts';
import { FetchError } from './errors.ts';
import { PortRefusedError } from './guarded-agent.ts';
import type { FetcherOptions } from './options.ts';
import { parseRetryAfter } from './retry.ts';

export interface RawResponse {
  status: number;
  headers: Record<string, string | undefined>;
  body: Uint8Array;
}

type ExchangeOptions = Pick<FetcherOptions, 'totalTimeoutMs' | 'maxBytes' | 'route'>;

export async function exchange(agent: Agent, options: ExchangeOptions, url: URL, headers: Record<string, string>): Promise<RawResponse> {
  const target = options.route ? new URL(url.pathname + url.search, options.route.origin) : url;
  const signal = AbortSignal.timeout(options.totalTimeoutMs);
  try {
    const res = await request(target, { dispatcher: agent, method: 'GET', headers: { ...headers, host: url.host }, signal,
      headersTimeout: options.totalTimeoutMs, bodyTimeout: options.totalTimeoutMs });
    const flat = flatten(res.headers);
    if (res.statusCode >= 500 || res.statusCode === 429) {
      discard(res.body);
      throw new FetchError('http-status', url.href, `the server answered HTTP ${res.statusCode} (a server-side problem, retried with backoff)`, true,
        { status: res.statusCode, retryAfterMs: parseRetryAfter(flat['retry-after']) });
    }
    const declared = Number(flat['content-length'] ?? 0);
    if (declared > options.maxBytes) {
      discard(res.body);
      throw new FetchError('too-large', url.href, `the response declares ${declared} bytes, over the ${options.maxBytes}-byte cap`);
    }
    return { status: res.statusCode, headers: flat, body: await readCapped(res.body, options.maxBytes, url.href) };
  } catch (err) {
    throw translate(err, url.href, signal);
  }
}

function flatten(headers: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]));
}

type Body = AsyncIterable<Uint8Array> & { destroy(): void; on(event: 'error', listener: () => void): unknown };

/** Drops a body we will not read; the abort it causes is expected, not an error to surface. */
function discard(body: Body): void {
  body.on('error', () => {});
  body.destroy();
}

/** Reads the body but stops (and drops the connection) the moment it passes the cap. */
async function readCapped(body: Body, maxBytes: number, url: string): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += chunk.byteLength;
    if (total > maxBytes) {
      discard(body);
      throw new FetchError('too-large', url, `the response grew past the ${maxBytes}-byte cap`);
    }
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

function translate(err: unknown, url: string, signal: AbortSignal): FetchError {
  if (err instanceof FetchError) return err;
  // Refused by the connector: where the connection would have gone is the whole story, and retrying cannot change it.
  const refused = refusal(err);
  if (refused) return new FetchError(refused instanceof PortRefusedError ? 'bad-url' : 'address-not-allowed', url, refused.message, false, { cause: err });
  if (signal.aborted || err instanceof undiciErrors.HeadersTimeoutError || err instanceof undiciErrors.BodyTimeoutError
    || err instanceof undiciErrors.ConnectTimeoutError) {
    return new FetchError('timeout', url, 'no complete answer within the time limit', true, { cause: err });
  }
  return new FetchError('network', url, `network error: ${(err as Error).message}`, true, { cause: err });
}

/** The connector's refusal, wherever undici put it (the error itself or its cause). */
function refusal(err: unknown): AddressRefusedError | PortRefusedError | undefined {
  for (let e = err, depth = 0; e instanceof Error && depth < 3; e = e.cause, depth += 1) {
    if (e instanceof AddressRefusedError || e instanceof PortRefusedError) return e;
  }
  return undefined;
}
