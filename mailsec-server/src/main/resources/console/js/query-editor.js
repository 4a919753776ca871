// The query editor: a textarea over a mirrored backdrop that marks the error token at the line
// and column the API reported, with field/keyword suggestions from the schema registry.
import {h, replace} from './dom.js';

const DEFAULT_KEYWORDS = ['FROM', 'WHERE', 'AND', 'OR', 'NOT', 'IN', 'CONTAINS', 'STARTSWITH', 'ENDSWITH',
  'MATCHES_REGEX', 'IS NULL', 'IS NOT NULL', 'EARLIEST', 'LATEST', 'aggregate', 'count', 'by', 'bin',
  'head', 'tail', 'sort', 'fields', 'distinct', 'min', 'max', 'sum', 'avg'];

/** 1-based line and column -> offset into text. */
export function offsetOf(text, line, column) {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) return text.length;
    offset = nl + 1;
  }
  return Math.min(text.length, offset + Math.max(0, column - 1));
}

/** Offset -> {line, column}, both 1-based. */
export function lineColumnOf(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return {line, column: offset - before.lastIndexOf('\n')};
}

/** The schemas named after FROM, or null when the query has no FROM. */
function fromSchemas(text) {
  const m = /^\s*from\s+([\w\s,]+?)(?:\s+where\b|\s+earliest|\s+latest|\s*\||\s+[\w@.]+\s*(?:=|!|<|>|\bin\b|\bcontains\b|\bis\b)|$)/i.exec(text);
  if (!m) return null;
  return m[1].split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
}

export function queryEditor({value = '', schemaInfo = null, onRun = () => {}, onInput = () => {}}) {
  const input = h('textarea', {class: 'qe-input', spellcheck: 'false', autocapitalize: 'off', autocomplete: 'off',
    'aria-label': 'Query', rows: 2, dataset: {test: 'query-input'}, placeholder: "FROM email WHERE status = 'held' EARLIEST=-24h"});
  const backdrop = h('pre', {class: 'qe-backdrop', 'aria-hidden': 'true'});
  const suggest = h('ul', {class: 'qe-suggest', role: 'listbox', dataset: {test: 'query-suggestions'}, hidden: true});
  const errorBox = h('div', {class: 'qe-error', role: 'alert', dataset: {test: 'query-error'}, hidden: true});
  const element = h('div', {class: 'qe'}, h('div', {class: 'qe-body'}, backdrop, input, suggest), errorBox);
  let error = null; // {offset, length, line, column, message}
  let items = [];
  let active = 0;
  let chosen = false; // the user moved through the suggestions with the arrow keys
  let info = schemaInfo;

  function paint() {
    const text = input.value;
    if (!error) {
      backdrop.replaceChildren(text + '\n');
    } else {
      const start = Math.min(error.offset, text.length);
      const end = Math.min(text.length, start + error.length);
      const mark = h('mark', {class: 'qe-mark', dataset: {test: 'query-error-mark'}}, text.slice(start, end) || ' ');
      backdrop.replaceChildren(text.slice(0, start), mark, text.slice(end) + '\n');
    }
    input.rows = Math.min(12, Math.max(2, text.split('\n').length));
    backdrop.scrollTop = input.scrollTop;
  }

  function candidates(prefix) {
    const lower = prefix.toLowerCase();
    const out = [];
    if (info) {
      if (lower.startsWith('@')) {
        for (const t of info.logicalTypes) {
          const name = typeof t === 'string' ? t : t.name || t.token;
          const token = name.startsWith('@') ? name : '@' + name;
          out.push({text: token, kind: 'logical type', detail: (t && t.description) || ''});
        }
      } else {
        const wanted = fromSchemas(input.value);
        const seen = new Set();
        for (const s of info.schemas) {
          if (wanted && !wanted.includes(s.name)) continue;
          for (const f of s.fields || []) {
            if (seen.has(f.name)) continue;
            seen.add(f.name);
            out.push({text: f.name, kind: f.type + (f.repeated ? '[]' : ''), detail: f.description || ''});
          }
        }
        if (/^from\s+\w*$/i.test(input.value.slice(0, input.selectionStart).trim()) || /,\s*\w*$/.test(prefix)) {
          for (const s of info.schemas) out.push({text: s.name, kind: 'schema', detail: s.description || ''});
        }
      }
    }
    const keywords = (info && info.keywords && info.keywords.length ? info.keywords : DEFAULT_KEYWORDS);
    if (!lower.startsWith('@')) {
      for (const k of keywords) out.push({text: k, kind: 'keyword', detail: ''});
    }
    const starts = out.filter((c) => c.text.toLowerCase().startsWith(lower) && c.text.toLowerCase() !== lower);
    const contains = lower.length > 1
      ? out.filter((c) => !c.text.toLowerCase().startsWith(lower) && c.text.toLowerCase().includes(lower)) : [];
    return [...starts, ...contains].slice(0, 12);
  }

  function currentWord() {
    const before = input.value.slice(0, input.selectionStart);
    if (/'[^']*$/.test(before.replace(/''/g, ''))) return null; // inside a string literal
    const m = /[@A-Za-z_][\w.]*$/.exec(before);
    return m ? {start: m.index, text: m[0]} : null;
  }

  function closeSuggest() {
    suggest.hidden = true;
    items = [];
  }

  function openSuggest() {
    const word = currentWord();
    if (!word) return closeSuggest();
    items = candidates(word.text);
    if (!items.length) return closeSuggest();
    active = 0;
    chosen = false;
    suggest.replaceChildren(...items.map((c, i) => h('li', {
      role: 'option', class: i === active ? 'active' : '', dataset: {test: 'suggestion', value: c.text},
      onmousedown: (e) => {
        e.preventDefault();
        accept(i);
      }}, h('span', {class: 'qe-s-text'}, c.text), h('span', {class: 'qe-s-kind'}, c.kind),
    c.detail ? h('span', {class: 'qe-s-detail'}, c.detail) : null)));
    suggest.hidden = false;
  }

  function highlight() {
    [...suggest.children].forEach((li, i) => li.classList.toggle('active', i === active));
    const li = suggest.children[active];
    if (li) li.scrollIntoView({block: 'nearest'});
  }

  function accept(i) {
    const word = currentWord();
    const item = items[i];
    if (!word || !item) return closeSuggest();
    const text = input.value;
    const caret = input.selectionStart;
    input.value = text.slice(0, word.start) + item.text + text.slice(caret);
    const pos = word.start + item.text.length;
    input.setSelectionRange(pos, pos);
    closeSuggest();
    clearError();
    onInput(input.value);
  }

  input.addEventListener('input', () => {
    clearError();
    paint();
    openSuggest();
    onInput(input.value);
  });
  input.addEventListener('scroll', () => {
    backdrop.scrollTop = input.scrollTop;
  });
  input.addEventListener('blur', () => setTimeout(closeSuggest, 100));
  input.addEventListener('keydown', (e) => {
    if (!suggest.hidden) {
      if (e.key === 'ArrowDown') {
        chosen = true;
        active = (active + 1) % items.length;
        highlight();
        e.preventDefault();
        return;
      }
      if (e.key === 'ArrowUp') {
        chosen = true;
        active = (active - 1 + items.length) % items.length;
        highlight();
        e.preventDefault();
        return;
      }
      // Tab takes a suggestion; Enter only after choosing one with the arrows, else it searches.
      if (e.key === 'Tab' || (e.key === 'Enter' && chosen && !e.ctrlKey && !e.metaKey)) {
        accept(active);
        e.preventDefault();
        return;
      }
      if (e.key === 'Escape') {
        closeSuggest();
        e.preventDefault();
        return;
      }
    }
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      closeSuggest();
      onRun(input.value);
    }
  });

  function showError(line, column, message, suggestion) {
    const text = input.value;
    const offset = offsetOf(text, line || 1, column || 1);
    const token = /^(?:'(?:[^']|'')*'?|[\w.@]+|\S)/.exec(text.slice(offset));
    error = {offset, length: token ? token[0].length : 1, line, column, message};
    const lines = text.split('\n');
    const sourceLine = lines[(line || 1) - 1] || '';
    replace(errorBox,
      h('div', {class: 'qe-error-msg'}, h('span', {class: 'qe-pos', dataset: {test: 'query-error-position'}},
        line ? `Line ${line}, column ${column}` : 'Query error'), ' ', h('span', {dataset: {test: 'query-error-message'}}, message)),
      line ? h('pre', {class: 'qe-caret'}, sourceLine + '\n' + ' '.repeat(Math.max(0, (column || 1) - 1)) + '^') : null,
      suggestion ? h('div', {class: 'qe-hint'}, 'Suggestion: ', h('code', null, suggestion)) : null);
    errorBox.hidden = false;
    paint();
    input.focus();
    input.setSelectionRange(offset, offset + error.length);
  }

  function clearError() {
    if (!error && errorBox.hidden) return;
    error = null;
    errorBox.hidden = true;
    paint();
  }

  input.value = value;
  paint();
  return {
    element,
    getValue: () => input.value,
    setValue: (text) => {
      input.value = text;
      clearError();
    },
    setSchema: (s) => {
      info = s;
    },
    showError,
    clearError,
    focus: () => input.focus(),
  };
}
