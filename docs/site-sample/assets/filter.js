'use strict';
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
