/**
 * The subscription pages as one request handler: subscribe form, confirmation, preferences,
 * unsubscribe (with RFC 8058 one-click POST). Pure over the subscription flow: a request in, a page
 * out. The same handler serves `fundwatch serve` locally and the HTTP API in AWS; the adapters only
 * turn their requests into HttpRequest and back.
 *
 * Pages are small, accessible HTML (labels, fieldsets, lang attribute; one script, the programme filter,
 * which only enhances: filter-script.ts). Links carry signed tokens, so pages send no Referer and are
 * never cached. GET (and HEAD, answered as GET without a
 * body) never changes anything (routes.ts).
 */
import { escapeHtml } from '#lib/escape.ts';
import type { SubscriptionDeps } from '#core/subscriptions/flow.ts';
import { InvalidRequestError } from '#core/subscriptions/preferences.ts';
import type { PagesConfig } from './forms.ts';
import { plainAnswer, type HttpRequest, type HttpResponse } from './http.ts';
import { allowedMethods, ROUTES } from './routes.ts';
import { T, type Lang } from './strings.ts';
import { badRequest, page } from './views.ts';

export function createSubscriptionPages(deps: SubscriptionDeps, config: PagesConfig): (req: HttpRequest) => Promise<HttpResponse> {
  const handle = pagesHandler(deps, config);
  // HEAD is GET without the body (RFC 9110 §9.3.2): the same status and headers, and so nothing changed either.
  return async (req) => {
    if (req.method.toUpperCase() !== 'HEAD') return handle(req);
    const response = await handle({ ...req, method: 'GET', form: undefined });
    return { ...response, body: '' };
  };
}

const langOf = (req: HttpRequest): Lang => ((req.form?.get('ui') ?? req.query.get('lang')) === 'ja' ? 'ja' : 'en');

function pagesHandler(deps: SubscriptionDeps, config: PagesConfig): (req: HttpRequest) => Promise<HttpResponse> {
  return async (req) => {
    const lang = langOf(req);
    const token = req.form?.get('token') ?? req.query.get('token') ?? undefined;
    const path = req.path.replace(/\/+$/, '') || '/';
    const route = `${req.method.toUpperCase()} ${path}`;
    if (req.multipart && route !== 'POST /unsubscribe') return plainAnswer(415, 'send the form as application/x-www-form-urlencoded');
    const answer = ROUTES[route];
    if (!answer) return noSuchRoute(lang, path);
    try {
      return await answer({ req, lang, token, deps, config });
    } catch (err) {
      if (err instanceof InvalidRequestError) return badRequest(lang, err.message);
      throw err;
    }
  };
}

/** 405 with the methods the page takes, or 404 for no such page. */
function noSuchRoute(lang: Lang, path: string): HttpResponse {
  const t = T[lang];
  const allowed = allowedMethods(path);
  if (!allowed) return page(lang, 404, t.notFound, `<p>${escapeHtml(t.notFoundBody)}</p>`);
  const refused = page(lang, 405, t.methodNotAllowed, '');
  return { ...refused, headers: { ...refused.headers, Allow: allowed } };
}
