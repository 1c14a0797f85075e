/**
 * Renews a stream's credential when the stream says `expiring` ({expiresIn, stream}),
 * so a page left open keeps one stream for as long as it is open:
 *
 *   POST /api/session/renew                     a new token of the same session (sets the cookie)
 *   POST /api/streams/{stream}/credential       the stream takes it, on whichever node holds it
 *
 * Network failures and 5xx are retried while time is left; a refusal (401 signed out,
 * 403, 404) is final, and the stream ends with `expired` at its expiry, as without a
 * renewal. In jwt mode the first call answers 404: the page's identity provider gives new
 * tokens, which this module cannot get, so nothing is renewed. Works in a page and in the
 * shared worker (fetch sends the cookie in both).
 */
import { backoffDelay } from './backoff.js';

/** The REST base of an events URL: '/api/events' → '/api'. */
export function apiBase(eventsUrl) {
  const path = String(eventsUrl).split('?')[0];
  return path.replace(/\/events\/?$/, '');
}

/**
 * @param {{stream: string, expiresIn: number}} notice  the `expiring` event's data
 * @param {object} options  url (the events URL), withCredentials, fetch, sleep, now, random (for tests)
 * @returns {Promise<boolean>} whether the stream took a new credential
 */
export async function renewStream(notice, options = {}) {
  const stream = typeof notice?.stream === 'string' ? notice.stream : null;
  if (!stream) return false;
  const doFetch = options.fetch ?? globalThis.fetch;
  if (typeof doFetch !== 'function') return false;
  const now = options.now ?? (() => Date.now());
  const sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const base = apiBase(options.url ?? '/api/events');
  const credentials = options.withCredentials ? 'include' : 'same-origin';
  const deadline = now() + Math.max(0, Number(notice.expiresIn) || 0);
  const post = (path) => doFetch(base + path, {
    method: 'POST',
    credentials,
    headers: { Accept: 'application/json, application/problem+json' },
  });

  for (let attempt = 0; now() < deadline; attempt += 1) {
    try {
      const session = await post('/session/renew');
      if (session.ok) {
        const handed = await post(`/streams/${encodeURIComponent(stream)}/credential`);
        if (handed.ok) return true;
        if (!worthRetrying(handed.status)) return false;
      } else if (!worthRetrying(session.status)) {
        return false;
      }
    } catch {
      // The network failed: try again while the credential lasts.
    }
    const wait = Math.min(Math.max(100, backoffDelay(attempt, { base: 500, cap: 5000, random })), Math.max(0, deadline - now()));
    await sleep(wait);
  }
  return false;
}

function worthRetrying(status) {
  return status === 408 || status === 429 || status >= 500;
}
