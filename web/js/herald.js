/**
 * Herald's browser client, in one import:
 *
 *   import { subscribe } from '/js/herald.js';
 *   const off = subscribe('custom/demo', (event) => console.log(event.type, event.data), {
 *     onReset: () => refetchSnapshots(),
 *     onState: (state) => console.log(state),
 *   });
 *
 * One connection per page — and one per origin when SharedWorker is available —
 * created on the first subscribe(). Options come from configure() and, taking
 * precedence, from the page's query string (see options.js), so tests can write
 * `?maxAttempts=3&sharedWorker=0`.
 */
import { COMMON_CUSTOM_TYPES } from './connection.js';
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
  if (!hub) hub = new Hub({ ...config, ...queryOptions() });
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
 * (snapshots have no id). Options: onReset(reason) — the resume point was lost, refetch
 * snapshots over REST; onState(state) — called now and on every change; types — extra SSE
 * event types to listen for (custom/… topics listen to common names by default).
 * Returns a function that unsubscribes.
 */
export function subscribe(topic, handler, { onReset, onState: stateListener, types } = {}) {
  const h = getHub();
  const wanted = [...(types ?? [])];
  if (typeof topic === 'string' && topic.startsWith('custom/')) wanted.push(...COMMON_CUSTOM_TYPES);
  const off = h.subscribe(topic, handler, { onReset, types: wanted });
  const offState = typeof stateListener === 'function' ? h.onState(stateListener) : null;
  return () => {
    offState?.();
    off();
  };
}

/** The connection state now: 'connecting' | 'connected' | 'disconnected' | 'error'. */
export function connectionState() {
  return hub ? hub.state : 'disconnected';
}

/** Calls fn(state) now and on every change; returns a function that stops it. */
export function onState(fn) {
  return getHub().onState(fn);
}

/** 'shared-worker' or 'local' once connected, else null. */
export function connectionMode() {
  return hub ? hub.mode : null;
}

/** Id of the last event received: the resume point. */
export function lastEventId() {
  return hub ? hub.lastEventId : null;
}

/** Reconnects at once (after `error`, for instance). */
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
