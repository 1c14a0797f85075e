/**
 * The page's connection to Herald: the page's subscriptions (one Subscribers)
 * and what carries their topics, a shared worker's one stream for all tabs where
 * possible (WorkerLink), otherwise a stream of this tab (TopicStream). If the
 * worker fails to start, the topics move to a TopicStream; the subscriptions
 * themselves never move, they live in one place.
 */
import { Emitter } from './emitter.js';
import { STATES, StateValue } from './state.js';
import { Subscribers } from './subscribers.js';
import { TopicStream } from './topic-stream.js';
import { WORKER_URL, WorkerLink } from './worker-link.js';

export const MODES = Object.freeze({ SHARED_WORKER: 'shared-worker', LOCAL: 'local' });

/**
 * A SharedWorker must come from the page's own origin: a page elsewhere that
 * imports this client from Herald's origin gets one stream per tab, quietly.
 */
function sameOrigin(win) {
  const origin = win.location?.origin;
  return !origin || origin === new URL(WORKER_URL).origin;
}

export class Hub {
  /**
   * @param {object} [options]  client options (see herald.js configure) plus sharedWorker (default true where supported)
   * @param {{SharedWorker?: Function, window?: object, link?: object, stream?: object}} [env]
   *   what the browser provides, and for tests the options of the WorkerLink and TopicStream made
   */
  constructor(options = {}, env = {}) {
    this.options = { ...options };
    this._env = { SharedWorker: globalThis.SharedWorker, window: globalThis.window, ...env };
    this._events = new Emitter();
    this._state = new StateValue();
    this._state.onChange((state) => this._events.emit('state', state));
    this._subs = new Subscribers({
      onFirst: (topic) => this._ensure().add(topic),
      onLast: (topic) => this._backend?.remove(topic),
    });
    this._backend = null;
    this._offBackend = [];
    this._mode = null;
  }

  get state() {
    return this._state.value;
  }

  /** 'shared-worker' or 'local' once the first subscription started the connection, else null. */
  get mode() {
    return this._mode;
  }

  get lastEventId() {
    return this._backend?.lastEventId ?? null;
  }

  /** Topics this page subscribes to now. */
  get topics() {
    return this._subs.topics();
  }

  /** Calls fn with the current state now, then on every change. */
  onState(fn, { immediate = true } = {}) {
    const off = this._events.on('state', fn);
    if (immediate) fn(this.state);
    return off;
  }

  /** Calls fn with the mode whenever it changes (after a fallback, for instance). */
  onMode(fn) {
    return this._events.on('mode', fn);
  }

  /** Calls fn(data) when the server ends the stream because the session ended. */
  onExpired(fn) {
    return this._events.on('expired', fn);
  }

  /** Calls fn(topic, data) when the server takes a topic away. */
  onRevoked(fn) {
    return this._events.on('revoked', fn);
  }

  /** See Subscribers.add. */
  subscribe(topic, handler, callbacks = {}) {
    return this._subs.add(topic, handler, callbacks);
  }

  /** Reconnects now: the way out of `error`, and of `expired` after signing in again. */
  connect() {
    this._backend?.connect();
  }

  /** After `expired`: one attempt with the topics still subscribed. */
  resume() {
    this._backend?.resume();
  }

  /** Closes the connection and drops every subscription. */
  close() {
    const backend = this._backend;
    this._detach();
    this._subs.clear();
    backend?.close();
    this._state.set(STATES.DISCONNECTED);
  }

  _ensure() {
    if (this._backend) return this._backend;
    const { SharedWorker: SW, window: win } = this._env;
    if (this.options.sharedWorker !== false && typeof SW === 'function' && win && sameOrigin(win)) {
      try {
        const link = new WorkerLink(this.options, { ...this._env.link, SharedWorker: SW, window: win });
        link.on('fallback', (reason) => this._fallback(link, reason));
        link.on('restored', () => {
          for (const topic of this._subs.topics()) link.add(topic);
        });
        this._use(link, MODES.SHARED_WORKER);
        return link;
      } catch (err) {
        if (typeof console !== 'undefined') console.warn('[herald] SharedWorker unavailable, one stream per tab', err);
      }
    }
    const stream = new TopicStream({ ...this.options, ...this._env.stream });
    this._use(stream, MODES.LOCAL);
    return stream;
  }

  _use(backend, mode) {
    this._detach();
    this._backend = backend;
    this._offBackend = [
      backend.onState((s) => this._state.set(s)),
      backend.on('event', (env) => this._subs.deliver(env)),
      backend.on('reset', (data, topic) => this._subs.reset(data, topic ?? null)),
      backend.on('revoked', (topic, data) => {
        this._subs.revoke(topic, data);
        this._events.emit('revoked', topic, data);
      }),
      backend.on('expired', (data) => {
        this._subs.expire(data);
        this._events.emit('expired', data);
      }),
    ];
    this._state.set(backend.state);
    if (mode !== this._mode) {
      this._mode = mode;
      this._events.emit('mode', mode);
    }
  }

  _detach() {
    for (const off of this._offBackend) off();
    this._offBackend = [];
    this._backend = null;
  }

  _fallback(link, reason) {
    if (this._backend !== link) return;
    if (typeof console !== 'undefined') console.warn('[herald] shared worker failed, one stream per tab:', reason);
    this._detach();
    link.close();
    const stream = new TopicStream({ ...this.options, ...this._env.stream });
    this._use(stream, MODES.LOCAL);
    for (const topic of this._subs.topics()) stream.add(topic);
  }
}
