/** The pages' frame (one small accessible HTML page; its one script is the programme filter) and the answers every route may give: a refused link, too many requests. */
import { escapeHtml } from '#lib/escape.ts';
import type { TokenResult } from '#core/subscriptions/flow.ts';
import { SECURITY_HEADERS, type HttpResponse } from './http.ts';
import { T, type Lang } from './strings.ts';

export function page(lang: Lang, status: number, title: string, body: string): HttpResponse {
  const html = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(title)} · fundwatch</title><style>${STYLE}</style></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main>` +
    `<footer><p>fundwatch</p></footer></body></html>`;
  return { status, headers: { 'Content-Type': 'text/html; charset=utf-8', ...SECURITY_HEADERS }, body: html };
}

/** A page with one button that POSTs the link's token back: the only way a link changes anything. */
export function buttonForm(action: string, token: string, label: string): string {
  return `<form method="post" action="${action}"><input type="hidden" name="token" value="${escapeHtml(token)}"><button type="submit">${escapeHtml(label)}</button></form>`;
}

const STYLE = 'body{font-family:system-ui,sans-serif;line-height:1.5;margin:0;color:#1b1b1b;background:#fafafa}main{max-width:40rem;margin:auto;padding:1rem}' +
  'fieldset{border:1px solid #ccc;border-radius:6px;margin:1rem 0;padding:.5rem 1rem}legend,label[for]{font-weight:600}label{display:block;margin:.25rem 0}label[for]{margin-top:1rem}' +
  '*{box-sizing:border-box}input[type=email],input[type=url],input[type=text],textarea,select{width:100%;max-width:24rem;padding:.5rem;font-size:1rem}.hint{color:#555;font-size:.9rem;margin:.25rem 0}button{font-size:1rem;padding:.6rem 1.2rem;background:#1a56a6;color:#fff;border:0;border-radius:6px;cursor:pointer}' +
  '[hidden]{display:none!important}label{overflow-wrap:anywhere}input[type=search]{width:100%;max-width:24rem;padding:.5rem;font-size:1rem}.chooser fieldset{margin:.5rem 0}' +
  'button:focus,input:focus,textarea:focus,select:focus,a:focus{outline:3px solid #f5a623;outline-offset:2px}.error{color:#b42318;font-weight:600}footer{color:#666;text-align:center;font-size:.85rem}';

/** A form the checks refused: the reason, as an alert. */
export function badRequest(lang: Lang, message: string): HttpResponse {
  return page(lang, 400, T[lang].badRequest, `<p class="error" role="alert">${escapeHtml(message)}</p>`);
}

/** A client over the per-client limit: 429, when to come back (Retry-After, in seconds), and what to check meanwhile. */
export function tooManyRequests(lang: Lang, retryAfterS: number): HttpResponse {
  const t = T[lang];
  const response = page(lang, 429, t.tooMany, `<p>${escapeHtml(t.tooManyBody(Math.ceil(retryAfterS / 60)))}</p>`);
  return { ...response, headers: { ...response.headers, 'Retry-After': String(retryAfterS) } };
}

/** A refused link says why and what to do next. */
export function tokenProblem(lang: Lang, found: Exclude<TokenResult, { ok: true }>): HttpResponse {
  const t = T[lang];
  if (found.reason === 'expired') return page(lang, 410, t.expired, `<p>${escapeHtml(t.expiredBody)}</p><p><a href="./?lang=${lang}">${escapeHtml(t.subscribeAgain)}</a></p>`);
  if (found.reason === 'unknown-subscriber') return page(lang, 404, t.unknown, `<p>${escapeHtml(t.unknownBody)}</p><p><a href="./?lang=${lang}">${escapeHtml(t.subscribeAgain)}</a></p>`);
  return page(lang, 400, t.invalid, `<p>${escapeHtml(t.invalidBody)}</p>`);
}
