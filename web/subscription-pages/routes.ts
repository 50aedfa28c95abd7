/**
 * One small function per page, in a table keyed by "METHOD /path". GET never changes anything (mail
 * scanners open links, and some follow them before the reader does): confirming and unsubscribing take
 * the page's button, or the one-click POST a mail client makes (RFC 8058).
 */
import { escapeHtml } from '#lib/escape.ts';
import { confirm, requestSubscription, subscribe, subscriberForToken, unsubscribe, updatePreferences } from '#core/subscriptions/flow.ts';
import { InvalidRequestError, type Preferences } from '#core/subscriptions/preferences.ts';
import { linkFor } from '#core/subscriptions/links.ts';
import { TooManyRequestsError } from '#core/subscriptions/limits.ts';
import { preferenceFields, preferencesFrom } from './form-values.ts';
import { preferencesPage, subscribeForm } from './forms.ts';
import type { HttpResponse } from './http.ts';
import type { Route, RouteContext } from './route-context.ts';
import { T } from './strings.ts';
import { badRequest, buttonForm, page, tokenProblem, tooManyRequests } from './views.ts';
import { channelSummary, secretShownOnce } from './channel-forms.ts';
import { getChannels, postChannels, postRotateSecret } from './channel-routes.ts';
import { CHANNEL_T } from './channel-strings.ts';



const subscribePage: Route = async ({ lang, config, deps }) => page(lang, 200, T[lang].title, await subscribeForm(lang, config) +
  (deps.poster ? `<p><a href="channels?lang=${lang}">${escapeHtml(CHANNEL_T[lang].offer)}</a></p>` : ''));

async function postSubscribe({ req, lang, deps, config }: RouteContext): Promise<HttpResponse> {
  const t = T[lang];
  const form = req.form ?? new URLSearchParams();
  const email = form.get('email') ?? '';
  const client = req.client ? { client: req.client } : {};
  try {
    // With a queue (AWS) nothing the answer waits for depends on the address; without one (serve), afterAnswer defers the e-mail.
    if (deps.requests) await requestSubscription({ ...deps, requests: deps.requests }, email, preferenceFields(form), client);
    else await subscribe(deps, email, preferencesFrom(form), { ...client, ...(req.afterAnswer ? { afterAnswer: req.afterAnswer } : {}) });
  } catch (err) {
    if (err instanceof InvalidRequestError) return page(lang, 400, t.badRequest, await subscribeForm(lang, config, err.message, email.slice(0, 254)));
    if (err instanceof TooManyRequestsError) return tooManyRequests(lang, err.retryAfterS);
    throw err;
  }
  // The same page whatever the address's state: the form tells nobody who is subscribed. That holds for
  // an address over its daily limit too ('limited'): a different page would tell a stranger that someone
  // (likely its owner) has been asking for this address today; the owner waits for the next day.
  return page(lang, 200, t.checkInbox, `<p>${escapeHtml(t.checkInboxBody)}</p>`);
}

async function getConfirm({ lang, token, deps }: RouteContext): Promise<HttpResponse> {
  // Shows the button only: a scanner opening the link must not subscribe an address nobody confirmed.
  const found = await subscriberForToken(deps, token, ['confirm']);
  if (!found.ok) return tokenProblem(lang, found);
  const l = found.subscriber.lang;
  return page(l, 200, T[l].confirmTitle, `<p>${escapeHtml(T[l].confirmBody)}</p>${buttonForm('confirm', token!, T[l].confirmButton)}`);
}

async function postConfirm({ lang, token, deps }: RouteContext): Promise<HttpResponse> {
  const found = await confirm(deps, token);
  if (!found.ok) return tokenProblem(lang, found);
  const l = found.subscriber.lang;
  const manage = linkFor(deps.links, 'manage', found.subscriber, deps.clock());
  // A webhook's signing secret is shown by the request that confirmed it, and never again.
  const secret = found.changed ? secretShownOnce(found.subscriber, deps.links.secret) : '';
  return page(l, 200, T[l].confirmed, `<p>${escapeHtml(T[l].confirmedBody)}</p>${secret}<p><a href="${escapeHtml(manage)}">${escapeHtml(T[l].manageLink)}</a></p>`);
}

async function getPreferences({ lang, token, deps, config }: RouteContext): Promise<HttpResponse> {
  const found = await subscriberForToken(deps, token, ['manage']);
  if (!found.ok) return tokenProblem(lang, found);
  return preferencesPage(found.subscriber, token!, config, channelSummary(found.subscriber, token!));
}

async function postPreferences({ req, lang, token, deps }: RouteContext): Promise<HttpResponse> {
  let preferences: Preferences;
  try {
    preferences = preferencesFrom(req.form ?? new URLSearchParams());
  } catch (err) {
    if (err instanceof InvalidRequestError) return badRequest(lang, err.message);
    throw err;
  }
  const found = await updatePreferences(deps, token, preferences);
  if (!found.ok) return tokenProblem(lang, found);
  const l = found.subscriber.lang;
  return page(l, 200, T[l].saved, `<p>${escapeHtml(T[l].savedBody)}</p><p><a href="preferences?token=${encodeURIComponent(token!)}">${escapeHtml(T[l].manageLink)}</a></p>`);
}

async function getUnsubscribe({ lang, token, deps }: RouteContext): Promise<HttpResponse> {
  const found = await subscriberForToken(deps, token, ['unsubscribe', 'manage']);
  if (!found.ok) return tokenProblem(lang, found);
  const l = found.subscriber.lang;
  return page(l, 200, T[l].unsubscribeTitle, `<p>${escapeHtml(T[l].unsubscribeBody)}</p>${buttonForm('unsubscribe', token!, T[l].unsubscribeButton)}`);
}

async function postUnsubscribe({ lang, token, deps }: RouteContext): Promise<HttpResponse> {
  // A button on the page, or RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click" to the header's URL.
  const found = await unsubscribe(deps, token);
  if (!found.ok) return tokenProblem(lang, found);
  const l = found.subscriber.lang;
  return page(l, 200, T[l].unsubscribed, `<p>${escapeHtml(T[l].unsubscribedBody)}</p><p><a href="./?lang=${l}">${escapeHtml(T[l].subscribeAgain)}</a></p>`);
}

/** Each page's GET before its POST: the 405's Allow header lists the methods in this order. */
export const ROUTES: Readonly<Record<string, Route>> = {
  'GET /': subscribePage,
  'GET /subscribe': subscribePage,
  'POST /subscribe': postSubscribe,
  'GET /confirm': getConfirm,
  'POST /confirm': postConfirm,
  'GET /preferences': getPreferences,
  'POST /preferences': postPreferences,
  'GET /channels': getChannels,
  'POST /channels': postChannels,
  'POST /rotate-secret': postRotateSecret,
  'GET /unsubscribe': getUnsubscribe,
  'POST /unsubscribe': postUnsubscribe,
};

/** The methods a path takes (HEAD wherever GET), for a 405's Allow header; undefined for no such page. */
export function allowedMethods(path: string): string | undefined {
  const methods = Object.keys(ROUTES).map((route) => route.split(' ')).filter(([, p]) => p === path).map(([m]) => m!);
  return methods.length ? methods.flatMap((m) => (m === 'GET' ? ['GET', 'HEAD'] : [m])).join(', ') : undefined;
}
