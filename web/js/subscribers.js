/**
 * The one subscription model of the browser client: which handlers want which
 * topic, and what each is told. The page keeps one (in Hub) whatever carries its
 * stream, and the shared worker keeps one whose subscribers are tabs.
 *
 * - A topic's first subscriber and its last are reported (onFirst / onLast), so
 *   the owner adds the topic to the stream or releases it; nothing else is.
 * - The latest snapshot of each type (events without id, see snapshots.js) is kept
 *   per topic and handed to a subscriber that joins a topic already carried: the
 *   server sends snapshots only when a stream opens, and this one is not reopened.
 * - Events go to the subscribers of their envelope's topic; one handler throwing
 *   never stops the others.
 * - A reset, a revoked topic and the end of the session are told to the
 *   subscribers concerned. A revoked topic's subscribers are removed: the server
 *   refuses it now, and asking for it again would refuse the whole stream.
 */
import { reportError } from './emitter.js';
import { SnapshotCache } from './snapshots.js';

export class Subscribers {
  /** @param {{onFirst?: (topic) => void, onLast?: (topic) => void, defer?: (fn) => void}} [options] */
  constructor({ onFirst = () => {}, onLast = () => {}, defer = queueMicrotask } = {}) {
    this._onFirst = onFirst;
    this._onLast = onLast;
    this._defer = defer;
    this._byTopic = new Map();
    this._snapshots = new SnapshotCache();
  }

  /**
   * @param {string} topic
   * @param {(envelope: object) => void} handler
   * @param {{onReset?: Function, onRevoked?: Function, onExpired?: Function}} [callbacks]
   * @returns {() => void} unsubscribe (idempotent)
   */
  add(topic, handler, { onReset, onRevoked, onExpired } = {}) {
    if (typeof topic !== 'string' || !topic) throw new TypeError('topic must be a non-empty string');
    if (typeof handler !== 'function') throw new TypeError('handler must be a function');
    const sub = { topic, handler, onReset, onRevoked, onExpired, active: true };
    let set = this._byTopic.get(topic);
    const first = !set;
    if (first) this._byTopic.set(topic, (set = new Set()));
    set.add(sub);
    if (first) {
      this._onFirst(topic);
    } else {
      const kept = this._snapshots.get(topic);
      if (kept.length) {
        // Later, not inside add(): the caller has not even received its unsubscribe yet.
        this._defer(() => {
          for (const env of kept) if (sub.active) call(sub.handler, env);
        });
      }
    }
    return () => this._remove(sub, true);
  }

  /** Topics with at least one subscriber, sorted. */
  topics() {
    return [...this._byTopic.keys()].sort();
  }

  has(topic) {
    return this._byTopic.has(topic);
  }

  count(topic) {
    return this._byTopic.get(topic)?.size ?? 0;
  }

  /** Hands an envelope to its topic's subscribers (and keeps it when it is a snapshot). */
  deliver(env) {
    if (!env || typeof env.topic !== 'string') return;
    const set = this._byTopic.get(env.topic);
    if (!set) return;
    this._snapshots.remember(env);
    for (const sub of [...set]) if (sub.active) call(sub.handler, env);
  }

  /** The resume point was lost: every subscriber (or only topic's) refetches its state. */
  reset(data, topic = null) {
    this._tell(topic, 'onReset', data ?? {});
  }

  /**
   * The server took topic away: its subscribers hear why and are removed. No onLast:
   * the stream already dropped the topic.
   */
  revoke(topic, data) {
    const set = this._byTopic.get(topic);
    if (!set) return;
    this._tell(topic, 'onRevoked', { topic, ...(data ?? {}) });
    for (const sub of [...set]) this._remove(sub, false);
  }

  /** The session ended: every subscriber hears it; subscriptions stay until their owners end them. */
  expire(data) {
    this._tell(null, 'onExpired', data ?? {});
  }

  /** Drops every subscription without reporting any topic (the owner closes the stream itself). */
  clear() {
    for (const set of this._byTopic.values()) for (const sub of set) sub.active = false;
    this._byTopic.clear();
    this._snapshots.clear();
  }

  _tell(topic, callback, data) {
    const sets = topic === null ? [...this._byTopic.values()] : [this._byTopic.get(topic) ?? new Set()];
    for (const set of sets) {
      for (const sub of [...set]) {
        if (sub.active && typeof sub[callback] === 'function') call(sub[callback], data);
      }
    }
  }

  _remove(sub, report) {
    if (!sub.active) return;
    sub.active = false;
    const set = this._byTopic.get(sub.topic);
    if (!set) return;
    set.delete(sub);
    if (set.size) return;
    this._byTopic.delete(sub.topic);
    this._snapshots.forget(sub.topic);
    if (report) this._onLast(sub.topic);
  }
}

function call(fn, arg) {
  try {
    fn(arg);
  } catch (err) {
    reportError(err);
  }
}
