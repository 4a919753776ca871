// Detection rules: the list with origin (built-in or custom) and an enable/disable toggle that
// applies at once on the server, and the editor (rule-editor.js) for new, custom and duplicated
// rules. Degrades to a notice while the server has no rules API (404).
import {api, can} from '../api.js';
import {h, notice, spinner, display, replace} from '../dom.js';
import {notAvailable} from '../unavailable.js';
import {renderEditor} from './rule-editor.js';

export async function render(view, params, ready) {
  const page = h('div', {class: 'page'});
  view.append(page);
  if (params.id) return renderEditor(page, params.id, params, ready);
  const body = h('div', null, spinner());
  page.append(h('div', {class: 'page-head'}, h('h1', null, 'Rules'), h('span', {class: 'spacer'}),
    can('analyst') ? h('a', {href: '#/rules/new', class: 'button primary', dataset: {test: 'new-rule'}}, 'New rule') : null), body);
  try {
    const answer = await api.get('rules');
    const rules = answer.rules || [];
    const problem = answer.loadProblem ? notice('error', 'A rule file cannot be used; the previous rules stay in force until it is fixed', answer.loadProblem, 'rules-load-problem') : null;
    replace(body, problem, rules.length ? table(rules, body) : notice('empty', 'No detection rules.', 'Create one with “New rule”.', 'no-rules'));
  } catch (err) {
    replace(body, err.notAvailable ? notAvailable('Detection rules') : notice('error', 'Rules could not be loaded', err.message));
  }
  ready();
}

function table(rules, body) {
  return h('table', {class: 'grid-table', dataset: {test: 'rules-table'}},
    h('thead', null, h('tr', null, ['Rule', 'Origin', 'Severity', 'Enabled', 'Description', ''].map((c) => h('th', null, c)))),
    h('tbody', null, rules.map((r) => row(r, body))));
}

function row(rule, body) {
  const enabled = h('span', {class: ['state', rule.enabled ? 'rule-on' : 'rule-off'], dataset: {test: 'rule-enabled'}}, rule.enabled ? 'enabled' : 'disabled');
  const custom = rule.origin === 'custom';
  const actions = h('td', {class: 'actions'});
  if (can('analyst')) {
    const toggle = h('button', {type: 'button', dataset: {test: 'rule-toggle'}}, rule.enabled ? 'Disable' : 'Enable');
    toggle.addEventListener('click', async () => {
      toggle.disabled = true;
      try {
        const answer = await api.post('rules/' + encodeURIComponent(rule.id) + (rule.enabled ? '/disable' : '/enable'));
        if (answer.applied === false) {
          body.prepend(notice('error', 'Saved, but not in force: a rule file cannot be used', answer.problem));
        }
        rule.enabled = Boolean(answer.enabled);
        replace(enabled, rule.enabled ? 'enabled' : 'disabled');
        enabled.className = 'state ' + (rule.enabled ? 'rule-on' : 'rule-off');
        replace(toggle, rule.enabled ? 'Disable' : 'Enable');
      } catch (err) {
        body.prepend(notice('error', 'The rule was not changed', err.message));
      } finally {
        toggle.disabled = false;
      }
    });
    actions.append(toggle,
      custom ? h('a', {href: '#/rules/' + encodeURIComponent(rule.id), class: 'button', dataset: {test: 'rule-edit'}}, 'Edit')
        : h('a', {href: '#/rules/new?from=' + encodeURIComponent(rule.id), class: 'button', dataset: {test: 'rule-duplicate'}}, 'Duplicate as custom'));
  }
  return h('tr', {dataset: {test: 'rule-row', id: rule.id}},
    h('td', null, h('a', {href: '#/rules/' + encodeURIComponent(rule.id)}, rule.name || rule.id), h('div', {class: 'muted mono'}, rule.id)),
    h('td', null, h('span', {class: 'badge', dataset: {test: 'rule-origin'}}, custom ? 'custom' : 'built-in')),
    h('td', null, h('span', {class: 'sev sev-' + rule.severity}, rule.severity || '')),
    h('td', null, enabled),
    h('td', {class: 'muted'}, display(rule.description)),
    actions);
}
