/**
 * A small live store: bounded history per stream (default 1000 points), plain
 * values by key, and subscriptions through a selector that fire only when the
 * selected value changes.
 *
 *   const store = createStore({ limit: 1000 });
 *   store.subscribe((s) => s.last('metrics'), (point) => draw(point));
 *   store.push('metrics', { t: Date.now(), cpu: 0.4 });
 *   store.latest('metrics', 60);   // the 60 newest points, oldest first
 */
export function createStore({ limit = 1000, limits = {} } = {}) {
  const defaultLimit = positive(limit, 1000);
  const streams = new Map();
  const values = new Map();
  const watchers = new Set();
  let batchDepth = 0;
  let dirty = false;

  const limitOf = (name) => positive(limits[name], defaultLimit);

  function series(name) {
    let s = streams.get(name);
    if (!s) streams.set(name, (s = { points: [], limit: limitOf(name) }));
    return s;
  }

  function trim(s) {
    // Amortised: let the array grow to twice the limit, then cut it back in one slice.
    if (s.points.length > s.limit * 2) s.points = s.points.slice(-s.limit);
  }

  function notify() {
    if (batchDepth > 0) {
      dirty = true;
      return;
    }
    dirty = false;
    for (const w of [...watchers]) {
      if (!w.active) continue;
      let next;
      try {
        next = w.selector(store);
      } catch (err) {
        report(err);
        continue;
      }
      if (w.equals(next, w.value)) continue;
      const prev = w.value;
      w.value = next;
      try {
        w.listener(next, prev);
      } catch (err) {
        report(err);
      }
    }
  }

  const store = {
    /** Appends one point to a stream. */
    push(name, point) {
      const s = series(name);
      s.points.push(point);
      trim(s);
      notify();
    },

    /** Appends many points with one notification. */
    pushMany(name, points) {
      const s = series(name);
      for (const p of points) s.points.push(p);
      trim(s);
      notify();
    },

    /** Replaces a stream's history (after refetching a snapshot over REST). */
    replace(name, points) {
      const s = series(name);
      s.points = [...points].slice(-s.limit);
      notify();
    },

    /** A copy of a stream's history, oldest first, at most `limit` points. */
    history(name) {
      const s = streams.get(name);
      return s ? s.points.slice(-s.limit) : [];
    },

    /** The n newest points, oldest first. */
    latest(name, n = 1) {
      const s = streams.get(name);
      if (!s || n <= 0) return [];
      return s.points.slice(-Math.min(Math.floor(n), s.limit));
    },

    /** The newest point, or undefined. */
    last(name) {
      const s = streams.get(name);
      return s && s.points.length ? s.points[s.points.length - 1] : undefined;
    },

    size(name) {
      const s = streams.get(name);
      return s ? Math.min(s.points.length, s.limit) : 0;
    },

    streams() {
      return [...streams.keys()];
    },

    /** Plain values by key. */
    get(key) {
      return values.get(key);
    },

    set(key, value) {
      if (Object.is(values.get(key), value) && values.has(key)) return;
      values.set(key, value);
      notify();
    },

    update(key, fn) {
      store.set(key, fn(values.get(key)));
    },

    /** Clears one stream, or every stream and value. */
    clear(name) {
      if (name === undefined) {
        streams.clear();
        values.clear();
      } else {
        streams.delete(name);
      }
      notify();
    },

    /** Runs fn and notifies once at the end. */
    batch(fn) {
      batchDepth += 1;
      try {
        return fn(store);
      } finally {
        batchDepth -= 1;
        if (batchDepth === 0 && dirty) notify();
      }
    },

    /**
     * Calls listener(value, previous) whenever selector(store) changes (by `equals`,
     * default Object.is; use shallowEqual for selectors that build arrays or objects).
     * With immediate, calls it once at once with the current value.
     */
    subscribe(selector, listener, { equals = Object.is, immediate = false } = {}) {
      const w = { selector, listener, equals, active: true, value: undefined };
      try {
        w.value = selector(store);
      } catch (err) {
        report(err);
      }
      watchers.add(w);
      if (immediate) {
        try {
          listener(w.value, undefined);
        } catch (err) {
          report(err);
        }
      }
      return () => {
        w.active = false;
        watchers.delete(w);
      };
    },
  };
  return store;
}

/** Equal when both are arrays (or plain objects) with identical elements (or own values). */
export function shallowEqual(a, b) {
  if (Object.is(a, b)) return true;
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i += 1) if (!Object.is(a[i], b[i])) return false;
    return true;
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && Object.is(a[k], b[k]));
}

function positive(n, fallback) {
  return Number.isFinite(n) && n >= 1 ? Math.floor(n) : fallback;
}

function report(err) {
  if (typeof console !== 'undefined') console.error('[herald store]', err);
}
