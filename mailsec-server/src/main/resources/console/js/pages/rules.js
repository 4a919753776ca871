// Detection rules: list with enable/disable, and an editor that validates as you type and can dry
// run the rule over stored events before saving. Degrades to a notice while the server has no
// rules API (404).
import {api, can} from '../api.js';
import {h, notice, spinner, debounce, display, fmtNumber, replace} from '../dom.js';
import {notAvailable} from '../unavailable.js';

function rulesOf(answer) {
  return Array.isArray(answer) ? answer : answer.rules || answer.items || [];
}

export async function render(view, params, ready) {
  const page = h('div', {class: 'page'});
  view.append(page);
  if (params.id) return editor(page, params.id, ready);
  const body = h('div', null, spinner());
  page.append(h('div', {class: 'page-head'}, h('h1', null, 'Rules'), h('span', {class: 'spacer'}),
    can('analyst') ? h('a', {href: '#/rules/new', class: 'button primary', dataset: {test: 'new-rule'}}, 'New rule') : null), body);
  try {
    const rules = rulesOf(await api.get('rules'));
    if (!rules.length) {
      replace(body, notice('empty', 'No detection rules.', 'Create one from a search: every query of the search page can be a rule’s criteria.', 'no-rules'));
    } else {
      replace(body, h('table', {class: 'grid-table', dataset: {test: 'rules-table'}},
        h('thead', null, h('tr', null, ['Rule', 'Severity', 'Enabled', 'Description', ''].map((c) => h('th', null, c)))),
        h('tbody', null, rules.map((r) => h('tr', {dataset: {test: 'rule-row'}},
          h('td', null, h('a', {href: '#/rules/' + encodeURIComponent(r.id)}, r.name || r.title || r.id)),
          h('td', null, h('span', {class: 'sev sev-' + r.severity}, r.severity || '')),
          h('td', null, r.enabled === false ? 'no' : 'yes'),
          h('td', {class: 'muted'}, display(r.description)),
          h('td', null, can('analyst') ? h('button', {type: 'button', onclick: async () => {
            try {
              await api.post('rules/' + encodeURIComponent(r.id) + (r.enabled === false ? '/enable' : '/disable'));
              location.reload();
            } catch (err) {
              body.prepend(notice('error', 'The rule was not changed', err.message));
            }
          }}, r.enabled === false ? 'Enable' : 'Disable') : null))))));
    }
  } catch (err) {
    replace(body, err.notAvailable ? notAvailable('Detection rules') : notice('error', 'Rules could not be loaded', err.message));
  }
  ready();
}

async function editor(page, id, ready) {
  const creating = id === 'new';
  const body = h('div', null, spinner());
  page.append(h('div', {class: 'page-head'}, h('a', {href: '#/rules', class: 'back'}, '← Rules'), h('h1', null, creating ? 'New rule' : 'Rule ' + id)), body);
  let rule = {};
  if (!creating) {
    try {
      rule = await api.get('rules/' + encodeURIComponent(id));
    } catch (err) {
      replace(body, err.notAvailable ? notAvailable('Detection rules') : notice('error', 'The rule could not be loaded', err.message));
      ready();
      return;
    }
  }
  const source = h('textarea', {class: 'rule-source', rows: 16, spellcheck: 'false', dataset: {test: 'rule-source'}},
    rule.source || JSON.stringify(creating ? {id: '', name: '', severity: 'medium', enabled: true, query: "FROM email WHERE status = 'delivered' AND attachments.result = 'malicious'"} : rule, null, 2));
  const problems = h('div', {class: 'field-error', dataset: {test: 'rule-problems'}});
  const dry = h('div');
  const parse = () => {
    const text = source.value;
    try {
      return {body: JSON.parse(text)};
    } catch (e) {
      return {body: {source: text}}; // YAML: the server parses it
    }
  };
  const validate = debounce(async () => {
    try {
      const answer = await api.post('rules/validate', parse().body);
      const list = (answer && (answer.problems || answer.errors)) || [];
      problems.textContent = list.length ? list.map(display).join('\n') : '';
    } catch (err) {
      problems.textContent = err.notAvailable ? '' : (err.line ? `Line ${err.line}, column ${err.column}: ` : '') + err.message;
    }
  }, 400);
  source.addEventListener('input', validate);
  const readOnly = !can('analyst');
  source.readOnly = readOnly;
  replace(body, source, problems, readOnly ? null : h('div', {class: 'toolbar'},
    h('button', {type: 'button', class: 'primary', dataset: {test: 'rule-save'}, onclick: async () => {
      const b = parse().body;
      try {
        await api.put('rules/' + encodeURIComponent(creating ? b.id : id), b);
        location.hash = '/rules';
      } catch (err) {
        problems.textContent = err.message;
      }
    }}, 'Save'),
    h('button', {type: 'button', dataset: {test: 'rule-dry-run'}, onclick: async () => {
      replace(dry, spinner('Running the rule over stored events…'));
      try {
        const answer = await api.post('rules/dry-run', parse().body);
        const matches = answer.matches || answer.events || [];
        replace(dry, h('p', null, `${fmtNumber(answer.count !== undefined ? answer.count : matches.length)} matches`),
          h('ul', null, matches.slice(0, 50).map((m) => {
            const eid = m.id || (m.fields && m.fields.id);
            return h('li', null, h('a', {href: '#/event/' + encodeURIComponent(eid)}, eid));
          })));
      } catch (err) {
        replace(dry, notice('error', 'The dry run failed', err.message));
      }
    }}, 'Dry run')), dry);
  ready();
}
