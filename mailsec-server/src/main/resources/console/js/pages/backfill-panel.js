// Backfill of one integration (docs/console.md): admins pick a range within Mimecast's retention
// and the data types; everyone sees the jobs with a progress bar per data type, polled while one
// runs. API: /api/v1/integrations/{id}/backfills (docs/rest-api.md).
import {api, can} from '../api.js';
import {h, notice, fmtNumber, fmtTime, replace} from '../dom.js';

const POLL_MS = 1500;
const MARGIN_MS = 10 * 60 * 1000;
const DAY_MS = 86400000;
/** Mimecast's retention per data type in days (API reference §7.1); others: 60 (assumed). */
const RETENTION_DAYS = {'siem': 7, 'threat-intel': 7, 'audit': 60};

function retentionDays(type) {
  return RETENTION_DAYS[type] || 60;
}

/** A datetime-local value (local time, minutes) for a Date. */
function localValue(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Returns {element, stop}; the element is kept across the integrations page's refreshes. */
export function backfillPanel(id, dataTypes) {
  const base = 'integrations/' + encodeURIComponent(id) + '/backfills';
  const jobs = h('div', {class: 'backfill-jobs', dataset: {test: 'backfill-jobs'}});
  const message = h('div', {class: 'backfill-message'});
  let timer = null;
  let stopped = false;

  const now = new Date();
  const fromInput = h('input', {type: 'datetime-local', name: 'from', required: true, dataset: {test: 'backfill-from'},
    value: localValue(new Date(now.getTime() - DAY_MS))});
  const toInput = h('input', {type: 'datetime-local', name: 'to', required: true, dataset: {test: 'backfill-to'},
    value: localValue(now), max: localValue(now)});
  const boxes = dataTypes.map((type) => h('label', {class: 'checkbox'},
    h('input', {type: 'checkbox', name: 'type', value: type, checked: true, dataset: {test: 'backfill-type'}, onchange: limits}),
    ` ${type} (${retentionDays(type)} d)`));

  function selected() {
    return boxes.map((b) => b.querySelector('input')).filter((i) => i.checked).map((i) => i.value);
  }

  // The pickers allow what the longest-kept selected type still has; shorter-kept types are
  // clamped by the server, which says so in its answer.
  function limits() {
    const days = Math.max(0, ...selected().map(retentionDays));
    const oldest = new Date(Date.now() - days * DAY_MS + MARGIN_MS);
    fromInput.min = localValue(oldest);
    toInput.min = localValue(oldest);
    const latest = localValue(new Date());
    fromInput.max = latest;
    toInput.max = latest;
  }
  limits();

  const form = can('admin') ? h('form', {class: 'backfill-form', dataset: {test: 'backfill-form'}, onsubmit: async (e) => {
    e.preventDefault();
    const button = form.querySelector('button');
    button.disabled = true;
    try {
      const job = await api.post(base, {
        from: new Date(fromInput.value).toISOString(),
        to: new Date(toInput.value).toISOString(),
        dataTypes: selected(),
      });
      const notes = job.types.filter((t) => t.note).map((t) => h('div', null, t.note));
      replace(message, notes.length ? notice('info', 'Some data types start later than requested', notes, 'backfill-notes') : null);
      load();
    } catch (err) {
      replace(message, notice('error', 'The backfill was not started', err.message, 'backfill-error'));
    } finally {
      button.disabled = false;
    }
  }},
  h('label', null, 'From (local time) ', fromInput),
  h('label', null, 'To ', toInput),
  h('div', {class: 'backfill-types'}, boxes),
  h('button', {type: 'submit', class: 'primary', dataset: {test: 'backfill-start'}}, 'Start backfill')) : null;

  const element = h('div', {class: 'backfill', dataset: {test: 'backfill-panel'}},
    h('h3', null, 'Backfill'),
    h('p', {class: 'muted'}, 'Collect a past range again, within what Mimecast keeps. Records already stored are skipped.'),
    form, message, jobs);

  function jobView(job) {
    const running = job.state === 'RUNNING' || job.state === 'QUEUED';
    return h('div', {class: 'backfill-job', dataset: {test: 'backfill-job', id: job.id, state: job.state}},
      h('div', {class: 'backfill-job-head'},
        h('strong', null, job.state.toLowerCase()), ` ${fmtTime(job.from)} → ${fmtTime(job.to)} · by ${job.createdBy}`,
        running && can('admin') ? h('button', {type: 'button', class: 'danger', dataset: {test: 'backfill-cancel'}, onclick: async (e) => {
          e.target.disabled = true;
          try {
            await api.post(base + '/' + encodeURIComponent(job.id) + '/cancel');
          } catch (err) {
            replace(message, notice('error', 'The backfill could not be cancelled', err.message));
          }
          load();
        }}, 'Cancel') : null),
      h('table', {class: 'grid-table backfill-types-table'},
        h('thead', null, h('tr', null, ['Data type', 'Range', 'Progress', 'Stored', 'Duplicates', 'Quarantined', 'Gaps', 'State'].map((c) => h('th', null, c)))),
        h('tbody', null, job.types.map(typeRow))));
  }

  function typeRow(t) {
    return h('tr', {dataset: {test: 'backfill-type-row', type: t.dataType, state: t.state}},
      h('td', null, t.dataType),
      h('td', {title: t.note || ''}, `${fmtTime(t.from)} → ${fmtTime(t.to)}`, t.note ? h('div', {class: 'muted'}, 'clamped to retention') : null),
      h('td', null, h('progress', {max: '1', value: String(t.progress), dataset: {test: 'backfill-progress'}}), ` ${Math.round(t.progress * 100)} %`),
      h('td', {class: 'num'}, fmtNumber(t.eventsStored)),
      h('td', {class: 'num'}, fmtNumber(t.duplicatesSkipped)),
      h('td', {class: 'num' + (t.quarantined ? ' warn' : '')}, fmtNumber(t.quarantined)),
      h('td', {class: 'num' + (t.gaps ? ' warn' : '')}, fmtNumber(t.gaps)),
      h('td', null, t.state.toLowerCase(), t.error ? h('div', {class: 'reason', dataset: {test: 'backfill-type-error'}}, t.error) : null));
  }

  async function load() {
    clearTimeout(timer);
    let running = false;
    try {
      const answer = await api.get(base);
      const list = answer.backfills || [];
      running = list.some((j) => j.state === 'RUNNING' || j.state === 'QUEUED');
      replace(jobs, list.length ? list.map(jobView) : h('p', {class: 'muted'}, 'No backfill yet.'));
    } catch (err) {
      replace(jobs, notice('error', 'The backfills could not be loaded', err.message));
    }
    if (running && !stopped) timer = setTimeout(load, POLL_MS);
  }

  load();
  return {element, stop: () => { stopped = true; clearTimeout(timer); }};
}
