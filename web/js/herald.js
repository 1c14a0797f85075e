/**
 * Herald's browser client, in one import (docs/browser-client.md):
 *
 *   import { subscribe } from '/js/herald.js';
 *   const off = subscribe('custom/demo', (event) => console.log(event.type, event.data), {
 *     onReset: () => refetchSnapshots(),
 *     onState: (state) => console.log(state),
 *   });
 *
 * Every event type of the topic reaches the handler; nothing needs to be listed.
 * One connection per page — and one per origin when SharedWorker is available —
 * created on the first subscribe(). Options come from configure() and, taking
 * precedence, from the page's query string (see options.js), so tests can write
 * `?maxAttempts=3&sharedWorker=0`.
 *
 * When the session ends (`expired`) the stream stops in state `expired` and the
 * listeners of onExpired() run; then, on the next task, it resumes once with the
 * topics still subscribed, so a page that unsubscribed what needed the session
 * keeps its public topics live. If that one attempt is refused, it stays `expired`
 * until reconnect() (after a new sign-in): never a retry loop.
 */
import { Hub } from './hub.js';
import { mountIndicator as mount } from './indicator.js';
import { optionsFromQuery } from './options.js';

export { STATES } from './connection.js';
export { ProblemError, request, getJSON, postJSON, putJSON, deleteJSON, withRetry, newClientId } from './rest.js';
export { createStore, shallowEqual } from './store.js';
export { createBuffer } from './buffer.js';

let config = {};
let hub = null;

function queryOptions() {
  return typeof location !== 'undefined' ? optionsFromQuery(location.search) : {};
}

/** The page's hub, created on first use. */
export function getHub() {
  if (!hub) {
    const created = new Hub({ ...config, ...queryOptions() });
    // Registered first, deferred to the next task: every page's onExpired listener
    // has dropped what needed the session by then.
    created.onExpired(() => setTimeout(() => created.resume(), 0));
    hub = created;
  }
  return hub;
}

/**
 * Sets options before the first subscribe(): url, maxAttempts, backoffBase, backoffCap,
 * heartbeatInterval, gracePeriod, sharedWorker. Calling it later closes the current
 * connection; subscriptions made before must then be made again.
 */
export function configure(options = {}) {
  config = { ...config, ...options };
  if (hub) {
    hub.close();
    hub = null;
  }
}

/**
 * Subscribes to a topic. handler receives the envelope {id, topic, type, timestamp, data}
 * of every event of the topic, whatever its type (snapshots have no id). Options:
 * onReset({reason, earliestId}) — the resume point was lost, refetch state over REST;
 * onRevoked({topic, reason}) — the server took the topic away (the subscription has ended);
 * onExpired({reason}) — the session ended; onState(state) — called now and on every change.
 * Returns a function that unsubscribes.
 */
export function subscribe(topic, handler, { onReset, onRevoked, onExpired: expiredListener, onState: stateListener } = {}) {
  const h = getHub();
  const off = h.subscribe(topic, handler, { onReset, onRevoked, onExpired: expiredListener });
  const offState = typeof stateListener === 'function' ? h.onState(stateListener) : null;
  return () => {
    offState?.();
    off();
  };
}

/** The connection state now: 'connecting' | 'connected' | 'disconnected' | 'error' | 'expired'. */
export function connectionState() {
  return hub ? hub.state : 'disconnected';
}

/** Calls fn(state) now and on every change; returns a function that stops it. */
export function onState(fn) {
  return getHub().onState(fn);
}

/** Calls fn({reason}) when the session ends; returns a function that stops it. */
export function onExpired(fn) {
  return getHub().onExpired(fn);
}

/** Calls fn(topic, {reason}) when the server takes a topic away; returns a function that stops it. */
export function onRevoked(fn) {
  return getHub().onRevoked(fn);
}

/** 'shared-worker' or 'local' once connected, else null. */
export function connectionMode() {
  return hub ? hub.mode : null;
}

/** Id of the last event received: the resume point. */
export function lastEventId() {
  return hub ? hub.lastEventId : null;
}

/** Reconnects at once: after `error`, or after signing in again once the session `expired`. */
export function reconnect() {
  getHub().connect();
}

/** Closes the connection and drops every subscription. */
export function disconnect() {
  hub?.close();
}

/** Mounts the connection indicator into target (element or selector); returns {element, destroy}. */
export function mountIndicator(target, options) {
  return mount(target, getHub(), options);
}
