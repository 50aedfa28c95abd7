/**
 * The channel pages: the form that adds a Slack, Teams or webhook channel (GET and POST /channels), and a new
 * signing secret for a webhook (POST /rotate-secret, from its preferences link). Offered only where the pages
 * have a poster to post the confirmation request with; elsewhere /channels is no page.
 */
import { escapeHtml } from '#lib/escape.ts';
import { CHANNEL_KINDS, type ChannelKind } from '#core/domain/channels.ts';
import { rotateWebhookSecret, subscribeChannel } from '#core/subscriptions/channel-flow.ts';
import { TooManyRequestsError } from '#core/subscriptions/limits.ts';
import { InvalidRequestError } from '#core/subscriptions/preferences.ts';
import { channelForm, secretShownOnce, type ChannelFormValues } from './channel-forms.ts';
import { CHANNEL_T } from './channel-strings.ts';
import { preferencesFrom } from './form-values.ts';
import type { HttpResponse } from './http.ts';
import type { RouteContext } from './route-context.ts';
import { T } from './strings.ts';
import { page, tokenProblem, tooManyRequests } from './views.ts';

const notOffered = ({ lang }: RouteContext): HttpResponse => page(lang, 404, T[lang].notFound, `<p>${escapeHtml(T[lang].notFoundBody)}</p>`);

export async function getChannels(ctx: RouteContext): Promise<HttpResponse> {
  if (!ctx.deps.poster) return notOffered(ctx);
  return page(ctx.lang, 200, CHANNEL_T[ctx.lang].title, await channelForm(ctx.lang, ctx.config));
}

export async function postChannels(ctx: RouteContext): Promise<HttpResponse> {
  const { req, lang, deps, config } = ctx;
  if (!deps.poster) return notOffered(ctx);
  const form = req.form ?? new URLSearchParams();
  const values: ChannelFormValues = { kind: form.get('kind') ?? '', url: form.get('url') ?? '', label: form.get('label') ?? '', owner: form.get('owner') ?? '' };
  const t = CHANNEL_T[lang];
  try {
    if (!(CHANNEL_KINDS as readonly string[]).includes(values.kind!)) throw new InvalidRequestError('choose Slack, Microsoft Teams or a webhook');
    const outcome = await subscribeChannel({ ...deps, poster: deps.poster }, { kind: values.kind as ChannelKind, url: values.url!, label: values.label!, ownerEmail: values.owner! },
      preferencesFrom(form), req.client ? { client: req.client } : {});
    if (outcome === 'already-confirmed') return page(lang, 200, t.already, `<p>${escapeHtml(t.alreadyBody)}</p>`);
  } catch (err) {
    if (err instanceof InvalidRequestError) return page(lang, 400, T[lang].badRequest, await channelForm(lang, config, err.message, values));
    if (err instanceof TooManyRequestsError) return tooManyRequests(lang, err.retryAfterS);
    throw err;
  }
  // Throttled and over the day's limit read the same: the first request's message is in the channel.
  return page(lang, 200, t.posted, `<p>${escapeHtml(t.postedBody)}</p>`);
}

export async function postRotateSecret({ lang, token, deps }: RouteContext): Promise<HttpResponse> {
  const found = await rotateWebhookSecret(deps, token);
  if (!found.ok) return tokenProblem(lang, found);
  const l = found.subscriber.lang;
  return page(l, 200, CHANNEL_T[l].rotated, `${secretShownOnce(found.subscriber, deps.links.secret)}` +
    `<p><a href="preferences?token=${encodeURIComponent(token!)}">${escapeHtml(T[l].manageLink)}</a></p>`);
}
