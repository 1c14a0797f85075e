/**
 * Reference counting of topics for the topic stream (pure: time is passed in).
 *
 * A topic is wanted while it has subscribers, and for a grace period after its
 * last subscriber left, so a page that unsubscribes and resubscribes (a re-render,
 * a route change) does not tear the stream down and open it again.
 */
export class TopicRefs {
  constructor() {
    this._counts = new Map();
    this._released = new Map();
  }

  /** Adds a reference; true when this is the topic's first active one. */
  add(topic) {
    const n = (this._counts.get(topic) ?? 0) + 1;
    this._counts.set(topic, n);
    this._released.delete(topic);
    return n === 1;
  }

  /** Removes a reference at time now; true when it was the topic's last one. */
  remove(topic, now = 0) {
    const n = this._counts.get(topic);
    if (!n) return false;
    if (n > 1) {
      this._counts.set(topic, n - 1);
      return false;
    }
    this._counts.delete(topic);
    this._released.set(topic, now);
    return true;
  }

  /** Forgets a topic at once, references and grace period alike (the server took it away). */
  drop(topic) {
    this._counts.delete(topic);
    this._released.delete(topic);
  }

  /** Ends every grace period now: the stream should carry only topics with subscribers. */
  dropReleased() {
    this._released.clear();
  }

  count(topic) {
    return this._counts.get(topic) ?? 0;
  }

  /** Topics with at least one subscriber, sorted. */
  active() {
    return [...this._counts.keys()].sort();
  }

  /** Topics the stream should carry at time now: active ones plus those still in their grace period. */
  desired(now, grace) {
    const out = new Set(this._counts.keys());
    for (const [topic, at] of this._released) {
      if (at + grace > now) out.add(topic);
      else this._released.delete(topic);
    }
    return [...out].sort();
  }

  /** When the earliest grace period still running ends, or null. */
  nextExpiry(now, grace) {
    let min = null;
    for (const at of this._released.values()) {
      const end = at + grace;
      if (end > now && (min === null || end < min)) min = end;
    }
    return min;
  }
}

/** Same topics regardless of order. */
export function sameTopics(a, b) {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((t) => set.has(t));
}
