// The REST API from the page: the operator's token (entered once, kept for this tab) and errors in the API's
// own words ({"status", "error", "detail"}).
const KEY = 'netserv-of.token';

/** A refusal from the API, or a request that reached nothing. */
export class ApiError extends Error {
  constructor(status, error, detail) {
    super(status ? `${status} ${error}: ${detail}` : detail);
    this.status = status;
  }
}

let asking = null;
let askHandler = () => Promise.reject(new ApiError(0, '', 'no way to ask for a token'));

/** Who asks the operator for a token: a function(reason) that resolves once one is stored. */
export function onTokenNeeded(handler) {
  askHandler = handler;
}

export function token() {
  return sessionStorage.getItem(KEY);
}

export function setToken(value) {
  if (value) sessionStorage.setItem(KEY, value.trim());
  else sessionStorage.removeItem(KEY);
}

/** Asks once for every request waiting on a token at the same time. */
export function askToken(reason) {
  if (!asking) asking = askHandler(reason).finally(() => { asking = null; });
  return asking;
}

/** The request's headers: JSON, and the token when there is one. */
export function headers(accept = 'application/json', json = false) {
  const out = { Accept: accept };
  if (json) out['Content-Type'] = 'application/json';
  const t = token();
  if (t) out.Authorization = `Bearer ${t}`;
  return out;
}

/** The ApiError an error response carries. */
export async function errorOf(response) {
  try {
    const body = await response.json();
    return new ApiError(response.status, body.error || response.statusText, body.detail || '');
  } catch (e) {
    return new ApiError(response.status, response.statusText, 'the answer was not the API\'s JSON');
  }
}

/** Sends a request; a 401 asks for a token and tries once more. Resolves to the JSON body (null for 204). */
export async function call(method, path, body) {
  for (let attempt = 0; ; attempt++) {
    let response;
    try {
      response = await fetch(path, { method, headers: headers('application/json', body !== undefined),
        body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
    } catch (e) {
      throw new ApiError(0, '', `the controller did not answer ${method} ${path}`);
    }
    if (response.status === 401 && attempt === 0) {
      await askToken((await errorOf(response)).message);
      continue;
    }
    if (!response.ok) throw await errorOf(response);
    if (response.status === 204) {
      await response.text(); // read to its end: an unread body is cancelled, and logged as a failed request
      return { status: 204 };
    }
    return Object.assign(await response.json(), response.status === 202 ? { accepted: true } : {});
  }
}

export const get = path => call('GET', path);

/** A read from a module that may not run on this controller (503): the fallback then. */
export async function optional(path, fallback) {
  try {
    return await get(path);
  } catch (e) {
    if (e.status === 503) return fallback;
    throw e;
  }
}

/** A change: asks for the token first when there is none, so the write is sent once, with it. */
export async function write(method, path, body) {
  if (!token()) await askToken('Changes need an operator\'s token.');
  return call(method, path, body);
}
