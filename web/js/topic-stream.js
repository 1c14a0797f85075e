/**
 * One stream carrying a set of topics: every subscription of a page (or, in the
 * shared worker, of every tab) is multiplexed onto a single Connection with the
 * union of the topics wanted. It knows topics, never subscribers (subscribers.js).
 *
 * - Topics are reference-counted; a topic released by its last holder stays on the
 *   stream for a grace period (default 1 s), so a re-render that unsubscribes and
 *   subscribes again does not reopen the stream.
 * - When the topic set changes, a new stream opens from the old resume point and
 *   the old one is closed only once the new one is open: no gap. Both share one
 *   ResumeTracker, so an event arriving on both during the overlap is delivered once.
 * - `revoked` drops that topic at once and reopens with the others from the last id.
 * - `expiring` renews the stream's credential over REST (renewal.js): the same
 *   stream carries on under the new one, so a page left open keeps its stream.
 * - `expired` stops everything in state `expired`: no retry, since the stream would
 *   be refused. resume() tries once with the topics still held (a page drops the
 *   ones that needed the session first); connect() starts over after a new sign-in.
 *   A stream refused at its opening for want of a session says `expired` too.
 *
 * Emits 'state' (state), 'event' (envelope), 'reset' (data), 'revoked' (topic, data),
 * 'expired' (data).
 */
import { Connection } from './connection.js';
import { Emitter } from './emitter.js';
import { ResumeTracker } from './ids.js';
import { renewStream } from './renewal.js';
import { SnapshotCache } from './snapshots.js';
import { STATES, StateValue } from './state.js';
import { TopicRefs, sameTopics } from './topics.js';

export const DEFAULT_GRACE = 1000;

export class TopicStream {
  /**
   * @param {object} [options]  Connection options (url, maxAttempts, backoffBase, backoffCap,
   *   heartbeatInterval, ...) plus gracePeriod (ms) and, for tests, Connection, timers, and
   *   renew(notice, options) in place of renewal.js's renewStream.
   */
  constructor(options = {}) {
    this.options = options;
    this.grace = Number.isFinite(options.gracePeriod) && options.gracePeriod >= 0 ? options.gracePeriod : DEFAULT_GRACE;
    this.tracker = options.tracker ?? new ResumeTracker();
    this._Connection = options.Connection ?? Connection;
    this._renew = typeof options.renew === 'function' ? options.renew : renewStream;
    this._timers = options.timers ?? {
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (h) => clearTimeout(h),
      now: () => Date.now(),
    };
    this._refs = new TopicRefs();
    // Snapshots of the topics on the stream, for a topic taken up again during its grace period.
    this._snapshots = new SnapshotCache();
    this._events = new Emitter();
    this._state = new StateValue();
    this._state.onChange((state) => this._events.emit('state', state));
    this._timer = null;
    this._expired = false;
    this._probing = false;
    this._toldExpired = false;
    this.current = null;
    this.next = null;
  }

  get state() {
    return this._state.value;
  }

  get lastEventId() {
    return this.tracker.last;
  }

  /** Topics of the stream that is (or is about to be) open. */
  get topics() {
    return [...((this.next ?? this.current)?.topics ?? [])];
  }

  on(name, fn) {
    return this._events.on(name, fn);
  }

  onState(fn) {
    return this._events.on('state', fn);
  }

  /** Holds a topic (once per holder). */
  add(topic) {
    const first = this._refs.add(topic);
    if (first && this.topics.includes(topic)) {
      // Still on the stream from its grace period, so the server will not send its
      // snapshots again: hand over the ones kept.
      const kept = this._snapshots.get(topic);
      if (kept.length) {
        queueMicrotask(() => {
          if (this._refs.count(topic)) for (const env of kept) this._events.emit('event', env);
        });
      }
    }
    this._plan();
  }

  /** Releases one hold of a topic; the last release starts its grace period. */
  remove(topic) {
    this._refs.remove(topic, this._timers.now());
    this._plan();
  }

  /** Reconnects now if not connected: the way out of `error`, and of `expired` after a new sign-in. */
  connect() {
    this._probing = false;
    this._toldExpired = false;
    if (this._expired) {
      this._expired = false;
      this._sync();
      return;
    }
    for (const conn of [this.current, this.next]) {
      if (conn && conn.state !== STATES.CONNECTED) conn.connect();
    }
  }

  /**
   * After `expired`: one attempt with the topics still held, their grace periods
   * ended. If it is refused the state goes back to `expired` (no retry loop).
   */
  resume() {
    if (!this._expired && !this._probing) return;
    this._refs.dropReleased();
    // Nothing left to carry: stay `expired`, which is what the page should keep saying.
    if (!this._refs.active().length) return;
    this._expired = false;
    this._probing = true;
    this._closeConnections();
    this._sync();
  }

  /** Retries at once when waiting on a backoff (online again, a tab became visible). */
  wake() {
    this.current?.wake();
    this.next?.wake();
  }

  /** Closes the stream now; held topics stay and reopen it on the next change. */
  close() {
    this._clearTimer();
    this._expired = false;
    this._probing = false;
    this._closeConnections();
    this._snapshots.clear();
    this._state.set(STATES.DISCONNECTED);
  }

  // --- topic set changes -------------------------------------------------

  _plan() {
    this._clearTimer();
    if (this._expired) return;
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
    if (this._expired) return;
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
      this._state.set(conn.state);
    }
  }

  _make(topics) {
    const conn = new this._Connection({ ...this.options, topics, tracker: this.tracker });
    const mine = () => conn === this.current || conn === this.next;
    conn.on('state', (state) => this._onConnState(conn, state));
    conn.on('event', (env) => {
      if (!mine()) return;
      this._snapshots.remember(env);
      this._events.emit('event', env);
    });
    conn.on('reset', (data) => {
      if (mine()) this._events.emit('reset', data);
    });
    conn.on('revoked', (data) => {
      if (mine()) this._revoked(conn, data);
    });
    conn.on('expiring', (data) => {
      if (!mine()) return;
      // A refused renewal needs nothing here: the stream ends with `expired` at its expiry.
      Promise.resolve()
        .then(() => this._renew(data, { url: this.options.url, withCredentials: this.options.withCredentials }))
        .catch(() => {});
    });
    conn.on('expired', (data) => {
      if (mine()) this._expire(data);
    });
    conn.on('retry', () => {
      // A resume after `expired` that is refused goes back to waiting for a sign-in.
      if (this._probing && conn === this.current) this._expire(null);
    });
    return conn;
  }

  _revoked(conn, data) {
    const topic = typeof data?.topic === 'string' ? data.topic : null;
    if (topic) {
      this._refs.drop(topic);
      this._snapshots.forget(topic);
      this._events.emit('revoked', topic, data);
    }
    // The server ended this stream: open the rest now, from the last id.
    this._sync();
    if (this.current === conn && conn.state !== STATES.CONNECTED) conn.connect();
  }

  _expire(data) {
    this._clearTimer();
    this._expired = true;
    this._probing = false;
    this._closeConnections();
    this._state.set(STATES.EXPIRED);
    // Told once until a new sign-in: the one try after it, refused with `expired` too (no
    // session at its opening), must not start the page's resume over and over.
    if (data && !this._toldExpired) {
      this._toldExpired = true;
      this._events.emit('expired', data);
    }
  }

  _onConnState(conn, state) {
    if (conn === this.next) {
      if (state === STATES.CONNECTED || state === STATES.ERROR) this._promote();
      return;
    }
    if (conn !== this.current) return;
    if (state === STATES.CONNECTED) this._probing = false;
    if (state !== STATES.CONNECTED && this.next) {
      // The old stream dropped while the new one is opening: no reason to keep it.
      this._promote();
      return;
    }
    this._state.set(state);
  }

  _promote() {
    const old = this.current;
    this.current = this.next;
    this.next = null;
    old?.close();
    this._state.set(this.current.state);
  }

  _closeConnections() {
    const conns = [this.current, this.next];
    this.current = this.next = null;
    for (const conn of conns) conn?.close();
  }

  _clearTimer() {
    if (this._timer !== null) this._timers.clearTimeout(this._timer);
    this._timer = null;
  }
}
