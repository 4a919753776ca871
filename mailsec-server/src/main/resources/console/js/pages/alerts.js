// Alerts: filtered list, details with the events behind an alert, and status changes
// (acknowledge, resolve, suppress) for analysts. Degrades to a clear notice while the server has
// no alerts API (404).
import {api, can} from '../api.js';
import {h, notice, spinner, fmtTime, display, replace, searchLink} from '../dom.js';
import {notAvailable} from '../unavailable.js';

const STATUSES = ['open', 'acknowledged', 'resolved', 'suppressed'];
const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];

function alertsOf(answer) {
  return Array.isArray(answer) ? answer : answer.alerts || answer.items || [];
}

export async function render(view, params, ready) {
  const page = h('div', {class: 'page'});
  view.append(page);
  if (params.id) return details(page, params.id, ready);

  const status = h('select', {dataset: {test: 'alert-status-filter'}}, h('option', {value: ''}, 'Any status'),
    STATUSES.map((s) => h('option', {value: s, selected: s === (params.status || 'open')}, s)));
  const severity = h('select', {dataset: {test: 'alert-severity-filter'}}, h('option', {value: ''}, 'Any severity'),
    SEVERITIES.map((s) => h('option', {value: s, selected: s === params.severity}, s)));
  const body = h('div', null, spinner());
  const reload = () => {
    location.hash = '/alerts?' + new URLSearchParams({status: status.value, severity: severity.value});
  };
  status.addEventListener('change', reload);
  severity.addEventListener('change', reload);
  page.append(h('div', {class: 'page-head'}, h('h1', null, 'Alerts'), h('span', {class: 'spacer'}), status, severity), body);

  try {
    const query = new URLSearchParams();
    if (status.value) query.set('status', status.value);
    if (severity.value) query.set('severity', severity.value);
    const alerts = alertsOf(await api.get('alerts?' + query));
    if (!alerts.length) {
      replace(body, notice('empty', 'No alerts match these filters.', 'Try “Any status”, or check under Rules that detections are enabled.', 'no-alerts'));
    } else {
      replace(body, h('table', {class: 'grid-table', dataset: {test: 'alerts-table'}},
        h('thead', null, h('tr', null, ['Time', 'Severity', 'Alert', 'Rule', 'Status', 'Events'].map((c) => h('th', null, c)))),
        h('tbody', null, alerts.map((a) => h('tr', {dataset: {test: 'alert-row'}},
          h('td', null, fmtTime(a.created || a.time || a.event_time)),
          h('td', null, h('span', {class: 'sev sev-' + a.severity}, a.severity)),
          h('td', null, h('a', {href: '#/alerts/' + encodeURIComponent(a.id)}, a.title || a.name || a.id)),
          h('td', null, display(a.rule || a.ruleId || a.rule_id)),
          h('td', null, a.status),
          h('td', {class: 'num'}, display(a.eventCount || a.count || (a.events || []).length)))))));
    }
  } catch (err) {
    replace(body, err.notAvailable ? notAvailable('Alerts') : notice('error', 'Alerts could not be loaded', err.message));
  }
  ready();
}

async function details(page, id, ready) {
  const body = h('div', null, spinner());
  page.append(h('div', {class: 'page-head'}, h('a', {href: '#/alerts', class: 'back'}, '← Alerts'), h('h1', null, 'Alert')), body);
  let alert;
  try {
    alert = await api.get('alerts/' + encodeURIComponent(id));
  } catch (err) {
    replace(body, err.notAvailable && err.code !== 'not_found' ? notAvailable('Alerts') : notice('error', 'The alert could not be loaded', err.message));
    ready();
    return;
  }
  const note = h('input', {placeholder: 'Note (optional)', dataset: {test: 'alert-note'}});
  const message = h('div');
  const change = (next) => async () => {
    try {
      alert = await api.patch('alerts/' + encodeURIComponent(id), {status: next, note: note.value || undefined});
      location.reload();
    } catch (err) {
      replace(message, notice('error', 'The status was not changed', err.message));
    }
  };
  const ids = alert.eventIds || (alert.events || []).map((e) => e.id || (e.fields && e.fields.id)).filter(Boolean);
  replace(body,
    h('div', {class: 'event-summary'}, h('span', {class: 'sev sev-' + alert.severity}, alert.severity), h('strong', null, alert.title || alert.name), h('span', null, alert.status)),
    can('analyst') ? h('div', {class: 'toolbar'}, note,
      h('button', {type: 'button', dataset: {test: 'alert-ack'}, onclick: change('acknowledged')}, 'Acknowledge'),
      h('button', {type: 'button', dataset: {test: 'alert-resolve'}, onclick: change('resolved')}, 'Resolve'),
      h('button', {type: 'button', dataset: {test: 'alert-suppress'}, onclick: change('suppressed')}, 'Suppress')) : null,
    message,
    h('section', {class: 'panel'}, h('h2', null, 'Details'), h('pre', {class: 'original'}, JSON.stringify(alert, null, 2))),
    ids.length ? h('section', {class: 'panel'}, h('h2', null, 'Events'),
      h('ul', null, ids.map((eid) => h('li', null, h('a', {href: '#/event/' + encodeURIComponent(eid)}, eid))))) : null,
    alert.query ? h('p', null, h('a', {href: searchLink(alert.query)}, 'Open the rule’s query in search')) : null);
  ready();
}
