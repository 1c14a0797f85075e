/**
 * The tab's side of the shared worker (shared-worker.js), which holds ONE stream
 * for every tab of the origin. Like TopicStream it carries topics, not
 * subscribers: the page's Hub tells it a topic's first hold and last release,
 * and hears events, resets, revocations, the session's end and the state back.
 *
 * If the worker cannot start (no module workers, no EventSource in workers, a
 * load error, no answer in time) it emits 'fallback' and the hub moves to a
 * TopicStream of this tab. Emits 'state', 'event', 'reset' (data, topic),
 * 'revoked' (topic, data), 'expired' (data), 'fallback' (reason), and 'restored'
 * when a page back from the back/forward cache must hold its topics again.
 */
import { Emitter, reportError } from './emitter.js';
import { workerName } from './options.js';
import { STATES, StateValue } from './state.js';

export const WORKER_URL = new URL('./shared-worker.js', import.meta.url);

export class WorkerLink {
  /**
   * @param {object} options  client options; those that matter to the stream pick the worker (see workerName)
   * @param {{SharedWorker?: Function, readyTimeout?: number, window?: object, document?: object, locks?: object}} [env]
   */
  constructor(options = {}, env = {}) {
    const {
      SharedWorker: SW = globalThis.SharedWorker,
      readyTimeout = 5000,
      window: win = globalThis.window,
      document: doc = globalThis.document,
      locks = globalThis.navigator?.locks,
    } = env;
    this.options = options;
    this.name = workerName(options);
    this._events = new Emitter();
    this._state = new StateValue();
    this._state.onChange((state) => this._events.emit('state', state));
    this._lastEventId = null;
    this._ready = false;
    this._failed = false;
    this._disposed = false;

    this.worker = new SW(WORKER_URL, { type: 'module', name: this.name });
    this.port = this.worker.port;
    this.port.onmessage = (e) => this._onMessage(e.data);
    this.worker.onerror = (e) => this._fail(`worker error: ${e?.message ?? 'failed to start'}`);
    this.port.start?.();
    this._readyTimer = setTimeout(() => {
      if (!this._ready) this._fail('worker did not answer');
    }, readyTimeout);
    this._holdLock(locks);
    this._listen(win, doc);
  }

  get state() {
    return this._state.value;
  }

  get lastEventId() {
    return this._lastEventId;
  }

  on(name, fn) {
    return this._events.on(name, fn);
  }

  onState(fn) {
    return this._events.on('state', fn);
  }

  add(topic) {
    this._post({ op: 'sub', topic });
  }

  remove(topic) {
    this._post({ op: 'unsub', topic });
  }

  connect() {
    this._post({ op: 'connect' });
  }

  resume() {
    this._post({ op: 'resume' });
  }

  wake() {
    this._post({ op: 'wake' });
  }

  /** Stops talking to the worker; the worker drops this tab's topics. */
  close() {
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
    this._state.set(STATES.DISCONNECTED);
  }

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
        this._state.set(msg.state);
        break;
      case 'event':
        if (!msg.event) break;
        if (msg.event.id != null && msg.event.id !== '') this._lastEventId = String(msg.position ?? msg.event.id);
        this._events.emit('event', msg.event);
        break;
      case 'reset':
        this._events.emit('reset', msg.data ?? {}, msg.topic ?? null);
        break;
      case 'revoked':
        if (typeof msg.topic === 'string') this._events.emit('revoked', msg.topic, msg.data ?? {});
        break;
      case 'expired':
        this._events.emit('expired', msg.data ?? {});
        break;
      default:
        break;
    }
  }

  _post(msg, evenIfClosed = false) {
    if (this._disposed && !evenIfClosed) return;
    try {
      this.port.postMessage(msg);
    } catch (err) {
      reportError(err);
    }
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
  _holdLock(locks) {
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

  _listen(win, doc) {
    if (!win || typeof win.addEventListener !== 'function') return;
    const onVisible = () => {
      if (doc && doc.visibilityState !== 'hidden') this.wake();
    };
    const onOnline = () => this.wake();
    // Leaving (or entering the back/forward cache): free this tab's topics in the
    // worker at once; a page restored from the cache holds them again on pageshow.
    const onPageHide = () => this._post({ op: 'bye' });
    const onPageShow = (e) => {
      if (e.persisted) this._events.emit('restored');
    };
    doc?.addEventListener?.('visibilitychange', onVisible);
    win.addEventListener('online', onOnline);
    win.addEventListener('pagehide', onPageHide);
    win.addEventListener('pageshow', onPageShow);
    this._unlisten = () => {
      doc?.removeEventListener?.('visibilitychange', onVisible);
      win.removeEventListener('online', onOnline);
      win.removeEventListener('pagehide', onPageHide);
      win.removeEventListener('pageshow', onPageShow);
    };
  }
}
