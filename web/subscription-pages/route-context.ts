/** What every page's route reads, and the shape of a route (routes.ts, channel-routes.ts). */
import type { SubscriptionDeps } from '#core/subscriptions/flow.ts';
import type { PagesConfig } from './forms.ts';
import type { HttpRequest, HttpResponse } from './http.ts';
import type { Lang } from './strings.ts';

/** What a route reads: the request, the page language it asked for, the link's token (form or query). */
export interface RouteContext {
  req: HttpRequest;
  lang: Lang;
  token: string | undefined;
  deps: SubscriptionDeps;
  config: PagesConfig;
}

export type Route = (ctx: RouteContext) => Promise<HttpResponse> | HttpResponse;
