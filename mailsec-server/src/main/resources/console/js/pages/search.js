// Search: query editor with suggestions and error positions, time range, results as an event table
// (column chooser, load more) or as an aggregate table with its chart, saved searches and export.
import {api, can, schema, search} from '../api.js';
import {h, notice, spinner, fmtNumber, fmtTime, display, eventFields, eventSchema, flatten, replace} from '../dom.js';
import {pushParams} from '../router.js';
import {queryEditor, lineColumnOf, offsetOf} from '../query-editor.js';
import {rangePicker, withWindow, mapOffset} from '../timerange.js';
import {chartFor, chartable, columnsOf} from '../charts.js';

const DEFAULT_COLUMNS = ['event_time', 'schema', 'event_type', 'sender', 'to_email_address', 'subject', 'status', 'direction'];
const PAGE = 100;

const EXAMPLES = [
  "FROM email WHERE sensor_type = 'Mimecast' AND status = 'delivered'",
  "FROM email WHERE status = 'held' | aggregate count by hold_reason",
  'FROM email | aggregate count by bin(event_time, 1h), direction',
  "FROM http WHERE scan_result = 'malicious' | aggregate count by uri_host | head 10",
  "FROM email WHERE attachments.result = 'malicious' AND status = 'delivered'",
  "WHERE @ip = '10.0.0.0/8'",
];

function savedColumns() {
  try {
    const cols = JSON.parse(localStorage.getItem('mailsec.columns'));
    return Array.isArray(cols) && cols.length ? cols : DEFAULT_COLUMNS;
  } catch (e) {
    return DEFAULT_COLUMNS;
  }
}

/** The value of a column of an event; 'sender' and 'schema' are derived columns. */
function cell(event, flat, column) {
  if (column === 'schema') return eventSchema(event);
  if (column === 'sender') {
    return display(flat.envelope_from || flat.from_email_address || flat.user_email_address || flat['actor.user'] || '');
  }
  return display(flat[column]);
}

export async function render(view, params, ready) {
  let chosen = savedColumns();
  let range = {range: params.range || '24h', from: params.from, to: params.to};
  let controller = null;

  const editor = queryEditor({value: params.q || '', onRun: () => run()});
  const picker = rangePicker(range, (r) => {
    range = r;
    if (editor.getValue().trim()) run();
  });
  const runButton = h('button', {type: 'button', class: 'primary', dataset: {test: 'run-query'}, onclick: () => run()}, 'Search');
  const status = h('div', {class: 'search-status', dataset: {test: 'search-status'}});
  const results = h('div', {class: 'results', dataset: {test: 'results'}});
  const explain = h('details', {class: 'explain', hidden: true}, h('summary', null, 'Expanded query'), h('pre', {dataset: {test: 'expanded-query'}}));
  const exportLinks = h('span', {class: 'export', hidden: true});
  const savedList = h('ul', {class: 'saved-list', dataset: {test: 'saved-searches'}});
  const saveForm = h('form', {class: 'save-form', hidden: true});
  const help = h('details', {class: 'syntax-help', dataset: {test: 'syntax-help'}},
    h('summary', null, 'Syntax help'),
    h('div', {class: 'help-body'},
      h('p', null, 'Press ', h('kbd', null, 'Enter'), ' to search, ', h('kbd', null, 'Shift+Enter'), ' for a new line, ',
        h('kbd', null, 'Tab'), ' to accept a suggestion. Values go in single quotes; comparisons ignore case.'),
      h('table', {class: 'help-table'},
        h('tr', null, h('td', null, h('code', null, 'FROM email, http')), h('td', null, 'schemas (email, http, threat_indicator, audit); optional')),
        h('tr', null, h('td', null, h('code', null, "status = 'held'")), h('td', null, '= != < <= > >= IN (…) !IN')),
        h('tr', null, h('td', null, h('code', null, "subject CONTAINS 'invoice'")), h('td', null, 'CONTAINS STARTSWITH ENDSWITH MATCHES_REGEX, ! to negate')),
        h('tr', null, h('td', null, h('code', null, "@ip = '10.0.0.0/8'")), h('td', null, 'logical types: @ip @email @user @domain @hash @url')),
        h('tr', null, h('td', null, h('code', null, 'EARLIEST=-7d')), h('td', null, 'time window (else the picker applies), at most 31 days')),
        h('tr', null, h('td', null, h('code', null, '| aggregate count by sender_domain')), h('td', null, 'count, distinct(f), min, max, sum, avg; by fields or bin(event_time, 1h)')),
        h('tr', null, h('td', null, h('code', null, '| sort event_time asc | head 50')), h('td', null, 'also tail N, fields a, b'))),
      h('div', {class: 'examples'}, 'Examples: ', EXAMPLES.map((q) => h('a', {href: '#', class: 'example', dataset: {test: 'example'},
        onclick: (e) => {
          e.preventDefault();
          editor.setValue(q);
          run();
        }}, h('code', null, q))))));

  view.append(h('div', {class: 'page search-page'},
    h('div', {class: 'search-main'},
      h('div', {class: 'page-head'}, h('h1', null, 'Search')),
      editor.element,
      h('div', {class: 'toolbar'}, runButton, picker.element,
        h('button', {type: 'button', dataset: {test: 'save-search'}, hidden: !can('analyst'), onclick: () => {
          saveForm.hidden = !saveForm.hidden;
          if (!saveForm.hidden) saveForm.querySelector('input').focus();
        }}, 'Save…'),
        exportLinks, h('span', {class: 'spacer'}), status),
      saveForm, help, explain, results),
    h('aside', {class: 'search-side'}, h('h2', null, 'Saved searches'), savedList)));

  // Saved searches.
  const saveName = h('input', {placeholder: 'Name', required: true, maxlength: 100, dataset: {test: 'save-name'}});
  const saveError = h('span', {class: 'field-error'});
  saveForm.append(saveName, h('button', {type: 'submit', class: 'primary', dataset: {test: 'save-confirm'}}, 'Save'), saveError);
  saveForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    saveError.textContent = '';
    try {
      await api.put('saved-searches/' + encodeURIComponent(saveName.value.trim()), {query: editor.getValue()});
      saveForm.hidden = true;
      saveName.value = '';
      loadSaved();
    } catch (err) {
      saveError.textContent = err.fields.name || err.message;
    }
  });

  async function loadSaved() {
    try {
      const answer = await api.get('saved-searches');
      const list = Array.isArray(answer) ? answer : answer.savedSearches || answer.searches || answer.items || [];
      if (!list.length) {
        replace(savedList, h('li', {class: 'muted'}, 'None yet. Run a search, then “Save…”.'));
        return;
      }
      replace(savedList, list.map((s) => h('li', {dataset: {test: 'saved-search'}},
        h('a', {href: '#', title: s.query, onclick: (e) => {
          e.preventDefault();
          editor.setValue(s.query);
          run();
        }}, s.name),
        can('analyst') ? h('button', {type: 'button', class: 'link danger', title: 'Delete', onclick: async () => {
          await api.del('saved-searches/' + encodeURIComponent(s.name)).catch(() => {});
          loadSaved();
        }}, '×') : null)));
    } catch (err) {
      replace(savedList, h('li', {class: 'muted'}, 'Saved searches are not available: ' + err.message));
    }
  }

  // Running a query.
  async function run(cursor) {
    const query = editor.getValue();
    if (!query.trim()) {
      editor.focus();
      return;
    }
    if (controller) controller.abort();
    controller = new AbortController();
    const sent = withWindow(query, range);
    if (!cursor) {
      pushParams({q: query, range: range.range, from: range.from, to: range.to});
      replace(results, spinner('Searching…'));
      status.textContent = '';
    }
    editor.clearError();
    const started = performance.now();
    try {
      const answer = await search(sent.text, {limit: PAGE, cursor, signal: controller.signal});
      showResult(answer, query, sent, cursor, performance.now() - started);
      ready();
    } catch (err) {
      if (err.name === 'AbortError') return;
      replace(results);
      if (err.line) {
        const offset = mapOffset(sent, offsetOf(sent.text, err.line, err.column));
        if (offset === null) {
          results.append(notice('error', 'The time range is not valid', err.message, 'range-error'));
        } else {
          const pos = lineColumnOf(query, offset);
          editor.showError(pos.line, pos.column, err.message, err.suggestion);
        }
      } else if (err.status === 400 || err.status === 422) {
        editor.showError(0, 0, err.message, err.suggestion);
      } else {
        results.append(notice('error', 'The search failed', err.message));
      }
      status.textContent = '';
      ready();
    }
  }

  let shown = []; // events shown so far (for load more and the column chooser)

  function showResult(answer, query, sent, cursor, ms) {
    const took = answer.tookMs !== undefined ? answer.tookMs : Math.round(ms);
    explain.hidden = !answer.expanded;
    explain.querySelector('pre').textContent = answer.expanded || '';
    replace(exportLinks, 'Export ',
      h('a', {href: 'api/v1/search/export?' + new URLSearchParams({query: sent.text, format: 'csv'}), download: 'mailsec-search.csv', dataset: {test: 'export-csv'}}, 'CSV'),
      ' · ',
      h('a', {href: 'api/v1/search/export?' + new URLSearchParams({query: sent.text, format: 'ndjson'}), download: 'mailsec-search.ndjson', dataset: {test: 'export-ndjson'}}, 'NDJSON'));
    exportLinks.hidden = false;
    if (answer.kind === 'table') {
      shown = [];
      status.textContent = `${fmtNumber((answer.rows || []).length)} rows · ${took} ms`;
      replace(results, tableResult(answer, query));
      return;
    }
    const events = answer.events || [];
    shown = cursor ? shown.concat(events) : events;
    status.textContent = `${fmtNumber(answer.total !== undefined ? answer.total : shown.length)} events matched · ${took} ms`;
    if (!shown.length) {
      replace(results, notice('empty', 'No events match.',
        'Widen the time range, check the values (they are compared whole; use CONTAINS for parts), or look at Cloud APIs to see whether collection is running.', 'no-results'));
      return;
    }
    // A '| fields a, b' query names its columns (the API's "fields"); otherwise the chooser's.
    picked = Array.isArray(answer.fields) && answer.fields.length ? answer.fields : null;
    replace(results, eventsTable(shown, answer.nextCursor));
  }

  let picked = null; // the columns of the current query's '| fields' pipe, if it has one

  function eventsTable(events, nextCursor) {
    const flats = events.map((e) => flatten(eventFields(e)));
    const columns = picked || chosen;
    const chooser = picked ? null : columnChooser(flats);
    const table = h('table', {class: 'grid-table', dataset: {test: 'results-table'}},
      h('thead', null, h('tr', null, columns.map((c) => h('th', null, c)))),
      h('tbody', null, events.map((e, i) => {
        const id = eventFields(e).id || e.id;
        return h('tr', {dataset: {test: 'result-row', id}, class: 'clickable', onclick: (ev) => {
          if (!ev.target.closest('a')) location.hash = '/event/' + encodeURIComponent(id);
        }}, columns.map((c, ci) => {
          const text = cell(e, flats[i], c);
          const content = c === 'event_time' ? fmtTime(text) : text;
          return h('td', {title: text.length > 60 ? text : null, class: c === 'subject' ? 'wide' : null},
            ci === 0 ? h('a', {href: '#/event/' + encodeURIComponent(id), dataset: {test: 'event-link'}}, content) : content);
        }));
      })));
    const more = nextCursor
      ? h('button', {type: 'button', class: 'load-more', dataset: {test: 'load-more'}, onclick: () => run(nextCursor)}, 'Load more')
      : null;
    return h('div', null, h('div', {class: 'results-bar'}, chooser), h('div', {class: 'table-scroll'}, table), more);
  }

  function columnChooser(flats) {
    const available = new Set(['schema', 'sender', ...chosen]);
    for (const f of flats) for (const k of Object.keys(f)) if (k !== 'original_data') available.add(k);
    const panel = h('div', {class: 'chooser-panel', hidden: true, dataset: {test: 'column-panel'}},
      [...available].sort().map((name) => h('label', {class: 'check'},
        h('input', {type: 'checkbox', value: name, checked: chosen.includes(name), dataset: {test: 'column-option'},
          onchange: (e) => {
            chosen = e.target.checked ? chosen.concat(name) : chosen.filter((c) => c !== name);
            if (!chosen.length) chosen = ['event_time'];
            localStorage.setItem('mailsec.columns', JSON.stringify(chosen));
            replace(results, eventsTable(shown, null));
          }}), name)),
      h('button', {type: 'button', class: 'link', onclick: () => {
        chosen = DEFAULT_COLUMNS;
        localStorage.removeItem('mailsec.columns');
        replace(results, eventsTable(shown, null));
      }}, 'Reset to default'));
    const button = h('button', {type: 'button', dataset: {test: 'column-chooser'}, onclick: () => {
      panel.hidden = !panel.hidden;
    }}, `Columns (${chosen.length}) ▾`);
    return h('div', {class: 'chooser'}, button, panel);
  }

  function tableResult(answer, query) {
    const cols = columnsOf(answer);
    const rows = answer.rows || [];
    if (!rows.length) {
      return notice('empty', 'The aggregate has no rows.', 'No events matched in this time range; widen it or relax the condition.', 'no-results');
    }
    const pivot = (row) => {
      const conds = [];
      cols.forEach((c, i) => {
        if (c.type === 'timestamp' || /^(count|distinct|min|max|sum|avg)\b/.test(c.name) || row[i] === null) return;
        conds.push(`${c.name} = '${String(row[i]).replace(/'/g, "''")}'`);
      });
      const base = query.slice(0, query.indexOf('|') < 0 ? query.length : query.indexOf('|')).trim();
      const joined = conds.length ? (/\bwhere\b/i.test(base) ? ' AND ' : ' WHERE ') + conds.join(' AND ') : '';
      return '#/search?q=' + encodeURIComponent(base + joined);
    };
    const table = h('table', {class: 'grid-table', dataset: {test: 'aggregate-table'}},
      h('thead', null, h('tr', null, cols.map((c) => h('th', {class: /long|double/.test(c.type) ? 'num' : null}, c.name)))),
      h('tbody', null, rows.map((r) => h('tr', {dataset: {test: 'aggregate-row'}}, r.map((v, i) => h('td', {class: typeof v === 'number' ? 'num' : null},
        i === 0 ? h('a', {href: pivot(r), title: 'Search these events'}, cols[i].type === 'timestamp' ? fmtTime(v) : display(v)) : (typeof v === 'number' ? fmtNumber(v) : cols[i].type === 'timestamp' ? fmtTime(v) : display(v))))))));
    const chart = chartable(answer) ? h('div', {class: 'panel chart-panel', dataset: {test: 'aggregate-chart'}}, chartFor(answer)) : null;
    return h('div', null, chart, h('div', {class: 'table-scroll'}, table), answer.truncated ? h('p', {class: 'muted'}, 'Only the first rows are shown; add | head N or narrow the query.') : null);
  }

  loadSaved();
  schema().then((s) => editor.setSchema(s)).catch(() => {});
  if (params.q) {
    run();
  } else {
    replace(results, notice('info', 'Type a query and press Enter.', 'Start from an example under “Syntax help”, or a saved search on the right.', 'search-hint'));
    editor.focus();
    ready();
  }
  return () => controller && controller.abort();
}
