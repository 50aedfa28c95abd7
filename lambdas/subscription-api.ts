/**
 * Subscription pages Lambda (API Gateway HTTP API, payload v2): the same handler as `fundwatch serve`.
 * Turns the event into an HttpRequest (form bodies, or a multipart one-click unsubscribe; size-limited)
 * and the page back into a response.
 *
 * It sends no e-mail. A subscribe form is checked, counted against its caller's limit and queued; the
 * subscription-requests function looks the address up and mails it. So the answer takes the same time, and
 * says the same, whatever the address's state (issue 15, finding 10).
 */
import { createSubscriptionPages } from '#web/subscription-pages/handler.ts';
import { plainAnswer, type HttpRequest, type HttpResponse } from '#web/subscription-pages/http.ts';
import type { Clock } from '#core/ports/clock.ts';
import type { Mailer } from '#core/ports/mailer.ts';
import type { Poster } from '#core/ports/poster.ts';
import type { Store } from '#core/ports/store.ts';
import type { SubscribeRequests } from '#core/subscriptions/flow.ts';
import { MAX_FORM_BYTES } from '#io/http/node-server.ts';
import { instrumented } from './telemetry.ts';
import type { Source } from '#parsers/sources.ts';
import { choicesFrom, type ProgrammeChoice } from '#core/subscriptions/programme-choices.ts';
import { awsStore, registry, requireEnv } from './wiring.ts';
import { awsSubscribeRequests } from './queue-wiring.ts';
import { linkSecret } from './secret-wiring.ts';
import { awsPoster, localOriginsFromEnv, PAGES_POSTER_BOUNDS } from './poster-wiring.ts';
import { awsProgrammes } from './programmes-wiring.ts';

/**
 * The programmes the form offers until a publish has named them: each programme of the deployed registry (the
 * bundle's sources.json), with its agency, by its id. Read from the registry the handler already has: at a few
 * hundred sources the list no longer fits in an environment variable. The pages' role reads subscriber items
 * only, never a snapshot: the names and the found calls come from feeds/programmes.json (programmes-wiring.ts).
 */
export function programmeChoices(sources: Source[]): ProgrammeChoice[] {
  return choicesFrom(sources, [], []);
}

export interface HttpApiEvent {
  /** sourceIp: the caller's address as API Gateway saw it (the TCP peer, not a header anyone could write). */
  requestContext: { http: { method: string; path: string; sourceIp?: string }; domainName?: string };
  rawQueryString?: string;
  headers?: Record<string, string | undefined>;
  body?: string;
  isBase64Encoded?: boolean;
}

type ApiResult = { statusCode: number; headers: Record<string, string>; body: string };

export interface SubscriptionApiWiring {
  store: () => Store;
  requests: () => SubscribeRequests;
  secret: () => Promise<string>;
  /** Posts a channel's confirmation request; without it the pages offer no channels. */
  poster?: () => Promise<Poster>;
  /** Local receivers' origins a channel's URL may name (tests and local invocations only). */
  channelOrigins?: string[];
  /** The programmes the forms offer, asked at each form; unset: the registry's by id. */
  programmes?: () => Promise<ProgrammeChoice[]>;
  clock?: Clock;
}

/** No role to send with, and no need: the pages' only e-mails are the queued requests' (subscription-requests). */
const NO_MAIL: Mailer = {
  send() { throw new Error('the subscription pages send no e-mail in AWS: queued subscribe requests are mailed by the subscription-requests function'); },
  findSent: async () => 'unknown',
};

export function createSubscriptionApiHandler(wiring: SubscriptionApiWiring): (event: HttpApiEvent) => Promise<ApiResult> {
  let pages: ((req: HttpRequest) => Promise<HttpResponse>) | undefined;
  return async (event) => {
    // The pages' own address, unless a custom domain is configured: links point back here.
    const baseUrl = process.env.PUBLIC_BASE_URL || (event.requestContext.domainName ? `https://${event.requestContext.domainName}/` : requireEnv('PUBLIC_BASE_URL'));
    pages ??= createSubscriptionPages({
      store: wiring.store(), mailer: NO_MAIL, requests: wiring.requests(), clock: wiring.clock ?? (() => new Date()),
      links: { secret: await wiring.secret(), baseUrl },
      // A channel's confirmation is posted while the person waits: a webhook URL is its holder's secret, so the
      // answer's timing tells nobody anything about someone else (core/subscriptions/channel-flow.ts).
      ...(wiring.poster ? { poster: await wiring.poster(), channelOrigins: wiring.channelOrigins ?? [] } : {}),
    }, { programmes: wiring.programmes ?? programmeChoices(registry()) });
    return answer(pages, event);
  };
}

async function answer(pages: (req: HttpRequest) => Promise<HttpResponse>, event: HttpApiEvent): Promise<ApiResult> {
  const method = event.requestContext.http.method;
  let body: Pick<HttpRequest, 'form' | 'multipart'> = {};
  if (method === 'POST') {
    const text = event.body ? (event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body) : '';
    const type = (event.headers?.['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    // Refusals carry the pages' security headers too: a browser renders whatever comes back.
    if (type && type !== 'application/x-www-form-urlencoded' && type !== 'multipart/form-data') return asResult(plainAnswer(415, 'send the form as application/x-www-form-urlencoded'));
    if (Buffer.byteLength(text) > MAX_FORM_BYTES) return asResult(plainAnswer(413, 'the form is too large'));
    // multipart: RFC 8058's one-click unsubscribe, whose token is in the URL; read, not parsed (web/subscription-pages/handler.ts).
    body = type === 'multipart/form-data' ? { multipart: true } : { form: new URLSearchParams(text) };
  }
  const response = await pages({ method, path: event.requestContext.http.path, query: new URLSearchParams(event.rawQueryString ?? ''), ...body,
    ...(event.requestContext.http.sourceIp ? { client: event.requestContext.http.sourceIp } : {}) });
  return asResult(response);
}

function asResult(response: HttpResponse): { statusCode: number; headers: Record<string, string>; body: string } {
  return { statusCode: response.status, headers: response.headers, body: response.body };
}

export const handler = instrumented(createSubscriptionApiHandler({ store: awsStore, requests: awsSubscribeRequests, secret: linkSecret,
  poster: () => awsPoster(PAGES_POSTER_BOUNDS), channelOrigins: localOriginsFromEnv(), programmes: awsProgrammes }));
