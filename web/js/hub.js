/**
 * The page's connection to Herald: one shared stream for all tabs through a
 * SharedWorker where possible, otherwise one Pool in this tab. Remembers every
 * subscription so it can move them to a local Pool if the worker fails to start.
 */
import { STATES } from './connection.js';
import { Emitter } from './emitter.js';
import { Pool } from './pool.js';
import { WorkerPool } from './worker-client.js';

export const MODES = Object.freeze({ SHARED_WORKER: 'shared-worker', LOCAL: 'local' });

/** True when this environment can run the shared worker client. */
export function canShareWorker() {
  return typeof globalThis.SharedWorker === 'function' && typeof window !== 'undefined';
}

export class Hub {
  /** @param {object} [options]  Pool options plus sharedWorker (default true where supported) */
  constructor(options = {}) {
    this.options = { ...options };
    this._events = new Emitter();
    this._records = new Set();
    this._backend = null;
    this._offBackend = null;
    this._mode = null;
    this._state = STATES.DISCONNECTED;
  }

  get state() {
    return this._state;
  }

  /** 'shared-worker' or 'local' once the first subscription started the connection, else null. */
  get mode() {
    return this._mode;
  }

  get lastEventId() {
    return this._backend?.lastEventId ?? null;
  }

  /** Calls fn with the current state now, then on every change. */
  onState(fn, { immediate = true } = {}) {
    const off = this._events.on('state', fn);
    if (immediate) fn(this._state);
    return off;
  }

  /** Calls fn with the mode whenever it changes (after a fallback, for instance). */
  onMode(fn) {
    return this._events.on('mode', fn);
  }

  subscribe(topic, handler, options = {}) {
    const backend = this._ensure();
    const rec = { topic, handler, options, off: null, active: true };
    rec.off = backend.subscribe(topic, handler, options);
    this._records.add(rec);
    return () => {
      if (!rec.active) return;
      rec.active = false;
      this._records.delete(rec);
      rec.off();
    };
  }

  /** Reconnects now; the way out of `error`. */
  connect() {
    this._backend?.connect();
  }

  /** Closes the connection; later subscriptions open a new one. */
  close() {
    const backend = this._backend;
    this._backend = null;
    this._offBackend?.();
    this._offBackend = null;
    for (const rec of this._records) rec.active = false;
    this._records.clear();
    backend?.close();
    this._setState(STATES.DISCONNECTED);
  }

  _ensure() {
    if (this._backend) return this._backend;
    if (this.options.sharedWorker !== false && canShareWorker()) {
      try {
        const wp = new WorkerPool(this.options);
        wp.on('fallback', (reason) => this._fallback(wp, reason));
        this._use(wp, MODES.SHARED_WORKER);
        return wp;
      } catch (err) {
        if (typeof console !== 'undefined') console.warn('[herald] SharedWorker unavailable, one stream per tab', err);
      }
    }
    const pool = new Pool(this.options);
    this._use(pool, MODES.LOCAL);
    return pool;
  }

  _use(backend, mode) {
    this._offBackend?.();
    this._backend = backend;
    this._offBackend = backend.onState((s) => this._setState(s));
    this._setState(backend.state);
    if (mode !== this._mode) {
      this._mode = mode;
      this._events.emit('mode', mode);
    }
  }

  _fallback(wp, reason) {
    if (this._backend !== wp) return;
    if (typeof console !== 'undefined') console.warn('[herald] shared worker failed, one stream per tab:', reason);
    this._offBackend?.();
    this._offBackend = null;
    wp.dispose();
    const pool = new Pool(this.options);
    this._use(pool, MODES.LOCAL);
    for (const rec of this._records) rec.off = pool.subscribe(rec.topic, rec.handler, rec.options);
  }

  _setState(state) {
    if (state === this._state) return;
    this._state = state;
    this._events.emit('state', state);
  }
}
