/**
 * The tab side of the shared connection: talks to shared-worker.js, which holds
 * ONE stream for every tab of the origin. Same interface as Pool (subscribe,
 * onState, state, connect, wake, close), so the hub can swap one for the other.
 *
 * Each tab tells the worker which topics it wants (reference-counted here, so
 * the worker sees one subscription per tab and topic) and receives only those
 * topics' events. If the worker cannot start (no module workers, no EventSource
 * in workers, a load error, no answer in time) it emits 'fallback' and the hub
 * moves the subscriptions to a Pool of this tab.
 */
import { STATES } from './connection.js';
import { Emitter, reportError } from './emitter.js';
import { workerName } from './options.js';
import { SnapshotCache } from './snapshots.js';

export const WORKER_URL = new URL('./shared-worker.js', import.meta.url);

export class WorkerPool {
  /**
   * @param {object} options  pool options; those that matter to the stream pick the worker (see workerName)
   * @param {{SharedWorker?: Function, readyTimeout?: number}} [env]
   */
  constructor(options = {}, { SharedWorker: SW = globalThis.SharedWorker, readyTimeout = 5000 } = {}) {
    this.options = options;
    this.name = workerName(options);
    this._events = new Emitter();
    this._subs = new Map();
    this._types = new Map();
    this._snapshots = new SnapshotCache();
    this._state = STATES.DISCONNECTED;
    this._lastEventId = null;
    this._ready = false;
    this._failed = false;
    this._disposed = false;

    this.worker = new SW(WORKER_URL, { type: 'module', name: this.name });
    this.port = this.worker.port;
    this.port.onmessage = (e) => this._onMessage(e.data);
    this.worker.onerror = (e) => this._fail(`worker error: ${e?.message ?? 'failed to start'}`);
    this.port.start();
    this._readyTimer = setTimeout(() => {
      if (!this._ready) this._fail('worker did not answer');
    }, readyTimeout);
    this._holdLock();
    this._listen();
  }

  get state() {
    return this._state;
  }

  get lastEventId() {
    return this._lastEventId;
  }

  get topics() {
    return [...this._subs.keys()].sort();
  }

  onState(fn) {
    return this._events.on('state', fn);
  }

  /** 'fallback' (reason): the worker is unusable; the owner should switch to a Pool. */
  on(name, fn) {
    return this._events.on(name, fn);
  }

  subscribe(topic, handler, { onReset, types } = {}) {
    if (typeof topic !== 'string' || !topic) throw new TypeError('topic must be a non-empty string');
    if (typeof handler !== 'function') throw new TypeError('handler must be a function');
    const sub = { topic, handler, onReset, active: true };
    let set = this._subs.get(topic);
    const first = !set;
    if (first) this._subs.set(topic, (set = new Set()));
    set.add(sub);
    const fresh = this._addTypes(topic, types);
    if (first) {
      this._post({ op: 'sub', topic, types: [...this._types.get(topic)] });
    } else {
      if (fresh.length) this._post({ op: 'types', topic, types: fresh });
      const cached = this._snapshots.get(topic);
      if (cached.length) {
        queueMicrotask(() => {
          for (const env of cached) if (sub.active) this._call(sub, env);
        });
      }
    }
    return () => {
      if (!sub.active) return;
      sub.active = false;
      set.delete(sub);
      if (!set.size && this._subs.get(topic) === set) {
        this._subs.delete(topic);
        this._types.delete(topic);
        this._snapshots.forget(topic);
        this._post({ op: 'unsub', topic });
      }
    };
  }

  connect() {
    this._post({ op: 'connect' });
  }

  wake() {
    this._post({ op: 'wake' });
  }

  /** Stops talking to the worker; the worker drops this tab's subscriptions. */
  close() {
    this.dispose();
  }

  dispose() {
    if (this._disposed) return;
    this._disposed = true;
    clearTimeout(this._readyTimer);
    this._post({ op: 'bye' }, true);
    this._unlisten?.();
    this._releaseLock?.();
    try {
      this.port.onmessage = null;
      this.port.close();
    } catch {
      /* ignore */
    }
    this._setState(STATES.DISCONNECTED);
  }

  // --- messages ------------------------------------------------------------

  _onMessage(msg) {
    if (!msg || this._disposed) return;
    switch (msg.op) {
      case 'ready':
        this._ready = true;
        clearTimeout(this._readyTimer);
        break;
      case 'unsupported':
        this._fail(msg.reason ?? 'worker cannot open streams');
        break;
      case 'state':
        if (msg.lastEventId !== undefined) this._lastEventId = msg.lastEventId;
        this._setState(msg.state);
        break;
      case 'event': {
        const env = msg.event;
        if (!env) break;
        if (env.id != null && env.id !== '') this._lastEventId = String(env.id);
        this._snapshots.remember(env);
        const set = this._subs.get(env.topic);
        if (set) for (const sub of [...set]) if (sub.active) this._call(sub, env);
        break;
      }
      case 'reset': {
        const set = this._subs.get(msg.topic);
        if (set) {
          for (const sub of [...set]) {
            if (!sub.active || typeof sub.onReset !== 'function') continue;
            try {
              sub.onReset(msg.data ?? {});
            } catch (err) {
              reportError(err);
            }
          }
        }
        break;
      }
      default:
        break;
    }
  }

  _call(sub, env) {
    try {
      sub.handler(env);
    } catch (err) {
      reportError(err);
    }
  }

  _addTypes(topic, types) {
    let set = this._types.get(topic);
    if (!set) this._types.set(topic, (set = new Set()));
    const fresh = [];
    for (const t of types ?? []) {
      if (typeof t === 'string' && t && !set.has(t)) {
        set.add(t);
        fresh.push(t);
      }
    }
    return fresh;
  }

  _post(msg, evenIfDisposed = false) {
    if (this._disposed && !evenIfDisposed) return;
    try {
      this.port.postMessage(msg);
    } catch (err) {
      reportError(err);
    }
  }

  /** Re-sends this tab's subscriptions (after the page came back from the back/forward cache). */
  _resubscribe() {
    for (const [topic] of this._subs) this._post({ op: 'sub', topic, types: [...(this._types.get(topic) ?? [])] });
  }

  _fail(reason) {
    if (this._failed || this._disposed) return;
    this._failed = true;
    this._events.emit('fallback', reason);
  }

  /**
   * Holds a Web Lock named after this tab for the tab's whole life; the worker
   * requests the same lock and is granted it only when the tab is gone, which is
   * the one reliable way for a SharedWorker to learn that a port's page died.
   */
  _holdLock() {
    const locks = globalThis.navigator?.locks;
    if (!locks || typeof locks.request !== 'function') return;
    const lock = `herald-tab-${Math.random().toString(36).slice(2)}-${Date.now().toString(36)}`;
    let release;
    const held = new Promise((resolve) => (release = resolve));
    this._releaseLock = () => release();
    locks
      .request(lock, () => {
        this._post({ op: 'hello', lock });
        return held;
      })
      .catch(() => {});
  }

  _listen() {
    const win = typeof window !== 'undefined' ? window : null;
    const doc = typeof document !== 'undefined' ? document : null;
    if (!win) return;
    const onVisible = () => {
      if (doc && doc.visibilityState !== 'hidden') this.wake();
    };
    const onOnline = () => this.wake();
    // Leaving (or entering the back/forward cache): free this tab's topics in the
    // worker at once; a page restored from the cache subscribes again on pageshow.
    const onPageHide = () => this._post({ op: 'bye' });
    const onPageShow = (e) => {
      if (e.persisted) this._resubscribe();
    };
    doc?.addEventListener('visibilitychange', onVisible);
    win.addEventListener('online', onOnline);
    win.addEventListener('pagehide', onPageHide);
    win.addEventListener('pageshow', onPageShow);
    this._unlisten = () => {
      doc?.removeEventListener('visibilitychange', onVisible);
      win.removeEventListener('online', onOnline);
      win.removeEventListener('pagehide', onPageHide);
      win.removeEventListener('pageshow', onPageShow);
    };
  }

  _setState(state) {
    if (typeof state !== 'string' || state === this._state) return;
    this._state = state;
    this._events.emit('state', state);
  }
}
