// Cloud APIs: every integration with live health per stream (refreshed every 10 s), test
// connection with per-data-type results and remediation, enable/disable, edit and remove.
import {api, can} from '../api.js';
import {h, notice, spinner, fmtNumber, fmtTime, fmtAgo, fmtSeconds, replace} from '../dom.js';
import {integrationsOf, streamsOf, stateOf, STATE_LABEL, lagSeconds, worstState} from '../health.js';
import {backfillPanel} from './backfill-panel.js';

const REFRESH_MS = 10000;

export function stateBadge(state, test) {
  return h('span', {class: 'state state-' + state.toLowerCase(), dataset: {test: test || 'state', state}}, STATE_LABEL[state] || state);
}

/** Test results: [{dataType, ok, message, remediation}] or {dataType: {...}}. */
export function testResultsOf(answer) {
  const list = answer.results || answer.dataTypes || answer;
  if (Array.isArray(list)) return list;
  return Object.entries(list).map(([dataType, r]) => ({dataType, ...(typeof r === 'object' ? r : {ok: Boolean(r)})}));
}

export function testResultsView(answer) {
  const results = testResultsOf(answer);
  return h('table', {class: 'test-results', dataset: {test: 'test-results'}},
    h('tbody', null, results.map((r) => h('tr', {dataset: {test: 'test-result', ok: String(Boolean(r.ok))}},
      h('td', null, r.ok ? h('span', {class: 'state state-connected'}, 'OK') : h('span', {class: 'state state-error'}, 'Failed')),
      h('th', null, r.dataType || r.type),
      h('td', null, r.ok ? (r.message || r.detail || 'Reachable with these credentials.') : (r.message || ''),
        !r.ok && (r.remediation || r.detail) ? h('div', {class: 'remediation', dataset: {test: 'remediation'}}, r.remediation || r.detail) : null)))));
}

export async function render(view, params, ready) {
  const admin = can('admin');
  const summary = h('div', {class: 'summary-cards', dataset: {test: 'health-summary'}});
  const list = h('div', {class: 'integration-list'}, spinner());
  view.append(h('div', {class: 'page'},
    h('div', {class: 'page-head'}, h('h1', null, 'Cloud APIs'),
      h('span', {class: 'muted'}, 'Mimecast integrations and the health of every stream, refreshed every 10 s'),
      h('span', {class: 'spacer'}),
      admin ? h('a', {href: '#/integrations/new', class: 'button primary', dataset: {test: 'add-integration'}}, 'Add integration') : null),
    summary, list));

  let timer = null;
  let stopped = false;
  const testPanels = new Map(); // integration id -> rendered test results, kept across refreshes
  const backfills = new Map(); // integration id -> open backfill panel {element, stop}

  async function load() {
    try {
      const integrations = integrationsOf(await api.get('integrations'));
      showSummary(integrations);
      if (!integrations.length) {
        replace(list, notice('empty', 'No integration yet.', admin
          ? 'Add one with your Mimecast API 2.0 client id and secret (Administration › Services › API and Platform Integrations), or API 1.0 keys.'
          : 'Ask an administrator to add a Mimecast integration.', 'no-integrations'));
      } else {
        replace(list, integrations.map(card));
      }
    } catch (err) {
      replace(list, notice('error', 'The integrations could not be loaded', err.message));
    }
    ready();
    if (!stopped) timer = setTimeout(load, REFRESH_MS);
  }

  function showSummary(integrations) {
    const counts = {CONNECTED: 0, DEGRADED: 0, ERROR: 0, PENDING: 0};
    for (const i of integrations) {
      if (i.enabled === false) continue;
      for (const s of streamsOf(i)) counts[stateOf(s)] = (counts[stateOf(s)] || 0) + 1;
    }
    replace(summary,
      h('div', {class: 'card'}, h('div', {class: 'card-value'}, fmtNumber(integrations.length)), h('div', {class: 'card-label'}, 'integrations')),
      ['CONNECTED', 'DEGRADED', 'ERROR', 'PENDING'].map((s) => h('div', {class: 'card card-' + s.toLowerCase(), dataset: {test: 'count-' + s.toLowerCase()}},
        h('div', {class: 'card-value'}, fmtNumber(counts[s])), h('div', {class: 'card-label'}, STATE_LABEL[s].toLowerCase() + ' streams'))));
  }

  function card(integration) {
    const id = integration.id || integration.name.toLowerCase();
    const state = worstState(integration);
    const testArea = h('div', {class: 'test-area'});
    if (testPanels.has(id)) testArea.append(testPanels.get(id));
    const backfillArea = h('div', {class: 'backfill-area'});
    if (backfills.has(id)) backfillArea.append(backfills.get(id).element);
    const backfillToggle = h('button', {type: 'button', dataset: {test: 'backfill-toggle'}, onclick: () => {
      if (backfills.has(id)) {
        backfills.get(id).stop();
        backfills.delete(id);
        replace(backfillArea);
      } else {
        const types = integration.dataTypes || streamsOf(integration).map((s) => s.dataType || s.type);
        const panel = backfillPanel(id, types);
        backfills.set(id, panel);
        replace(backfillArea, panel.element);
      }
    }}, 'Backfill');
    const actions = admin ? h('div', {class: 'actions'},
      h('button', {type: 'button', dataset: {test: 'test-connection'}, onclick: async (e) => {
        e.target.disabled = true;
        replace(testArea, spinner('Testing every data type…'));
        try {
          const panel = testResultsView(await api.post('integrations/' + encodeURIComponent(id) + '/test'));
          testPanels.set(id, panel);
          replace(testArea, panel);
        } catch (err) {
          replace(testArea, notice('error', 'The test could not run', err.message));
        } finally {
          e.target.disabled = false;
        }
      }}, 'Test connection'),
      h('a', {href: '#/integrations/' + encodeURIComponent(id) + '/edit', class: 'button', dataset: {test: 'edit-integration'}}, 'Edit'),
      h('button', {type: 'button', dataset: {test: integration.enabled === false ? 'enable-integration' : 'disable-integration'}, onclick: async () => {
        await act(api.post('integrations/' + encodeURIComponent(id) + (integration.enabled === false ? '/enable' : '/disable')));
      }}, integration.enabled === false ? 'Enable' : 'Disable'),
      h('button', {type: 'button', class: 'danger', dataset: {test: 'delete-integration'}, onclick: async (e) => {
        if (e.target.dataset.confirm !== 'yes') {
          e.target.dataset.confirm = 'yes';
          e.target.textContent = 'Click again to remove (stored events stay)';
          return;
        }
        await act(api.del('integrations/' + encodeURIComponent(id)));
      }}, 'Remove')) : null;
    const streams = streamsOf(integration);
    return h('section', {class: 'panel integration', dataset: {test: 'integration', id, state}},
      h('div', {class: 'integration-head'},
        stateBadge(state, 'integration-state'),
        h('h2', null, integration.name),
        h('span', {class: 'muted'}, `API ${integration.api || integration.apiVersion || '?'} · ${integration.baseUrl || integration.region || ''}`,
          integration.tenant && integration.tenant !== 'default' ? ' · tenant ' + integration.tenant : ''),
        h('span', {class: 'spacer'}), backfillToggle, actions),
      integration.description ? h('p', {class: 'muted'}, integration.description) : null,
      streams.length ? h('table', {class: 'grid-table streams'},
        h('thead', null, h('tr', null, ['Data type', 'State', 'Lag', 'Last event', 'Events today', 'Quarantined', 'Gaps', 'Last poll'].map((c) => h('th', null, c)))),
        h('tbody', null, streams.map((s) => {
          const st = integration.enabled === false ? 'DISABLED' : stateOf(s);
          const type = s.dataType || s.type || s.stream;
          return h('tr', {dataset: {test: 'stream', type, state: st}},
            h('td', null, h('a', {href: '#/search?q=' + encodeURIComponent(`WHERE ingest.integration_id = '${id}' AND ingest.data_type = '${type}'`)}, type)),
            h('td', null, stateBadge(st, 'stream-state'), s.reason ? h('div', {class: 'reason', dataset: {test: 'stream-reason'}}, s.reason) : null),
            h('td', null, fmtSeconds(lagSeconds(s)), s.caughtUp ? h('span', {class: 'muted'}, ' (caught up)') : null),
            h('td', {title: fmtTime(s.lastEvent || s.newestEvent)}, fmtAgo(s.lastEvent || s.newestEvent)),
            h('td', {class: 'num'}, fmtNumber(s.eventsToday !== undefined ? s.eventsToday : s.events)),
            h('td', {class: 'num' + (s.quarantined ? ' warn' : '')}, fmtNumber(s.quarantined || 0)),
            h('td', {class: 'num' + (s.gaps ? ' warn' : '')}, fmtNumber(s.gaps || 0)),
            h('td', {title: fmtTime(s.lastAttempt || s.lastPoll)}, fmtAgo(s.lastAttempt || s.lastPoll)));
        }))) : notice('info', 'No stream has run yet.', 'Streams start on the next poll; “Test connection” checks the credentials now.'),
      testArea, backfillArea);
  }

  async function act(promise) {
    try {
      await promise;
    } catch (err) {
      list.prepend(notice('error', 'The change failed', err.message));
      return;
    }
    clearTimeout(timer);
    load();
  }

  load();
  return () => {
    stopped = true;
    clearTimeout(timer);
    backfills.forEach((panel) => panel.stop());
  };
}
