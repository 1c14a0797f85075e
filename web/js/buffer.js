/**
 * Coalesces high-rate updates: items pushed between two flushes are handed to
 * flush(items) together, at most once per animation frame (or once per
 * `interval` ms when set). A buffer that reaches maxSize flushes at once, so
 * memory stays bounded even where frames do not run (hidden tabs); a frame that
 * never comes is covered by a `maxWait` timer.
 *
 * With `key`, items with the same key replace each other (last write wins):
 * only the newest value per key is flushed.
 *
 *   const buf = createBuffer((points) => chart.add(points), { maxSize: 500 });
 *   subscribe('metrics', (e) => buf.push(e.data));
 */
export function createBuffer(flush, { interval = 0, maxSize = 1000, maxWait = 250, key = null, scheduler = null } = {}) {
  if (typeof flush !== 'function') throw new TypeError('flush must be a function');
  const limit = Number.isFinite(maxSize) && maxSize >= 1 ? Math.floor(maxSize) : 1000;
  const schedule = scheduler ?? defaultScheduler(interval, maxWait);
  let list = [];
  let keyed = new Map();
  let cancel = null;
  let disposed = false;

  const size = () => (key ? keyed.size : list.length);

  function run() {
    cancel = null;
    flushNow();
  }

  function flushNow() {
    if (cancel) {
      cancel();
      cancel = null;
    }
    if (size() === 0) return;
    const items = key ? [...keyed.values()] : list;
    list = [];
    keyed = new Map();
    flush(items);
  }

  return {
    push(item) {
      if (disposed) return;
      if (key) {
        const k = key(item);
        keyed.delete(k); // re-insert so flush order follows the latest update
        keyed.set(k, item);
      } else {
        list.push(item);
      }
      if (size() >= limit) flushNow();
      else if (!cancel) cancel = schedule(run);
    },
    /** Flushes now whatever is pending. */
    flush: flushNow,
    get size() {
      return size();
    },
    /** Drops pending items without flushing. */
    clear() {
      list = [];
      keyed = new Map();
      if (cancel) cancel();
      cancel = null;
    },
    dispose() {
      this.clear();
      disposed = true;
    },
  };
}

/**
 * The default scheduler: a timer when an interval is set, else the next animation
 * frame raced against a maxWait timer (frames stop in hidden tabs), else a timer.
 * A scheduler takes a callback and returns a cancel function.
 */
export function defaultScheduler(interval = 0, maxWait = 250) {
  const raf = typeof requestAnimationFrame === 'function' ? requestAnimationFrame : null;
  const caf = typeof cancelAnimationFrame === 'function' ? cancelAnimationFrame : null;
  if (interval > 0 || !raf) {
    const ms = interval > 0 ? interval : 16;
    return (cb) => {
      const t = setTimeout(cb, ms);
      return () => clearTimeout(t);
    };
  }
  return (cb) => {
    let done = false;
    const fire = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (caf) caf(frame);
      cb();
    };
    const frame = raf(fire);
    const timer = setTimeout(fire, maxWait);
    return () => {
      done = true;
      clearTimeout(timer);
      if (caf) caf(frame);
    };
  };
}
