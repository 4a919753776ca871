// Dashboards: every panel is one aggregate query through POST /api/v1/search (a time series split by
// a field too: the store counts it in one pass). All queries start at once and each panel draws as
// its answer arrives, so one slow query never blocks the page.
import {api, search} from '../api.js';
import {h, notice, spinner, fmtNumber, fmtAgo, fmtSeconds, searchLink, replace} from '../dom.js';
import {chartFor} from '../charts.js';
import {integrationsOf, streamsOf, stateOf, STATE_LABEL, lagSeconds} from '../health.js';

const RANGES = [['1h', 'Last hour', '5m'], ['24h', 'Last 24 hours', '1h'], ['7d', 'Last 7 days', '6h'], ['31d', 'Last 31 days', '1d']];

const KPIS = [
  ['messages', 'Messages received', "FROM email WHERE event_type = 'receipt'"],
  ['held', 'Held', "FROM email WHERE status = 'held'"],
  ['rejected', 'Rejected', "FROM email WHERE status = 'rejected'"],
  ['clicks-blocked', 'URL clicks blocked', "FROM http WHERE action = 'block'"],
  ['malicious-attachments', 'Malicious attachments', "FROM email WHERE attachments.result = 'malicious'"],
];

function panels(bin) {
  const top = (field) => ` | aggregate count by ${field} | sort count desc | head 10`;
  return [
    {id: 'mail-flow', title: 'Mail flow by direction', wide: true, overTime: true,
      query: `FROM email WHERE event_type = 'receipt' | aggregate count by bin(event_time, ${bin}), direction`},
    {id: 'actions', title: 'Actions: delivered, held, rejected', wide: true, overTime: true,
      query: `FROM email WHERE status IN ('delivered', 'held', 'rejected', 'bounced', 'failed') | aggregate count by bin(event_time, ${bin}), status`},
    {id: 'top-senders', title: 'Top senders', query: "FROM email WHERE event_type = 'receipt'" + top('envelope_from')},
    {id: 'top-recipients', title: 'Top recipients', query: "FROM email WHERE event_type = 'receipt'" + top('to_email_address')},
    {id: 'top-sender-domains', title: 'Top sender domains', query: "FROM email WHERE event_type = 'receipt'" + top('sender_domain')},
    {id: 'url-clicks', title: 'TTP URL clicks by category and result', query: 'FROM http | aggregate count by category, scan_result | sort count desc | head 12'},
    {id: 'attachment-verdicts', title: 'Attachment verdicts', query: 'FROM email WHERE attachments.result IS NOT NULL' + top('attachments.result')},
    {id: 'impersonation', title: 'Impersonation hits by indicator', query: "FROM email WHERE event_type = 'ttp_impersonation'" + top('impersonation.identifiers')},
    {id: 'indicators', title: 'Threat indicators over time', wide: true, overTime: true,
      query: `FROM threat_indicator | aggregate count by bin(event_time, ${bin}), feed_type`},
  ];
}

export function render(view, params, ready) {
  const range = RANGES.find((r) => r[0] === params.range) || RANGES[1];
  const controller = new AbortController();
  const select = h('select', {dataset: {test: 'dashboard-range'}, 'aria-label': 'Time range'},
    RANGES.map(([v, label]) => h('option', {value: v, selected: v === range[0]}, label)));
  select.addEventListener('change', () => {
    location.hash = '/dashboards?range=' + select.value;
  });
  const windowed = (q) => {
    const pipe = q.indexOf(' |');
    return pipe < 0 ? `${q} EARLIEST=-${range[0]}` : `${q.slice(0, pipe)} EARLIEST=-${range[0]}${q.slice(pipe)}`;
  };
  const kpis = h('div', {class: 'summary-cards'});
  const grid = h('div', {class: 'dashboard-grid'});
  const health = h('section', {class: 'panel', dataset: {test: 'panel-collector-health', state: 'loading'}},
    h('h2', null, h('a', {href: '#/integrations'}, 'Collector health')), spinner());
  view.append(h('div', {class: 'page'},
    h('div', {class: 'page-head'}, h('h1', null, 'Dashboards'), h('span', {class: 'spacer'}), select), kpis, grid));

  let pending = 0;
  const done = () => {
    pending -= 1;
    if (pending === 0) ready();
  };

  // The counts are quick, the panels' aggregations are not: the panels' queries are sent first so
  // that the slowest ones start before the browser's few connections per host are taken.
  const kpiLoads = [];
  for (const [id, label, query] of KPIS) {
    const value = h('div', {class: 'card-value'}, '…');
    kpis.append(h('a', {class: 'card', href: searchLink(windowed(query)), dataset: {test: 'kpi-' + id}}, value, h('div', {class: 'card-label'}, label)));
    pending += 1;
    kpiLoads.push(() => search(windowed(query + ' | aggregate count'), {signal: controller.signal})
      .then((answer) => {
        value.textContent = fmtNumber(((answer.rows || [])[0] || [0])[0]);
      })
      .catch((err) => {
        if (err.name !== 'AbortError') value.textContent = '–';
      })
      .finally(done));
  }

  for (const panel of panels(range[2])) {
    const query = windowed(panel.query);
    const body = h('div', {class: 'panel-body'}, spinner());
    const section = h('section', {class: ['panel', panel.wide ? 'wide' : ''], dataset: {test: 'panel-' + panel.id, state: 'loading'}},
      h('h2', null, panel.title, h('a', {href: searchLink(query), class: 'panel-link', title: 'Open in search', dataset: {test: 'panel-search'}}, '↗')),
      body);
    grid.append(section);
    pending += 1;
    search(query, {signal: controller.signal})
      .then((answer) => {
        if (!(answer.rows || []).length || answer.rows.every((r) => !r[r.length - 1])) {
          replace(body, h('div', {class: 'empty-panel'}, 'No events in this time range.'));
        } else {
          replace(body, chartFor(panel.overTime ? everyInterval(answer, range[2]) : answer, {title: panel.title, width: panel.wide ? 1300 : 640, height: panel.wide ? 200 : 180,
            href: (bar) => searchLink(drill(query, bar))}));
        }
        section.dataset.state = 'done';
      })
      .catch((err) => {
        if (err.name === 'AbortError') return;
        replace(body, notice('error', 'This panel failed', err.message));
        section.dataset.state = 'error';
      })
      .finally(done);
  }
  kpiLoads.forEach((load) => load());
  grid.append(health);
  pending += 1;
  api.get('integrations', {signal: controller.signal})
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
    })
    .finally(done);
  return () => controller.abort();
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
