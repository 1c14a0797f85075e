/** A minimal event emitter: one listener throwing never stops the others. */
export class Emitter {
  constructor() {
    this._listeners = new Map();
  }

  /** Registers fn for name; returns a function that removes it. */
  on(name, fn) {
    let set = this._listeners.get(name);
    if (!set) this._listeners.set(name, (set = new Set()));
    const entry = { fn };
    set.add(entry);
    return () => set.delete(entry);
  }

  emit(name, ...args) {
    const set = this._listeners.get(name);
    if (!set) return;
    for (const entry of [...set]) {
      try {
        entry.fn(...args);
      } catch (err) {
        reportError(err);
      }
    }
  }

  clear() {
    this._listeners.clear();
  }
}

/** Surfaces an error from a callback without breaking the caller's loop. */
export function reportError(err) {
  if (typeof console !== 'undefined') console.error('[herald]', err);
}
