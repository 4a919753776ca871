// Small SVG charts (no library): horizontal bars for top-N tables and stacked columns over time.
// Colors come from CSS classes (.series-0 ... .series-7) so the dark theme restyles them.
import {h, fmtCompact, fmtNumber, fmtTime} from './dom.js';

const NUMERIC = new Set(['long', 'double', 'integer', 'number']);

function isNumericColumn(column) {
  return NUMERIC.has(String(column.type || '').toLowerCase());
}

function isTimeColumn(column) {
  return String(column.type || '').toLowerCase() === 'timestamp';
}

/** Normalizes the columns of a table result: ['a', 'b'] or [{name, type}]. */
export function columnsOf(result) {
  return (result.columns || []).map((c) => (typeof c === 'string' ? {name: c, type: ''} : c));
}

/** True when a table result can be drawn (it has a count or another number to plot). */
export function chartable(result) {
  const columns = columnsOf(result);
  return (result.rows || []).length > 0 && columns.some((c, i) => isNumericColumn(c) ||
    result.rows.every((r) => typeof r[i] === 'number'));
}

/** Draws a table result: over time when a key is a timestamp (bin), else as bars. */
export function chartFor(result, options = {}) {
  const columns = columnsOf(result);
  const rows = result.rows || [];
  let valueIndex = -1;
  columns.forEach((c, i) => {
    if (valueIndex < 0 && i > 0 && (isNumericColumn(c) || rows.every((r) => typeof r[i] === 'number'))) {
      valueIndex = i;
    }
  });
  if (valueIndex < 0) valueIndex = columns.length - 1;
  const timeIndex = columns.findIndex((c, i) => i !== valueIndex && isTimeColumn(c));
  const keyIndexes = columns.map((c, i) => i).filter((i) => i !== valueIndex && i !== timeIndex &&
    !(isNumericColumn(columns[i]) && i > valueIndex));
  if (timeIndex >= 0) {
    const points = rows.map((r) => ({
      t: r[timeIndex],
      series: keyIndexes.map((i) => labelOf(r[i])).join(' / ') || columns[valueIndex].name,
      value: Number(r[valueIndex]) || 0,
    }));
    return timeChart(points, options);
  }
  const bars = rows.map((r) => ({
    label: keyIndexes.map((i) => labelOf(r[i])).join(' / ') || '(all)',
    value: Number(r[valueIndex]) || 0,
    keys: keyIndexes.map((i) => ({column: columns[i].name, value: r[i]})),
  }));
  return barChart(bars, options);
}

function labelOf(v) {
  if (v === null || v === undefined || v === '') return '(none)';
  return String(v);
}

/**
 * Horizontal bars, largest first as given; options.href(bar) makes each bar a link (pivot to
 * the search behind it).
 */
export function barChart(bars, options = {}) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const rowHeight = 22;
  const labelWidth = 190;
  const width = 560;
  const barSpace = width - labelWidth - 70;
  const svg = h('svg', {class: 'chart chart-bars', viewBox: `0 0 ${width} ${bars.length * rowHeight + 4}`,
    role: 'img', 'aria-label': options.title || 'bar chart', dataset: {test: 'chart-bars'}});
  bars.forEach((bar, i) => {
    const y = i * rowHeight + 2;
    const w = Math.max(1, (bar.value / max) * barSpace);
    const label = bar.label.length > 30 ? bar.label.slice(0, 29) + '…' : bar.label;
    const g = h('g', {class: 'bar-row'},
      h('title', null, `${bar.label}: ${fmtNumber(bar.value)}`),
      h('text', {x: labelWidth - 6, y: y + 15, class: 'chart-label', 'text-anchor': 'end'}, label),
      h('rect', {x: labelWidth, y: y + 3, width: w, height: rowHeight - 7, rx: 2, class: 'series-' + (options.colorIndex || 0)}),
      h('text', {x: labelWidth + w + 5, y: y + 15, class: 'chart-value'}, fmtCompact(bar.value)));
    if (options.href) {
      const a = h('a', {href: options.href(bar), class: 'chart-link'});
      a.append(g);
      svg.append(a);
    } else {
      svg.append(g);
    }
  });
  return svg;
}

/**
 * Stacked columns over time. points: [{t, series, value}]; a series per distinct name, at most 8
 * (the rest is summed into 'other').
 */
export function timeChart(points, options = {}) {
  const totals = new Map();
  for (const p of points) totals.set(p.series, (totals.get(p.series) || 0) + p.value);
  let names = [...totals.keys()].sort((a, b) => totals.get(b) - totals.get(a));
  if (names.length > 8) {
    const keep = new Set(names.slice(0, 7));
    points = points.map((p) => (keep.has(p.series) ? p : {...p, series: 'other'}));
    names = [...names.slice(0, 7), 'other'];
  }
  const times = [...new Set(points.map((p) => new Date(p.t).getTime()))].filter((t) => !Number.isNaN(t)).sort((a, b) => a - b);
  const stack = new Map(times.map((t) => [t, new Map()]));
  for (const p of points) {
    const m = stack.get(new Date(p.t).getTime());
    if (m) m.set(p.series, (m.get(p.series) || 0) + p.value);
  }
  const max = Math.max(1, ...[...stack.values()].map((m) => [...m.values()].reduce((a, b) => a + b, 0)));
  const width = options.width || 640;
  const height = options.height || 180;
  const left = 44;
  const bottom = 20;
  const plotW = width - left - 6;
  const plotH = height - bottom - 8;
  const step = plotW / Math.max(1, times.length);
  const svg = h('svg', {class: 'chart chart-time', viewBox: `0 0 ${width} ${height}`, role: 'img',
    'aria-label': options.title || 'chart over time', dataset: {test: 'chart-time'}});
  for (let i = 0; i <= 4; i++) {
    const v = (max * i) / 4;
    const y = 8 + plotH - (plotH * i) / 4;
    svg.append(h('line', {x1: left, x2: width - 4, y1: y, y2: y, class: 'grid'}),
      h('text', {x: left - 4, y: y + 4, class: 'axis', 'text-anchor': 'end'}, fmtCompact(Math.round(v))));
  }
  times.forEach((t, i) => {
    let y = 8 + plotH;
    const x = left + i * step + step * 0.1;
    const m = stack.get(t);
    names.forEach((name, s) => {
      const v = m.get(name) || 0;
      if (!v) return;
      const hgt = (v / max) * plotH;
      y -= hgt;
      svg.append(h('rect', {x, y, width: Math.max(1, step * 0.8), height: hgt, class: 'series-' + s},
        h('title', null, `${fmtTime(t)}  ${name}: ${fmtNumber(v)}`)));
    });
  });
  const labelEvery = Math.max(1, Math.ceil(times.length / 6));
  times.forEach((t, i) => {
    if (i % labelEvery) return;
    const d = new Date(t).toISOString();
    svg.append(h('text', {x: left + i * step + step / 2, y: height - 5, class: 'axis', 'text-anchor': 'middle'},
      d.slice(5, 10) + ' ' + d.slice(11, 16)));
  });
  const legend = names.length > 1 || options.legend
    ? h('div', {class: 'legend'}, names.map((n, s) => h('span', {class: 'legend-item'},
      h('span', {class: 'swatch series-' + s}), n)))
    : null;
  return h('div', {class: 'chart-wrap'}, svg, legend);
}
