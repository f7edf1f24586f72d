// The console's one way to the ledger: the public API (/v1/…) with the key in the
// Authorization header. The key is kept in sessionStorage only (gone when the tab closes),
// never in a URL, a cookie or a log.

const KEY = 'ledger.key';
const IDENTITY = 'ledger.identity';

export const session = {
  get key() {
    return sessionStorage.getItem(KEY);
  },
  get identity() {
    const text = sessionStorage.getItem(IDENTITY);
    return text ? JSON.parse(text) : undefined;
  },
  signIn(key, identity) {
    sessionStorage.setItem(KEY, key);
    sessionStorage.setItem(IDENTITY, JSON.stringify(identity));
  },
  signOut() {
    sessionStorage.removeItem(KEY);
    sessionStorage.removeItem(IDENTITY);
  },
};

/** An answer other than 2xx, with the ledger's message and the console's words for it. */
export class ApiError extends Error {
  constructor(status, body, doing) {
    super(describe(status, body, doing));
    this.status = status;
    this.body = body;
  }
}

function serverMessage(body) {
  if (!body || body.message === undefined) return '';
  return Array.isArray(body.message) ? body.message.join('; ') : String(body.message);
}

/** ['a', 'b', 'c'] → "a, b and c" */
const inWords = (names) => (names.length <= 2 ? names.join(' and ') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`);

function describe(status, body, doing) {
  const role = session.identity?.role;
  switch (status) {
    case 401:
      return 'The ledger does not accept this key: it is unknown or has been revoked. Sign in again with a valid key.';
    case 403: {
      const allowed = /\(allowed: ([^)]*)\)/.exec(serverMessage(body))?.[1];
      // The ledger names the roles allowed (docs/api.md §3): "role service may not do this (allowed: auditor, regulator)".
      const who = role ? `${/^[aeiou]/.test(role) ? 'An' : 'A'} ${role} key` : 'This key';
      const rest = allowed ? ` Only ${allowed === 'none' ? 'no role' : inWords(allowed.split(', '))} keys may.` : ` ${serverMessage(body)}`;
      return `${who} may not ${doing}.${rest}`;
    }
    case 404:
      return `Not found: ${serverMessage(body) || 'the ledger knows no such thing at this cut'}.`;
    case 400:
      return `The ledger refused the request: ${serverMessage(body)}.`;
    case 429:
      return `Too many wrong keys were tried from this address: ${serverMessage(body)}.`;
    case 503:
      return 'The event store is unavailable right now; retry in a moment.';
    case 0:
      return 'The ledger cannot be reached (network error). Is it running?';
    default:
      return `The ledger answered ${status}: ${serverMessage(body) || 'an error'}.`;
  }
}

/** Builds `/v1/path?a=1` from the non-empty parameters. */
export function url(path, parameters = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) if (value !== undefined && value !== null && value !== '') query.set(name, String(value));
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/**
 * Calls the API. `doing` says in words what the call is for ("read the audit timeline"): a 403
 * is then told as "A service key may not read the audit timeline. Only regulator and auditor keys may."
 */
export async function call(path, { doing = 'do this', method = 'GET', body, key = session.key, raw = false } = {}) {
  let response;
  try {
    response = await fetch(path, {
      method,
      headers: { ...(key ? { Authorization: `Bearer ${key}` } : {}), ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, undefined, doing);
  }
  if (!response.ok) {
    const answer = await response.json().catch(() => undefined);
    const error = new ApiError(response.status, answer, doing);
    if (response.status === 401 && key === session.key) window.dispatchEvent(new CustomEvent('ledger:signed-out', { detail: error.message }));
    throw error;
  }
  return raw ? response : response.json();
}

/** The head position (`GET /health` with a key says it), or "0" for an empty log. */
export async function headPosition() {
  const health = await call('/health', { doing: 'read the ledger head' });
  return health.position ?? '0';
}
