/** The HTTP the pages speak: a request as every adapter hands it over, the answer, and the headers every answer carries. */
import { FILTER_SCRIPT_SOURCE } from './filter-script.ts';

export interface HttpRequest {
  method: string;
  /** The path, without the query. */
  path: string;
  query: URLSearchParams;
  /** An application/x-www-form-urlencoded body, already size-checked by the adapter. */
  form?: URLSearchParams;
  /**
   * Set when the body was multipart/form-data: read and size-checked, not parsed. RFC 8058 §3.1 asks mail
   * clients to send the one-click unsubscribe that way, and that POST needs nothing from its body (the
   * token is in the URL); every other POST answers such a body with 415.
   */
  multipart?: true;
  /**
   * The caller's IP as the adapter saw it (API Gateway's requestContext.http.sourceIp), for the per-client
   * limit on subscribing; absent where an adapter cannot tell, and then no per-client limit applies.
   */
  client?: string;
  /**
   * Set by an adapter that can run work once its answer is written (node:http): the subscribe form then
   * answers without waiting for its e-mail, so how long the answer takes cannot tell whether the address
   * was new, pending, confirmed or already mailed. A Lambda is frozen as soon as it returns, so in AWS the
   * form queues the whole request instead (SubscriptionDeps.requests) and this stays unset.
   */
  afterAnswer?: (work: () => Promise<void>) => void;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * On every answer, the adapters' own refusals (413, 415, 408, 500) included: whatever the status, a
 * browser may render the body, and a signed link's token may be in the URL that asked for it.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  // One script may run: the programme filter, allowed by its hash (filter-script.ts); no other inline or fetched script.
  'Content-Security-Policy': `default-src 'none'; script-src ${FILTER_SCRIPT_SOURCE}; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
};

/** A short text answer with the security headers, for the adapters' refusals before a request reaches the pages. */
export function plainAnswer(status: number, text: string, headers: Record<string, string> = {}): HttpResponse {
  return { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS, ...headers }, body: text };
}
