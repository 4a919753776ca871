// Reading integration health from the API, tolerant of the two shapes a list may take.
import {toSeconds} from './dom.js';

export function integrationsOf(answer) {
  return Array.isArray(answer) ? answer : answer.integrations || answer.items || [];
}

export function streamsOf(integration) {
  const streams = integration.streams || integration.health || [];
  return Array.isArray(streams) ? streams : Object.entries(streams).map(([dataType, s]) => ({dataType, ...s}));
}

export function stateOf(stream) {
  return String(stream.state || 'PENDING').toUpperCase();
}

export const STATE_LABEL = {CONNECTED: 'Connected', DEGRADED: 'Degraded', ERROR: 'Error', PENDING: 'Pending', DISABLED: 'Disabled'};

export function lagSeconds(stream) {
  if (stream.lagSeconds !== undefined) return stream.lagSeconds;
  if (stream.lagMs !== undefined) return stream.lagMs / 1000;
  return toSeconds(stream.lag);
}

/** The worst state of an integration's streams (what its card shows first). */
export function worstState(integration) {
  if (integration.enabled === false) return 'DISABLED';
  const order = ['ERROR', 'DEGRADED', 'PENDING', 'CONNECTED'];
  let worst = 'CONNECTED';
  const streams = streamsOf(integration);
  if (!streams.length) return 'PENDING';
  for (const s of streams) if (order.indexOf(stateOf(s)) < order.indexOf(worst)) worst = stateOf(s);
  return worst;
}
