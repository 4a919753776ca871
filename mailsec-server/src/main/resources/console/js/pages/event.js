// Event details: normalized fields beside the original record, pivots on senders, hashes, URLs,
// domains and IPs, and the message timeline (every row of the same message, oldest first).
import {api, schema, fieldDef} from '../api.js';
import {h, notice, spinner, fmtTime, display, eventFields, eventSchema, flatten, qlString, searchLink, replace} from '../dom.js';

/** Pivot searches for a field value: the logical type across schemas, and the field itself. */
function pivots(schemaName, path, value, def) {
  if (value === null || value === undefined || value === '' || typeof value === 'object') return [];
  const links = [];
  const tags = (def && (def.tags || def.logicalTypes)) || [];
  for (const tag of tags) {
    const token = String(tag).startsWith('@') ? tag : '@' + tag;
    links.push({label: 'search ' + token, query: `WHERE ${token} = ${qlString(value)}`});
  }
  if (def && (def.type === 'keyword' || def.type === 'ip') && path !== 'id') {
    links.push({label: 'search', query: `FROM ${schemaName} WHERE ${path} = ${qlString(value)}`});
  }
  return links;
}

function originalView(original) {
  let text = original === undefined || original === null ? '' : String(original);
  let kind = 'text';
  try {
    const parsed = typeof original === 'string' ? JSON.parse(original) : original;
    if (parsed && typeof parsed === 'object') {
      text = JSON.stringify(parsed, null, 2);
      kind = 'JSON';
    }
  } catch (e) {
    kind = 'as received';
  }
  return {text, kind};
}

export async function render(view, params, ready) {
  const id = params.id;
  const page = h('div', {class: 'page event-page'},
    h('div', {class: 'page-head'}, h('a', {href: '#/search', class: 'back', dataset: {test: 'back'}, onclick: (e) => {
      if (history.length > 1) {
        e.preventDefault();
        history.back();
      }
    }}, '← Back'),
      h('h1', null, 'Event'), h('code', {class: 'muted event-id'}, id)));
  const body = h('div', null, spinner());
  page.append(body);
  view.append(page);

  let event;
  let info = {schemas: []};
  try {
    [event, info] = await Promise.all([api.get('events/' + encodeURIComponent(id)), schema().catch(() => ({schemas: []}))]);
  } catch (err) {
    replace(body, err.status === 404
      ? notice('error', 'No event with this id.', 'It may have been removed by retention, or the link is incomplete. Search for it instead.', 'event-missing')
      : notice('error', 'The event could not be loaded', err.message));
    ready();
    return;
  }
  const fields = eventFields(event);
  const schemaName = eventSchema(event) || fields.schema || '';
  const flat = flatten(fields);
  const original = originalView(fields.original_data);

  const rows = Object.keys(flat).filter((k) => k !== 'original_data').sort(fieldOrder).map((path) => {
    const value = flat[path];
    const def = fieldDef(info, schemaName, path);
    const values = Array.isArray(value) ? value : [value];
    return h('tr', {dataset: {test: 'field-row', field: path}},
      h('th', {title: def ? def.description : ''}, path),
      h('td', null, values.map((v) => h('div', {class: 'field-value'},
        h('span', null, path === 'event_time' || path === 'ingest.time' ? fmtTime(v) : display(v)),
        pivots(schemaName, path, v, def).map((p) => h('a', {href: searchLink(p.query), class: 'pivot', dataset: {test: 'pivot'}, title: p.query}, p.label))))));
  });

  const summary = h('div', {class: 'event-summary'},
    badge(schemaName), badge(flat.event_type), flat.status ? h('span', {class: 'status status-' + flat.status}, flat.status) : null,
    h('span', null, fmtTime(flat.event_time)), flat.subject ? h('strong', {class: 'subject'}, display(flat.subject)) : null);

  const timeline = h('section', {class: 'panel timeline-panel', dataset: {test: 'timeline'}}, h('h2', null, 'Message timeline'), spinner());
  replace(body, summary,
    h('div', {class: 'side-by-side'},
      h('section', {class: 'panel'}, h('h2', null, 'Normalized fields'),
        h('table', {class: 'fields-table', dataset: {test: 'normalized-fields'}}, h('tbody', null, rows))),
      h('section', {class: 'panel'}, h('h2', null, 'Original record ', h('span', {class: 'muted'}, '(' + original.kind + ')')),
        h('pre', {class: 'original', dataset: {test: 'original-data'}}, original.text))),
    timeline);
  ready();

  try {
    const answer = await api.get('events/' + encodeURIComponent(id) + '/timeline');
    const events = Array.isArray(answer) ? answer : answer.events || [];
    if (!events.length) {
      replace(timeline, h('h2', null, 'Message timeline'), notice('empty', 'No other rows for this message.',
        flat.correlation_id ? 'Rows that arrive later (delivery, clicks) will appear here.' : 'This event has no message correlation key (correlation_id or message_id).', 'timeline-empty'));
      return;
    }
    replace(timeline, h('h2', null, 'Message timeline ', h('span', {class: 'muted'}, `(${events.length} events)`)),
      h('ol', {class: 'timeline'}, events.map((e) => {
        const f = flatten(eventFields(e));
        const current = (f.id || e.id) === id;
        return h('li', {class: current ? 'current' : '', dataset: {test: 'timeline-item'}},
          h('span', {class: 'tl-time'}, fmtTime(f.event_time)),
          h('span', {class: 'tl-dot'}),
          h('a', {href: '#/event/' + encodeURIComponent(f.id || e.id)}, eventSchema(e) + ' · ' + (f.event_type || '')),
          f.status ? h('span', {class: 'status status-' + f.status}, f.status) : null,
          h('span', {class: 'muted'}, display(f['ingest.data_type'] || '')),
          f.url ? h('span', {class: 'muted'}, display(f.url)) : null,
          current ? h('span', {class: 'muted'}, '(this event)') : null);
      })));
  } catch (err) {
    replace(timeline, h('h2', null, 'Message timeline'), notice('error', 'The timeline could not be loaded', err.message));
  }
}

const FIRST = ['id', 'event_time', 'event_type', 'sensor_type', 'tenant_id'];

function fieldOrder(a, b) {
  const ia = FIRST.indexOf(a);
  const ib = FIRST.indexOf(b);
  if (ia >= 0 || ib >= 0) return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
  const ga = a.startsWith('ingest.') ? 1 : 0;
  const gb = b.startsWith('ingest.') ? 1 : 0;
  return ga - gb || a.localeCompare(b);
}

function badge(text) {
  return text ? h('span', {class: 'badge'}, text) : null;
}
