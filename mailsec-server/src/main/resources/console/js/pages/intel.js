// Threat intel: indicators from the Mimecast feed with their lifecycle (active, expired, revoked),
// counts by type and feed, and a pivot from each indicator to the mail and clicks it matches.
import {search} from '../api.js';
import {h, notice, spinner, fmtTime, display, eventFields, flatten, qlString, searchLink, replace} from '../dom.js';
import {chartFor} from '../charts.js';

const PIVOT_TYPE = {sha256: '@hash', sha1: '@hash', md5: '@hash', url: '@url', domain: '@domain', ip: '@ip', sender: '@email'};

export function lifecycle(f, now = Date.now()) {
  if (f.revoked === true || f.revoked === 'true') return 'revoked';
  if (f.valid_until && new Date(f.valid_until).getTime() < now) return 'expired';
  if (f.valid_from && new Date(f.valid_from).getTime() > now) return 'pending';
  return 'active';
}

export async function render(view, params, ready) {
  const type = h('select', {dataset: {test: 'indicator-type'}}, h('option', {value: ''}, 'Every type'),
    Object.keys(PIVOT_TYPE).map((t) => h('option', {value: t, selected: t === params.type}, t)));
  type.addEventListener('change', () => {
    location.hash = '/intel' + (type.value ? '?type=' + type.value : '');
  });
  const chart = h('section', {class: 'panel wide'}, h('h2', null, 'Indicators by type and feed (31 days)'), spinner());
  const list = h('section', {class: 'panel wide', dataset: {test: 'indicators'}}, h('h2', null, 'Latest indicators'), spinner());
  view.append(h('div', {class: 'page'}, h('div', {class: 'page-head'}, h('h1', null, 'Threat intel'), h('span', {class: 'spacer'}), type),
    h('div', {class: 'dashboard-grid'}, chart, list)));
  const filter = type.value ? ` WHERE indicator_type = ${qlString(type.value)}` : '';

  search(`FROM threat_indicator${filter} EARLIEST=-31d | aggregate count by indicator_type, feed_type | sort count desc`)
    .then((answer) => replace(chart, h('h2', null, 'Indicators by type and feed (31 days)'),
      (answer.rows || []).length ? chartFor(answer) : notice('empty', 'No indicators collected.', 'Select “threat-intel” on an integration under Cloud APIs.')))
    .catch((err) => replace(chart, notice('error', 'Indicators could not be counted', err.message)));

  try {
    const answer = await search(`FROM threat_indicator${filter} EARLIEST=-31d | head 200`, {limit: 200});
    const events = answer.events || [];
    if (!events.length) {
      replace(list, h('h2', null, 'Latest indicators'), notice('empty', 'No indicators in the last 31 days.', 'The Mimecast feed publishes indicators as they are seen; check the threat-intel stream under Cloud APIs.', 'no-indicators'));
    } else {
      replace(list, h('h2', null, 'Latest indicators'), h('div', {class: 'table-scroll'}, h('table', {class: 'grid-table', dataset: {test: 'indicators-table'}},
        h('thead', null, h('tr', null, ['Seen', 'Type', 'Value', 'Feed', 'Malware', 'State', 'Valid until', 'Matches'].map((c) => h('th', null, c)))),
        h('tbody', null, events.map((e) => {
          const f = flatten(eventFields(e));
          const state = lifecycle(f);
          const token = PIVOT_TYPE[f.indicator_type];
          return h('tr', {dataset: {test: 'indicator-row', state}},
            h('td', null, h('a', {href: '#/event/' + encodeURIComponent(f.id)}, fmtTime(f.event_time))),
            h('td', null, display(f.indicator_type)),
            h('td', {class: 'mono wide'}, display(f.indicator_value)),
            h('td', null, display(f.feed_type)),
            h('td', null, display(f.malware_names)),
            h('td', null, h('span', {class: 'lifecycle lifecycle-' + state}, state)),
            h('td', null, fmtTime(f.valid_until)),
            h('td', null, token && f.indicator_value
              ? h('a', {href: searchLink(`FROM email, http WHERE ${token} = ${qlString(f.indicator_value)} EARLIEST=-31d`), dataset: {test: 'indicator-matches'}}, 'find in mail')
              : ''));
        })))));
    }
  } catch (err) {
    replace(list, notice('error', 'Indicators could not be loaded', err.message));
  }
  ready();
}
