// The console's only way to the server: JSON over the REST API with the session cookie, the CSRF
// token on unsafe methods, and errors turned into one shape that pages can explain in plain words.

let csrfToken = null;
let onSignedOut = () => {};

export class ApiError extends Error {
  constructor(status, error, detail, retryAfter) {
    super(detail || error);
    this.status = status;
    this.error = error;
    this.detail = detail;
    this.retryAfter = retryAfter;
  }

  /** The endpoint does not exist on this server (an older server, or a feature not built in). */
  get notAvailable() {
    return this.status === 404 || this.status === 405 || this.status === 501;
  }
}

export function setCsrf(token) {
  csrfToken = token;
}

export function whenSignedOut(callback) {
  onSignedOut = callback;
}

export async function call(method, path, body, opts = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let r;
  try {
    r = await fetch(path, {
      method, headers, credentials: 'same-origin', cache: 'no-store', signal: opts.signal,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network', 'The server did not answer (' + e.message + '). Check that mailtrace serve is running.');
  }
  if (r.status === 204) return null;
  const type = r.headers.get('Content-Type') || '';
  if (!r.ok) {
    let err = { error: 'error', detail: r.status + ' ' + r.statusText };
    if (type.includes('json')) err = await r.json().catch(() => err);
    const e = new ApiError(r.status, err.error, err.detail, r.headers.get('Retry-After'));
    if (r.status === 401 && !opts.signingIn) onSignedOut();
    throw e;
  }
  if (opts.raw) return r;
  return type.includes('json') ? r.json() : r.text();
}

export const get = (path, opts) => call('GET', path, undefined, opts);
export const post = (path, body, opts) => call('POST', path, body ?? {}, opts);
export const patch = (path, body) => call('PATCH', path, body);
export const del = (path) => call('DELETE', path);

/** What went wrong, for a person: short, with what to do. */
export function explain(e) {
  if (!(e instanceof ApiError)) return 'Something went wrong in the console: ' + (e && e.message);
  switch (e.status) {
    case 0: return e.detail;
    case 400: return 'The server did not accept this: ' + e.detail;
    case 401: return 'You are signed out. Sign in again.';
    case 403: return 'Your role does not allow this (' + e.detail + ').';
    case 429: return 'Too many requests for now. Try again in ' + (e.retryAfter || 'a few') + ' seconds.';
    case 503: return 'The trace store is unavailable: ' + e.detail;
    default: return e.detail || e.error;
  }
}

/** Builds a query string from an object whose values may be arrays (repeated parameters). */
export function qs(params) {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v == null || v === '') continue;
    for (const one of Array.isArray(v) ? v : [v]) if (one !== '' && one != null) u.append(k, one);
  }
  const s = u.toString();
  return s ? '?' + s : '';
}
