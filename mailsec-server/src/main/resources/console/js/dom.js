// DOM and formatting helpers. Every text goes in through textContent (never innerHTML), so data
// from events cannot inject markup; the server's CSP forbids inline scripts and styles anyway.

/**
 * Creates an element: h('a', {href: '#/x', dataset: {test: 'y'}, onclick: fn}, 'text', child).
 * Attributes named on* become listeners; null/false attributes and children are skipped.
 */
export function h(tag, attrs, ...children) {
  const svg = SVG_TAGS.has(tag);
  const el = svg ? document.createElementNS(SVG_NS, tag) : document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value);
    } else if (key === 'dataset') {
      for (const [k, v] of Object.entries(value)) el.dataset[k] = v;
    } else if (key === 'class') {
      el.setAttribute('class', Array.isArray(value) ? value.filter(Boolean).join(' ') : value);
    } else if (key === 'value' && !svg) {
      el.value = value;
    } else if (key === 'checked' || key === 'selected' || key === 'disabled') {
      el[key] = Boolean(value);
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const SVG_TAGS = new Set(['svg', 'g', 'rect', 'line', 'path', 'text', 'title', 'polyline', 'circle']);

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces the children of el. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A "what happened and what to do" box; kind is 'info', 'error' or 'empty'. */
export function notice(kind, title, detail, test) {
  return h('div', {class: ['notice', 'notice-' + kind], dataset: {test: test || 'notice-' + kind}},
    h('strong', null, title), detail ? h('div', {class: 'notice-detail'}, detail) : null);
}

export function spinner(label) {
  return h('div', {class: 'loading', dataset: {test: 'loading'}}, h('span', {class: 'spin'}), label || 'Loading…');
}

const NUMBER = new Intl.NumberFormat('en-US');

export function fmtNumber(n) {
  if (n === null || n === undefined || n === '') return '–';
  const v = Number(n);
  if (!Number.isFinite(v)) return String(n);
  return Number.isInteger(v) ? NUMBER.format(v) : NUMBER.format(Math.round(v * 100) / 100);
}

export function fmtCompact(n) {
  const v = Number(n);
  if (Math.abs(v) >= 1e9) return (v / 1e9).toFixed(1).replace(/\.0$/, '') + 'G';
  if (Math.abs(v) >= 1e6) return (v / 1e6).toFixed(1).replace(/\.0$/, '') + 'M';
  if (Math.abs(v) >= 1e4) return (v / 1e3).toFixed(0) + 'k';
  return fmtNumber(v);
}

/** Times are shown in UTC, as stored and as the query language writes them. */
export function fmtTime(value) {
  if (!value) return '–';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  return d.toISOString().replace('T', ' ').replace(/\.000Z$|Z$/, '').replace(/(\.\d{3})\d*$/, '$1') + 'Z';
}

export function fmtAgo(value, now = Date.now()) {
  if (!value) return 'never';
  const t = new Date(value).getTime();
  if (Number.isNaN(t)) return String(value);
  return fmtSeconds((now - t) / 1000) + ' ago';
}

/** Seconds as '45 s', '12 min', '3 h 5 min', '2 d 4 h'. */
export function fmtSeconds(s) {
  if (s === null || s === undefined || Number.isNaN(s)) return '–';
  s = Math.max(0, Math.round(s));
  if (s < 60) return s + ' s';
  if (s < 3600) return Math.round(s / 60) + ' min';
  if (s < 86400) return Math.floor(s / 3600) + ' h ' + Math.round((s % 3600) / 60) + ' min';
  return Math.floor(s / 86400) + ' d ' + Math.round((s % 86400) / 3600) + ' h';
}

/** Accepts seconds (number), or an ISO-8601 duration such as PT1H2M3.5S (Jackson's Duration). */
export function toSeconds(duration) {
  if (duration === null || duration === undefined) return null;
  if (typeof duration === 'number') return duration;
  const m = /^P(?:(\d+)D)?(?:T(?:(-?\d+)H)?(?:(-?\d+)M)?(?:(-?[\d.]+)S)?)?$/.exec(String(duration));
  if (!m) return null;
  return (+(m[1] || 0)) * 86400 + (+(m[2] || 0)) * 3600 + (+(m[3] || 0)) * 60 + (+(m[4] || 0));
}

/** Flattens a JSON tree into dotted paths; lists of objects keep their children's paths. */
export function flatten(obj, prefix = '', out = {}) {
  for (const [key, value] of Object.entries(obj || {})) {
    const path = prefix ? prefix + '.' + key : key;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      flatten(value, path, out);
    } else if (Array.isArray(value) && value.some((v) => v && typeof v === 'object')) {
      value.forEach((item) => {
        if (item && typeof item === 'object') {
          const sub = flatten(item, path);
          for (const [k, v] of Object.entries(sub)) (out[k] = out[k] || []).push(v);
        }
      });
    } else {
      out[path] = value;
    }
  }
  return out;
}

/** The normalized fields of an event as the API returns it (fields nested or at the top level). */
export function eventFields(event) {
  if (!event) return {};
  if (event.fields && typeof event.fields === 'object') return event.fields;
  return event;
}

export function eventSchema(event) {
  return (event && (event.schema || event._schema)) || '';
}

export function display(value) {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(display).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** A string literal of the query language. */
export function qlString(value) {
  return "'" + String(value).replace(/'/g, "''") + "'";
}

export function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

export function searchLink(query) {
  return '#/search?q=' + encodeURIComponent(query);
}
