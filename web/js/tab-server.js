/**
 * The shared worker's side: ONE TopicStream for every tab of the origin. Each
 * tab (a MessagePort, see worker-link.js) holds topics, and is a subscriber of
 * the worker's Subscribers for each of them, so the same model as in a page
 * routes events, replays kept snapshots to a tab that joins a carried topic, and
 * tells resets and revocations to exactly the tabs concerned. State and the
 * session's end go to every tab.
 *
 * Protocol, tab -> worker: {op:'sub', topic} {op:'unsub', topic} {op:'connect'}
 *   {op:'resume'} {op:'wake'} {op:'hello', lock} {op:'bye'}
 * worker -> tab: {op:'ready'} {op:'unsupported', reason} {op:'state', state, lastEventId}
 *   {op:'event', event, position} {op:'reset', topic, data} {op:'revoked', topic, data} {op:'expired', data}
 */
import { Subscribers } from './subscribers.js';

export class TabServer {
  /**
   * @param {import('./topic-stream.js').TopicStream|null} stream  null when this worker cannot open streams
   * @param {{locks?: object, unsupported?: string}} [env]  locks: navigator.locks of the worker
   */
  constructor(stream, { locks = null, unsupported = 'EventSource is not available in workers' } = {}) {
    this.stream = stream;
    this._locks = locks;
    this._unsupported = unsupported;
    this._tabs = new Set();
    this._subs = new Subscribers({
      onFirst: (topic) => stream.add(topic),
      onLast: (topic) => stream.remove(topic),
    });
    if (!stream) return;
    stream.on('event', (env) => this._subs.deliver(env));
    stream.on('reset', (data) => this._subs.reset(data));
    stream.on('revoked', (topic, data) => {
      for (const tab of this._tabs) tab.topics.delete(topic);
      this._subs.revoke(topic, data);
    });
    stream.on('expired', (data) => this._broadcast({ op: 'expired', data }));
    stream.onState((state) => this._broadcast(this._stateMessage(state)));
  }

  /** Number of tabs connected now. */
  get tabs() {
    return this._tabs.size;
  }

  /** A tab connected: its port speaks the protocol above. */
  connect(port) {
    const tab = { port, topics: new Map() };
    this._tabs.add(tab);
    port.onmessage = (m) => this._handle(tab, m.data);
    port.start?.();
    if (!this.stream) {
      post(tab, { op: 'unsupported', reason: this._unsupported });
      return tab;
    }
    post(tab, { op: 'ready' });
    post(tab, this._stateMessage(this.stream.state));
    return tab;
  }

  _handle(tab, msg) {
    if (!msg || !this.stream) return;
    switch (msg.op) {
      case 'sub':
        if (typeof msg.topic !== 'string' || !msg.topic || tab.topics.has(msg.topic)) return;
        // A tab back from the back/forward cache said 'bye' on leaving: it is here again.
        this._tabs.add(tab);
        tab.topics.set(msg.topic, this._subs.add(msg.topic, (event) => post(tab, { op: 'event', event, position: this.stream.lastEventId }), {
          onReset: (data) => post(tab, { op: 'reset', topic: msg.topic, data }),
          onRevoked: (data) => post(tab, { op: 'revoked', topic: msg.topic, data }),
        }));
        return;
      case 'unsub': {
        const off = tab.topics.get(msg.topic);
        tab.topics.delete(msg.topic);
        off?.();
        return;
      }
      case 'connect':
        this.stream.connect();
        return;
      case 'resume':
        this.stream.resume();
        return;
      case 'wake':
        this.stream.wake();
        return;
      case 'hello':
        if (typeof msg.lock === 'string' && this._locks) {
          // Granted only once the tab holding it is gone.
          this._locks.request(msg.lock, () => this._drop(tab)).catch(() => {});
        }
        return;
      case 'bye':
        this._drop(tab);
        return;
      default:
        return;
    }
  }

  _drop(tab) {
    for (const off of tab.topics.values()) off();
    tab.topics.clear();
    this._tabs.delete(tab);
  }

  _stateMessage(state) {
    return { op: 'state', state, lastEventId: this.stream.lastEventId };
  }

  _broadcast(msg) {
    for (const tab of this._tabs) post(tab, msg);
  }
}

function post(tab, msg) {
  try {
    tab.port.postMessage(msg);
  } catch {
    /* the tab is gone; its lock or 'bye' will clean up */
  }
}
