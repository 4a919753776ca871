// The time range picker and how its choice joins the query: a query that states EARLIEST or LATEST
// keeps its own window; otherwise the picker's window is inserted before the first pipe.
import {h} from './dom.js';

export const PRESETS = [
  ['15m', 'Last 15 minutes'], ['1h', 'Last hour'], ['4h', 'Last 4 hours'], ['24h', 'Last 24 hours'],
  ['7d', 'Last 7 days'], ['31d', 'Last 31 days'], ['custom', 'Custom range…'],
];

/** The offset of the first pipe outside string literals, or the text's length. */
export function firstPipe(text) {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '\\' && text[i - 1] === 'e') continue;
      if (c === "'") {
        if (text[i + 1] === "'") i++;
        else quoted = false;
      }
    } else if (c === "'") {
      quoted = true;
    } else if (c === '|') {
      return i;
    }
  }
  return text.length;
}

export function statesWindow(text) {
  const head = text.slice(0, firstPipe(text)).replace(/'(?:[^']|'')*'/g, "''");
  return /\b(earliest|latest)\s*=/i.test(head);
}

/** The directive text of a range: {range: '24h'} or {range: 'custom', from, to} (ISO strings). */
export function directive({range, from, to}) {
  if (range === 'custom') {
    const parts = [];
    if (from) parts.push(`EARLIEST='${from}'`);
    if (to) parts.push(`LATEST='${to}'`);
    return parts.join(' ');
  }
  return `EARLIEST=-${range || '24h'}`;
}

/**
 * The query to send and where the window was inserted: {text, at, length}; length is 0 when the
 * query keeps its own window. Error positions after the insertion map back with mapOffset().
 */
export function withWindow(query, range) {
  if (statesWindow(query) || !directive(range)) return {text: query, at: 0, length: 0};
  const at = firstPipe(query);
  const before = query.slice(0, at).replace(/\s+$/, '');
  const insert = (before ? ' ' : '') + directive(range) + (at < query.length ? ' ' : '');
  return {text: before + insert + query.slice(at), at: before.length, length: insert.length,
    trimmed: at - before.length};
}

/** Maps an offset in the sent text to the user's text; null when it falls in the inserted window. */
export function mapOffset(sent, offset) {
  if (!sent.length || offset < sent.at) return offset;
  if (offset < sent.at + sent.length) return null;
  return offset - sent.length + (sent.trimmed || 0);
}

/** The picker: a select plus two datetime inputs shown for a custom range. */
export function rangePicker(initial, onChange) {
  const select = h('select', {dataset: {test: 'time-range'}, 'aria-label': 'Time range'},
    PRESETS.map(([v, label]) => h('option', {value: v, selected: v === (initial.range || '24h')}, label)));
  const from = h('input', {type: 'datetime-local', step: 1, dataset: {test: 'time-from'}, 'aria-label': 'From (UTC)'});
  const to = h('input', {type: 'datetime-local', step: 1, dataset: {test: 'time-to'}, 'aria-label': 'To (UTC)'});
  if (initial.from) from.value = initial.from.replace(/Z$/, '');
  if (initial.to) to.value = initial.to.replace(/Z$/, '');
  const custom = h('span', {class: 'custom-range', hidden: select.value !== 'custom'}, from, ' – ', to, h('span', {class: 'muted'}, ' UTC'));
  const value = () => ({
    range: select.value,
    from: select.value === 'custom' && from.value ? from.value + (from.value.length === 16 ? ':00' : '') + 'Z' : undefined,
    to: select.value === 'custom' && to.value ? to.value + (to.value.length === 16 ? ':00' : '') + 'Z' : undefined,
  });
  select.addEventListener('change', () => {
    custom.hidden = select.value !== 'custom';
    if (select.value !== 'custom') onChange(value());
  });
  from.addEventListener('change', () => onChange(value()));
  to.addEventListener('change', () => onChange(value()));
  return {element: h('span', {class: 'range-picker'}, select, custom), value};
}
