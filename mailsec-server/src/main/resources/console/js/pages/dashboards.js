// Dashboards: the server lists the panels and counts of a time range with their queries
// (GET /api/v1/dashboards, the same queries it warms at start); every panel is one aggregate query
// through POST /api/v1/search (a time series split by a field too: the store counts it in one
// pass). All queries start at once and each panel draws as its answer arrives, so one slow query
// never blocks the page.
import {api, search} from '../api.js';
import {h, notice, spinner, fmtNumber, fmtAgo, fmtSeconds, fmtTime, searchLink, replace} from '../dom.js';
import {chartFor} from '../charts.js';
import {integrationsOf, streamsOf, stateOf, STATE_LABEL, lagSeconds} from '../health.js';

export function render(view, params, ready) {
  const controller = new AbortController();
  const signal = controller.signal;
  const select = h('select', {dataset: {test: 'dashboard-range'}, 'aria-label': 'Time range'});
  select.addEventListener('change', () => {
    location.hash = '/dashboards?range=' + select.value;
  });
  const windowShown = h('span', {class: 'muted', dataset: {test: 'dashboard-window'}});
  const kpis = h('div', {class: 'summary-cards'});
  const grid = h('div', {class: 'dashboard-grid'});
  const health = h('section', {class: 'panel', dataset: {test: 'panel-collector-health', state: 'loading'}},
    h('h2', null, h('a', {href: '#/integrations'}, 'Collector health')), spinner());
  grid.append(health);
  view.append(h('div', {class: 'page'},
    h('div', {class: 'page-head'}, h('h1', null, 'Dashboards'), windowShown, h('span', {class: 'spacer'}), select), kpis, grid));

  // The page is ready when the catalog, collector health and every query have answered.
  let pending = 0;
  const track = (promise) => {
    pending += 1;
    promise.finally(() => {
      pending -= 1;
      if (pending === 0) ready();
    });
  };
  const catalog = params.range ? `dashboards?range=${encodeURIComponent(params.range)}` : 'dashboards';
  track(api.get(catalog, {signal})
    .catch((err) => (err.status === 400 && params.range ? api.get('dashboards', {signal}) : Promise.reject(err)))
    .then((answer) => {
      select.replaceChildren(...answer.ranges.map((r) => h('option', {value: r.id, selected: r.id === answer.range.id}, r.label)));
      // The window is whole intervals of the range's bin, the last one holding now.
      windowShown.textContent = 'since ' + fmtTime(answer.from);
      windowShown.title = `${answer.range.label} in whole intervals of ${answer.range.bin}: ${fmtTime(answer.from)} to ${fmtTime(answer.to)}`;
      // The counts are quick, the panels' aggregations are not: the panels' queries are sent
      // first so that the slowest ones start before the browser's few connections per host are
      // taken.
      for (const panel of answer.panels) {
        const body = h('div', {class: 'panel-body'}, spinner());
        const section = h('section', {class: ['panel', panel.wide ? 'wide' : ''], dataset: {test: 'panel-' + panel.id, state: 'loading'}},
          h('h2', null, panel.title, h('a', {href: searchLink(panel.query), class: 'panel-link', title: 'Open in search', dataset: {test: 'panel-search'}}, '↗')),
          body);
        grid.insertBefore(section, health);
        track(showPanel(panel, answer.range.bin, body, section, signal));
      }
      for (const kpi of answer.kpis) {
        const value = h('div', {class: 'card-value'}, '…');
        kpis.append(h('a', {class: 'card', href: searchLink(kpi.query), dataset: {test: 'kpi-' + kpi.id}}, value, h('div', {class: 'card-label'}, kpi.label)));
        track(search(kpi.countQuery, {signal})
          .then((count) => {
            value.textContent = fmtNumber(((count.rows || [])[0] || [0])[0]);
          })
          .catch((err) => {
            if (err.name !== 'AbortError') value.textContent = '–';
          }));
      }
    })
    .catch((err) => {
      if (err.name !== 'AbortError') grid.prepend(notice('error', 'The dashboards are not available', err.message));
    }));
  track(showHealth(health, signal));
  return () => controller.abort();
}

/** Runs a panel's query and draws its chart (or says why not); settles when drawn. */
function showPanel(panel, bin, body, section, signal) {
  return search(panel.query, {signal})
    .then((answer) => {
      if (!(answer.rows || []).length || answer.rows.every((r) => !r[r.length - 1])) {
        replace(body, h('div', {class: 'empty-panel'}, 'No events in this time range.'));
      } else {
        replace(body, chartFor(panel.overTime ? everyInterval(answer, bin) : answer, {title: panel.title, width: panel.wide ? 1300 : 640, height: panel.wide ? 200 : 180,
          href: (bar) => searchLink(drill(panel.query, bar))}));
      }
      section.dataset.state = 'done';
    })
    .catch((err) => {
      if (err.name === 'AbortError') return;
      replace(body, notice('error', 'This panel failed', err.message));
      section.dataset.state = 'error';
    });
}

/** Fills the collector health panel: each stream's state, lag and last event. */
function showHealth(health, signal) {
  return api.get('integrations', {signal})
    .then((answer) => {
      const integrations = integrationsOf(answer);
      if (!integrations.length) {
        replace(health, h('h2', null, 'Collector health'), notice('empty', 'No integration yet.', 'Add one under Cloud APIs to start collecting.'));
      } else {
        replace(health, h('h2', null, h('a', {href: '#/integrations'}, 'Collector health')),
          h('table', {class: 'grid-table compact'}, h('tbody', null, integrations.flatMap((i) => streamsOf(i).map((s) => {
            const st = i.enabled === false ? 'DISABLED' : stateOf(s);
            return h('tr', null, h('td', null, i.name), h('td', null, s.dataType || s.type),
              h('td', null, h('span', {class: 'state state-' + st.toLowerCase(), title: s.reason || ''}, STATE_LABEL[st] || st)),
              h('td', {class: 'muted'}, 'lag ' + fmtSeconds(lagSeconds(s))),
              h('td', {class: 'muted'}, 'last ' + fmtAgo(s.lastEvent || s.newestEvent)));
          })))));
      }
      health.dataset.state = 'done';
    })
    .catch((err) => {
      if (err.name === 'AbortError') return;
      replace(health, h('h2', null, 'Collector health'), notice('error', 'Health is not available', err.message));
      health.dataset.state = 'error';
    });
}

const UNIT_MS = {m: 60_000, h: 3_600_000, d: 86_400_000};

/**
 * The answer plus a zero row for each interval of its window without events, so that the time axis
 * spans the whole window: a split time series lists only the intervals that have events.
 */
function everyInterval(answer, bin) {
  const rows = answer.rows || [];
  const step = Number(bin.slice(0, -1)) * UNIT_MS[bin.slice(-1)];
  const from = Date.parse(answer.from);
  const to = Date.parse(answer.to);
  if (!rows.length || !step || Number.isNaN(from) || Number.isNaN(to)) return answer;
  const seen = new Set(rows.map((r) => Date.parse(r[0])));
  const filled = [...rows];
  for (let t = Math.floor(from / step) * step; t < to; t += step) {
    if (!seen.has(t)) filled.push([new Date(t).toISOString(), rows[0][1], 0]);
  }
  return {...answer, rows: filled};
}

/** The search behind one bar: the panel's filter plus the bar's key values. */
function drill(query, bar) {
  const pipe = query.indexOf(' |');
  let base = pipe < 0 ? query : query.slice(0, pipe);
  const conds = (bar.keys || []).filter((k) => k.value !== null && k.value !== undefined)
    .map((k) => `${k.column} = '${String(k.value).replace(/'/g, "''")}'`);
  if (!conds.length) return base;
  const at = base.search(/\sEARLIEST=/);
  const head = at < 0 ? base : base.slice(0, at);
  const tail = at < 0 ? '' : base.slice(at);
  base = head + (/\bwhere\b/i.test(head) ? ' AND ' : ' WHERE ') + conds.join(' AND ') + tail;
  return base;
}
