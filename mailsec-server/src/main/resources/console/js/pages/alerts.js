// Alerts: a list filtered by status, minimum severity and rule, with quick status changes per row,
// and details with what the alert is about (entities, MITRE ids, the rule, the matched events), its
// status history and acknowledge/resolve/suppress with a note. Analysts change statuses; viewers
// only read. Degrades to a clear notice while the server has no alerts API (404).
import {api, can} from '../api.js';
import {h, notice, spinner, fmtTime, fmtNumber, display, replace, searchLink, qlString} from '../dom.js';
import {link} from '../router.js';
import {notAvailable} from '../unavailable.js';

const STATUSES = ['open', 'acknowledged', 'resolved', 'suppressed'];
const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];
/** The status filter's value for "any status"; no status parameter at all means open alerts. */
const ANY = 'any';
/** Status changes an analyst can make, by the alert's current status. */
const ACTIONS = [
  ['acknowledged', 'Acknowledge', 'alert-ack', ['open']],
  ['resolved', 'Resolve', 'alert-resolve', ['open', 'acknowledged', 'suppressed']],
  ['suppressed', 'Suppress', 'alert-suppress', ['open', 'acknowledged']],
  ['open', 'Reopen', 'alert-reopen', ['acknowledged', 'resolved', 'suppressed']],
];

export async function render(view, params, ready) {
  const page = h('div', {class: 'page'});
  view.append(page);
  if (params.id) return details(page, params.id, ready);
  return list(page, params, ready);
}

async function list(page, params, ready) {
  const filters = {status: params.status || 'open', severity: params.severity || '', rule: params.rule || ''};
  const status = h('select', {dataset: {test: 'alert-status-filter'}, 'aria-label': 'Status'},
    h('option', {value: ANY, selected: filters.status === ANY}, 'Any status'),
    STATUSES.map((s) => h('option', {value: s, selected: s === filters.status}, s)));
  const severity = h('select', {dataset: {test: 'alert-severity-filter'}, 'aria-label': 'Minimum severity'},
    h('option', {value: ''}, 'Any severity'),
    SEVERITIES.map((s) => h('option', {value: s, selected: s === filters.severity}, s === 'critical' || s === 'info' ? s : s + ' or higher')));
  const reload = (change) => {
    location.hash = link('alerts', {...filters, ...change}).slice(1);
  };
  status.addEventListener('change', () => reload({status: status.value}));
  severity.addEventListener('change', () => reload({severity: severity.value}));
  const ruleChip = filters.rule ? h('span', {class: 'badge', dataset: {test: 'alert-rule-filter'}}, 'Rule: ' + filters.rule + ' ',
    h('a', {href: link('alerts', {...filters, rule: ''}), title: 'All rules', 'aria-label': 'Show all rules'}, '✕')) : null;
  const body = h('div', null, spinner());
  const message = h('div');
  page.append(h('div', {class: 'page-head'}, h('h1', null, 'Alerts'), h('span', {class: 'spacer'}), ruleChip, status, severity), message, body);

  try {
    const query = new URLSearchParams();
    if (filters.status !== ANY) query.set('status', filters.status);
    if (filters.severity) query.set('severity', filters.severity);
    if (filters.rule) query.set('rule', filters.rule);
    const answer = await api.get('alerts?' + query);
    const alerts = answer.alerts || [];
    if (!alerts.length) {
      replace(body, notice('empty', 'No alerts match these filters.', 'Try “Any status” or “Any severity”, or check under Rules that detections are enabled.', 'no-alerts'));
    } else {
      const more = answer.total > alerts.length
        ? h('p', {class: 'muted', dataset: {test: 'alerts-more'}}, `The ${fmtNumber(alerts.length)} most recent of ${fmtNumber(answer.total)} alerts; narrow the filters or search with FROM alert.`) : null;
      replace(body, h('table', {class: 'grid-table', dataset: {test: 'alerts-table'}},
        h('thead', null, h('tr', null, ['Last seen', 'Severity', 'Alert', 'Rule', 'Status', 'Occurrences', ''].map((c) => h('th', null, c)))),
        h('tbody', null, alerts.map((a) => row(a, (err) => replace(message, notice('error', 'The status was not changed', err.message)))))), more);
    }
  } catch (err) {
    replace(body, err.notAvailable ? notAvailable('Alerts') : notice('error', 'Alerts could not be loaded', err.message));
  }
  ready();
}

function row(a, failed) {
  const statusCell = h('td', {dataset: {test: 'alert-status'}}, h('span', {class: 'status status-' + a.status}, a.status));
  const tr = h('tr', {dataset: {test: 'alert-row', id: a.id, rule: a.rule_id || '', severity: a.severity || '', status: a.status || ''}},
    h('td', null, fmtTime(a.last_seen)),
    h('td', null, h('span', {class: 'sev sev-' + a.severity}, a.severity)),
    h('td', {class: 'wide'}, h('a', {href: '#/alerts/' + encodeURIComponent(a.id), dataset: {test: 'alert-link'}, title: a.title}, a.title || a.id)),
    h('td', null, h('a', {href: '#/rules/' + encodeURIComponent(a.rule_id), title: a.rule_name || ''}, display(a.rule_id))),
    statusCell,
    h('td', {class: 'num'}, fmtNumber(a.occurrences)));
  tr.append(h('td', null, can('analyst') ? quickActions(a, tr, statusCell, failed) : null));
  return tr;
}

/** Acknowledge and suppress from the list without opening the alert. */
function quickActions(a, tr, statusCell, failed) {
  return ACTIONS.filter(([next]) => next === 'acknowledged' || next === 'suppressed')
    .filter(([, , , from]) => from.includes(a.status))
    .map(([next, label, test]) => h('button', {type: 'button', dataset: {test: 'row-' + test}, onclick: async (e) => {
      e.target.disabled = true;
      try {
        const updated = await changeStatus(a.id, next, undefined);
        tr.dataset.status = updated.status;
        replace(statusCell, h('span', {class: 'status status-' + updated.status}, updated.status));
        for (const b of tr.querySelectorAll('button')) b.remove();
      } catch (err) {
        e.target.disabled = false;
        failed(err);
      }
    }}, label));
}

function changeStatus(id, status, note) {
  return api.patch('alerts/' + encodeURIComponent(id), {status, note: note || undefined});
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
  show(body, alert);
  ready();
}

/** Draws the alert; a status change redraws it from the server's answer. */
function show(body, alert) {
  const message = h('div');
  const note = h('input', {placeholder: 'Note (optional)', 'aria-label': 'Note', dataset: {test: 'alert-note'}});
  const change = (next) => async (e) => {
    e.target.disabled = true;
    try {
      show(body, await changeStatus(alert.id, next, note.value));
    } catch (err) {
      e.target.disabled = false;
      replace(message, notice('error', 'The status was not changed', err.message));
    }
  };
  const actions = ACTIONS.filter(([, , , from]) => from.includes(alert.status))
    .map(([next, label, test]) => h('button', {type: 'button', dataset: {test}, onclick: change(next)}, label));
  const eventIds = alert.matched_event_ids || [];
  replace(body,
    h('div', {class: 'event-summary', dataset: {test: 'alert-summary'}},
      h('span', {class: 'sev sev-' + alert.severity, dataset: {test: 'alert-severity'}}, alert.severity),
      h('strong', {dataset: {test: 'alert-title'}}, alert.title || alert.rule_name),
      h('span', {class: 'status status-' + alert.status, dataset: {test: 'alert-current-status'}}, alert.status)),
    can('analyst') ? h('div', {class: 'toolbar'}, note, actions) : null,
    message,
    alert.description ? h('p', {dataset: {test: 'alert-description'}}, alert.description) : null,
    h('section', {class: 'panel'}, h('h2', null, 'Details'),
      h('table', {class: 'fields-table', dataset: {test: 'alert-facts'}}, h('tbody', null,
        fact('Rule', h('a', {href: '#/rules/' + encodeURIComponent(alert.rule_id), dataset: {test: 'alert-rule'}}, alert.rule_name || alert.rule_id)),
        fact('MITRE ATT&CK', (alert.mitre_techniques || []).map((t) => h('span', {class: 'badge', dataset: {test: 'alert-mitre'}}, t))),
        fact('Group', alert.group_key),
        fact('Occurrences', fmtNumber(alert.occurrences)),
        fact('Confidence', alert.confidence === undefined ? null : alert.confidence + ' %'),
        fact('First seen', fmtTime(alert.first_seen)),
        fact('Last seen', fmtTime(alert.last_seen)),
        fact('Tags', display(alert.tags)),
        fact('Status changed', alert.status_changed_at ? fmtTime(alert.status_changed_at) + ' by ' + display(alert.status_changed_by) : null)))),
    entities(alert.entities),
    h('section', {class: 'panel'}, h('h2', null, 'Matched events'),
      eventIds.length ? h('ul', {dataset: {test: 'alert-events'}}, eventIds.map((eid) =>
        h('li', null, h('a', {href: '#/event/' + encodeURIComponent(eid), dataset: {test: 'alert-event-link'}}, eid)))) : h('p', {class: 'muted'}, 'No event ids recorded.'),
      occurrencesNote(alert, eventIds),
      h('p', null, h('a', {href: searchLink('FROM alert WHERE id = ' + qlString(alert.id)), dataset: {test: 'alert-search'}}, 'Open this alert in search'))),
    history(alert.history));
}

function fact(label, value) {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && !value.length)) return null;
  return h('tr', null, h('th', null, label), h('td', null, value));
}

function occurrencesNote(alert, eventIds) {
  return alert.occurrences > eventIds.length
    ? h('p', {class: 'muted'}, `The first ${eventIds.length} of ${fmtNumber(alert.occurrences)} matches.`) : null;
}

function entities(found) {
  const kinds = Object.entries(found || {}).filter(([, values]) => Array.isArray(values) ? values.length : values);
  if (!kinds.length) return null;
  return h('section', {class: 'panel'}, h('h2', null, 'Entities'),
    h('table', {class: 'fields-table', dataset: {test: 'alert-entities'}}, h('tbody', null,
      kinds.map(([kind, values]) => h('tr', {dataset: {test: 'alert-entity', kind}}, h('th', null, kind),
        h('td', null, (Array.isArray(values) ? values : [values]).map((v) => h('div', {class: 'field-value'}, display(v)))))))));
}

function history(entries) {
  if (!entries || !entries.length) return null;
  return h('section', {class: 'panel'}, h('h2', null, 'History'),
    h('table', {class: 'grid-table', dataset: {test: 'alert-history'}},
      h('thead', null, h('tr', null, ['Time', 'From', 'To', 'By', 'Note'].map((c) => h('th', null, c)))),
      h('tbody', null, entries.map((e) => h('tr', {dataset: {test: 'alert-history-row'}},
        h('td', null, fmtTime(e.time)), h('td', null, display(e.from)), h('td', null, display(e.to)),
        h('td', null, display(e.actor)), h('td', {class: 'wide'}, display(e.note)))))));
}
