// Add or edit an integration. The form follows the API version (1.0: four keys on a regional
// host; 2.0: client id and secret), validates as you type (locally at once, then the server's
// validator), and can test the unsaved settings per data type before saving.
import {api, can} from '../api.js';
import {h, notice, spinner, debounce, toSeconds, replace} from '../dom.js';

import {integrationsOf} from '../health.js';
import {testResultsView} from './integrations.js';

const REGIONS = {
  '2.0': [['global', 'Global (api.services.mimecast.com)'], ['us', 'United States'], ['uk', 'United Kingdom']],
  '1.0': [['eu', 'Europe'], ['de', 'Germany'], ['us', 'United States'], ['usb', 'USB'], ['uspcom', 'US public sector'],
    ['ca', 'Canada'], ['za', 'South Africa'], ['au', 'Australia'], ['je', 'Offshore (Jersey)']],
};
const DATA_TYPES = [
  ['siem', 'SIEM mail-flow logs'], ['ttp-url', 'TTP URL clicks'], ['ttp-attachment', 'TTP attachments'],
  ['ttp-impersonation', 'TTP impersonation'], ['dlp', 'DLP (data leak prevention)'], ['threat-intel', 'Threat-intel feed'],
  ['audit', 'Audit events'],
];
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i;
const CIDR = /^([0-9.]+|[0-9a-f:]+)(\/\d{1,3})?$/i;
/** The server validator's field names (CLI style) -> the form's. */
const SERVER_FIELD = {'app-id': 'appId', 'app-key': 'appKey', 'access-key': 'accessKey',
  'secret-key': 'secretKey', 'client-id': 'clientId', 'client-secret': 'clientSecret', 'base-url': 'baseUrl',
  'types': 'dataTypes', 'feed-types': 'feedTypes', 'look-back': 'lookBack', 'poll-interval': 'pollInterval',
  'internal-domains': 'internalDomains', 'internal-networks': 'internalNetworks'};

function durationText(value, fallback) {
  if (typeof value === 'string' && /^\d+[smhd]$/.test(value)) return value;
  const s = toSeconds(value);
  if (s === null || s === undefined) return fallback;
  if (s % 86400 === 0) return s / 86400 + 'd';
  if (s % 3600 === 0) return s / 3600 + 'h';
  if (s % 60 === 0) return s / 60 + 'm';
  return s + 's';
}

/** '7d' / '5m' / '30s' / '2h' as the API takes them; null if not such a duration. */
function durationValue(text) {
  const m = /^\s*(\d{1,9})\s*([smhd])\s*$/i.exec(text || '');
  return m ? m[1] + m[2].toLowerCase() : null;
}

function seconds(duration) {
  const m = /^(\d+)([smhd])$/.exec(duration);
  return m ? +m[1] * {s: 1, m: 60, h: 3600, d: 86400}[m[2]] : null;
}

function list(text) {
  return (text || '').split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);
}

export async function render(view, params, ready) {
  const editing = params.id || null;
  const page = h('div', {class: 'page form-page'});
  view.append(page);
  if (!can('admin')) {
    page.append(notice('info', 'Only administrators change integrations.', 'Your role can view their health under Cloud APIs.', 'not-allowed'));
    ready();
    return;
  }
  page.append(spinner());
  let existing = null;
  let others = [];
  try {
    const all = integrationsOf(await api.get('integrations'));
    existing = editing ? await api.get('integrations/' + encodeURIComponent(editing)) : null;
    others = all.filter((i) => (i.id || i.name.toLowerCase()) !== editing);
  } catch (err) {
    replace(page, notice('error', editing && err.status === 404 ? 'No such integration.' : 'The form could not be loaded', err.message));
    ready();
    return;
  }
  const e = existing || {};

  const inputs = {};
  const errors = {};
  function field(name, label, control, help) {
    inputs[name] = control;
    control.name = name;
    control.dataset.test = 'field-' + name;
    errors[name] = h('div', {class: 'field-error', dataset: {test: 'error-' + name}, role: 'status'});
    return h('div', {class: 'field', dataset: {field: name}}, h('label', {for: 'f-' + name}, label),
      Object.assign(control, {id: 'f-' + name}), help ? h('div', {class: 'help'}, help) : null, errors[name]);
  }
  const secretHelp = editing ? 'Leave empty to keep the stored value.' : 'Stored encrypted; never shown again. env:NAME or file:PATH also work.';
  const secret = (value) => h('input', {type: 'password', autocomplete: 'new-password', placeholder: editing ? '•••••• (unchanged)' : ''});

  const version = h('div', {class: 'segmented', role: 'radiogroup', dataset: {test: 'api-version'}},
    ['2.0', '1.0'].map((v) => h('label', null, h('input', {type: 'radio', name: 'apiVersion', value: v,
      checked: (e.api || e.apiVersion || '2.0') === v, dataset: {test: 'api-' + v}}), 'API ' + v + (v === '1.0' ? ' (legacy)' : ''))));
  const region = h('select');
  const types = h('div', {class: 'checks'}, DATA_TYPES.map(([id, label]) => h('label', {class: 'check'},
    h('input', {type: 'checkbox', value: id, checked: e.dataTypes ? e.dataTypes.includes(id) : true, dataset: {test: 'type-' + id}}), label)));
  const feeds = h('div', {class: 'checks'}, [['malware_customer', 'Your tenant (malware_customer)'], ['malware_grid', 'Mimecast grid (malware_grid)']].map(([id, label]) =>
    h('label', {class: 'check'}, h('input', {type: 'checkbox', value: id, checked: e.feedTypes ? e.feedTypes.includes(id) : true}), label)));

  const v1Fields = h('fieldset', {class: 'group', dataset: {test: 'v1-fields'}}, h('legend', null, 'API 1.0 keys'),
    field('appId', 'Application ID', h('input', {value: e.appId || '', placeholder: '8578fcfc-a305-4d9a-99cb-f4d5ecefe297'}), 'A GUID from Administration › Services › API Applications.'),
    field('appKey', 'Application key', secret(), secretHelp),
    field('accessKey', 'Access key', h('input', {value: typeof e.accessKey === 'string' ? e.accessKey : '', autocomplete: 'off',
      placeholder: editing ? '•••••• (unchanged)' : ''})),
    field('secretKey', 'Secret key', secret(), secretHelp + ' Set the service user\'s authentication cache TTL to “Never Expire”.'));
  const v2Fields = h('fieldset', {class: 'group', dataset: {test: 'v2-fields'}}, h('legend', null, 'API 2.0 credentials'),
    field('clientId', 'Client ID', h('input', {value: e.clientId || '', autocomplete: 'off'}), 'From Administration › Services › API and Platform Integrations › Your application integrations.'),
    field('clientSecret', 'Client secret', secret(), secretHelp));

  const nameInput = h('input', {value: e.name || '', maxlength: 120, autocomplete: 'off', required: true});
  const form = h('form', {class: 'integration-form', dataset: {test: 'integration-form'}, novalidate: true},
    h('div', {class: 'form-grid'},
      field('name', 'Name', nameInput, 'Unique, 1–100 characters; becomes ingest.integration_id in lower case.'),
      field('description', 'Description', h('input', {value: e.description || ''})),
      field('tenant', 'Tenant', h('input', {value: e.tenant && e.tenant !== 'default' ? e.tenant : '', placeholder: 'default'}), 'Groups integrations of one customer (tenant_id).'),
      h('div', {class: 'field'}, h('label', null, 'Mimecast API'), version, errors.api = h('div', {class: 'field-error', dataset: {test: 'error-api'}})),
      field('region', 'Region', region),
      field('baseUrl', 'Custom API host (optional)', h('input', {value: e.baseUrl || '', placeholder: 'https://… — overrides the region, e.g. a local simulator'}))),
    v1Fields, v2Fields,
    h('fieldset', {class: 'group'}, h('legend', null, 'What to collect'),
      h('div', {class: 'field'}, h('label', null, 'Data types'), types, errors.dataTypes = h('div', {class: 'field-error', dataset: {test: 'error-dataTypes'}})),
      h('div', {class: 'field', dataset: {test: 'feed-types'}}, h('label', null, 'Threat-intel feeds'), feeds, errors.feedTypes = h('div', {class: 'field-error'})),
      h('div', {class: 'form-grid'},
        field('lookBack', 'Look back on first run', h('input', {value: durationText(e.lookBack, '7d')}), 'e.g. 3d; at most 60d.'),
        field('pollInterval', 'Poll every', h('input', {value: durationText(e.pollInterval, '5m')}), 'e.g. 5m; at least 10s.'),
        field('internalDomains', 'Internal domains', h('input', {value: (e.internalDomains || []).join(', '), placeholder: 'acme.com, acme.co.uk'}), 'Derives direction when Mimecast does not log it.'),
        field('internalNetworks', 'Internal networks', h('input', {value: (e.internalNetworks || []).join(', '), placeholder: '10.0.0.0/8'})))));

  const testArea = h('div', {class: 'test-area'});
  const formError = h('div', {dataset: {test: 'form-error'}});
  const saveButton = h('button', {type: 'submit', class: 'primary', dataset: {test: 'save-integration'}}, editing ? 'Save changes' : 'Add integration');
  form.append(formError, h('div', {class: 'toolbar'}, saveButton,
    h('button', {type: 'button', dataset: {test: 'form-test-connection'}, onclick: () => testConnection()}, 'Test connection'),
    h('a', {href: '#/integrations', class: 'button'}, 'Cancel')), testArea);

  replace(page, h('div', {class: 'page-head'}, h('a', {href: '#/integrations', class: 'back'}, '← Cloud APIs'),
    h('h1', null, editing ? 'Edit ' + (e.name || editing) : 'Add a Mimecast integration')), form);

  const apiVersion = () => form.querySelector('input[name=apiVersion]:checked').value;
  function syncVersion() {
    const v = apiVersion();
    v1Fields.hidden = v !== '1.0';
    v2Fields.hidden = v !== '2.0';
    const keep = region.value || e.region;
    replace(region, REGIONS[v].map(([id, label]) => h('option', {value: id, selected: id === keep}, label)));
    if (![...region.options].some((o) => o.selected)) region.selectedIndex = 0;
  }
  syncVersion();

  function config() {
    const v = apiVersion();
    const checked = (box) => [...box.querySelectorAll('input:checked')].map((i) => i.value);
    const c = {
      name: inputs.name.value,
      description: inputs.description.value.trim(),
      tenant: inputs.tenant.value.trim() || null,
      api: v,
      region: region.value,
      baseUrl: inputs.baseUrl.value.trim() || null,
      dataTypes: checked(types),
      feedTypes: checked(feeds),
      lookBack: durationValue(inputs.lookBack.value),
      pollInterval: durationValue(inputs.pollInterval.value),
      internalDomains: list(inputs.internalDomains.value),
      internalNetworks: list(inputs.internalNetworks.value),
      enabled: e.enabled !== false,
    };
    const secrets = v === '1.0' ? ['appKey', 'accessKey', 'secretKey'] : ['clientSecret'];
    const plain = v === '1.0' ? ['appId'] : ['clientId'];
    for (const p of plain) c[p] = inputs[p].value.trim();
    for (const s of secrets) if (inputs[s].value) c[s] = inputs[s].value;
    return c;
  }

  /** Problems found without the server, keyed by form field. */
  function localProblems(c) {
    const p = {};
    const name = c.name;
    if (!name.trim()) p.name = 'Required.';
    else if (name.length > 100) p.name = `At most 100 characters (has ${name.length}).`;
    else if (name !== name.trim()) p.name = 'No leading or trailing spaces.';
    else if (others.some((o) => o.name.toLowerCase() === name.toLowerCase())) p.name = `“${name}” is taken (names are compared without case).`;
    if (c.api === '1.0') {
      if (!c.appId) p.appId = 'Required for API 1.0.';
      else if (!GUID.test(c.appId)) p.appId = 'Should look like a GUID: 8-4-4-4-12 hexadecimal digits.';
      if (!editing && !c.appKey) p.appKey = 'Required for API 1.0.';
      else if (c.appKey && !/^(env|file):/.test(c.appKey) && !GUID.test(c.appKey)) p.appKey = 'Should look like a GUID: 8-4-4-4-12 hexadecimal digits.';
      if (!editing && !c.accessKey) p.accessKey = 'Required for API 1.0.';
      if (!editing && !c.secretKey) p.secretKey = 'Required for API 1.0.';
    } else {
      if (!c.clientId) p.clientId = 'Required for API 2.0.';
      else if (/\s/.test(c.clientId)) p.clientId = 'A client ID has no spaces; paste it again.';
      if (!editing && !c.clientSecret) p.clientSecret = 'Required for API 2.0.';
    }
    if (c.baseUrl && !/^https?:\/\/[^\s/]+/.test(c.baseUrl)) p.baseUrl = 'Must start with https:// (or http:// for a local simulator).';
    if (!c.dataTypes.length) p.dataTypes = 'Choose at least one data type.';
    if (c.dataTypes.includes('threat-intel') && !c.feedTypes.length) p.feedTypes = 'Choose at least one feed.';
    if (!c.lookBack) p.lookBack = 'A number and a unit: 3d, 12h.';
    else if (seconds(c.lookBack) > 60 * 86400) p.lookBack = 'At most 60 days (Mimecast keeps no older data).';
    if (!c.pollInterval) p.pollInterval = 'A number and a unit: 5m, 30s.';
    else if (seconds(c.pollInterval) < 10) p.pollInterval = 'At least 10 seconds (shorter only burns the rate limit).';
    const badDomain = c.internalDomains.find((d) => !DOMAIN.test(d));
    if (badDomain) p.internalDomains = `“${badDomain}” is not a domain name.`;
    const badNet = c.internalNetworks.find((n) => !CIDR.test(n));
    if (badNet) p.internalNetworks = `“${badNet}” is not an IP range like 10.0.0.0/8.`;
    return p;
  }

  const touched = new Set(editing ? Object.keys(inputs) : []);
  let serverProblems = {};

  function show(all) {
    for (const [name, box] of Object.entries(errors)) {
      const message = touched.has(name) || all ? (localProblems(config())[name] || serverProblems[name] || '') : '';
      box.textContent = message;
      const control = inputs[name];
      if (control) control.classList.toggle('invalid', Boolean(message));
    }
  }

  const serverCheck = debounce(async () => {
    try {
      const answer = await api.post('integrations/validate' + (editing ? '?id=' + encodeURIComponent(editing) : ''), config());
      serverProblems = mapFields((answer && answer.fields) || {});
    } catch (err) {
      serverProblems = err.status === 400 || err.status === 422 ? mapFields(err.fields) : {};
    }
    show(false);
  }, 400);

  form.addEventListener('input', (ev) => {
    if (ev.target.name) touched.add(ev.target.name);
    if (ev.target.name === 'apiVersion') {
      touched.add('api');
      syncVersion();
    }
    if (ev.target.closest('.checks')) touched.add('dataTypes');
    serverProblems = {};
    show(false);
    serverCheck();
  });

  async function testConnection() {
    touched.add('name');
    replace(testArea, spinner('Testing every selected data type against Mimecast…'));
    try {
      const answer = await api.post('integrations/test', config());
      replace(testArea, h('h3', null, 'Connection test'), testResultsView(answer));
    } catch (err) {
      replace(testArea, notice('error', 'The test could not run', err.message + fieldText(err.fields), 'test-error'));
    }
  }

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const c = config();
    const problems = localProblems(c);
    show(true);
    if (Object.keys(problems).length) {
      replace(formError, notice('error', 'Please fix the marked fields.', null, 'form-invalid'));
      const first = Object.keys(problems)[0];
      if (inputs[first]) inputs[first].focus();
      return;
    }
    replace(formError);
    saveButton.disabled = true;
    try {
      if (editing) await api.put('integrations/' + encodeURIComponent(editing), c);
      else await api.post('integrations', c);
      location.hash = '/integrations';
    } catch (err) {
      serverProblems = mapFields(err.fields);
      show(true);
      replace(formError, notice('error', 'The integration was not saved', err.message + fieldText(err.fields), 'save-error'));
    } finally {
      saveButton.disabled = false;
    }
  });
  ready();
}

function mapFields(fields) {
  const out = {};
  for (const [k, v] of Object.entries(fields || {})) out[SERVER_FIELD[k] || k] = v;
  return out;
}

function fieldText(fields) {
  const entries = Object.entries(fields || {});
  return entries.length ? ' — ' + entries.map(([k, v]) => `${k}: ${v}`).join('; ') : '';
}
