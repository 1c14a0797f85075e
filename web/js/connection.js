/**
 * One Server-Sent Events stream, wrapping the browser's native EventSource.
 *
 * The client, not the browser, owns reconnection: on any error the native
 * EventSource is closed (so it cannot retry on its own, with a header we do not
 * control) and a new one is opened after a full-jitter backoff, carrying the last
 * received id as `?lastEventId=` because a new EventSource cannot set headers.
 *
 * The stream is opened with `?events=unnamed`: the server sends every event
 * without an `event:` line, so `message` listeners see all of them whatever their
 * type, and the type is read from the envelope. This module never names a
 * product's event types. Only the contract's control events keep a name:
 * `heartbeat`, `reset`, `expiring` (the credential expires soon: renew it, see
 * renewal.js), and the two that end a stream on purpose, `expired` (the session
 * ended) and `revoked` (one topic was taken away). After either of those the
 * connection closes itself without retrying: its owner decides what is next.
 *
 * State (see state.js) is emitted only on change; a connection is never `expired`
 * itself, it emits the event and is `disconnected`.
 */
import { backoffDelay } from './backoff.js';
import { Emitter } from './emitter.js';
import { ResumeTracker } from './ids.js';
import { STATES, StateValue } from './state.js';

export { STATES } from './state.js';

/** The control events of the wire contract, the only names this client listens for. */
export const CONTROL_EVENTS = Object.freeze(['heartbeat', 'reset', 'expiring', 'expired', 'revoked']);

export const DEFAULTS = Object.freeze({
  url: '/api/events',
  maxAttempts: 20,
  backoffBase: 3000, // the server's documented `retry:` default; EventSource does not expose the value it received
  backoffCap: 30000,
  heartbeatInterval: 15000,
  withCredentials: false,
});

/** The stream URL: topics, `heartbeat=event`, `events=unnamed`, and the resume point when there is one. */
export function streamUrl(base, topics, lastEventId) {
  const params = new URLSearchParams();
  for (const topic of topics) params.append('topic', topic);
  params.set('heartbeat', 'event');
  params.set('events', 'unnamed');
  if (lastEventId != null && lastEventId !== '') params.set('lastEventId', lastEventId);
  return base + (base.includes('?') ? '&' : '?') + params.toString();
}

function defaultTimers() {
  return {
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (handle) => clearTimeout(handle),
    now: () => Date.now(),
  };
}

/** Where online/visibility events come from: a window, a worker scope, or nothing (Node). */
function defaultEnvironment() {
  const doc = typeof document !== 'undefined' ? document : null;
  let target = null;
  if (typeof window !== 'undefined' && typeof window.addEventListener === 'function') target = window;
  else if (typeof self !== 'undefined' && typeof self.addEventListener === 'function') target = self;
  return {
    target,
    document: doc,
    isHidden: () => !!doc && doc.visibilityState === 'hidden',
  };
}

function defined(obj) {
  const out = {};
  for (const [k, v] of Object.entries(obj ?? {})) if (v !== undefined) out[k] = v;
  return out;
}

function parseJson(text) {
  if (typeof text !== 'string' || text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export class Connection {
  /**
   * @param {object} options
   * @param {string[]} options.topics
   * @param {string} [options.url='/api/events']
   * @param {ResumeTracker} [options.tracker]  shared by the topic stream so overlapping streams de-duplicate
   * @param {number} [options.maxAttempts=20]  failed retries before giving up with `error`
   * @param {number} [options.backoffBase=3000]  ms; the server's `retry:`
   * @param {number} [options.backoffCap=30000]  ms
   * @param {number} [options.heartbeatInterval=15000]  ms; the watchdog fires after twice this with nothing received
   * @param {Function} [options.EventSource]  injectable for tests
   * @param {object} [options.timers]  {setTimeout, clearTimeout, now}, injectable for tests
   * @param {Function} [options.random]  injectable for tests
   * @param {object|null} [options.environment]  {target, document, isHidden}; null disables online/visibility handling
   */
  constructor(options = {}) {
    const opts = { ...DEFAULTS, ...defined(options) };
    this.options = opts;
    this.topics = [...(opts.topics ?? [])];
    this.tracker = opts.tracker ?? new ResumeTracker();
    this._ES = opts.EventSource ?? globalThis.EventSource;
    this._timers = opts.timers ?? defaultTimers();
    this._random = opts.random ?? Math.random;
    this._env = options.environment === null ? null : (opts.environment ?? defaultEnvironment());
    this._events = new Emitter();
    this._state = new StateValue();
    this._state.onChange((state) => this._events.emit('state', state));
    this._es = null;
    this._attempt = 0;
    this._retryTimer = null;
    this._watchTimer = null;
    this._lastSeen = 0;
    this._closed = true;
    this._diedHidden = false;
    this._detach = null;
  }

  get state() {
    return this._state.value;
  }

  /** Consecutive failed attempts since the last successful open. */
  get attempt() {
    return this._attempt;
  }

  get lastEventId() {
    return this.tracker.last;
  }

  /** The URL the next attempt will open. */
  get url() {
    return streamUrl(this.options.url, this.topics, this.tracker.last);
  }

  /**
   * Listens for 'state' (state), 'event' (envelope), 'reset' ({reason, earliestId}),
   * 'expiring' ({expiresIn, stream}), 'expired' ({reason}), 'revoked' ({reason, topic}), 'heartbeat' ({timestamp}),
   * 'retry' ({attempt, delay, reason}), 'giveup' (reason).
   */
  on(name, fn) {
    return this._events.on(name, fn);
  }

  onState(fn) {
    return this._events.on('state', fn);
  }

  /** Opens now, forgetting previous failures (also the way out of `error`). */
  connect() {
    this._closed = false;
    this._attempt = 0;
    this._clearRetry();
    this._attach();
    this._open();
  }

  /** Closes for good (until connect()). */
  close() {
    this._stop();
  }

  _stop() {
    this._closed = true;
    this._clearRetry();
    this._clearWatchdog();
    this._closeSource();
    if (this._detach) this._detach();
    this._detach = null;
    this._setState(STATES.DISCONNECTED);
  }

  /** Retries at once if waiting for a backoff timer (online again, page visible again). */
  wake() {
    if (this._closed) return;
    if (this.state === STATES.CONNECTED) {
      this._checkWatchdog();
      return;
    }
    if (this._retryTimer !== null) {
      this._clearRetry();
      this._open();
    }
  }

  _open() {
    this._closeSource();
    this._setState(STATES.CONNECTING);
    const url = this.url;
    let es;
    try {
      if (typeof this._ES !== 'function') throw new Error('EventSource is not available');
      es = new this._ES(url, { withCredentials: !!this.options.withCredentials });
    } catch (err) {
      this._events.emit('failure', err);
      this._fail('construct');
      return;
    }
    this._es = es;
    es.addEventListener('message', (ev) => this._onMessage(es, ev));
    for (const name of CONTROL_EVENTS) es.addEventListener(name, (ev) => this._onControl(es, name, ev));
    es.onopen = () => {
      if (es !== this._es) return;
      this._attempt = 0;
      this._touch();
      this._setState(STATES.CONNECTED);
    };
    es.onerror = () => {
      if (es !== this._es) return;
      this._fail('error');
    };
    // The watchdog also bounds how long an attempt may hang before it opens.
    this._touch();
    this._armWatchdog();
  }

  _onControl(es, name, ev) {
    if (es !== this._es) return;
    this._touch();
    const data = parseJson(ev.data) ?? {};
    if (name === 'expired' || name === 'revoked') {
      // The server ends the stream after these: reconnecting as before would be
      // refused (or would reopen a topic that was just taken away), so stop here.
      this._stop();
    }
    this._events.emit(name, data);
  }

  _onMessage(es, ev) {
    if (es !== this._es) return;
    this._touch();
    // An empty message carries nothing, so it is no error.
    if (ev.data === '') return;
    const env = parseJson(ev.data);
    if (!env || typeof env !== 'object' || Array.isArray(env) || typeof env.type !== 'string') {
      if (typeof console !== 'undefined') console.warn('[herald] ignoring an event without a JSON envelope');
      return;
    }
    // The envelope's id tells duplicates apart, never ev.lastEventId: EventSource keeps the
    // previous id on events that have no `id:` line, so snapshots would look like duplicates.
    // An event with an id resumes from ev.lastEventId: the stream's cursor over several shards.
    if (env.id != null && env.id !== '' && !this.tracker.accept(String(env.id), ev.lastEventId)) return;
    this._events.emit('event', env);
  }

  _fail(reason) {
    if (this._closed) return;
    this._closeSource();
    this._clearWatchdog();
    this._clearRetry();
    this._diedHidden = !!this._env && this._env.isHidden();
    const max = this.options.maxAttempts;
    if (!(this._attempt < max)) {
      this._setState(STATES.ERROR);
      this._events.emit('giveup', reason);
      return;
    }
    const delay = backoffDelay(this._attempt, {
      base: this.options.backoffBase,
      cap: this.options.backoffCap,
      random: this._random,
    });
    this._attempt += 1;
    // Down while the backoff timer runs; _open() says connecting when it really tries.
    this._setState(STATES.DISCONNECTED);
    this._events.emit('retry', { attempt: this._attempt, delay, reason });
    this._retryTimer = this._timers.setTimeout(() => {
      this._retryTimer = null;
      if (!this._closed) this._open();
    }, delay);
  }

  _touch() {
    this._lastSeen = this._timers.now();
  }

  _watchLimit() {
    const interval = this.options.heartbeatInterval;
    return Number.isFinite(interval) && interval > 0 ? 2 * interval : 0;
  }

  _armWatchdog(delay = this._watchLimit()) {
    this._clearWatchdog();
    if (!delay) return;
    this._watchTimer = this._timers.setTimeout(() => {
      this._watchTimer = null;
      this._checkWatchdog();
    }, delay);
  }

  _checkWatchdog() {
    const limit = this._watchLimit();
    if (!limit || !this._es) return;
    const quiet = this._timers.now() - this._lastSeen;
    if (quiet >= limit) {
      this._events.emit('watchdog', quiet);
      this._fail('watchdog');
    } else {
      this._armWatchdog(limit - quiet);
    }
  }

  _clearWatchdog() {
    if (this._watchTimer !== null) this._timers.clearTimeout(this._watchTimer);
    this._watchTimer = null;
  }

  _clearRetry() {
    if (this._retryTimer !== null) this._timers.clearTimeout(this._retryTimer);
    this._retryTimer = null;
  }

  _closeSource() {
    const es = this._es;
    this._es = null;
    if (!es) return;
    es.onopen = null;
    es.onerror = null;
    try {
      es.close();
    } catch {
      /* already closed */
    }
  }

  _attach() {
    if (this._detach || !this._env) return;
    const { target, document: doc } = this._env;
    const onOnline = () => this.wake();
    const onVisibility = () => {
      if (this._env.isHidden()) return;
      // Timers are throttled in hidden pages: catch up at once when the user comes back.
      if (this._diedHidden || this.state === STATES.CONNECTED) {
        this._diedHidden = false;
        this.wake();
      }
    };
    target?.addEventListener?.('online', onOnline);
    doc?.addEventListener?.('visibilitychange', onVisibility);
    this._detach = () => {
      target?.removeEventListener?.('online', onOnline);
      doc?.removeEventListener?.('visibilitychange', onVisibility);
    };
  }

  _setState(state) {
    this._state.set(state);
  }
}
