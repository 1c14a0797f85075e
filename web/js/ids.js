/**
 * Resume tracking and de-duplication of event ids.
 *
 * Ids are opaque strings: the client never parses or compares them for order.
 * It only remembers the last id it received (the resume point it sends back as
 * `?lastEventId=` on reconnect) and a small window of recently delivered ids, so
 * an event seen twice — at the seam of two overlapping streams, or replayed after
 * a reconnect — is delivered once.
 */
export class ResumeTracker {
  /**
   * @param {{last?: string|null, window?: number}} [options]
   *        window: how many recent ids to remember for de-duplication
   */
  constructor({ last = null, window = 512 } = {}) {
    this._last = last == null || last === '' ? null : String(last);
    this._window = Math.max(1, Math.floor(window) || 1);
    this._recent = new Set();
    this._order = [];
    if (this._last !== null) this._remember(this._last);
  }

  /** The resume point: id of the last event received, or null. */
  get last() {
    return this._last;
  }

  /** True when this id was already accepted (within the recent window). */
  seen(id) {
    return id != null && this._recent.has(String(id));
  }

  /**
   * Records an event's id. Returns true when the event should be delivered,
   * false when it is a duplicate. Events without id (snapshots, heartbeats)
   * are always delivered and never move the resume point.
   *
   * @param {string} [position] the stream's last `id:` with this event, when it
   *        differs from the event's own: a stream over topics on several shards
   *        sends its cursor there, and that is what it resumes from
   */
  accept(id, position) {
    if (id == null || id === '') return true;
    const key = String(id);
    if (this._recent.has(key)) return false;
    this._remember(key);
    this._last = position == null || position === '' ? key : String(position);
    return true;
  }

  /** Forgets everything, optionally starting from a given resume point. */
  reset(last = null) {
    this._recent.clear();
    this._order = [];
    this._last = last == null || last === '' ? null : String(last);
    if (this._last !== null) this._remember(this._last);
  }

  _remember(key) {
    this._recent.add(key);
    this._order.push(key);
    if (this._order.length > this._window * 2) {
      // Amortised trim: drop the oldest half in one go rather than shift() per event.
      const drop = this._order.splice(0, this._order.length - this._window);
      for (const old of drop) this._recent.delete(old);
    }
  }
}
