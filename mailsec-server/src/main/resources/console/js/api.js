// The REST API client of the console (docs/rest-api.md). The session is the HttpOnly cookie set at
// login; every state-changing call carries the session's CSRF token in X-CSRF-Token.

const BASE = 'api/v1/';

/** An error answer of the API: {error: {code, message, line?, column?, suggestion?, fields?, problems?}}. */
export class ApiError extends Error {
  constructor(status, body) {
    const error = (body && body.error) || {};
    super(ApiError.describe(status, error));
    this.status = status;
    this.code = error.code || String(status);
    this.line = error.line;
    this.column = error.column;
    this.suggestion = error.suggestion;
    this.fields = error.fields || {};
    this.problems = error.problems || []; // [{message, line?}] of an invalid rule (422)
    this.retryAfter = null;
  }

  /** The text a person reads; a refusal says why rather than only the server's terse reason. */
  static describe(status, error) {
    const message = error.message || 'HTTP ' + status;
    if (status === 403 && error.code === 'forbidden') {
      return 'Your role is not allowed to do this (' + message + ').';
    }
    if (status === 403 && error.code === 'csrf') {
      return 'The page\'s session token is out of date; reload the page and try again.';
    }
    return message;
  }

  /** The endpoint does not exist on this server (e.g. alerts before the detection engine ships). */
  get notAvailable() {
    return this.status === 404 || this.status === 501;
  }
}

export const session = {
  user: null, // {username, role}
  csrfToken: null,
  onUnauthorized: () => {},
};

const ROLE_RANK = {viewer: 1, analyst: 2, admin: 3};

/** True when the signed-in user has at least the given role; the API enforces roles anyway. */
export function can(role) {
  const user = session.user;
  return Boolean(user) && (ROLE_RANK[user.role] || 0) >= (ROLE_RANK[role] || 99);
}

export async function request(method, path, body, options = {}) {
  const headers = {Accept: 'application/json'};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && session.csrfToken) {
    headers['X-CSRF-Token'] = session.csrfToken;
  }
  let response;
  try {
    response = await fetch(BASE + path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: options.signal,
    });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, {error: {code: 'unreachable', message: 'The mailsec server cannot be reached. Is it running?'}});
  }
  const text = await response.text();
  let json = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch (e) {
      json = null;
    }
  }
  if (!response.ok) {
    const error = new ApiError(response.status, json);
    error.retryAfter = response.headers.get('Retry-After');
    if (response.status === 401 && !options.allowUnauthorized) session.onUnauthorized();
    throw error;
  }
  return json;
}

export const api = {
  get: (path, options) => request('GET', path, undefined, options),
  post: (path, body, options) => request('POST', path, body === undefined ? {} : body, options),
  put: (path, body) => request('PUT', path, body),
  patch: (path, body) => request('PATCH', path, body),
  del: (path) => request('DELETE', path),
};

export async function me() {
  const answer = await request('GET', 'auth/me', undefined, {allowUnauthorized: true});
  session.user = answer.user || {username: answer.username, role: answer.role};
  session.csrfToken = answer.csrfToken;
  return session.user;
}

export async function login(username, password) {
  const answer = await request('POST', 'auth/login', {username, password}, {allowUnauthorized: true});
  session.user = answer.user;
  session.csrfToken = answer.csrfToken;
  return session.user;
}

export async function logout() {
  try {
    await request('POST', 'auth/logout', {}, {allowUnauthorized: true});
  } finally {
    session.user = null;
    session.csrfToken = null;
  }
}

/** Runs a query; resolves to the API's result ({kind: 'events'|'table', ...}). */
export function search(query, {limit, cursor, signal} = {}) {
  const body = {query};
  if (limit) body.limit = limit;
  if (cursor) body.cursor = cursor;
  return request('POST', 'search', body, {signal});
}

let schemaPromise = null;

/** The schema registry, fetched once per page load (it only changes with a new server version). */
export function schema() {
  if (!schemaPromise) {
    schemaPromise = api.get('schema').then(normalizeSchema).catch((e) => {
      schemaPromise = null;
      throw e;
    });
  }
  return schemaPromise;
}

/** Accepts {schemas: [{name, fields}]} or {schemas: {name: {fields}}}; returns a list. */
function normalizeSchema(answer) {
  let schemas = answer.schemas || [];
  if (!Array.isArray(schemas)) {
    schemas = Object.entries(schemas).map(([name, s]) => ({name, ...s}));
  }
  return {
    schemas,
    logicalTypes: answer.logicalTypes || answer.logical_types || [],
    keywords: answer.keywords || [],
  };
}

/** The field definition of a dotted path in a schema, or null. */
export function fieldDef(schemaInfo, schemaName, path) {
  const s = schemaInfo.schemas.find((x) => x.name === schemaName);
  return (s && (s.fields || []).find((f) => f.name === path)) || null;
}
