/**
 * The frame of every page: head (strict CSP, one stylesheet, one deferred script), skip link, header
 * with the language switch, main landmark, footer. Views give it their title and main content.
 */
import type { Lang } from '#parsers/schema.ts';
import { safeHref } from '#lib/escape.ts';
import { formatMoment } from './dates.ts';
import { esc } from './html.ts';
import { ASSETS, indexPath, relative } from './paths.ts';
import type { UiText } from './strings.ts';

/** What every view knows about the page it renders into. */
export interface PageContext {
  lang: Lang;
  t: UiText;
  /** This file's path from the site root ("ja/programmes/jst-aspire.html"); links are made relative to it. */
  path: string;
  now: Date;
  generatedAt: string;
  /** Ids of the programmes that have a page, so that only those are linked. */
  withPage: ReadonlySet<string>;
  baseUrl?: string;
}

export interface PageFrame {
  title: string;
  description: string;
  /** The same page in the other language, from the site root. */
  alternatePath: string;
  main: string;
  /** In-page sections for the header navigation. */
  sections?: Array<{ id: string; label: string }>;
  /** Feeds announced to browsers and readers (autodiscovery), from the site root. */
  feeds?: Array<{ path: string; type: 'application/atom+xml' | 'text/calendar'; title: string }>;
}

// No inline script or style at all: the page's only code is assets/filter.js from its own origin.
// frame-ancestors is left out because browsers ignore it in a <meta> (and say so in the console).
export const CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'";

/** The link from the current page to a site path. */
export function to(ctx: PageContext, path: string): string {
  return relative(ctx.path, path);
}

/** An absolute URL under the configured base, for canonical links; undefined without a usable base. */
function absolute(baseUrl: string | undefined, path: string): string | undefined {
  if (!baseUrl) return undefined;
  try {
    return safeHref(new URL(path, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`).href);
  } catch {
    return undefined;
  }
}

function head(ctx: PageContext, frame: PageFrame, other: Lang): string {
  const canonical = absolute(ctx.baseUrl, ctx.path);
  const alternate = absolute(ctx.baseUrl, frame.alternatePath) ?? esc(to(ctx, frame.alternatePath));
  const feeds = (frame.feeds ?? []).map((f) => `<link rel="alternate" type="${f.type}" title="${esc(f.title)}" href="${esc(to(ctx, f.path))}">`);
  return `<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<title>${esc(frame.title)}</title>
<meta name="description" content="${esc(frame.description)}">
<link rel="stylesheet" href="${esc(to(ctx, ASSETS.css))}">
<link rel="icon" href="${esc(to(ctx, ASSETS.icon))}" type="image/svg+xml">
<script src="${esc(to(ctx, ASSETS.js))}" defer></script>
${canonical ? `<link rel="canonical" href="${canonical}">\n` : ''}<link rel="alternate" hreflang="${other}" href="${alternate}">
${feeds.join('\n')}
</head>`;
}

function header(ctx: PageContext, frame: PageFrame, other: Lang): string {
  const sections = frame.sections?.length
    ? `<nav class="sections" aria-label="${esc(ctx.t.sectionsNav)}"><ul>${frame.sections.map((s) => `<li><a href="#${esc(s.id)}">${esc(s.label)}</a></li>`).join('')}</ul></nav>`
    : '';
  return `<header class="site-header"><div class="wrap">
<p class="brand"><a href="${esc(to(ctx, indexPath(ctx.lang)))}">${esc(ctx.t.siteName)}</a></p>
${sections}
<p class="lang-switch"><a href="${esc(to(ctx, frame.alternatePath))}" hreflang="${other}" lang="${other}">${esc(ctx.t.otherLanguage)}</a></p>
</div></header>`;
}

/** A whole HTML document around a view's main content. */
export function layout(ctx: PageContext, frame: PageFrame): string {
  const other: Lang = ctx.lang === 'en' ? 'ja' : 'en';
  return `<!doctype html>
<html lang="${ctx.lang}" data-your-time="${esc(ctx.t.yourTime)}">
${head(ctx, frame, other)}
<body>
<a class="skip" href="#main">${esc(ctx.t.skip)}</a>
${header(ctx, frame, other)}
<main id="main" class="wrap" tabindex="-1">
${frame.main}
</main>
<footer class="site-footer"><div class="wrap">
<p>${esc(ctx.t.updated)}: <time datetime="${esc(ctx.generatedAt)}">${esc(formatMoment(ctx.generatedAt, ctx.lang))}</time></p>
<p>${esc(ctx.t.notOfficial)}</p>
</div></footer>
</body>
</html>
`;
}
