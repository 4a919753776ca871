// Hash router: '#/search?q=...' -> the page module for 'search' with params {q: '...'}. Routes are
// linkable and survive a reload; page modules are loaded on first use so the first page is fast.

const routes = [];
let current = null; // {cleanup, token}
let view = null;

/** Registers a route; pattern like 'event/:id'; load() resolves to a module with render(). */
export function route(pattern, load, options = {}) {
  const parts = pattern.split('/');
  routes.push({pattern, parts, load, ...options});
}

export function parseHash(hash = location.hash) {
  const text = hash.replace(/^#\/?/, '');
  const q = text.indexOf('?');
  const path = q < 0 ? text : text.slice(0, q);
  const params = Object.fromEntries(new URLSearchParams(q < 0 ? '' : text.slice(q + 1)));
  return {path: path.replace(/\/$/, ''), params};
}

export function link(path, params) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== undefined && v !== null && v !== '') query.set(k, v);
  }
  const qs = query.toString();
  return '#/' + path + (qs ? '?' + qs : '');
}

export function navigate(path, params) {
  location.hash = link(path, params).slice(1);
}

/** Records new params of the current page in the history without re-rendering it. */
export function pushParams(params) {
  const {path} = parseHash();
  const target = link(path, params);
  if (target !== location.hash) history.pushState(null, '', target);
}

function match(path) {
  const parts = path.split('/');
  for (const r of routes) {
    if (r.parts.length !== parts.length) continue;
    const params = {};
    let ok = true;
    r.parts.forEach((p, i) => {
      if (p.startsWith(':')) params[p.slice(1)] = decodeURIComponent(parts[i]);
      else if (p !== parts[i]) ok = false;
    });
    if (ok) return {route: r, params};
  }
  return null;
}

/**
 * Signals that the page shows its data: marks the time for load measurements (the browser tests
 * read 'mailsec-ready' from the Performance API) and sets data-ready on the view.
 */
export function ready(token) {
  if (!current || current.token !== token || view.dataset.ready) return;
  view.dataset.ready = 'true';
  performance.mark('mailsec-ready:' + token.name);
}

export function start(container, {fallback, guard, onRoute}) {
  view = container;
  const render = async () => {
    const {path, params} = parseHash();
    const found = match(path) || match(fallback);
    if (!found) return;
    if (guard && !guard(found.route, path)) return;
    if (current && current.cleanup) current.cleanup();
    const token = {name: found.route.pattern, started: performance.now()};
    current = {token, cleanup: null};
    delete view.dataset.ready;
    view.dataset.page = found.route.pattern.split('/')[0];
    if (onRoute) onRoute(found.route, path);
    const module = await found.route.load();
    if (current.token !== token) return;
    view.replaceChildren();
    const cleanup = await module.render(view, {...found.params, ...params}, () => ready(token));
    if (current.token === token) current.cleanup = cleanup || null;
    else if (cleanup) cleanup();
  };
  window.addEventListener('hashchange', render);
  return render;
}
