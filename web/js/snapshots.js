/**
 * Remembers the latest snapshot event (an envelope without id) per topic and
 * type, so a second subscriber to a topic whose stream is already open still
 * receives current state — the server only sends snapshots when a stream opens.
 */
// Events without id that are not state: the contract's volatile types (§1), never replayed.
const VOLATILE = new Set(['typing_start', 'typing_stop']);

export class SnapshotCache {
  constructor() {
    this._byTopic = new Map();
  }

  /** Stores env when it is a snapshot; returns true when it was stored. */
  remember(env) {
    if (!env || (env.id != null && env.id !== '') || typeof env.topic !== 'string') return false;
    if (VOLATILE.has(env.type)) return false;
    let byType = this._byTopic.get(env.topic);
    if (!byType) this._byTopic.set(env.topic, (byType = new Map()));
    byType.set(env.type, env);
    return true;
  }

  /** Snapshots held for a topic, in arrival order of their types. */
  get(topic) {
    const byType = this._byTopic.get(topic);
    return byType ? [...byType.values()] : [];
  }

  forget(topic) {
    this._byTopic.delete(topic);
  }

  /** Drops every topic not in keep. */
  retain(keep) {
    const set = new Set(keep);
    for (const topic of [...this._byTopic.keys()]) if (!set.has(topic)) this._byTopic.delete(topic);
  }

  clear() {
    this._byTopic.clear();
  }
}
