/**
 * Hostile page text: whatever an agency page (or someone who defaced it) puts in a name, a title, a
 * quote or a link, every output keeps it as text. Checked on the structure a reader's software sees
 * (parsed HTML, raw MIME headers, parsed iCalendar and Atom), not on the absence of one string.
 *
 * Already covered elsewhere (not repeated here): <script>/<img onerror> escaped in the change e-mail and a
 * one-line subject (test/core/notification/email/change-email.test.ts); the reminder's HTML and javascript: page link
 * (test/core/notification/email/reminder-email.test.ts); a To header with CRLF refused and a subject's CRLF folded
 * (test/io/mail/mime.test.ts); the site's escaping, http(s)-only links and CSP (test/web/site.test.ts);
 * injected iCalendar properties and events (test/core/analyst/feeds/ics.test.ts); Atom markup, ]]> and XML-forbidden
 * characters (test/core/analyst/feeds/atom.test.ts); keywords re-displayed escaped and pages with no script
 * (test/core/subscriptions/flow.test.ts).
 */
import { load } from 'cheerio';
import ICAL from 'ical.js';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { renderAtom } from '#core/analyst/feeds/atom.ts';
import { renderIcs } from '#core/analyst/feeds/ics.ts';
import { renderSite } from '#web/site/render-site.ts';
import type { Catalog } from '#core/analyst/views.ts';
import type { ChangeEvent } from '#core/domain/changes.ts';
import type { Subscriber } from '#core/domain/subscribers.ts';
import type { Mailer, OutgoingMail } from '#core/ports/mailer.ts';
import type { SubscriberStore } from '#core/ports/store.ts';
import { renderChangeEmail } from '#core/notification/email/change-email.ts';
import { renderReminderEmail } from '#core/notification/email/reminder-email.ts';
import { renderChannelChanges } from '#core/notification/channels/render.ts';
import { createSubscriptionPages } from '#web/subscription-pages/handler.ts';
import type { HttpRequest } from '#web/subscription-pages/http.ts';
import { buildRawMessage } from '#io/mail/mime.ts';
import { change, deadline, programme, sampleCatalog } from '../helpers/catalog.ts';

/** Page text that tries every way out of its format. */
const ATTACKS = {
  script: '<script>alert(1)</script>',
  handler: '<img src=x onerror=alert(1)><svg onload=alert(2)>',
  attributeBreakout: '" onmouseover="alert(3)" x="',
  css: '<div style="width:expression(alert(4))">x</div></style><style>body{background:url(javascript:alert(5))}</style>',
  headerInjection: 'Deadline moved\r\nBcc: victim@example.org\r\nX-Injected: yes',
  bareLf: 'Deadline moved\nBcc: lf@example.org',
  bidi: 'Deadline \u202E91-21-6202\u202C moved \u2067isolated\u2069 \u202Aembedded\u202C \u202Doverride\u202C',
};
const HOSTILE = Object.values(ATTACKS).join(' ');
const HOSTILE_URLS = [
  'javascript:alert(6)', ' JaVaScRiPt:alert(7)', 'java\tscript:alert(8)', 'data:text/html,<script>alert(9)</script>',
  'vbscript:msgbox(10)', 'https://www.jst.go.jp/a" onmouseover="alert(11)',
];
/** The bidi embedding, override and isolate controls: they reorder the text that follows them on a line. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;

/**
 * What in parsed HTML could run or load something: a script (other than `allowedScript`), an embedding
 * element, an event-handler attribute, a link or form target that is not http(s) or relative, CSS that
 * calls expression() or url().
 */
function activeContent(html: string, allowedScript?: RegExp): string[] {
  const $ = load(html);
  const problems: string[] = [];
  $('*').each((_, el) => {
    if (el.type !== 'tag') return;
    const tag = el.name.toLowerCase();
    if (tag === 'script' && !(allowedScript && allowedScript.test($(el).attr('src') ?? ''))) problems.push(`<script src="${$(el).attr('src') ?? ''}">`);
    if (['iframe', 'object', 'embed', 'img', 'svg', 'math', 'base', 'frame', 'applet'].includes(tag)) problems.push(`<${tag}>`);
    if (tag === 'meta' && /refresh/i.test($(el).attr('http-equiv') ?? '')) problems.push('<meta refresh>');
    if (tag === 'style' && /expression\(|url\(|javascript:/i.test($(el).text())) problems.push('<style> with expression/url');
    for (const [name, value] of Object.entries(el.attribs)) {
      if (/^on/i.test(name)) problems.push(`${tag}[${name}]`);
      if (['href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'background'].includes(name.toLowerCase())
        && /^\s*[a-z][a-z0-9+.-]*:/i.test(value.replace(/[\u0000-\u0020]/g, '')) && !/^https?:/i.test(value.trim())) {
        problems.push(`${tag}[${name}=${value}]`);
      }
      if (name === 'style' && /expression\(|url\(|javascript:/i.test(value)) problems.push(`${tag}[style=${value}]`);
    }
  });
  return problems;
}

const subscriber: Subscriber = { id: 's1', email: 'r@example.org', lang: 'en', status: 'confirmed', filters: {} };
const links = { manage: 'https://fundwatch.example.org/preferences?token=m', unsubscribe: 'https://fundwatch.example.org/unsubscribe?token=u' };

function hostileEvent(url: string, id: string): ChangeEvent {
  return {
    id, sourceId: 'jst-aspire-top-en', agency: 'JST', url, detectedAt: '2026-04-01T00:00:00.000Z', fromVersion: 1, toVersion: 2,
    change: {
      programId: 'jst-aspire', callId: 'fy2026', category: 'other', kind: 'changed', severity: 'high', before: HOSTILE, after: HOSTILE,
      summary: { en: HOSTILE, ja: HOSTILE }, evidence: { before: HOSTILE, after: HOSTILE },
    },
  } as ChangeEvent;
}

/** Splits a raw MIME message into its header lines and its decoded parts. */
function parseRaw(raw: string): { headers: string[]; parts: Map<string, string> } {
  const [head, ...rest] = raw.split('\r\n\r\n');
  const boundary = /boundary="([^"]+)"/.exec(head!)![1]!;
  const parts = new Map<string, string>();
  for (const chunk of rest.join('\r\n\r\n').split(`--${boundary}`)) {
    const type = /Content-Type: ([^;]+);/.exec(chunk)?.[1];
    if (type) parts.set(type, Buffer.from(chunk.split('\r\n\r\n')[1]!.replace(/\r\n/g, ''), 'base64').toString('utf8'));
  }
  return { headers: head!.split('\r\n'), parts };
}

function expectSafeMail(mail: OutgoingMail, { quotesPage = true } = {}): void {
  const raw = buildRawMessage(mail, 'fundwatch <alerts@fundwatch.example>', 'BOUNDARY');
  const { headers, parts } = parseRaw(raw);
  // Every header line is one of ours. The only continued lines are the subject's own folding, each one RFC 2047
  // encoded-word of base64, which no page text can turn into a header.
  const continued = headers.filter((line) => /^[ \t]/.test(line));
  for (const line of continued) expect(line).toMatch(/^ =\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=$/);
  const unfolded = headers.join('\r\n').replace(/\r\n(?=[ \t])/g, '').split('\r\n');
  expect(unfolded.map((line) => line.slice(0, line.indexOf(':')))).toEqual(
    ['From', 'To', 'Subject', 'MIME-Version', 'List-Unsubscribe', 'List-Unsubscribe-Post', 'Content-Type']);
  if (continued.length) expect(unfolded.find((line) => line.startsWith('Subject: '))).toMatch(/^Subject: (=\?UTF-8\?B\?[A-Za-z0-9+/=]+\?= ?)+$/);
  expect(raw.split('\r\n').filter((line) => /^(bcc|cc|x-injected|reply-to):/i.test(line))).toEqual([]);
  expect(mail.subject).not.toMatch(/[\r\n]/);
  expect(mail.subject).not.toMatch(BIDI_CONTROLS);
  // The HTML part runs nothing and loads nothing; the page's words are there as words.
  const html = parts.get('text/html')!;
  expect(activeContent(html)).toEqual([]);
  if (quotesPage) expect(load(html)('body').text()).toContain(ATTACKS.script);
  // The plain-text part: no line of page text can pretend to be a header or start a new quote.
  const text = parts.get('text/plain')!;
  expect(text.split('\n').filter((line) => /^(Bcc|X-Injected):/.test(line))).toEqual([]);
}

describe('hostile page text in the change e-mail', () => {
  it('adds no header, no script, no handler, no CSS and no non-http(s) link, in any part or header', () => {
    const events = HOSTILE_URLS.map((url, i) => hostileEvent(url, `e${i}`));
    const mail = renderChangeEmail(subscriber, events, { links, programmes: new Map([['jst-aspire', { names: { en: HOSTILE }, upcoming: [
      { kind: 'submission', label: HOSTILE, date: '2026-12-10', time: '12:00', timezone: 'Asia/Tokyo', iso: '2026-12-10T12:00:00+09:00', evidence: HOSTILE }] }]]) });

    expectSafeMail(mail);
  });

  it('keeps a digest as safe as an alert', () => {
    const mail = renderChangeEmail({ ...subscriber, lang: 'ja' }, [hostileEvent('javascript:alert(1)', 'd1'), hostileEvent('https://www.jst.go.jp/x', 'd2')],
      { links, digest: 'weekly', programmes: new Map([['jst-aspire', { names: { ja: HOSTILE }, upcoming: [] }]]) });

    expectSafeMail(mail);
  });
});

describe('hostile page text in channel messages (Slack, Teams, generic webhooks)', () => {
  const channel = (kind: 'slack' | 'teams' | 'webhook'): Subscriber => ({ ...subscriber, id: `c-${kind}`, channel: { kind, url: 'https://hooks.example.org/x', secretVersion: 1 } });
  const events = HOSTILE_URLS.map((url, i) => hostileEvent(url, `c${i}`));
  const options = { links, reference: 'ref-1', now: new Date('2026-04-01T00:00:00Z'), programmes: new Map([['jst-aspire', { names: { en: HOSTILE }, upcoming: [] }]]) };
  /** Every string anywhere in a JSON value, with the name of the property that holds it. */
  const strings = (value: unknown, key = ''): Array<[string, string]> => typeof value === 'string' ? [[key, value]]
    : Array.isArray(value) ? value.flatMap((v) => strings(v, key))
      : value && typeof value === 'object' ? Object.entries(value).flatMap(([k, v]) => strings(v, k)) : [];

  it('gives Slack no link, mention or markup but fundwatch\'s own http(s) links', () => {
    const body = JSON.parse(renderChannelChanges(channel('slack'), events, options).body) as { text: string };
    // What Slack parses: mrkdwn text objects and the top-level text (notifications). plain_text objects it shows as they are.
    const mrkdwn = (value: unknown): string[] => Array.isArray(value) ? value.flatMap(mrkdwn)
      : value && typeof value === 'object' ? [...((value as { type?: unknown }).type === 'mrkdwn' ? [String((value as { text?: unknown }).text)] : []),
        ...Object.values(value).flatMap(mrkdwn)] : [];
    const texts = [body.text, ...mrkdwn(body)];
    expect(texts.length).toBeGreaterThan(3);
    // Slack's own syntax: <url|label> links, <!channel>-style mentions, <@U123> users. Page text must never make one.
    const angles = texts.flatMap((text) => text.match(/<[^>]*>/g) ?? []);
    expect(angles.filter((a) => !/^<https?:\/\/[^|<>\s]+\|[^<>]*>$/.test(a))).toEqual([]);
    expect(angles.map((a) => a.slice(1).split('|')[0]!).filter((url) => !url.startsWith('https://fundwatch.example.org/') && !url.startsWith('https://www.jst.go.jp/'))).toEqual([]);
  });

  it('gives a Teams card no Markdown block and no button but to http(s)', () => {
    const body = JSON.parse(renderChannelChanges(channel('teams'), events, options).body) as unknown;
    const types = strings(body).filter(([key]) => key === 'type').map(([, type]) => type);
    expect(types).not.toContain('TextBlock');
    expect(strings(body).filter(([key]) => key === 'url').map(([, url]) => url).filter((url) => !/^https?:\/\//.test(url))).toEqual([]);
  });

  it('keeps a generic webhook\'s page text as JSON strings, with only http(s) URLs', () => {
    const post = renderChannelChanges(channel('webhook'), events, options);
    const body = JSON.parse(post.body) as { events: Array<{ summary: { en: string }; url: string | null }> };
    expect(body.events.map((e) => e.summary.en)).toEqual(events.map(() => HOSTILE));
    expect(body.events.map((e) => e.url).filter((url) => url !== null && !/^https?:\/\//.test(url))).toEqual([]);
  });
});

describe('a bidi override in a short programme name', () => {
  // A name of 40 characters or fewer goes into the subject as it is: an override there would show the
  // rest of the subject, the date included, backwards ("...(TSJ 00:21 01-21-6202)").
  const name = 'ASP\u202EIRE\u2066';

  it('is kept out of the change e-mail subject', () => {
    const event = hostileEvent('https://www.jst.go.jp/aspire/', 'b1');
    const mail = renderChangeEmail(subscriber, [event], { links, programmes: new Map([['jst-aspire', { names: { en: name }, upcoming: [] }]]) });

    expect(mail.subject).toMatch(/^ASPIRE: /);
    expectSafeMail(mail);
  });

  it('is kept out of the reminder e-mail subject', () => {
    const mail = renderReminderEmail(subscriber, [{ key: 'r', subscriberId: 's1', offset: 3, daysLeft: 3, deadline: deadline({ programName: { en: name } }) }], { links });

    expect(mail.subject).toBe('Reminder: ASPIRE submission deadline in 3 days (2026-12-10 12:00 JST)');
    expectSafeMail(mail, { quotesPage: false });
  });
});

describe('hostile page text in the reminder e-mail', () => {
  it('adds no header, no script, no handler, no CSS and no non-http(s) link, in any part or header', () => {
    const reminders = HOSTILE_URLS.map((url, i) => ({
      key: `r${i}`, subscriberId: 's1', offset: 14, daysLeft: 14 - i,
      deadline: deadline({ programName: { en: HOSTILE }, callTitle: HOSTILE, label: HOSTILE, evidence: HOSTILE, statedTimezone: HOSTILE, url }),
    }));

    expectSafeMail(renderReminderEmail(subscriber, reminders, { links, reference: 'ref-1' }));
  });
});

describe('hostile page text on the public site', () => {
  function hostileCatalog(): Catalog {
    const catalog = sampleCatalog();
    catalog.programmes = catalog.programmes.map((p, i) => programme({ ...p, name: { en: HOSTILE, ja: HOSTILE }, partners: [HOSTILE],
      calls: [{ id: 'fy', title: HOSTILE, status: 'open' }], pages: [{ sourceId: p.pages[0]!.sourceId, lang: 'en', url: HOSTILE_URLS[i]! }] }));
    catalog.deadlines = HOSTILE_URLS.map((url, i) => deadline({ uid: `d${i}`, programName: { en: HOSTILE, ja: HOSTILE }, callTitle: HOSTILE,
      label: HOSTILE, evidence: HOSTILE, statedTimezone: HOSTILE, url, date: `2026-12-1${i}` }));
    catalog.changes = HOSTILE_URLS.map((url, i) => change({ id: `c${i}`, url, programName: { en: HOSTILE, ja: HOSTILE }, summary: { en: HOSTILE, ja: HOSTILE },
      before: HOSTILE, after: HOSTILE, evidence: { before: HOSTILE, after: HOSTILE } }));
    return catalog;
  }

  it('runs only its own script, and no page string becomes an element, a handler, CSS or a link elsewhere than http(s)', () => {
    const files = renderSite(hostileCatalog(), { now: new Date('2026-11-22T00:00:00.000Z'), subscribeUrl: 'https://fundwatch.example.org/' })
      .filter((f) => f.path.endsWith('.html'));

    expect(files.length).toBeGreaterThan(2);
    for (const file of files) {
      expect(activeContent(file.body, /^(\.\.\/)*assets\/filter\.js$/), file.path).toEqual([]);
      expect(load(file.body)('main').text(), file.path).toContain(ATTACKS.script);
    }
  });
});

describe('hostile page text in the feeds', () => {
  it('adds no iCalendar property, component or line, and keeps the summary free of line breaks and bidi controls', () => {
    const ics = renderIcs(HOSTILE_URLS.map((url, i) => deadline({ uid: `d${i}`, programName: { en: HOSTILE }, callTitle: HOSTILE, label: HOSTILE,
      evidence: HOSTILE, statedTimezone: HOSTILE, url: `${url}\r\nATTACH:https://evil.example/x` })), { name: HOSTILE, description: HOSTILE, now: new Date('2026-11-22T00:00:00Z') });

    const calendar = new ICAL.Component(ICAL.parse(ics));
    const events = calendar.getAllSubcomponents('vevent');
    expect(events).toHaveLength(HOSTILE_URLS.length);
    expect(calendar.getAllSubcomponents().map((c) => c.name).filter((n) => n !== 'vevent' && n !== 'vtimezone')).toEqual([]);
    for (const event of events) {
      expect(event.getAllProperties().map((p) => p.name).filter((n) => /^(attach|attendee|organizer|bcc|x-injected)$/.test(n))).toEqual([]);
      expect(String(event.getFirstPropertyValue('summary'))).not.toMatch(BIDI_CONTROLS);
      expect(event.getAllSubcomponents()).toEqual([]);
    }
    expect(ics.replace(/\r\n[ \t]/g, '').split('\r\n').filter((line) => /^(ATTACH|BCC|X-INJECTED)\b/i.test(line))).toEqual([]);
  });

  it('adds no Atom element and no markup a reader would run, and links only http(s) pages', () => {
    const xml = renderAtom(HOSTILE_URLS.map((url, i) => change({ id: `c${i}`, url, programName: { en: HOSTILE }, summary: { en: `${HOSTILE}</title><entry>`, ja: HOSTILE },
      before: HOSTILE, after: HOSTILE, evidence: { before: HOSTILE, after: HOSTILE } })), {
      title: HOSTILE, id: 'tag:fundwatch,2026:changes', selfUrl: 'https://example.org/feeds/changes.atom', siteUrl: 'https://example.org/', updated: new Date('2026-11-22T00:00:00Z'),
    });

    expect(XMLValidator.validate(xml)).toBe(true);
    const feed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', isArray: (n) => ['entry', 'link'].includes(n) }).parse(xml) as
      { feed: { entry: Array<Record<string, unknown> & { link: Array<{ '@_href': string }>; title: unknown; content: unknown; summary: unknown }> } };
    expect(feed.feed.entry).toHaveLength(HOSTILE_URLS.length);
    for (const entry of feed.feed.entry) {
      expect(Object.keys(entry).filter((k) => !k.startsWith('@_')).sort()).toEqual(['author', 'category', 'content', 'id', 'link', 'summary', 'title', 'updated']);
      expect(entry.link.map((l) => l['@_href']).filter((h) => !/^https?:\/\//.test(h))).toEqual([]);
      for (const html of [entry.title, entry.summary, entry.content].map((n) => (typeof n === 'object' ? String((n as Record<string, unknown>)['#text']) : String(n)))) {
        expect(activeContent(html)).toEqual([]);
      }
    }
  });
});

describe('hostile input re-displayed by the subscription pages', () => {
  const untouchable: SubscriberStore = new Proxy({} as SubscriberStore, { get: () => () => { throw new Error('a refused form must not reach the store'); } });
  const sent: OutgoingMail[] = [];
  const mailer: Mailer = { send: async (mail) => { sent.push(mail); return { messageId: 'never' }; }, findSent: async () => undefined };
  const handle = createSubscriptionPages({ store: untouchable, mailer, clock: () => new Date('2026-04-01T00:00:00Z'),
    links: { secret: 'hostile-content-secret-0123456789abcdef', baseUrl: 'https://fundwatch.example.org/' } }, { programmes: [{ id: 'jst-aspire', agency: 'JST', names: { en: HOSTILE, ja: HOSTILE } }] });
  const post = (fields: Array<[string, string]>, query = ''): ReturnType<typeof handle> =>
    handle({ method: 'POST', path: '/subscribe', query: new URLSearchParams(query), form: new URLSearchParams(fields) } satisfies HttpRequest);

  it('shows a refused address back in the field exactly as typed, as a value and nothing more', async () => {
    const typed = `"><script>alert(1)</script><input onfocus="alert(2)" autofocus x="@example.org`;

    const page = await post([['email', typed]]);

    const $ = load(page.body);
    expect(page.status).toBe(400);
    expect($('input#email').attr('value')).toBe(typed);
    expect(activeContent(page.body)).toEqual([]);
    expect($('input[autofocus]')).toHaveLength(0);
    expect(sent).toEqual([]);
  });

  it('names a refused partner country in the error as text', async () => {
    const page = await post([['email', 'r@example.org'], ['countries', '<img src=x onerror=alert(1)>'], ['countries', ATTACKS.css]]);

    expect(page.status).toBe(400);
    expect(activeContent(page.body)).toEqual([]);
    expect(load(page.body)('.error').text()).toContain('<IMG SRC=X ONERROR=ALERT(1)>');
    expect(sent).toEqual([]);
  });

  it('takes only en or ja from the language fields, so they cannot reach the lang attribute or a link', async () => {
    const page = await post([['email', 'not an address'], ['ui', 'ja" onload="alert(1)']], 'lang=en"><script>alert(2)</script>');
    const shown = await handle({ method: 'GET', path: '/', query: new URLSearchParams('lang=ja"><script>alert(3)</script>') });

    for (const body of [page.body, shown.body]) {
      expect(load(body)('html').attr('lang')).toMatch(/^(en|ja)$/);
      expect(activeContent(body)).toEqual([]);
    }
  });

  it('shows programme names from the configuration as text', async () => {
    const form = await handle({ method: 'GET', path: '/', query: new URLSearchParams() });

    expect(activeContent(form.body)).toEqual([]);
    expect(load(form.body)('label:has(input[value="jst-aspire"])').text()).toContain(ATTACKS.script);
  });
});
