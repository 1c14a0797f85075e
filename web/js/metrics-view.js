/**
 * Pure helpers of the dashboard: how each figure reads, which way it is going,
 * and the bounded series the charts draw. No DOM here, so Node tests cover it.
 */

/** The six figures of the metrics topic, in card order. */
export const METRICS = Object.freeze([
  { key: 'activeUsers', label: 'Active users', unit: 'count' },
  { key: 'requestsPerMinute', label: 'Requests / min', unit: 'count' },
  { key: 'errorRate', label: 'Error rate', unit: 'fraction' },
  { key: 'avgResponseTime', label: 'Avg response time', unit: 'ms' },
  { key: 'systemLoad', label: 'System load', unit: 'fraction' },
  { key: 'memoryUsage', label: 'Memory', unit: 'fraction' },
]);

const UNITS = new Map(METRICS.map((m) => [m.key, m.unit]));

/** `12`, `1,204`, `4.5%`, `230 ms`, `0.8 ms`; `—` when there is no number. */
export function formatMetric(key, value) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '—';
  switch (UNITS.get(key)) {
    case 'fraction':
      return `${(value * 100).toFixed(1)}%`;
    case 'ms':
      return `${value < 10 ? value.toFixed(1) : Math.round(value).toLocaleString('en-US')} ms`;
    default:
      return Math.round(value).toLocaleString('en-US');
  }
}

/**
 * 'up', 'down' or 'flat': the mean of the newest `span` values against the mean of
 * the `span` before them. A change under `tolerance` of the larger mean (or under
 * `floor` in absolute terms, so noise around zero stays flat) is flat.
 */
export function trend(values, { span = 5, tolerance = 0.02, floor = 1e-6 } = {}) {
  const nums = values.filter((v) => typeof v === 'number' && Number.isFinite(v));
  if (nums.length < 2) return 'flat';
  const n = Math.min(span, Math.floor(nums.length / 2));
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const recent = mean(nums.slice(-n));
  const before = mean(nums.slice(-2 * n, -n));
  const diff = recent - before;
  if (Math.abs(diff) <= Math.max(floor, tolerance * Math.max(Math.abs(recent), Math.abs(before)))) return 'flat';
  return diff > 0 ? 'up' : 'down';
}

/**
 * The columns a chart draws: x in seconds (uPlot's time axis) and one array per
 * metric, appended in time order and cut to the newest `limit` points. A sample
 * not newer than the last one (the snapshot repeating the latest update, a
 * history page overlapping the stream) is ignored.
 */
export function createSeries(limit = 900) {
  const xs = [];
  const ys = new Map(METRICS.map((m) => [m.key, []]));
  let lastT = -Infinity;

  return {
    /** Adds a sample `{timestamp, activeUsers, …}`; returns true when it was new. */
    add(sample) {
      const t = Number(sample?.timestamp);
      if (!Number.isFinite(t) || t <= lastT) return false;
      lastT = t;
      xs.push(t / 1000);
      for (const [key, column] of ys) column.push(typeof sample[key] === 'number' ? sample[key] : null);
      if (xs.length > limit) {
        const cut = xs.length - limit;
        xs.splice(0, cut);
        for (const column of ys.values()) column.splice(0, cut);
      }
      return true;
    },
    /** [xs, ys] for one metric, as uPlot's setData takes it (the same arrays each time). */
    data(key) {
      return [xs, ys.get(key)];
    },
    values(key) {
      return ys.get(key) ?? [];
    },
    get size() {
      return xs.length;
    },
    get lastTimestamp() {
      return lastT;
    },
  };
}

/** An alert's sentence as the panel shows it. */
export function describeAlert(alert) {
  const label = METRICS.find((m) => m.key === alert?.metric)?.label ?? String(alert?.metric ?? 'metric');
  const value = formatMetric(alert?.metric, alert?.value);
  const limit = formatMetric(alert?.metric, alert?.threshold);
  return alert?.state === 'resolved'
    ? `${label} back to ${value} (limit ${limit})`
    : `${label} ${value} above ${limit}`;
}
