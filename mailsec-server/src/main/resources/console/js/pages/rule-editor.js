// The rule editor: YAML with line numbers, validated as you type (problems shown at their line),
// a dry run over stored events showing the alerts the rule would have raised, Save and Delete.
// Built-in rules are shown read-only with "Duplicate as custom"; viewers see no edit actions.
import {api, can} from '../api.js';
import {h, notice, spinner, debounce, display, fmtNumber, fmtTime, replace} from '../dom.js';
import {notAvailable} from '../unavailable.js';

const TEMPLATE = `id: my-rule
name: My rule
description: What this rule finds and why it matters.
severity: medium
confidence: 60
query: FROM email WHERE status = 'delivered' AND subject CONTAINS 'invoice'
group_by: [sender_domain]
suppress_for: 1h
tests:
  should_match:
    - {schema: email, fields: {status: delivered, subject: Your invoice}}
  should_not_match:
    - {schema: email, fields: {status: delivered, subject: Lunch on Friday}}
`;

const WINDOWS = [['1h', 'Last hour'], ['24h', 'Last 24 hours'], ['7d', 'Last 7 days'], ['30d', 'Last 30 days']];

/** The id a rule file declares (top-level "id:"), or ''. */
function declaredId(yaml) {
  const m = /^id:\s*['"]?([^'"\s#]+)/m.exec(yaml);
  return m ? m[1] : '';
}

/** The problems of an API error: the 422 list, or the message with its line. */
function problemsOf(err) {
  if (err.problems && err.problems.length) return err.problems;
  return [{message: err.message, line: err.line}];
}

async function loadRule(id, params) {
  if (id !== 'new') return {rule: await api.get('rules/' + encodeURIComponent(id)), creating: false};
  if (!params.from) return {rule: {yaml: TEMPLATE, origin: 'custom'}, creating: true};
  const source = await api.get('rules/' + encodeURIComponent(params.from));
  const copyId = source.id + '-custom';
  const yaml = source.yaml.replace(/^id:.*$/m, 'id: ' + copyId).replace(/^name:\s*(.*)$/m, (all, name) => 'name: ' + name + ' (custom)');
  return {rule: {yaml, origin: 'custom'}, creating: true};
}

export async function renderEditor(page, id, params, ready) {
  const title = h('h1', null, id === 'new' ? 'New rule' : 'Rule ' + id);
  const body = h('div', null, spinner());
  page.append(h('div', {class: 'page-head'}, h('a', {href: '#/rules', class: 'back'}, '← Rules'), title), body);
  let loaded;
  try {
    loaded = await loadRule(id, params);
  } catch (err) {
    replace(body, err.notAvailable && err.status !== 404 ? notAvailable('Detection rules') : notice('error', 'The rule could not be loaded', err.message));
    ready();
    return;
  }
  const {rule, creating} = loaded;
  const builtIn = rule.origin === 'builtin';
  const editable = can('analyst') && !builtIn;
  if (!creating) title.textContent = (rule.name || id) + (builtIn ? ' (built-in)' : '');

  const source = h('textarea', {class: 'rule-source', rows: 24, spellcheck: 'false', wrap: 'off', 'aria-label': 'Rule YAML', dataset: {test: 'rule-source'}});
  source.value = rule.yaml || '';
  source.readOnly = !editable;
  const gutter = h('pre', {class: 'rule-gutter', 'aria-hidden': 'true', dataset: {test: 'rule-gutter'}});
  const status = h('div', {class: 'rule-status', dataset: {test: 'rule-status'}});
  const problems = h('ul', {class: 'rule-problems', dataset: {test: 'rule-problems'}});
  const result = h('div', {dataset: {test: 'dry-run-result'}});
  let badLines = new Set();

  const drawGutter = () => {
    const count = source.value.split('\n').length;
    const lines = [];
    for (let i = 1; i <= count; i++) {
      lines.push(h('span', {class: badLines.has(i) ? 'bad' : null, dataset: {line: String(i)}}, String(i)), '\n');
    }
    replace(gutter, lines);
    gutter.scrollTop = source.scrollTop;
  };
  const goToLine = (line) => {
    const starts = source.value.split('\n').slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
    source.focus();
    source.setSelectionRange(starts, starts + (source.value.split('\n')[line - 1] || '').length);
  };
  const showProblems = (list) => {
    badLines = new Set(list.filter((p) => p.line).map((p) => p.line));
    replace(problems, list.map((p) => h('li', {dataset: {test: 'rule-problem', line: p.line ? String(p.line) : ''}},
      p.line ? h('a', {href: '#', class: 'rule-line', onclick: (e) => { e.preventDefault(); goToLine(p.line); }}, 'Line ' + p.line) : null,
      p.line ? ': ' : null, display(p.message))));
    drawGutter();
  };
  let generation = 0;
  const validate = async () => {
    const mine = ++generation;
    try {
      const answer = await api.post('rules/validate', {yaml: source.value});
      if (mine !== generation) return;
      showProblems([]);
      replace(status, h('span', {class: 'rule-ok', dataset: {test: 'rule-valid'}}, 'Valid: ' + answer.id + ' compiles and its tests pass.'));
    } catch (err) {
      if (mine !== generation) return;
      const list = problemsOf(err);
      showProblems(list);
      replace(status, h('span', {class: 'rule-bad', dataset: {test: 'rule-invalid'}}, list.length === 1 ? '1 problem' : list.length + ' problems'));
    }
  };
  const validateSoon = debounce(validate, 400);
  source.addEventListener('input', () => { drawGutter(); validateSoon(); });
  source.addEventListener('scroll', () => { gutter.scrollTop = source.scrollTop; });

  const windowSelect = h('select', {dataset: {test: 'dry-run-window'}, 'aria-label': 'Dry-run window'},
    WINDOWS.map(([v, label]) => h('option', {value: v, selected: v === '7d'}, label)));
  const dryRun = h('button', {type: 'button', dataset: {test: 'rule-dry-run'}}, 'Dry run');
  dryRun.addEventListener('click', async () => {
    replace(result, spinner('Replaying the rule over stored events…'));
    try {
      const answer = await api.post('rules/dry-run', {yaml: source.value, window: windowSelect.value});
      replace(result, dryRunView(answer, windowSelect.selectedOptions[0].textContent));
    } catch (err) {
      if (err.status === 422) showProblems(problemsOf(err));
      replace(result, notice('error', 'The dry run failed', err.message, 'dry-run-error'));
    }
  });
  const save = h('button', {type: 'button', class: 'primary', dataset: {test: 'rule-save'}}, 'Save');
  save.addEventListener('click', async () => {
    const target = creating ? declaredId(source.value) : id;
    if (!target) {
      showProblems([{message: 'the rule needs an id (a line "id: my-rule")', line: 1}]);
      return;
    }
    save.disabled = true;
    try {
      const answer = await api.put('rules/' + encodeURIComponent(target), {yaml: source.value});
      if (answer.applied === false) {
        replace(result, notice('error', 'Saved, but not in force: a rule file cannot be used', answer.problem));
        return;
      }
      location.hash = '#/rules';
    } catch (err) {
      showProblems(problemsOf(err));
      replace(status, h('span', {class: 'rule-bad', dataset: {test: 'rule-save-error'}}, 'Not saved: ' + err.message));
    } finally {
      save.disabled = false;
    }
  });
  const remove = !creating && editable ? h('button', {type: 'button', class: 'danger', dataset: {test: 'rule-delete'}}, 'Delete') : null;
  if (remove) {
    remove.addEventListener('click', async () => {
      if (!confirm('Delete the rule ' + id + '? Its alerts stay.')) return;
      try {
        await api.del('rules/' + encodeURIComponent(id));
        location.hash = '#/rules';
      } catch (err) {
        replace(status, h('span', {class: 'rule-bad'}, 'Not deleted: ' + err.message));
      }
    });
  }
  const duplicate = builtIn && can('analyst')
    ? h('a', {href: '#/rules/new?from=' + encodeURIComponent(id), class: 'button', dataset: {test: 'rule-duplicate'}}, 'Duplicate as custom') : null;
  const toolbar = h('div', {class: 'toolbar'},
    editable ? save : null, can('analyst') ? windowSelect : null, can('analyst') ? dryRun : null, remove, duplicate);

  replace(body,
    builtIn ? notice('info', 'A built-in rule', 'Built-in rules can be enabled or disabled on the Rules page; to change one, duplicate it as a custom rule.', 'builtin-note') : null,
    h('div', {class: 'rule-editor'}, gutter, source), status, problems, toolbar, result);
  drawGutter();
  if (editable) validate();
  ready();
}

function entities(alert) {
  const out = [];
  for (const [key, value] of Object.entries(alert)) {
    if (key.startsWith('entities.') && value !== null && value !== undefined && value !== '') {
      out.push(key.slice('entities.'.length) + ': ' + display(value));
    }
  }
  if (alert.entities && typeof alert.entities === 'object') {
    for (const [kind, value] of Object.entries(alert.entities)) out.push(kind + ': ' + display(value));
  }
  return out.join('; ');
}

function dryRunView(answer, windowLabel) {
  const alerts = answer.alerts || [];
  const summary = h('p', {dataset: {test: 'dry-run-summary', matched: String(answer.matchedEvents), alerts: String(alerts.length)}},
    `${windowLabel}: ${fmtNumber(answer.matchedEvents)} matching events; ${fmtNumber(alerts.length)} alerts would have been raised`
      + (answer.truncated ? ' (only the first matches were replayed)' : '') + '.');
  if (!alerts.length) return summary;
  return [summary, h('table', {class: 'grid-table', dataset: {test: 'dry-run-alerts'}},
    h('thead', null, h('tr', null, ['Title', 'Severity', 'Entities', 'First seen', 'Last seen', 'Occurrences'].map((c) => h('th', null, c)))),
    h('tbody', null, alerts.slice(0, 200).map((a) => h('tr', {dataset: {test: 'dry-run-alert'}},
      h('td', null, display(a.title)),
      h('td', null, h('span', {class: 'sev sev-' + a.severity}, display(a.severity))),
      h('td', {class: 'muted'}, entities(a)),
      h('td', null, fmtTime(a.first_seen)),
      h('td', null, fmtTime(a.last_seen)),
      h('td', {class: 'num'}, fmtNumber(a.occurrences))))))];
}
