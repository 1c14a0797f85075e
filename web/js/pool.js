/**
 * One stream per page: every subscription is multiplexed onto a single
 * Connection carrying the union of the subscribed topics.
 *
 * - Topics are reference-counted; a topic whose last subscriber left stays on the
 *   stream for a grace period (default 1 s), and the stream closes after the grace
 *   period once nobody is subscribed.
 * - When the topic set changes, a new stream opens from the old resume point and
 *   the old one is closed only once the new one is open: no gap. Both share one
 *   ResumeTracker, so an event arriving on both during the overlap is delivered once.
 * - Events are routed by envelope.topic; a reset notifies every subscriber.
 */
import { Connection, STATES } from './connection.js';
import { Emitter, reportError } from './emitter.js';
import { ResumeTracker } from './ids.js';
import { SnapshotCache } from './snapshots.js';
import { TopicRefs, sameTopics } from './topics.js';

export const DEFAULT_GRACE = 1000;

export class Pool {
  /**
   * @param {object} [options]  Connection options (url, maxAttempts, backoffBase, backoffCap,
   *   heartbeatInterval, ...) plus gracePeriod (ms) and, for tests, Connection, timers.
   */
  constructor(options = {}) {
    this.options = options;
    this.grace = Number.isFinite(options.gracePeriod) && options.gracePeriod >= 0 ? options.gracePeriod : DEFAULT_GRACE;
    this.tracker = options.tracker ?? new ResumeTracker();
    this._Connection = options.Connection ?? Connection;
    this._timers = options.timers ?? {
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (h) => clearTimeout(h),
      now: () => Date.now(),
    };
    this._refs = new TopicRefs();
    this._subs = new Map();
    this._types = new Set(options.types ?? []);
    this._snapshots = new SnapshotCache();
    this._events = new Emitter();
    this._state = STATES.DISCONNECTED;
    this._timer = null;
    this.current = null;
    this.next = null;
  }

  get state() {
    return this._state;
  }

  get lastEventId() {
    return this.tracker.last;
  }

  /** Topics of the stream that is (or is about to be) open. */
  get topics() {
    return [...((this.next ?? this.current)?.topics ?? [])];
  }

  onState(fn) {
    return this._events.on('state', fn);
  }

  /**
   * @param {string} topic
   * @param {(envelope: object) => void} handler
   * @param {{onReset?: Function, types?: string[]}} [options]
   * @returns {() => void} unsubscribe (idempotent)
   */
  subscribe(topic, handler, { onReset, types } = {}) {
    if (typeof topic !== 'string' || !topic) throw new TypeError('topic must be a non-empty string');
    if (typeof handler !== 'function') throw new TypeError('handler must be a function');
    const sub = { topic, handler, onReset, active: true };
    this.addTypes(types);
    let set = this._subs.get(topic);
    if (!set) this._subs.set(topic, (set = new Set()));
    set.add(sub);
    this._refs.add(topic);
    if (this.topics.includes(topic)) {
      // The stream is not reopened for this subscriber, so the server will not
      // send it the topic's snapshots: hand over the latest ones we kept.
      const cached = this._snapshots.get(topic);
      if (cached.length) {
        queueMicrotask(() => {
          for (const env of cached) if (sub.active) this._call(sub, env);
        });
      }
    }
    this._plan();
    return () => {
      if (!sub.active) return;
      sub.active = false;
      set.delete(sub);
      if (!set.size && this._subs.get(topic) === set) this._subs.delete(topic);
      this._refs.remove(topic, this._timers.now());
      this._plan();
    };
  }

  /** Listens for more SSE event types on current and future streams. */
  addTypes(types) {
    const fresh = [];
    for (const type of types ?? []) {
      if (typeof type === 'string' && type && !this._types.has(type)) {
        this._types.add(type);
        fresh.push(type);
      }
    }
    if (fresh.length) {
      this.current?.addTypes(fresh);
      this.next?.addTypes(fresh);
    }
  }

  /** Reconnects now if not connected (the way out of `error`). */
  connect() {
    for (const conn of [this.current, this.next]) {
      if (conn && conn.state !== STATES.CONNECTED) conn.connect();
    }
  }

  /** Retries at once when waiting on a backoff (online again, a tab became visible). */
  wake() {
    this.current?.wake();
    this.next?.wake();
  }

  /** Closes the stream now; subscriptions stay registered and reopen it on the next change. */
  close() {
    this._clearTimer();
    const conns = [this.current, this.next];
    this.current = this.next = null;
    for (const conn of conns) conn?.close();
    this._snapshots.clear();
    this._setState(STATES.DISCONNECTED);
  }

  subscriberCount(topic) {
    return this._subs.get(topic)?.size ?? 0;
  }

  // --- topic set changes -------------------------------------------------

  _plan() {
    this._clearTimer();
    const now = this._timers.now();
    const desired = this._refs.desired(now, this.grace);
    const target = this.topics;
    const missing = this._refs.active().some((t) => !target.includes(t));
    const expiry = this._refs.nextExpiry(now, this.grace);
    let delay = null;
    // A macrotask rather than now, so synchronous subscribe() calls share one stream.
    if (missing || !sameTopics(desired, target)) delay = 0;
    else if (expiry !== null) delay = Math.max(0, expiry - now);
    if (delay !== null) {
      this._timer = this._timers.setTimeout(() => {
        this._timer = null;
        this._sync();
      }, delay);
    }
  }

  _sync() {
    const desired = this._refs.desired(this._timers.now(), this.grace);
    if (!sameTopics(desired, this.topics)) this._apply(desired);
    this._plan();
  }

  _apply(topics) {
    if (!topics.length) {
      this.close();
      return;
    }
    this._snapshots.retain(topics);
    const conn = this._make(topics);
    const pending = this.next;
    this.next = null;
    pending?.close();
    if (this.current && this.current.state === STATES.CONNECTED) {
      // Overlap: keep the old stream until the new one is open.
      this.next = conn;
      conn.connect();
    } else {
      const old = this.current;
      this.current = conn;
      old?.close();
      conn.connect();
      this._setState(conn.state);
    }
  }

  _make(topics) {
    const conn = new this._Connection({
      ...this.options,
      topics,
      tracker: this.tracker,
      types: [...this._types],
    });
    conn.on('state', (state) => this._onConnState(conn, state));
    conn.on('event', (env) => {
      if (conn === this.current || conn === this.next) this._route(env);
    });
    conn.on('reset', (data) => {
      if (conn === this.current || conn === this.next) this._reset(data);
    });
    return conn;
  }

  _onConnState(conn, state) {
    if (conn === this.next) {
      if (state === STATES.CONNECTED || state === STATES.ERROR) this._promote();
      return;
    }
    if (conn !== this.current) return;
    if (state !== STATES.CONNECTED && this.next) {
      // The old stream dropped while the new one is opening: no reason to keep it.
      this._promote();
      return;
    }
    this._setState(state);
  }

  _promote() {
    const old = this.current;
    this.current = this.next;
    this.next = null;
    old?.close();
    this._setState(this.current.state);
  }

  // --- delivery ------------------------------------------------------------

  _route(env) {
    const topic = env.topic;
    this._snapshots.remember(env);
    const set = this._subs.get(topic);
    if (!set) return;
    for (const sub of [...set]) if (sub.active) this._call(sub, env);
  }

  _reset(data) {
    for (const set of [...this._subs.values()]) {
      for (const sub of [...set]) {
        if (!sub.active || typeof sub.onReset !== 'function') continue;
        try {
          sub.onReset(data);
        } catch (err) {
          reportError(err);
        }
      }
    }
  }

  _call(sub, env) {
    try {
      sub.handler(env);
    } catch (err) {
      reportError(err);
    }
  }

  _clearTimer() {
    if (this._timer !== null) this._timers.clearTimeout(this._timer);
    this._timer = null;
  }

  _setState(state) {
    if (state === this._state) return;
    this._state = state;
    this._events.emit('state', state);
  }
}
