/**
 * The subscription pages as one request handler: subscribe form, confirmation, preferences,
 * unsubscribe (with RFC 8058 one-click POST). Pure over the subscription flow: a request in, a page
 * out. The same handler serves `fundwatch serve` locally and the HTTP API in AWS; the adapters only
 * turn their requests into HttpRequest and back.
 *
 * Pages are small, accessible HTML (labels, fieldsets, lang attribute, no script). Links carry signed
 * tokens, so pages send no Referer and are never cached. GET (and HEAD, answered as GET without a
 * body) never changes anything: mail scanners open links, and some follow them before the reader does.
 * So confirming takes the page's button, and so does unsubscribing (or the one-click POST a mail
 * client makes, RFC 8058).
 */
import { AGENCIES } from '#parsers/schema.ts';
import { escapeHtml } from '#lib/escape.ts';
import { CHANGE_CATEGORIES, type ChangeCategory } from '#core/domain/changes.ts';
import { DEFAULT_REMINDER_OFFSETS, type Subscriber } from '#core/domain/subscribers.ts';
import { COUNTRY_CHOICES, FIELD_CHOICES, REMINDER_CHOICES } from '#core/subscriptions/filter-choices.ts';
import { offsetsOf } from '#core/notification/reminders.ts';
import { confirm, requestSubscription, subscribe, subscriberForToken, unsubscribe, updatePreferences, type SubscriptionDeps, type TokenResult } from '#core/subscriptions/flow.ts';
import { InvalidRequestError, parsePreferences, type Preferences, type PreferencesInput } from '#core/subscriptions/preferences.ts';
import { linkFor } from '#core/subscriptions/links.ts';
import { TooManyRequestsError } from '#core/subscriptions/limits.ts';

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

export interface PagesConfig {
  /** Programmes offered as filters: id and name. */
  programmes: Array<{ id: string; name: string }>;
}

type Lang = 'en' | 'ja';

/**
 * On every answer, the adapters' own refusals (413, 415, 408, 500) included: whatever the status, a
 * browser may render the body, and a signed link's token may be in the URL that asked for it.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
};

const T = {
  en: {
    title: 'Follow Japanese research funding', lead: 'fundwatch e-mails you when JST, AMED or JSPS change a deadline, a partner agency or an eligibility term on the programme pages you follow, quoting the page.',
    email: 'E-mail address', language: 'Language of the e-mails', delivery: 'How often', immediate: 'As soon as something changes', daily: 'Daily digest', weekly: 'Weekly digest',
    agencies: 'Agencies (none ticked: all)', programmes: 'Programmes (none ticked: all)', categories: 'Kinds of change (none ticked: all)', subscribe: 'Subscribe',
    checkInbox: 'Check your inbox', checkInboxBody: 'If that address can receive e-mail, a message with a confirmation link is on its way. Nothing is sent to it before the link is clicked. The link works for 7 days.',
    confirmTitle: 'Confirm your subscription', confirmBody: 'One last step: press the button to start the fundwatch e-mails to this address. If you did not ask for them, close this page and nothing will be sent.',
    confirmButton: 'Confirm my subscription', confirmed: 'Subscription confirmed', confirmedBody: 'You will receive e-mails when the pages you follow change.', manageLink: 'Change what you receive',
    preferences: 'Your subscription', save: 'Save', saved: 'Preferences saved', savedBody: 'Your choices are saved and apply from the next e-mail.',
    unsubscribeTitle: 'Unsubscribe', unsubscribeBody: 'Stop all fundwatch e-mails to this address?', unsubscribeButton: 'Unsubscribe',
    unsubscribed: 'Unsubscribed', unsubscribedBody: 'You will receive no more e-mails from fundwatch. You can subscribe again at any time.',
    subscribeAgain: 'Subscribe again', invalid: 'This link is not valid', invalidBody: 'The link is incomplete or was changed. Open it again from the e-mail, exactly as it was sent.',
    expired: 'This link has expired', expiredBody: 'Links stop working after a while. Subscribe again with your address, or use the link in a more recent e-mail.',
    unknown: 'This subscription no longer exists', unknownBody: 'Subscribe again with your address if you want the e-mails.',
    tooMany: 'Too many requests', tooManyBody: (minutes: number) => `This connection has sent the form too many times in a short while. Please try again in ${minutes === 1 ? 'a minute' : `${minutes} minutes`}. If you have just subscribed, the confirmation e-mail is on its way: check your inbox, and your spam folder.`,
    badRequest: 'Please check the form', notFound: 'Page not found', notFoundBody: 'There is no such page.', methodNotAllowed: 'Not allowed',
    current: 'Status', status: { pending: 'waiting for confirmation', confirmed: 'active', unsubscribed: 'unsubscribed', suppressed: 'stopped: e-mails to this address bounced or were reported as spam' },
    fields: 'Research fields (none ticked: all)', countries: 'Partner countries (none chosen: all)',
    countriesHint: 'Choose one or several (Ctrl or ⌘ and click, or Shift and the arrow keys); calls naming any of them match.',
    keywords: 'Keywords (empty: all)', keywordsHint: 'Up to 20 words or phrases, separated by commas or line breaks: only changes whose call title or summary, and deadlines whose programme or call, contain one of them.',
    reminders: 'Reminders before application deadlines (none ticked: no reminders)', daysBefore: (n: number) => (n === 1 ? '1 day before' : `${n} days before`),
    categoryNames: { deadline: 'Deadlines', agency: 'Partner agencies', eligibility: 'Eligibility', funding: 'Funding', period: 'Support period', countries: 'Partner countries', fields: 'Research fields', contact: 'Contacts', status: 'Calls opened or closed', 'new-call': 'New calls found on the agencies\' listings', other: 'Other' },
    other: '日本語',
  },
  ja: {
    title: '研究資金の公募情報をフォロー', lead: 'fundwatch は、フォローする JST・AMED・JSPS のプログラムページで締切・参加機関・応募資格が変わったとき、ページの記載を引用してメールでお知らせします。',
    email: 'メールアドレス', language: 'メールの言語', delivery: '配信頻度', immediate: '変更があり次第', daily: '毎日まとめて', weekly: '毎週まとめて',
    agencies: '機関（未選択はすべて）', programmes: 'プログラム（未選択はすべて）', categories: '変更の種類（未選択はすべて）', subscribe: '登録する',
    checkInbox: 'メールをご確認ください', checkInboxBody: 'このアドレスがメールを受信できる場合、確認リンクを記載したメールをお送りしました。リンクをクリックするまで通知は送信されません。リンクの有効期限は7日間です。',
    confirmTitle: '登録の確認', confirmBody: 'ボタンを押すと、このアドレスへの fundwatch のメール配信が始まります。お心当たりがない場合は、このページを閉じてください。メールは送信されません。',
    confirmButton: '登録を確定する', confirmed: '登録が完了しました', confirmedBody: 'フォロー中のページに変更があるとメールでお知らせします。', manageLink: '配信内容の変更',
    preferences: '登録内容', save: '保存する', saved: '保存しました', savedBody: '次回のメールから反映されます。',
    unsubscribeTitle: '配信停止', unsubscribeBody: 'このアドレスへの fundwatch のメールをすべて停止しますか？', unsubscribeButton: '配信を停止する',
    unsubscribed: '配信を停止しました', unsubscribedBody: 'fundwatch からのメールは今後届きません。いつでも再登録できます。',
    subscribeAgain: '再登録する', invalid: 'このリンクは無効です', invalidBody: 'リンクが不完全か、変更されています。メールに記載されたとおりに開き直してください。',
    expired: 'このリンクは有効期限が切れています', expiredBody: 'リンクには有効期限があります。もう一度登録するか、より新しいメールのリンクをご利用ください。',
    unknown: 'この登録は存在しません', unknownBody: 'メールを受け取りたい場合は、もう一度登録してください。',
    tooMany: 'リクエストが多すぎます', tooManyBody: (minutes: number) => `この接続から短時間に何度もフォームが送信されました。${minutes}分ほど後にもう一度お試しください。登録したばかりの場合は確認メールをお送りしていますので、受信箱と迷惑メールフォルダをご確認ください。`,
    badRequest: '入力内容をご確認ください', notFound: 'ページが見つかりません', notFoundBody: 'このページは存在しません。', methodNotAllowed: '許可されていない操作です',
    current: '状態', status: { pending: '確認待ち', confirmed: '配信中', unsubscribed: '配信停止', suppressed: '停止中（メールが届かないか、迷惑メールとして報告されました）' },
    fields: '研究分野（未選択はすべて）', countries: '相手国（未選択はすべて）',
    countriesHint: '複数選ぶには Ctrl（⌘）を押しながらクリック、または Shift と矢印キーを使います。いずれかを挙げる公募が対象です。',
    keywords: 'キーワード（空欄はすべて）', keywordsHint: '20語まで、読点（、）・カンマ・改行で区切ってください。公募名・変更の要約（締切はプログラム名・公募名）にいずれかを含むものだけが対象です。',
    reminders: '応募締切のリマインダー（未選択は送信しません）', daysBefore: (n: number) => (n === 1 ? '1日前' : `${n}日前`),
    categoryNames: { deadline: '締切', agency: '参加機関', eligibility: '応募資格', funding: '研究費', period: '支援期間', countries: '相手国', fields: '研究分野', contact: '問い合わせ先', status: '公募の開始・終了', 'new-call': '一覧に掲載された新しい公募', other: 'その他' },
    other: 'English',
  },
} as const;

function page(lang: Lang, status: number, title: string, body: string): HttpResponse {
  const html = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(title)} · fundwatch</title><style>${STYLE}</style></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main>` +
    `<footer><p>fundwatch</p></footer></body></html>`;
  return { status, headers: { 'Content-Type': 'text/html; charset=utf-8', ...SECURITY_HEADERS }, body: html };
}

/** A short text answer with the security headers, for the adapters' refusals before a request reaches the pages. */
export function plainAnswer(status: number, text: string, headers: Record<string, string> = {}): HttpResponse {
  return { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS, ...headers }, body: text };
}

/** The methods each page takes (HEAD wherever GET), for a 405's Allow header. */
const ALLOWED: Record<string, string> = { '/': 'GET, HEAD', '/subscribe': 'GET, HEAD, POST', '/confirm': 'GET, HEAD, POST', '/preferences': 'GET, HEAD, POST', '/unsubscribe': 'GET, HEAD, POST' };

/** A page with one button that POSTs the link's token back: the only way a link changes anything. */
function buttonForm(action: string, token: string, label: string): string {
  return `<form method="post" action="${action}"><input type="hidden" name="token" value="${escapeHtml(token)}"><button type="submit">${escapeHtml(label)}</button></form>`;
}

const STYLE = 'body{font-family:system-ui,sans-serif;line-height:1.5;margin:0;color:#1b1b1b;background:#fafafa}main{max-width:40rem;margin:auto;padding:1rem}' +
  'fieldset{border:1px solid #ccc;border-radius:6px;margin:1rem 0;padding:.5rem 1rem}legend,label[for]{font-weight:600}label{display:block;margin:.25rem 0}label[for]{margin-top:1rem}' +
  '*{box-sizing:border-box}input[type=email],textarea,select{width:100%;max-width:24rem;padding:.5rem;font-size:1rem}.hint{color:#555;font-size:.9rem;margin:.25rem 0}button{font-size:1rem;padding:.6rem 1.2rem;background:#1a56a6;color:#fff;border:0;border-radius:6px;cursor:pointer}' +
  'button:focus,input:focus,textarea:focus,select:focus,a:focus{outline:3px solid #f5a623;outline-offset:2px}.error{color:#b42318;font-weight:600}footer{color:#666;text-align:center;font-size:.85rem}';

const langOf = (req: HttpRequest): Lang => ((req.form?.get('ui') ?? req.query.get('lang')) === 'ja' ? 'ja' : 'en');

/** The request's form values for the preference fields. */
function preferencesFrom(form: URLSearchParams): Preferences {
  return parsePreferences(preferenceFields(form));
}

/** The preference fields as the form sent them, unchecked (what a queued request carries). */
function preferenceFields(form: URLSearchParams): PreferencesInput {
  return {
    lang: form.get('lang') ?? undefined, delivery: form.get('delivery') ?? undefined,
    agencies: form.getAll('agencies'), programs: form.getAll('programs'), categories: form.getAll('categories'),
    keywords: form.get('keywords') ?? '', fields: form.getAll('fields'), countries: form.getAll('countries'),
    // The form always sends an empty "reminders" value next to the boxes: none ticked then means off, not "not asked".
    ...(form.has('reminders') ? { reminders: form.getAll('reminders') } : {}),
  };
}

function preferencesFields(lang: Lang, config: PagesConfig, current?: Subscriber): string {
  const t = T[lang];
  const checked = (on: boolean | undefined): string => (on ? ' checked' : '');
  const box = (name: string, value: string, label: string, on: boolean | undefined): string =>
    `<label><input type="checkbox" name="${name}" value="${escapeHtml(value)}"${checked(on)}> ${escapeHtml(label)}</label>`;
  const mode = current?.delivery ?? 'immediate';
  // A new subscriber starts from the default reminders (14 and 3 days), ticked.
  const offsets = current ? offsetsOf(current) : [...DEFAULT_REMINDER_OFFSETS];
  const mailLang = current?.lang ?? lang;
  return `<fieldset><legend>${escapeHtml(t.language)}</legend>` +
    `<label><input type="radio" name="lang" value="en"${checked(mailLang === 'en')}> English</label><label><input type="radio" name="lang" value="ja"${checked(mailLang === 'ja')}> 日本語</label></fieldset>` +
    `<fieldset><legend>${escapeHtml(t.delivery)}</legend>${(['immediate', 'daily', 'weekly'] as const).map((m) =>
      `<label><input type="radio" name="delivery" value="${m}"${checked(mode === m)}> ${escapeHtml(t[m])}</label>`).join('')}</fieldset>` +
    `<fieldset><legend>${escapeHtml(t.agencies)}</legend>${AGENCIES.map((a) => box('agencies', a, a, current?.filters.agencies?.includes(a))).join('')}</fieldset>` +
    `<fieldset><legend>${escapeHtml(t.programmes)}</legend>${config.programmes.map((p) => box('programs', p.id, p.name, current?.filters.programs?.includes(p.id))).join('')}</fieldset>` +
    `<fieldset><legend>${escapeHtml(t.fields)}</legend>${FIELD_CHOICES.map((f) => box('fields', f.id, f[lang], current?.filters.fields?.includes(f.id))).join('')}</fieldset>` +
    countrySelect(lang, current?.filters.countries ?? []) +
    `<label for="keywords">${escapeHtml(t.keywords)}</label><p class="hint" id="keywords-hint">${escapeHtml(t.keywordsHint)}</p>` +
    `<textarea id="keywords" name="keywords" rows="2" maxlength="1500" aria-describedby="keywords-hint">${escapeHtml((current?.filters.keywords ?? []).join(', '))}</textarea>` +
    `<fieldset><legend>${escapeHtml(t.categories)}</legend>${CHANGE_CATEGORIES.map((c) => box('categories', c, t.categoryNames[c as ChangeCategory], current?.filters.categories?.includes(c))).join('')}</fieldset>` +
    `<fieldset><legend>${escapeHtml(t.reminders)}</legend><input type="hidden" name="reminders" value="">` +
    `${REMINDER_CHOICES.map((n) => box('reminders', String(n), t.daysBefore(n), offsets.includes(n))).join('')}</fieldset>`;
}

function countrySelect(lang: Lang, chosen: string[]): string {
  const t = T[lang];
  const options = [...COUNTRY_CHOICES].sort((a, b) => a[lang].localeCompare(b[lang], lang)).map((c) =>
    `<option value="${escapeHtml(c.id)}"${chosen.includes(c.id) ? ' selected' : ''}>${escapeHtml(`${c[lang]} (${c.id})`)}</option>`).join('');
  return `<label for="countries">${escapeHtml(t.countries)}</label><p class="hint" id="countries-hint">${escapeHtml(t.countriesHint)}</p>` +
    `<select id="countries" name="countries" multiple size="6" aria-describedby="countries-hint">${options}</select>`;
}

function subscribeForm(lang: Lang, config: PagesConfig, error?: string, email = ''): string {
  const t = T[lang];
  return `<p>${escapeHtml(t.lead)}</p>${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}` +
    `<form method="post" action="subscribe"><input type="hidden" name="ui" value="${lang}">` +
    `<label for="email">${escapeHtml(t.email)}</label><input id="email" type="email" name="email" required autocomplete="email" maxlength="254" value="${escapeHtml(email)}">` +
    `${preferencesFields(lang, config)}<button type="submit">${escapeHtml(t.subscribe)}</button></form>` +
    `<p><a href="?lang=${lang === 'en' ? 'ja' : 'en'}">${escapeHtml(t.other)}</a></p>`;
}

/** A client over the per-client limit: 429, when to come back (Retry-After, in seconds), and what to check meanwhile. */
function tooManyRequests(lang: Lang, retryAfterS: number): HttpResponse {
  const t = T[lang];
  const response = page(lang, 429, t.tooMany, `<p>${escapeHtml(t.tooManyBody(Math.ceil(retryAfterS / 60)))}</p>`);
  return { ...response, headers: { ...response.headers, 'Retry-After': String(retryAfterS) } };
}

/** A refused link says why and what to do next. */
function tokenProblem(lang: Lang, found: Exclude<TokenResult, { ok: true }>): HttpResponse {
  const t = T[lang];
  if (found.reason === 'expired') return page(lang, 410, t.expired, `<p>${escapeHtml(t.expiredBody)}</p><p><a href="./?lang=${lang}">${escapeHtml(t.subscribeAgain)}</a></p>`);
  if (found.reason === 'unknown-subscriber') return page(lang, 404, t.unknown, `<p>${escapeHtml(t.unknownBody)}</p><p><a href="./?lang=${lang}">${escapeHtml(t.subscribeAgain)}</a></p>`);
  return page(lang, 400, t.invalid, `<p>${escapeHtml(t.invalidBody)}</p>`);
}

export function createSubscriptionPages(deps: SubscriptionDeps, config: PagesConfig): (req: HttpRequest) => Promise<HttpResponse> {
  const handle = pagesHandler(deps, config);
  // HEAD is GET without the body (RFC 9110 §9.3.2): the same status and headers, and so nothing changed either.
  return async (req) => {
    if (req.method.toUpperCase() !== 'HEAD') return handle(req);
    const response = await handle({ ...req, method: 'GET', form: undefined });
    return { ...response, body: '' };
  };
}

function pagesHandler(deps: SubscriptionDeps, config: PagesConfig): (req: HttpRequest) => Promise<HttpResponse> {
  return async (req) => {
    const lang = langOf(req);
    const t = T[lang];
    const token = req.form?.get('token') ?? req.query.get('token') ?? undefined;
    const path = req.path.replace(/\/+$/, '') || '/';
    const route = `${req.method.toUpperCase()} ${path}`;
    if (req.multipart && route !== 'POST /unsubscribe') return plainAnswer(415, 'send the form as application/x-www-form-urlencoded');
    try {
      switch (route) {
        case 'GET /':
        case 'GET /subscribe':
          return page(lang, 200, t.title, subscribeForm(lang, config));
        case 'POST /subscribe': {
          const form = req.form ?? new URLSearchParams();
          const email = form.get('email') ?? '';
          const client = req.client ? { client: req.client } : {};
          try {
            // With a queue (AWS) nothing the answer waits for depends on the address; without one (serve), afterAnswer defers the e-mail.
            if (deps.requests) await requestSubscription({ ...deps, requests: deps.requests }, email, preferenceFields(form), client);
            else await subscribe(deps, email, preferencesFrom(form), { ...client, ...(req.afterAnswer ? { afterAnswer: req.afterAnswer } : {}) });
          } catch (err) {
            if (err instanceof InvalidRequestError) return page(lang, 400, t.badRequest, subscribeForm(lang, config, err.message, email.slice(0, 254)));
            if (err instanceof TooManyRequestsError) return tooManyRequests(lang, err.retryAfterS);
            throw err;
          }
          // The same page whatever the address's state: the form tells nobody who is subscribed. That holds for
          // an address over its daily limit too ('limited'): a different page would tell a stranger that someone
          // (likely its owner) has been asking for this address today; the owner waits for the next day.
          return page(lang, 200, t.checkInbox, `<p>${escapeHtml(t.checkInboxBody)}</p>`);
        }
        case 'GET /confirm': {
          // Shows the button only: a scanner opening the link must not subscribe an address nobody confirmed.
          const found = await subscriberForToken(deps, token, ['confirm']);
          if (!found.ok) return tokenProblem(lang, found);
          const l = found.subscriber.lang;
          return page(l, 200, T[l].confirmTitle, `<p>${escapeHtml(T[l].confirmBody)}</p>${buttonForm('confirm', token!, T[l].confirmButton)}`);
        }
        case 'POST /confirm': {
          const found = await confirm(deps, token);
          if (!found.ok) return tokenProblem(lang, found);
          const l = found.subscriber.lang;
          const manage = linkFor(deps.links, 'manage', found.subscriber, deps.clock());
          return page(l, 200, T[l].confirmed, `<p>${escapeHtml(T[l].confirmedBody)}</p><p><a href="${escapeHtml(manage)}">${escapeHtml(T[l].manageLink)}</a></p>`);
        }
        case 'GET /preferences': {
          const found = await subscriberForToken(deps, token, ['manage']);
          if (!found.ok) return tokenProblem(lang, found);
          return preferencesPage(found.subscriber, token!, config);
        }
        case 'POST /preferences': {
          let preferences: Preferences;
          try {
            preferences = preferencesFrom(req.form ?? new URLSearchParams());
          } catch (err) {
            if (err instanceof InvalidRequestError) return page(lang, 400, t.badRequest, `<p class="error" role="alert">${escapeHtml(err.message)}</p>`);
            throw err;
          }
          const found = await updatePreferences(deps, token, preferences);
          if (!found.ok) return tokenProblem(lang, found);
          const l = found.subscriber.lang;
          return page(l, 200, T[l].saved, `<p>${escapeHtml(T[l].savedBody)}</p><p><a href="preferences?token=${encodeURIComponent(token!)}">${escapeHtml(T[l].manageLink)}</a></p>`);
        }
        case 'GET /unsubscribe': {
          const found = await subscriberForToken(deps, token, ['unsubscribe', 'manage']);
          if (!found.ok) return tokenProblem(lang, found);
          const l = found.subscriber.lang;
          return page(l, 200, T[l].unsubscribeTitle, `<p>${escapeHtml(T[l].unsubscribeBody)}</p>${buttonForm('unsubscribe', token!, T[l].unsubscribeButton)}`);
        }
        case 'POST /unsubscribe': {
          // A button on the page, or RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click" to the header's URL.
          const found = await unsubscribe(deps, token);
          if (!found.ok) return tokenProblem(lang, found);
          const l = found.subscriber.lang;
          return page(l, 200, T[l].unsubscribed, `<p>${escapeHtml(T[l].unsubscribedBody)}</p><p><a href="./?lang=${l}">${escapeHtml(T[l].subscribeAgain)}</a></p>`);
        }
        default:
          if (ALLOWED[path]) {
            const refused = page(lang, 405, t.methodNotAllowed, '');
            return { ...refused, headers: { ...refused.headers, Allow: ALLOWED[path] } };
          }
          return page(lang, 404, t.notFound, `<p>${escapeHtml(t.notFoundBody)}</p>`);
      }
    } catch (err) {
      if (err instanceof InvalidRequestError) return page(lang, 400, t.badRequest, `<p class="error" role="alert">${escapeHtml(err.message)}</p>`);
      throw err;
    }
  };
}

function preferencesPage(subscriber: Subscriber, token: string, config: PagesConfig): HttpResponse {
  const l = subscriber.lang;
  const t = T[l];
  return page(l, 200, t.preferences, `<p>${escapeHtml(t.current)}: ${escapeHtml(t.status[subscriber.status])}</p>` +
    `<form method="post" action="preferences"><input type="hidden" name="token" value="${escapeHtml(token)}"><input type="hidden" name="ui" value="${l}">` +
    `${preferencesFields(l, config, subscriber)}<button type="submit">${escapeHtml(t.save)}</button></form>` +
    `<p><a href="unsubscribe?token=${encodeURIComponent(token)}">${escapeHtml(t.unsubscribeTitle)}</a></p>`);
}
