/**
 * The site's only stylesheet and only script, served as files so the Content-Security-Policy can
 * forbid every inline script and style. No web fonts: the system's fonts, Japanese ones included.
 */

/**
 * Colours: text and links reach at least 4.5:1 on their background in both schemes; badges carry words
 * and a border, so nothing is said by colour alone. Under 600px a table of class "cards" becomes one card
 * per row, each cell introduced by its data-label.
 */
export const SITE_CSS = `:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1b1b1f; --muted: #4a4f57; --line: #d5d9de; --card: #f5f6f8; --accent: #0b57d0; --on-accent: #ffffff;
  --focus: #b45309; --control: #6b7280;
  --month-bg: #fff1c2; --month-fg: #5b4200; --tentative-bg: #e8eefc; --tentative-fg: #1f3f8a;
  --high-bg: #fde8e8; --high-fg: #8a1c1c; --medium-bg: #fff1c2; --medium-fg: #5b4200; --low-bg: #eef1f4; --low-fg: #3a3f45;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #15171a; --fg: #e8eaed; --muted: #b3b8bf; --line: #3a3f45; --card: #1f2227; --accent: #8ab4f8; --on-accent: #10131a;
    --focus: #fbbf24; --control: #8b929b;
    --month-bg: #3d3000; --month-fg: #ffe08a; --tentative-bg: #1c2b4f; --tentative-fg: #c4d4ff;
    --high-bg: #4a1515; --high-fg: #ffc9c9; --medium-bg: #3d3000; --medium-fg: #ffe08a; --low-bg: #2a2e33; --low-fg: #d5d9de;
  }
}
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
html { font-family: system-ui, -apple-system, "Segoe UI", "Hiragino Sans", "Noto Sans CJK JP", "Noto Sans JP", Meiryo, sans-serif; line-height: 1.55; -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--fg); }
a { color: var(--accent); text-underline-offset: .15em; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
main:focus { outline: none; }
.wrap { max-width: 72rem; margin: 0 auto; padding: 0 1rem; }
.skip { position: absolute; left: -10000px; top: 0; }
.skip:focus { left: .5rem; top: .5rem; z-index: 10; padding: .5rem 1rem; background: var(--bg); }
.site-header { background: var(--card); border-bottom: 1px solid var(--line); }
.site-header .wrap { display: flex; flex-wrap: wrap; align-items: center; gap: .4rem 1.5rem; padding-top: .6rem; padding-bottom: .6rem; }
.brand { margin: 0; font-weight: 700; font-size: 1.15rem; }
.brand a { color: inherit; text-decoration: none; }
.sections ul { display: flex; flex-wrap: wrap; gap: .25rem 1rem; margin: 0; padding: 0; list-style: none; }
.lang-switch { margin: 0 0 0 auto; font-weight: 600; }
h1 { font-size: clamp(1.5rem, 1.2rem + 1.4vw, 2.1rem); line-height: 1.25; margin: 1.5rem 0 .5rem; }
h2 { font-size: 1.35rem; line-height: 1.3; margin: 2.25rem 0 .75rem; padding-bottom: .25rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; line-height: 1.4; margin: 0 0 .25rem; }
.lead { max-width: 48rem; font-size: 1.05rem; color: var(--muted); }
.filters { margin: 1.25rem 0 0; }
.filters fieldset { display: flex; flex-wrap: wrap; align-items: flex-end; gap: .75rem 1.25rem; margin: 0; padding: .75rem 1rem 1rem; border: 1px solid var(--line); border-radius: .5rem; }
.filters legend { padding: 0 .25rem; font-weight: 600; }
.filter { flex: 1 1 11rem; max-width: 18rem; }
.filter select { width: 100%; }
.filter-reset { flex: 0 0 auto; }
.filter label { display: block; margin-bottom: .2rem; font-size: .875rem; font-weight: 600; }
select, button { min-height: 2.5rem; padding: .35rem .6rem; font: inherit; color: var(--fg); background: var(--bg); border: 1px solid var(--control); border-radius: .375rem; }
button { cursor: pointer; background: var(--card); }
.hint, caption, .note, .filter-status, .relative, .local, .kind, .call, .url, .meta { font-size: .875rem; color: var(--muted); }
.hint { margin: .4rem 0 0; }
.filter-status { margin: 0 0 .5rem; min-height: 1.3em; }
table { width: 100%; border-collapse: collapse; }
caption { caption-side: top; padding-bottom: .5rem; text-align: left; }
th, td { padding: .6rem .75rem .6rem 0; text-align: left; vertical-align: top; border-bottom: 1px solid var(--line); overflow-wrap: break-word; }
.nowrap { white-space: nowrap; }
thead th { font-size: .8rem; letter-spacing: .02em; color: var(--muted); border-bottom: 2px solid var(--line); }
tbody th { font-weight: normal; }
.deadlines .when { min-width: 10rem; }
.when time { display: block; font-weight: 600; white-space: nowrap; }
.clock, .relative { white-space: nowrap; }
.notes { display: flex; flex-direction: column; align-items: flex-start; gap: .15rem; margin-top: .2rem; }
.local { display: block; }
.programme { display: block; font-weight: 600; }
.call, .kind, .label { display: block; }
.call:first-child { font-size: 1rem; color: var(--fg); }
.badge { display: inline-block; padding: 0 .4rem; font-size: .8rem; font-weight: 600; line-height: 1.5; border: 1px solid currentColor; border-radius: .25rem; }
.badge-month { background: var(--month-bg); color: var(--month-fg); }
.badge-tentative { background: var(--tentative-bg); color: var(--tentative-fg); }
.badge-severity-high { background: var(--high-bg); color: var(--high-fg); }
.badge-severity-medium { background: var(--medium-bg); color: var(--medium-fg); }
.badge-severity-low { background: var(--low-bg); color: var(--low-fg); }
.badge-disagreement { background: var(--tentative-bg); color: var(--tentative-fg); }
details { margin-top: .3rem; }
summary { width: fit-content; font-size: .875rem; color: var(--accent); cursor: pointer; }
blockquote { margin: .4rem 0; padding: .4rem .75rem; font-size: .9rem; background: var(--card); border-left: 3px solid var(--control); overflow-wrap: anywhere; }
.changes { display: grid; gap: .75rem; margin: 0; padding: 0; list-style: none; }
.change article { padding: .75rem 1rem; border: 1px solid var(--line); border-radius: .5rem; overflow-wrap: anywhere; }
.meta { margin: .2rem 0 .5rem; }
.meta .programme { display: inline; color: var(--fg); }
.before-after { display: grid; grid-template-columns: repeat(auto-fit, minmax(13rem, 1fr)); gap: .5rem 1rem; margin: .5rem 0; }
.before-after dt, .words dt, .facts dt { font-size: .8rem; font-weight: 600; color: var(--muted); }
.before-after dd, .words dd { margin: 0; }
del { text-decoration-thickness: 1px; }
ins { text-decoration: none; font-weight: 600; }
.none { color: var(--muted); }
.feeds { max-width: 48rem; }
.feeds a { white-space: nowrap; }
.subscribe { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1rem; margin-top: 1.25rem; }
.button { display: inline-block; padding: .55rem 1rem; font-weight: 600; color: var(--on-accent); background: var(--accent); border-radius: .375rem; text-decoration: none; }
.breadcrumb ol { display: flex; flex-wrap: wrap; gap: .25rem; margin: 1rem 0 0; padding: 0; font-size: .875rem; list-style: none; }
.breadcrumb li + li::before { content: "\\203A"; margin-right: .25rem; color: var(--muted); }
.facts { margin: 1rem 0; }
.facts > div { display: grid; grid-template-columns: 11rem 1fr; gap: 1rem; padding: .4rem 0; border-bottom: 1px solid var(--line); }
.facts dd { margin: 0; }
.facts .name { display: block; }
.pages { padding-left: 1.25rem; }
.url { display: block; overflow-wrap: anywhere; }
.empty { color: var(--muted); }
.site-footer { margin-top: 3rem; padding: 1rem 0 2rem; font-size: .875rem; color: var(--muted); border-top: 1px solid var(--line); }
@media (max-width: 600px) {
  .cards thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  .cards, .cards caption, .cards tbody, .cards td, .cards tbody th { display: block; width: auto; }
  /* The row header (programme, or call) heads the card; agency and source page share the last line. */
  .cards tr { display: grid; grid-template-columns: auto 1fr; grid-template-areas: "head head" "when when" "step step" "agency source"; column-gap: 1.5rem;
    margin-bottom: .75rem; padding: .6rem .85rem; background: var(--card); border: 1px solid var(--line); border-radius: .5rem; }
  .cards tbody th { grid-area: head; font-size: 1.05rem; }
  .cards .when { grid-area: when; } .cards .step { grid-area: step; } .cards .agency { grid-area: agency; } .cards .source { grid-area: source; }
  .cards td, .cards tbody th { min-width: 0; padding: .3rem 0; border: 0; }
  .cards td[data-label]::before { content: attr(data-label); display: block; font-size: .75rem; font-weight: 600; color: var(--muted); }
  .facts > div { grid-template-columns: 1fr; gap: 0; }
  /* The feed table as one line per agency: its name, then its two files (their names say which is which). */
  .feeds thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  .feeds, .feeds tbody { display: block; }
  .feeds tr { display: flex; flex-wrap: wrap; gap: .2rem 1.25rem; padding: .5rem 0; border-bottom: 1px solid var(--line); }
  .feeds th { flex-basis: 100%; font-weight: 600; }
  .feeds th, .feeds td { padding: 0; border: 0; }
  .site-header .wrap { gap: .3rem 1rem; }
  .sections { order: 3; width: 100%; }
}
`;

/** A calendar mark for the tab; declaring it saves every first visit a 404 for /favicon.ico. */
export const ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect x="3" y="6" width="26" height="23" rx="4" fill="#0b57d0"/>\
<rect x="3" y="6" width="26" height="7" rx="3" fill="#083f99"/><rect x="8" y="2" width="3" height="8" rx="1.5" fill="#083f99"/>\
<rect x="21" y="2" width="3" height="8" rx="1.5" fill="#083f99"/><rect x="9" y="17" width="6" height="6" rx="1" fill="#fff"/></svg>
`;

/**
 * Two enhancements, each optional: the reader's own time next to a Japan time when their zone differs,
 * and the filters. Without this script every row stays visible and the filter form stays hidden.
 * Plain ES2020, no build step, no innerHTML: text is set with textContent only.
 */
export const FILTER_JS = `'use strict';
(() => {
  const root = document.documentElement;

  // The page states Japan time (UTC+9); a reader whose zone has the same offset at that moment needs nothing more.
  const showLocalTimes = () => {
    const label = root.dataset.yourTime || '';
    // The reader's own conventions when they read the page's language, else the page's (a Japanese page stays Japanese).
    const locale = navigator.language && navigator.language.split('-')[0] === root.lang ? navigator.language : root.lang || undefined;
    const format = new Intl.DateTimeFormat(locale, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' });
    for (const time of document.querySelectorAll('time[data-local]')) {
      const moment = new Date(time.getAttribute('datetime') || '');
      if (Number.isNaN(moment.getTime()) || moment.getTimezoneOffset() === -540) continue;
      const local = document.createElement('span');
      local.className = 'local';
      local.textContent = label + ' ' + format.format(moment);
      time.after(local);
    }
  };

  const matches = (row, wanted) =>
    (!wanted.agency || row.dataset.agency === wanted.agency) &&
    (!wanted.lang || row.dataset.lang === wanted.lang) &&
    (!wanted.field || (row.dataset.fields || '').split(' ').includes(wanted.field));

  const setUpFilters = () => {
    const form = document.querySelector('form[data-filters]');
    if (!form) return;
    const controls = [...form.querySelectorAll('select')];
    const blocks = [...document.querySelectorAll('[data-filterable]')];
    const switcher = document.querySelector('.lang-switch a');
    const switchBase = switcher ? (switcher.getAttribute('href') || '').split('?')[0] : '';
    // A filtered view can be shared: the choice is read from and kept in the query string.
    const query = new URLSearchParams(location.search);
    for (const control of controls) {
      const value = query.get(control.name);
      if (value && [...control.options].some((o) => o.value === value)) control.value = value;
    }
    const apply = () => {
      const wanted = Object.fromEntries(controls.map((c) => [c.name, c.value]));
      for (const block of blocks) {
        const rows = [...block.querySelectorAll('[data-agency]')];
        let shown = 0;
        for (const row of rows) {
          row.hidden = !matches(row, wanted);
          if (!row.hidden) shown += 1;
        }
        const status = block.querySelector('.filter-status');
        if (status) status.textContent = (block.dataset.statusTemplate || '').replace('{shown}', String(shown)).replace('{total}', String(rows.length));
        const empty = block.querySelector('.filter-empty');
        if (empty) empty.hidden = shown > 0;
        const list = block.querySelector('table, ol');
        if (list) list.hidden = shown === 0;
      }
      const chosen = new URLSearchParams(controls.filter((c) => c.value).map((c) => [c.name, c.value])).toString();
      const search = chosen ? '?' + chosen : '';
      try { history.replaceState(null, '', location.pathname + search + location.hash); } catch { /* file:// may refuse; the filter still applies */ }
      if (switcher) switcher.setAttribute('href', switchBase + search);
    };
    form.addEventListener('change', apply);
    form.addEventListener('reset', () => setTimeout(apply, 0));
    form.addEventListener('submit', (event) => event.preventDefault());
    form.hidden = false;
    apply();
  };

  showLocalTimes();
  setUpFilters();
})();
`;
